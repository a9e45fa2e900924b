/**
 * The demo's closing summary: numbers taken from the nodes' output items (and the sandboxes' request logs for the
 * API calls), in words a merchant reads.
 */
import type { IDataObject } from 'n8n-workflow';
import { deliveredOrderIds, finalStatuses, isPartiallyShippedStatus, isShippedStatus } from './checks';
import type { CycleReport, StepReport } from './cycle';

export interface Summary {
	/** Orders awaiting fulfillment before the download (from the store, to explain orders the trigger left out). */
	ordersAwaitingBefore: number;
	ordersDownloaded: number;
	ordersDelivered: number;
	warehouseOrdersCreated: number;
	warehouseOrdersExisting: number;
	held: Array<{ orderId: number; reason: string }>;
	deliveryFailed: Array<{ orderId: number; reason: string }>;
	packagesShipped: number;
	shipmentsCreated: number;
	shipmentsExisting: number;
	ordersShipped: number;
	ordersPartiallyShipped: number;
	/** Delivered orders of which no package was confirmed (e.g. the warehouse gave no package detail). */
	ordersNotConfirmed: number;
	shipmentProblems: Array<{ reference: string; outcome: string; reason: string }>;
	skusInWarehouse: number;
	skusUpdated: number;
	skusUnchanged: number;
	skuProblems: Array<{ sku: string; outcome: string; reason: string }>;
	calls: Array<{ step: string; bigCommerce: number; wms: number }>;
	/** Most BigCommerce requests in any rate-limit window, and the limit. */
	peakWindow: { requests: number; quota: number };
}

const outcome = (items: IDataObject[], ...outcomes: string[]) => items.filter((i) => outcomes.includes(String(i.outcome)));

export function summarize(
	report: CycleReport,
	store: { skusInWarehouse: number; ordersAwaitingBefore: number; peakWindow: Summary['peakWindow'] },
): Summary {
	const { skusInWarehouse, ordersAwaitingBefore, peakWindow } = store;
	const d = report.download.results;
	const c = report.confirmation.results;
	const s = report.inventory.results;
	const statuses = [...finalStatuses(c).values()];
	const step = (name: string, r: StepReport) => ({ step: name, ...r.calls });
	return {
		ordersAwaitingBefore,
		ordersDownloaded: new Set(report.emitted.map((o) => o.orderId)).size,
		ordersDelivered: deliveredOrderIds(d).length,
		warehouseOrdersCreated: outcome(d, 'created').length,
		warehouseOrdersExisting: outcome(d, 'exists').length,
		held: outcome(d, 'held').map((r) => ({ orderId: Number(r.orderId), reason: String(r.reason ?? '') })),
		deliveryFailed: outcome(d, 'failed').map((r) => ({ orderId: Number(r.orderId), reason: String(r.reason ?? '') })),
		packagesShipped: report.shipped.filter((r) => r.status === 'closed').reduce((n, r) => n + r.packages.length, 0),
		shipmentsCreated: outcome(c, 'created').length,
		shipmentsExisting: outcome(c, 'exists').length,
		ordersShipped: statuses.filter(isShippedStatus).length,
		ordersPartiallyShipped: statuses.filter(isPartiallyShippedStatus).length,
		ordersNotConfirmed: deliveredOrderIds(d).filter((id) => !outcome(c, 'created', 'exists').some((r) => Number(r.orderId) === id)).length,
		shipmentProblems: outcome(c, 'failed', 'skipped').map((r) => ({ reference: String(r.reference), outcome: String(r.outcome), reason: String(r.reason ?? '') })),
		skusInWarehouse,
		skusUpdated: outcome(s, 'updated').length,
		// The shipped workflow outputs changes and problems only: every other warehouse SKU already matched.
		skusUnchanged: skusInWarehouse - s.length + outcome(s, 'unchanged').length,
		skuProblems: outcome(s, 'failed', 'skipped').map((r) => ({ sku: String(r.sku), outcome: String(r.outcome), reason: String(r.reason ?? '') })),
		peakWindow,
		calls: [step('Order download', report.download), step('Shipment confirmation', report.confirmation), step('Inventory sync', report.inventory)],
	};
}

/** "1 more order has" / "2 more orders have". */
function plural(n: number, noun: string, one: string, many: string): string {
	return n === 1 ? `1 ${noun} ${one}` : `${n} ${noun}s ${many}`;
}

