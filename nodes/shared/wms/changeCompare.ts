/**
 * Comparing what the warehouse holds with what BigCommerce now says (WMS Order Changes): addresses in a few plain
 * fields, lines as SKU -> quantity. Letter case and surrounding spaces never count as a change.
 */
import type { Address, OrderLine } from '../model';
import type { WmsAddressView, WmsOrderContents } from './adapter';

const norm = (v: unknown) => String(v ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

export function addressView(a: Partial<Address>, state?: string): WmsAddressView {
	return {
		name: [a.firstName, a.lastName].map((s) => String(s ?? '').trim()).filter(Boolean).join(' '),
		company: String(a.company ?? '').trim(),
		street1: String(a.street1 ?? '').trim(),
		street2: String(a.street2 ?? '').trim(),
		city: String(a.city ?? '').trim(),
		state: String(state ?? a.state ?? '').trim(),
		postalCode: String(a.postalCode ?? '').trim(),
		country: String(a.countryIso2 || a.country || '').trim(),
	};
}

/** Field names whose values differ (the state compares as name or code, either side). */
export function addressDifferences(before: WmsAddressView, after: WmsAddressView, afterStateNames: string[] = []): string[] {
	const out: string[] = [];
	for (const key of Object.keys(after) as Array<keyof WmsAddressView>) {
		if (key === 'state') {
			const options = [after.state, ...afterStateNames].map(norm);
			if (!options.includes(norm(before.state))) out.push(key);
		} else if (key === 'name' && !norm(before.name) && norm(before.company) === norm(after.company)) {
			continue;
		} else if (norm(before[key]) !== norm(after[key])) out.push(key);
	}
	return out;
}

export type LineView = { sku: string; quantity: number };

export function linesView(lines: Array<Pick<OrderLine, 'sku' | 'quantity'>>): LineView[] {
	const bySku = new Map<string, LineView>();
	for (const l of lines) {
		if (!(l.quantity > 0)) continue;
		const key = norm(l.sku);
		const current = bySku.get(key);
		if (current) current.quantity += l.quantity;
		else bySku.set(key, { sku: String(l.sku).trim(), quantity: l.quantity });
	}
	return [...bySku.values()].sort((a, b) => norm(a.sku).localeCompare(norm(b.sku)));
}

export function sameLines(a: LineView[], b: LineView[]): boolean {
	const x = linesView(a);
	const y = linesView(b);
	return x.length === y.length && x.every((l, i) => norm(l.sku) === norm(y[i].sku) && l.quantity === y[i].quantity);
}

/** "MUG-RED 2 -> 1, POSTER-A2 0 -> 1": only the SKUs whose quantity changed. */
export function lineDifferences(before: LineView[], after: LineView[]): string {
	const b = new Map(linesView(before).map((l) => [norm(l.sku), l]));
	const a = new Map(linesView(after).map((l) => [norm(l.sku), l]));
	const keys = [...new Set([...b.keys(), ...a.keys()])].sort();
	return keys
		.filter((k) => (b.get(k)?.quantity ?? 0) !== (a.get(k)?.quantity ?? 0))
		.map((k) => `${(a.get(k) ?? b.get(k))!.sku} ${b.get(k)?.quantity ?? 0} -> ${a.get(k)?.quantity ?? 0}`)
		.join(', ');
}

export function describeAddress(a: WmsAddressView | undefined): string {
	if (!a) return 'unknown';
	return [a.name, a.company, a.street1, a.street2, a.city, a.state, a.postalCode, a.country].filter(Boolean).join(', ');
}

export type { WmsOrderContents };
