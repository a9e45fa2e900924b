/**
 * The queue-mode scenario against the sandboxes: orders in bursts, the warehouse shipping what arrived, a worker
 * killed mid-run; then the end state: nothing lost, nothing twice, stock exact, the quota held.
 */
import type { BcSandbox } from '../../sandbox/bigcommerce/types';
import type { WmsOrderRecord, WmsSandbox } from '../../sandbox/wms/types';
import type { N8nApi } from '../lib/n8n-api';
import { sleep } from '../lib/n8n-process';
import { executionStatus } from '../lib/wait';

export const AWAITING_FULFILLMENT = 11;

export interface Line {
	sku: string;
	productId: number;
	variantId?: number;
}

/** Product and variant SKUs with tracked stock (what orders are placed with, and what the stock check compares). */
export function trackedLines(bc: BcSandbox): Line[] {
	const out: Line[] = [];
	for (const p of bc.getProducts()) {
		if (p.type !== 'physical' || !p.sku) continue;
		if (p.inventory_tracking === 'product') out.push({ sku: p.sku, productId: p.id });
		if (p.inventory_tracking === 'variant') {
			for (const v of bc.getVariants().filter((x) => x.product_id === p.id && x.sku)) out.push({ sku: v.sku, productId: p.id, variantId: v.id });
		}
	}
	return out;
}

/** The BigCommerce order a WMS reference names (references are the order id, `id/2` for a second destination). */
export const orderOfReference = (ref: string): number => Number(/^(\d+)/.exec(ref)?.[1] ?? NaN);

export interface Expected {
	orderId: number;
	tracking: string;
}

export interface Facts {
	placed: number[];
	placedAt: number[];
	/** Packages the warehouse shipped with a tracking number and contents: each must become one BC shipment. */
	expected: Expected[];
	firstOrderAt?: number;
	allDeliveredAt?: number;
	allConfirmedAt?: number;
	stockExactAt?: number;
	kill?: { worker: string; executionId: string; at: number; createdNotMoved: number[]; restartedInMs: number };
}

/** Orders with a WMS record that BigCommerce still shows Awaiting Fulfillment: created, status not yet moved. */
export function createdNotMoved(bc: BcSandbox, wms: WmsSandbox, placed: Set<number>): number[] {
	const out = new Set<number>();
	for (const r of wms.listOrders()) {
		if (r.status === 'cancelled') continue;
		const id = orderOfReference(r.referenceNum);
		if (placed.has(id) && Number(bc.getOrder(id)?.status_id) === AWAITING_FULFILLMENT) out.add(id);
	}
	return [...out];
}

/** Placed orders not (yet) delivered: no active WMS order, or still Awaiting Fulfillment in BigCommerce. */
export function undelivered(bc: BcSandbox, wms: WmsSandbox, placed: number[]): number[] {
	const inWms = new Set(wms.listOrders().filter((r) => r.status !== 'cancelled').map((r) => orderOfReference(r.referenceNum)));
	return placed.filter((id) => !inWms.has(id) || Number(bc.getOrder(id)?.status_id) === AWAITING_FULFILLMENT);
}

/** References with more than one active warehouse order among the placed orders. */
export function duplicateReferences(wms: WmsSandbox, placed: Set<number>): string[] {
	const count = new Map<string, number>();
	for (const r of wms.listOrders()) {
		if (r.status !== 'cancelled' && placed.has(orderOfReference(r.referenceNum))) count.set(r.referenceNum, (count.get(r.referenceNum) ?? 0) + 1);
	}
	return [...count.entries()].filter(([, n]) => n > 1).map(([ref, n]) => `${ref} x${n}`);
}

export function missingShipments(bc: BcSandbox, expected: Expected[]): Expected[] {
	return expected.filter((e) => !bc.getShipments(e.orderId).some((s) => s.tracking_number === e.tracking));
}

export function stockDiffs(bc: BcSandbox, wms: WmsSandbox, lines: Line[]): string[] {
	const out: string[] = [];
	for (const { sku } of lines) {
		const w = wms.getStock(sku);
		const b = bc.getInventory(sku)?.level;
		if (w !== undefined && b !== w) out.push(`${sku}: BigCommerce ${b}, WMS ${w}`);
	}
	return out;
}

/**
 * Ships the open warehouse orders of `which` whose BigCommerce order left Awaiting Fulfillment (delivery finished:
 * a half-delivered order must stay half-delivered until WMS Deliver comes back to it), one package or two; returns
 * the packages BigCommerce must get.
 */
export function shipOpen(bc: BcSandbox, wms: WmsSandbox, which: Set<number>): Expected[] {
	const out: Expected[] = [];
	let n = 0;
	for (const open of wms.listOrders()) {
		const orderId = orderOfReference(open.referenceNum);
		if (open.status !== 'open' || !which.has(orderId) || Number(bc.getOrder(orderId)?.status_id) === AWAITING_FULFILLMENT) continue;
		const plan = n++ % 2 ? { kind: 'packages' as const, count: 2 } : { kind: 'single' as const };
		for (const r of wms.ship(open.orderId, plan)) {
			for (const p of r.packages) if (p.trackingNumber && p.contents.length) out.push({ orderId, tracking: p.trackingNumber });
		}
	}
	return out;
}

