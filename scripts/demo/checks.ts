/**
 * Cross-checks of what the nodes reported against the sandboxes' own state. Each returns the mismatches found, in
 * words; an empty list means the numbers the demo prints are true.
 */
import type { IDataObject } from 'n8n-workflow';
import { parseReference } from '../../nodes/shared/reference';
import type { WmsOrderRecord } from '../../sandbox/wms';
import type { DemoWorld } from './world';

const AWAITING_FULFILLMENT = 11;
const SHIPPED = 2;
const PARTIALLY_SHIPPED = 3;

const DELIVERED = new Set(['created', 'exists']);

/** Parameter of a node in a bundled workflow (e.g. the reference prefix), as shipped. */
export interface DownloadSettings {
	referencePrefix: string;
	/** Undefined: WMS Deliver leaves the BigCommerce status as it is. */
	statusAfterDelivery?: number;
}

/** BigCommerce order ids whose every destination is in the warehouse, according to WMS Deliver's results. */
export function deliveredOrderIds(results: IDataObject[]): number[] {
	const byOrder = new Map<number, boolean>();
	for (const r of results) {
		const id = Number(r.orderId);
		byOrder.set(id, (byOrder.get(id) ?? true) && DELIVERED.has(String(r.outcome)));
	}
	return [...byOrder].filter(([, ok]) => ok).map(([id]) => id);
}

/** Attention items must be exactly the results with these outcomes (the IF node's routing). */
export function checkAttention(step: string, results: IDataObject[], attention: IDataObject[], outcomes: string[]): string[] {
	const key = (i: IDataObject) => JSON.stringify(i);
	const want = results.filter((r) => outcomes.includes(String(r.outcome))).map(key).sort();
	const got = attention.map(key).sort();
	return JSON.stringify(want) === JSON.stringify(got)
		? []
		: [`${step}: ${got.length} items reached "needs attention", expected the ${want.length} ${outcomes.join('/')} results`];
}

/** Right after the order download, before the warehouse ships anything. */
export function checkDownload(world: DemoWorld, emitted: IDataObject[], results: IDataObject[], settings: DownloadSettings): string[] {
	const { bc, wms } = world;
	const problems: string[] = [];
	const active = wms.listOrders().filter((r) => r.status !== 'cancelled');
	const created = results.filter((r) => r.outcome === 'created');
	if (active.length !== created.length) {
		problems.push(`WMS Deliver reported ${created.length} warehouse orders created, the warehouse has ${active.length}`);
	}
	for (const r of results.filter((x) => DELIVERED.has(String(x.outcome)))) {
		const n = wms.findByReference(String(r.reference)).filter((x) => x.status !== 'cancelled').length;
		if (n !== 1) problems.push(`${r.reference}: reported ${r.outcome}, the warehouse has it ${n} times`);
	}
	const emittedIds = new Set(emitted.map((o) => Number(o.orderId)));
	const resultIds = new Set(results.map((r) => Number(r.orderId)));
	if (emittedIds.size !== emitted.length) problems.push('the orders trigger emitted an order twice');
	if ([...emittedIds].some((id) => !resultIds.has(id))) problems.push('an emitted order has no WMS Deliver result');
	const delivered = new Set(deliveredOrderIds(results));
	for (const id of emittedIds) {
		const status = bc.getOrder(id)?.status_id;
		const want = delivered.has(id) ? (settings.statusAfterDelivery ?? AWAITING_FULFILLMENT) : AWAITING_FULFILLMENT;
		if (status !== want) problems.push(`order ${id}: BigCommerce status ${status}, expected ${want}`);
		const inWms = active.some((r) => parseReference(r.referenceNum, settings.referencePrefix)?.orderId === id);
		if (inWms !== delivered.has(id)) problems.push(`order ${id}: ${delivered.has(id) ? 'reported delivered but not' : 'not delivered but'} in the warehouse`);
	}
	// Nothing left behind: every order still awaiting fulfillment was either held/failed or has nothing to ship.
	for (const id of bc.listOrderIds({ statusId: AWAITING_FULFILLMENT })) {
		if (emittedIds.has(id)) continue;
		const physical = bc.getOrderProducts(id).some((p) => p.type === 'physical');
		if (physical) problems.push(`order ${id} is awaiting fulfillment with physical lines but was never downloaded`);
	}
	return problems;
}

