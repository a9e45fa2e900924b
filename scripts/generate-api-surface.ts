/**
 * Derives the "API surface" the conformance tests check our BigCommerce requests against, from BigCommerce's
 * OpenAPI files (reference/*.yml of https://github.com/bigcommerce/docs): for every operation under the paths we may use,
 * the documented query parameter names and the documented request-body property tree (top level and array items,
 * with $ref / allOf / oneOf / anyOf resolved). Only these derived facts are committed; the spec files carry no
 * license and stay out of the repository.
 *
 *   npx ts-node --transpile-only scripts/generate-api-surface.ts [specs-dir] [out.json]
 */
import { readFileSync, writeFileSync } from 'fs';
import { load } from 'js-yaml';
import { join, resolve } from 'path';

export const SPEC_FILES = [
	'orders.v2.oas2.yml',
	'store_information.v2.yml',
	'products_catalog.v3.yml',
	'product-variants_catalog.v3.yml',
	'inventory.v3.yml',
	'locations.v3.yml',
];

/** Operations we may call, as full paths (version included). */
const IN_SCOPE = [/^\/v2\/store$/, /^\/v2\/time$/, /^\/v2\/order_statuses(\/|$)/, /^\/v2\/orders(\/|$)/, /^\/v3\/catalog\/products(\/|$)/, /^\/v3\/catalog\/variants(\/|$)/, /^\/v3\/inventory\//];

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/**
 * A documented body shape: `properties` for objects (every documented name), `items` for arrays, `open` when the
 * spec allows any property (additionalProperties, or an object without documented properties). Leaves are `{}`.
 */
export interface BodyShape {
	properties?: Record<string, BodyShape>;
	/** Properties the schema (or an allOf part of it) marks required; oneOf/anyOf alternatives add none. */
	required?: string[];
	items?: BodyShape;
	open?: true;
	/** Scalar constraints: JSON type (integer, number, string, boolean), allowed values, maximum string length. */
	type?: string;
	enum?: Array<string | number | boolean | null>;
	maxLength?: number;
}

export interface SurfaceOperation {
	method: string;
	/** Template with the version, e.g. `/v2/orders/{order_id}/shipments`. */
	path: string;
	operationId?: string;
	file: string;
	query: string[];
	/** Allowed values of the query parameters whose schema has an enum; `list` = comma-separated array (form, explode false). */
	queryEnums?: Record<string, { values: string[]; list?: true }>;
	/** Header parameters the operation marks required (besides the X-Auth-Token security header). */
	headers?: string[];
	body?: BodyShape;
}

export interface ApiSurface {
	description: string;
	specs: string[];
	operations: SurfaceOperation[];
}

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

class Spec {
	constructor(
		readonly file: string,
		readonly doc: Node,
	) {}

	deref(value: unknown, seen: Set<string> = new Set()): { node: Node | undefined; ref?: string } {
		let node = value;
		let ref: string | undefined;
		while (isNode(node) && typeof node.$ref === 'string') {
			ref = node.$ref;
			if (!ref.startsWith('#/')) throw new Error(`${this.file}: external $ref ${ref} is not supported`);
			if (seen.has(ref)) return { node: undefined, ref };
			node = ref
				.slice(2)
				.split('/')
				.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
				.reduce<unknown>((n, key) => (isNode(n) ? n[key] : undefined), this.doc);
			if (node === undefined) throw new Error(`${this.file}: unresolved $ref ${ref}`);
		}
		return { node: isNode(node) ? node : undefined, ref };
	}

	/** The body shape of a schema; `stack` holds the $refs being expanded (recursive schemas end as open leaves). */
	shape(schema: unknown, stack: string[] = []): BodyShape {
		const { node, ref } = this.deref(schema, new Set(stack));
		if (!node) return ref ? { open: true } : {};
		const inner = ref ? [...stack, ref] : stack;
		const out: BodyShape = {};
		const merge = (s: BodyShape, withRequired = true): void => {
			if (s.properties) out.properties = mergeProperties(out.properties ?? {}, s.properties);
			if (withRequired && s.required) out.required = [...new Set([...(out.required ?? []), ...s.required])];
			if (s.items) out.items = out.items ? mergeShapes(out.items, s.items) : s.items;
			if (s.open) out.open = true;
			if (s.type && !out.type) out.type = s.type;
			if (s.enum && !out.enum) out.enum = s.enum;
			if (s.maxLength !== undefined && out.maxLength === undefined) out.maxLength = s.maxLength;
		};
		const allOf = node.allOf;
		if (Array.isArray(allOf)) for (const part of allOf) merge(this.shape(part, inner));
		for (const key of ['oneOf', 'anyOf']) {
			const parts = node[key];
			// Alternatives: a value may match any of them, so only what they all constrain stays a constraint.
			if (Array.isArray(parts) && parts.length) merge(parts.map((part) => this.shape(part, inner)).reduce(mergeShapes), false);
		}
		if (['integer', 'number', 'string', 'boolean'].includes(String(node.type))) out.type = String(node.type);
		if (Array.isArray(node.enum)) out.enum = node.enum as BodyShape['enum'];
		if (typeof node.maxLength === 'number') out.maxLength = node.maxLength;
		if (isNode(node.properties)) {
			const props: Record<string, BodyShape> = {};
			for (const [name, sub] of Object.entries(node.properties)) props[name] = this.shape(sub, inner);
			merge({ properties: props });
		}
		if (Array.isArray(node.required)) merge({ required: node.required.map(String) });
		if (node.items !== undefined) merge({ items: this.shape(node.items, inner) });
		if (node.additionalProperties === true || isNode(node.additionalProperties)) out.open = true;
		if (node.type === 'object' && !out.properties && !out.open) out.open = true;
		return sortShape(out);
	}
}

function mergeProperties(a: Record<string, BodyShape>, b: Record<string, BodyShape>): Record<string, BodyShape> {
	const out = { ...a };
	for (const [k, v] of Object.entries(b)) out[k] = out[k] ? mergeShapes(out[k], v) : v;
	return out;
}

function mergeShapes(a: BodyShape, b: BodyShape): BodyShape {
	const out: BodyShape = {};
	if (a.properties || b.properties) out.properties = mergeProperties(a.properties ?? {}, b.properties ?? {});
	// Two documented variants of one field: only what both require is required.
	if (a.required && b.required) out.required = a.required.filter((r) => b.required!.includes(r));
	if (a.items || b.items) out.items = a.items && b.items ? mergeShapes(a.items, b.items) : (a.items ?? b.items);
	if (a.open || b.open) out.open = true;
	// Leaf constraints hold only when both variants have them.
	if (a.type && b.type) out.type = a.type === b.type ? a.type : a.type === 'number' || b.type === 'number' ? (a.type === 'integer' || b.type === 'integer' ? 'number' : undefined) : undefined;
	if (!out.type) delete out.type;
	if (a.enum && b.enum) out.enum = [...new Set([...a.enum, ...b.enum])];
	if (a.maxLength !== undefined && b.maxLength !== undefined) out.maxLength = Math.max(a.maxLength, b.maxLength);
	return sortShape(out);
}

function sortShape(s: BodyShape): BodyShape {
	const out: BodyShape = {};
	if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
	if (s.required?.length) out.required = [...s.required].sort();
	if (s.items) out.items = s.items;
	if (s.open) out.open = true;
	if (s.type) out.type = s.type;
	if (s.enum) out.enum = s.enum;
	if (s.maxLength !== undefined) out.maxLength = s.maxLength;
	return out;
}

function versionOf(spec: Spec): string {
	const servers = spec.doc.servers;
	const url = Array.isArray(servers) && isNode(servers[0]) ? String(servers[0].url) : '';
	const m = /\/(v[23])\/?$/.exec(url);
	if (!m) throw new Error(`${spec.file}: cannot tell the API version from servers[0].url ${url}`);
	return m[1];
}

function queryParams(spec: Spec, ...lists: unknown[]): Pick<SurfaceOperation, 'query' | 'queryEnums'> {
	const names = new Set<string>();
	const enums: Record<string, { values: string[]; list?: true }> = {};
	for (const list of lists) {
		if (!Array.isArray(list)) continue;
		for (const p of list) {
			const { node } = spec.deref(p);
			if (node?.in !== 'query' || typeof node.name !== 'string') continue;
			names.add(node.name);
			const schema = spec.deref(node.schema).node;
			const isList = schema?.type === 'array';
			const values = (isList ? spec.deref(schema?.items).node : schema)?.enum;
			if (Array.isArray(values)) enums[node.name] = { values: values.map(String), ...(isList && node.explode === false ? { list: true as const } : {}) };
		}
	}
	const sortedEnums = Object.fromEntries(Object.entries(enums).sort(([a], [b]) => (a < b ? -1 : 1)));
	return { query: [...names].sort(), ...(Object.keys(enums).length ? { queryEnums: sortedEnums } : {}) };
}

function requiredHeaders(spec: Spec, ...lists: unknown[]): string[] {
	const names = new Set<string>();
	for (const list of lists) {
		if (!Array.isArray(list)) continue;
		for (const p of list) {
			const { node } = spec.deref(p);
			if (node?.in === 'header' && node.required === true && typeof node.name === 'string') names.add(node.name);
		}
	}
	return [...names].sort();
}

function bodyShape(spec: Spec, op: Node): BodyShape | undefined {
	const { node: body } = spec.deref(op.requestBody);
	if (!body || !isNode(body.content)) return undefined;
	const json = Object.entries(body.content).find(([type]) => type.includes('json'));
	if (!json || !isNode(json[1]) || json[1].schema === undefined) return { open: true };
	return spec.shape(json[1].schema);
}

export function buildSurface(dir: string): ApiSurface {
	const operations: SurfaceOperation[] = [];
	for (const file of SPEC_FILES) {
		const spec = new Spec(file, load(readFileSync(join(dir, file), 'utf8')) as Node);
		const version = versionOf(spec);
		for (const [template, item] of Object.entries((spec.doc.paths ?? {}) as Record<string, Node>)) {
			const path = `/${version}${template}`;
			if (!IN_SCOPE.some((re) => re.test(path))) continue;
			for (const method of METHODS) {
				const op = item[method];
				if (!isNode(op)) continue;
				const entry: SurfaceOperation = {
					method: method.toUpperCase(),
					path,
					...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
					file,
					...queryParams(spec, item.parameters, op.parameters),
				};
				const headers = requiredHeaders(spec, item.parameters, op.parameters);
				if (headers.length) entry.headers = headers;
				const body = bodyShape(spec, op);
				if (body) entry.body = body;
				operations.push(entry);
			}
		}
	}
	operations.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1));
	return {
		description:
			'Derived from BigCommerce OpenAPI files (github.com/bigcommerce/docs, reference/) by scripts/generate-api-surface.ts: documented query parameter names and request-body property trees of the operations this package may call. Regenerate, do not edit.',
		specs: SPEC_FILES,
		operations,
	};
}

/** One operation per line: compact, and a regenerated file diffs by operation. */
export function renderSurface(surface: ApiSurface): string {
	const ops = surface.operations.map((op) => `\t\t${JSON.stringify(op)}`).join(',\n');
	return `{\n\t"description": ${JSON.stringify(surface.description)},\n\t"specs": ${JSON.stringify(surface.specs)},\n\t"operations": [\n${ops}\n\t]\n}\n`;
}

export const DEFAULT_OUT = resolve(__dirname, '..', 'test', 'fixtures', 'bigcommerce-api-surface.json');
export const defaultSpecsDir = (): string => process.env.BC_OPENAPI_DIR ?? resolve(__dirname, '..', '..', 'shared', 'bigcommerce-openapi');

if (require.main === module) {
	const dir = process.argv[2] ?? defaultSpecsDir();
	const out = process.argv[3] ?? DEFAULT_OUT;
	const surface = buildSurface(dir);
	writeFileSync(out, renderSurface(surface));
	console.log(`${out}: ${surface.operations.length} operations`);
}