/** First sentence-ish of a long reason, for one line of output. */
function short(text: string, max = 150): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** Held reasons repeat the order id WMS Deliver already gives: keep the part that says what is wrong. */
function heldReason(text: string): string {
	return text.replace(/^Order \d+ was held and not sent to the warehouse as [^:]+: /, '').replace(/^Order \d+: /, '');
}

/** Groups problems whose reasons differ only in the SKU and ids: "14 SKUs: <reason> (e.g. A, B)". */
function grouped(problems: Array<{ sku: string; outcome: string; reason: string }>): string[] {
	const groups = new Map<string, { example: string; skus: string[] }>();
	for (const p of problems) {
		const key = `${p.outcome}|${p.reason.split(p.sku).join('#').replace(/\d+/g, 'N')}`;
		const g = groups.get(key) ?? { example: `${p.outcome}: ${p.reason}`, skus: [] };
		g.skus.push(p.sku);
		groups.set(key, g);
	}
	return [...groups.values()]
		.sort((a, b) => b.skus.length - a.skus.length)
		.map((g) => `${g.skus.length} SKU${g.skus.length === 1 ? '' : 's'} (e.g. ${g.skus.slice(0, 3).join(', ')}), ${short(g.example, 170)}`);
}

function list<T>(items: T[], line: (item: T) => string, max: number): string[] {
	const shown = items.slice(0, max).map((i) => `      - ${line(i)}`);
	if (items.length > max) shown.push(`      (and ${items.length - max} more)`);
	return shown;
}

export function formatSummary(s: Summary): string[] {
	const total = s.calls.reduce((t, c) => ({ bigCommerce: t.bigCommerce + c.bigCommerce, wms: t.wms + c.wms }), { bigCommerce: 0, wms: 0 });
	const pad = (text: string) => text.padEnd(24);
	return [
		'Summary',
		'  Orders (BigCommerce -> warehouse)',
		`    ${s.ordersDownloaded} new orders downloaded from BigCommerce` +
			(s.ordersAwaitingBefore > s.ordersDownloaded
				? ` (${plural(s.ordersAwaitingBefore - s.ordersDownloaded, 'more order', 'has', 'have')} nothing for a warehouse to ship, e.g. digital downloads only)`
				: ''),
		`    ${s.ordersDelivered} delivered to the warehouse and set to Awaiting Shipment (${s.warehouseOrdersCreated} warehouse orders created, one per shipping address; ${s.warehouseOrdersExisting} were already there)`,
		`    ${s.held.length} held, not sent to the warehouse:`,
		...list(s.held, (h) => `order ${h.orderId}: ${short(heldReason(h.reason), 200)}`, 10),
		...(s.deliveryFailed.length ? [`    ${s.deliveryFailed.length} failed:`, ...list(s.deliveryFailed, (h) => `order ${h.orderId}: ${short(h.reason)}`, 10)] : []),
		'  Shipments (warehouse -> BigCommerce)',
		`    The warehouse shipped ${s.packagesShipped} packages`,
		`    ${s.shipmentsCreated} shipments created in BigCommerce with tracking numbers (${s.shipmentsExisting} were already there)`,
		`    Orders now Shipped: ${s.ordersShipped}, Partially Shipped: ${s.ordersPartiallyShipped}; no package confirmed yet: ${s.ordersNotConfirmed}`,
		`    ${s.shipmentProblems.length} need attention:`,
		...list(s.shipmentProblems, (p) => `${p.reference} (${p.outcome}): ${short(p.reason, 200)}`, 5),
		'  Stock (warehouse -> BigCommerce)',
		`    ${s.skusInWarehouse} SKUs in the warehouse: ${s.skusUpdated} updated in BigCommerce, ${s.skusUnchanged} already right, ${s.skuProblems.length} skipped or failed:`,
		...list(grouped(s.skuProblems), (line) => line, 5),
		'  API calls used',
		`    ${pad('')}BigCommerce   warehouse`,
		...[...s.calls, { step: 'Total', ...total }].map((c) => `    ${pad(c.step)}${String(c.bigCommerce).padStart(11)}   ${String(c.wms).padStart(9)}`),
		`    BigCommerce rate limit: at most ${s.peakWindow.requests} requests in any window (the store allows ${s.peakWindow.quota})`,
	];
}