/**
 * Each package of a warehouse order the warehouse closed is one BigCommerce shipment with its tracking number on its
 * order; orders closed without package detail are skipped; statuses match. (`shipped` also holds the cancelled
 * originals of split orders.)
 */
export function checkShipments(world: DemoWorld, shipped: WmsOrderRecord[], results: IDataObject[], prefix: string): string[] {
	const { bc } = world;
	const problems: string[] = [];
	const closed = shipped.filter((r) => r.status === 'closed');
	const packages = closed.flatMap((record) => record.packages.map((p) => ({ record, tracking: p.trackingNumber })));
	const created = results.filter((r) => r.outcome === 'created');
	if (created.length !== packages.length) {
		problems.push(`Confirm Shipment created ${created.length} shipments, the warehouse shipped ${packages.length} packages`);
	}
	for (const { record, tracking } of packages) {
		const orderId = parseReference(record.referenceNum, prefix)?.orderId;
		const found = orderId === undefined ? [] : bc.getShipments(orderId).filter((s) => s.tracking_number === tracking);
		if (found.length !== 1) problems.push(`package ${tracking} of ${record.referenceNum}: ${found.length} BigCommerce shipments with that tracking number`);
	}
	for (const r of created) {
		const shipment = bc.getShipments(Number(r.orderId)).find((s) => s.id === r.shipmentId);
		if (!shipment || shipment.tracking_number !== r.trackingNumber) problems.push(`order ${r.orderId}: shipment ${r.shipmentId} as reported is not in BigCommerce`);
	}
	const skipped = results.filter((r) => r.outcome === 'skipped').length;
	const withoutPackages = closed.filter((r) => r.packages.length === 0).length;
	if (skipped !== withoutPackages) problems.push(`${skipped} packages skipped, the warehouse closed ${withoutPackages} orders without package detail`);
	for (const [orderId, status] of finalStatuses(results)) {
		const actual = bc.getOrder(orderId)?.status_id;
		if (actual !== status) problems.push(`order ${orderId}: reported status ${status}, BigCommerce has ${actual}`);
		if (status === SHIPPED) {
			const left = bc.getOrderProducts(orderId).filter((p) => p.type === 'physical' && p.quantity_shipped < p.quantity);
			if (left.length) problems.push(`order ${orderId} is Shipped but ${left.length} lines are not fully shipped`);
		}
	}
	return problems;
}

/** The BigCommerce status id each order has after its last confirmed package. */
export function finalStatuses(results: IDataObject[]): Map<number, number> {
	const statuses = new Map<number, number>();
	for (const r of results) {
		const status = (r.orderStatus as IDataObject | null)?.id;
		if (typeof status === 'number') statuses.set(Number(r.orderId), status);
	}
	return statuses;
}

export const isShippedStatus = (id: number) => id === SHIPPED;
export const isPartiallyShippedStatus = (id: number) => id === PARTIALLY_SHIPPED;

/** After the inventory sync: every SKU the warehouse has and BigCommerce tracks shows the warehouse's level. */
export function checkInventory(world: DemoWorld, skus: string[], results: IDataObject[]): string[] {
	const { bc, wms } = world;
	const problems: string[] = [];
	const reported = new Map(results.map((r) => [String(r.sku), r]));
	for (const sku of skus) {
		const record = bc.getInventory(sku);
		const want = wms.getStock(sku);
		const result = reported.get(sku);
		if (result?.outcome === 'skipped' || result?.outcome === 'failed') continue;
		if (!record || record.tracking === 'none') {
			problems.push(`SKU ${sku}: not tracked in BigCommerce but reported ${result ? String(result.outcome) : 'unchanged'}`);
		} else if (record.level !== want) {
			problems.push(`SKU ${sku}: BigCommerce has ${record.level}, the warehouse ${want} (reported ${result ? String(result.outcome) : 'unchanged'})`);
		} else if (result?.outcome === 'updated' && result.after !== want) {
			problems.push(`SKU ${sku}: reported set to ${result.after}, the warehouse has ${want}`);
		}
	}
	for (const r of results) if (!skus.includes(String(r.sku))) problems.push(`SKU ${r.sku}: reported, but the warehouse does not have it`);
	return problems;
}
