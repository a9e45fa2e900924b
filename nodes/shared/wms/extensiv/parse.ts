/**
 * Reading 3PL Warehouse Manager responses in both shapes it produces: HAL (camelCase, lists under `_embedded` keyed
 * by rel URI, seen with both `api.3plCentral.com` and `api.3plcentral.com`) and plain JSON (PascalCase,
 * `ResourceList` / `Summaries`). Every key is matched case-insensitively.
 */
export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

export function asObjects(value: unknown): Json[] | undefined {
	return Array.isArray(value) ? value.filter((v): v is Json => asObject(v) !== undefined) : undefined;
}

/** The value of the first of `names` present on `obj`, keys compared case-insensitively. */
export function field(obj: unknown, ...names: string[]): unknown {
	const o = asObject(obj);
	if (!o) return undefined;
	for (const name of names) {
		if (name in o) return o[name];
		const lower = name.toLowerCase();
		for (const key of Object.keys(o)) if (key.toLowerCase() === lower) return o[key];
	}
	return undefined;
}

/** Dotted path, each step case-insensitive: `fieldPath(order, 'readOnly.orderId')`. */
export function fieldPath(obj: unknown, path: string): unknown {
	let current: unknown = obj;
	for (const step of path.split('.')) {
		current = field(current, step);
		if (current === undefined || current === null) return undefined;
	}
	return current;
}

export function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export function numberOf(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '') {
		const n = Number(value);
		return Number.isFinite(n) ? n : undefined;
	}
	return undefined;
}

const REL_URI = /^https?:\/\/api\.3plcentral\.com\/rels\//i;

/** The list under `_embedded` for a rel such as `orders/order` (full rel URI in either casing, or the bare rel). */
export function embeddedList(obj: unknown, rel: string): Json[] | undefined {
	const embedded = asObject(field(obj, '_embedded'));
	if (!embedded) return undefined;
	const wanted = rel.toLowerCase();
	for (const key of Object.keys(embedded)) {
		const bare = key.replace(REL_URI, '').toLowerCase();
		if (bare === wanted) return asObjects(embedded[key]) ?? [];
	}
	return undefined;
}

/** A list from HAL (`_embedded[rel]`) or plain JSON (the first of `plainKeys`, e.g. `ResourceList`). */
export function listOf(obj: unknown, rel: string, ...plainKeys: string[]): Json[] | undefined {
	const fromHal = embeddedList(obj, rel);
	if (fromHal) return fromHal;
	for (const key of plainKeys) {
		const list = asObjects(field(obj, key));
		if (list) return list;
	}
	return undefined;
}

export function totalResults(obj: unknown): number | undefined {
	return numberOf(field(obj, 'totalResults'));
}