export interface EndState {
	problems: string[];
	lines: string[];
}

/** The end-state assertions. */
export function endState(bc: BcSandbox, wms: WmsSandbox, facts: Facts, lines: Line[], quota: { quota: number; windowMs: number }): EndState {
	const problems: string[] = [];
	const out: string[] = [];
	const placed = new Set(facts.placed);
	const records = wms.listOrders().filter((r) => placed.has(orderOfReference(r.referenceNum)));
	const active = records.filter((r) => r.status !== 'cancelled');
	const byRef = new Map<string, WmsOrderRecord[]>();
	for (const r of active) byRef.set(r.referenceNum, [...(byRef.get(r.referenceNum) ?? []), r]);
	const dupRefs = [...byRef.entries()].filter(([, list]) => list.length > 1);
	const cancelledTwins = records.filter((r) => r.status === 'cancelled').length;

	const lost = undelivered(bc, wms, facts.placed);
	if (lost.length) problems.push(`${lost.length} lost order(s) (not in the WMS, or still Awaiting Fulfillment): ${lost.slice(0, 15).join(', ')}`);
	if (dupRefs.length) {
		problems.push(
			`${dupRefs.length} duplicate warehouse order(s): ${dupRefs.slice(0, 10).map(([ref, l]) => `${ref} x${l.length} (WMS ${l.map((r) => r.orderId).join(', ')})`).join('; ')}`,
		);
	}
	const creates = wms.requestLog().filter((r) => r.method === 'POST' && /\/orders\/?$/.test(r.path) && r.status < 300).length;
	out.push(`${facts.placed.length} orders -> ${byRef.size} active warehouse orders (${creates} accepted creates), ${lost.length} lost, ${dupRefs.length} duplicates` +
		(cancelledTwins ? ` (${cancelledTwins} twin(s) created at the same moment by overlapping runs were cancelled by the guard)` : ''));

	const missing = missingShipments(bc, facts.expected);
	if (missing.length) problems.push(`${missing.length} package(s) without a BigCommerce shipment: ${missing.slice(0, 8).map((e) => `order ${e.orderId} tracking ${e.tracking}`).join('; ')}`);
	let shipments = 0;
	const twice: string[] = [];
	const over: string[] = [];
	for (const orderId of new Set(facts.expected.map((e) => e.orderId))) {
		const list = bc.getShipments(orderId);
		shipments += list.length;
		const seen = new Set<string>();
		for (const s of list) {
			if (!s.tracking_number) continue;
			if (seen.has(s.tracking_number)) twice.push(`order ${orderId} tracking ${s.tracking_number}`);
			seen.add(s.tracking_number);
		}
		for (const line of bc.getOrderProducts(orderId)) {
			const qty = list.flatMap((s) => s.items).filter((i) => i.order_product_id === line.id).reduce((a, i) => a + i.quantity, 0);
			if (qty > line.quantity) over.push(`order ${orderId} line ${line.sku}: ${qty} of ${line.quantity}`);
		}
	}
	if (twice.length) problems.push(`${twice.length} duplicate shipment(s): ${twice.slice(0, 8).join('; ')}`);
	if (over.length) problems.push(`${over.length} over-shipped line(s): ${over.slice(0, 8).join('; ')}`);
	out.push(`${facts.expected.length} packages shipped by the warehouse -> ${shipments} BigCommerce shipments, ${missing.length} missing, ${twice.length} twice, ${over.length} lines over-shipped`);

	const diffs = stockDiffs(bc, wms, lines);
	if (diffs.length) problems.push(`stock differs for ${diffs.length} SKU(s): ${diffs.slice(0, 8).join('; ')}`);
	out.push(`stock: ${lines.length} tracked SKUs, ${diffs.length} differ from the WMS`);

	const log = bc.requestLog();
	const tooMany = log.filter((r) => r.status === 429).length;
	const max = bc.maxRequestsInWindow();
	if (tooMany || max > quota.quota) problems.push(`quota not held: ${tooMany} request(s) answered 429, the busiest window had ${max} requests (quota ${quota.quota})`);
	out.push(`quota: ${log.length} BigCommerce requests, busiest ${quota.windowMs / 1000} s window ${max} of ${quota.quota}, ${tooMany} answered 429`);
	return { problems, lines: out };
}

/** Failed and crashed executions of a workflow (the killed worker's execution is expected among them). */
export async function executionSummary(api: N8nApi, workflowId: string): Promise<{ total: number; byStatus: Record<string, number>; errors: string[] }> {
	const list = await api.executions(workflowId);
	const byStatus: Record<string, number> = {};
	const errors: string[] = [];
	for (const e of list) {
		const s = executionStatus(e);
		byStatus[s] = (byStatus[s] ?? 0) + 1;
		if (s === 'error') errors.push(`${e.id}: ${e.data?.resultData?.error?.message ?? ''}`.slice(0, 300));
	}
	return { total: list.length, byStatus, errors };
}

export async function until(what: string, timeoutMs: number, check: () => boolean | Promise<boolean>, describe: () => string, stepMs = 500): Promise<number> {
	const started = Date.now();
	for (;;) {
		if (await check()) return Date.now();
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}: ${describe()}`);
		await sleep(stepMs);
	}
}
