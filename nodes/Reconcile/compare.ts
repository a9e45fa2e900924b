/**
 * The comparison, pure: what both sides say about each order and SKU, and every drift between them as one Finding.
 * Orders are matched by the WMS reference rule (nodes/shared/reference.ts: `R`, `R/2`, split parts `R-1`).
 */
import type { SkuTarget } from '../shared/bigcommerce/catalog';
import type { Order, StockLevel } from '../shared/model';
import { destinationReference, parseReference } from '../shared/reference';
import { skuKey } from '../shared/sku';
import type { WmsListedOrder } from '../shared/wms/adapter';
import { toStockInput, type QuantityToPublish } from '../shared/stock/quantity';
import type { Finding } from './types';

export interface OrderCompareSettings {
	referencePrefix: string;
	watchedStatuses: number[];
	neverDeliveredMs: number;
	nowMs: number;
}

/** BigCommerce statuses in which nothing may ship: cancelled, refunded, declined. */
export const CANCELLED_STATUSES = new Set([4, 5, 6]);
/** BigCommerce statuses that say the order left: Shipped, Completed. */
const SHIPPED_STATUSES = new Set([2, 10]);

const key = (orderId: number, destinationIndex: number) => `${orderId}/${destinationIndex}`;

/** Warehouse orders by BigCommerce order and destination (split parts with their base). */
export function groupWarehouseOrders(orders: WmsListedOrder[], prefix: string): Map<string, WmsListedOrder[]> {
	const groups = new Map<string, WmsListedOrder[]>();
	for (const o of orders) {
		const parsed = parseReference(o.reference, prefix);
		if (!parsed) continue;
		const k = key(parsed.orderId, parsed.destinationIndex);
		groups.set(k, [...(groups.get(k) ?? []), o]);
	}
	return groups;
}

const wmsView = (orders: WmsListedOrder[]) => orders.map((o) => ({ reference: o.reference, wmsOrderId: o.wmsOrderId, status: o.status }));

function bcView(order: Order) {
	return { status: order.status, createdAt: order.createdAt, modifiedAt: order.modifiedAt, destinations: order.destinations.length };
}

interface OrderSides {
	order: Order;
	/** Warehouse orders per destination index. */
	byDestination: WmsListedOrder[][];
}

function cancelledActive({ order, byDestination }: OrderSides): Finding[] {
	const active = byDestination.flat().filter((o) => o.status !== 'cancelled');
	if (!active.length) return [];
	const open = active.filter((o) => o.status === 'open');
	const closed = active.filter((o) => o.status === 'closed');
	const what = closed.length ? `shipped by the warehouse (${closed.map((o) => o.reference).join(', ')})` : `open in the warehouse (${open.map((o) => o.reference).join(', ')})`;
	return [
		{
			kind: 'cancelledInBigCommerceActiveInWarehouse',
			orderId: order.orderId,
			reference: order.reference,
			bigCommerce: bcView(order),
			warehouse: { orders: wmsView(active) },
			suggestedRepair: open.length
				? `Cancel warehouse order(s) ${open.map((o) => `${o.reference} (${o.wmsOrderId})`).join(', ')}.${closed.length ? ' The goods of the shipped ones have left: check with the warehouse and the shopper.' : ''}`
				: 'The goods have left the warehouse: check with the warehouse and the shopper (refund or return).',
			...(open.length ? { repairAction: 'cancel' as const } : {}),
			message: `Order ${order.orderId} is ${order.status.name} in BigCommerce but ${what}.`,
		},
	];
}

function neverDelivered({ order, byDestination }: OrderSides, s: OrderCompareSettings): Finding[] {
	if (!s.watchedStatuses.includes(order.status.id) || !order.destinations.length) return [];
	const changedMs = Date.parse(order.modifiedAt || order.createdAt);
	if (Number.isFinite(changedMs) && s.nowMs - changedMs < s.neverDeliveredMs) return [];
	const missing = order.destinations
		.map((_, i) => i)
		.filter((i) => !byDestination[i].some((o) => o.status !== 'cancelled'))
		.map((i) => destinationReference(order.reference, i));
	if (!missing.length) return [];
	const cancelled = byDestination.flat().filter((o) => o.status === 'cancelled');
	return [
		{
			kind: 'neverDelivered',
			orderId: order.orderId,
			reference: order.reference,
			bigCommerce: bcView(order),
			warehouse: { missingReferences: missing, cancelledOrders: wmsView(cancelled) },
			suggestedRepair: `Deliver ${missing.join(', ')} to the warehouse (Repair: Re-Deliver, or let the Orders Trigger offer it again).`,
			repairAction: 'redeliver',
			message: `Order ${order.orderId} has been ${order.status.name} since ${order.modifiedAt || order.createdAt} and ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not in the warehouse${cancelled.length ? ' (only cancelled warehouse orders carry the reference)' : ''}.`,
		},
	];
}

/** Units per SKU the warehouse shipped for one destination (closed orders and split parts). */
function shippedByWarehouse(orders: WmsListedOrder[]): Map<string, number> {
	const units = new Map<string, number>();
	for (const o of orders) {
		if (o.status !== 'closed' || !o.shipment) continue;
		for (const p of o.shipment.packages) for (const l of p.lines) units.set(skuKey(l.sku), (units.get(skuKey(l.sku)) ?? 0) + (Number(l.quantity) || 0));
	}
	return units;
}

function missingShipments({ order, byDestination }: OrderSides): Finding[] {
	const lines: Array<{ reference: string; sku: string; ordered: number; shippedInWarehouse: number; shippedInBigCommerce: number }> = [];
	order.destinations.forEach((d, i) => {
		const warehouse = shippedByWarehouse(byDestination[i]);
		if (!warehouse.size) return;
		const bySku = new Map<string, { sku: string; ordered: number; shipped: number }>();
		for (const l of d.lines) {
			const e = bySku.get(skuKey(l.sku)) ?? { sku: l.sku, ordered: 0, shipped: 0 };
			e.ordered += l.quantity;
			e.shipped += l.quantityShipped;
			bySku.set(skuKey(l.sku), e);
		}
		for (const [k, e] of bySku) {
			const shipped = Math.min(warehouse.get(k) ?? 0, e.ordered);
			if (shipped > e.shipped) lines.push({ reference: destinationReference(order.reference, i), sku: e.sku, ordered: e.ordered, shippedInWarehouse: shipped, shippedInBigCommerce: e.shipped });
		}
	});
	if (!lines.length) return [];
	const closed = byDestination.flat().filter((o) => o.status === 'closed');
	return [
		{
			kind: 'shipmentMissingInBigCommerce',
			orderId: order.orderId,
			reference: order.reference,
			bigCommerce: { ...bcView(order), lines: lines.map((l) => ({ reference: l.reference, sku: l.sku, ordered: l.ordered, shipped: l.shippedInBigCommerce })) },
			warehouse: { orders: wmsView(closed), lines: lines.map((l) => ({ reference: l.reference, sku: l.sku, shipped: l.shippedInWarehouse })) },
			suggestedRepair: 'Create the missing shipments from the warehouse packages (Repair: Confirm Missing Shipments, or run Confirm Shipment with Input Items).',
			repairAction: 'confirmShipments',
			message: `Order ${order.orderId}: the warehouse shipped ${lines.map((l) => `${l.shippedInWarehouse} x ${l.sku}`).join(', ')} but BigCommerce shows ${lines.map((l) => `${l.shippedInBigCommerce} x ${l.sku}`).join(', ')} shipped.`,
		},
	];
}

function shippedButOpen({ order, byDestination }: OrderSides): Finding[] {
	if (!SHIPPED_STATUSES.has(order.status.id)) return [];
	const open = byDestination.flat().filter((o) => o.status === 'open');
	if (!open.length) return [];
	return [
		{
			kind: 'shippedInBigCommerceOpenInWarehouse',
			orderId: order.orderId,
			reference: order.reference,
			bigCommerce: bcView(order),
			warehouse: { orders: wmsView(open) },
			suggestedRepair: `Check with the warehouse: if the order left another way, cancel ${open.map((o) => o.reference).join(', ')} there so it does not ship twice.`,
			message: `Order ${order.orderId} is ${order.status.name} in BigCommerce but ${open.map((o) => o.reference).join(', ')} ${open.length > 1 ? 'are' : 'is'} still open in the warehouse.`,
		},
	];
}

function unknownOrders(groups: Map<string, WmsListedOrder[]>, known: Set<number>, prefix: string): Finding[] {
	const findings: Finding[] = [];
	for (const orders of groups.values()) {
		for (const o of orders) {
			const orderId = parseReference(o.reference, prefix)!.orderId;
			if (known.has(orderId) || o.status === 'cancelled') continue;
			findings.push({
				kind: 'unknownToBigCommerce',
				orderId,
				reference: o.reference,
				bigCommerce: { found: false },
				warehouse: { orders: wmsView([o]), createdAt: o.createdAt },
				suggestedRepair:
					o.status === 'open'
						? `Cancel warehouse order ${o.reference} (${o.wmsOrderId}) if it is not another store's: BigCommerce has no order ${orderId}.`
						: `Warehouse order ${o.reference} was shipped, but BigCommerce has no order ${orderId}: check with the warehouse.`,
				...(o.status === 'open' ? { repairAction: 'cancel' as const } : {}),
				message: `Warehouse order ${o.reference} (${o.status}) has the reference prefix, but BigCommerce has no order ${orderId} (deleted, archived or another store's).`,
			});
		}
	}
	return findings;
}

export function compareOrders(bcOrders: Order[], wmsOrders: WmsListedOrder[], s: OrderCompareSettings): Finding[] {
	const groups = groupWarehouseOrders(wmsOrders, s.referencePrefix);
	const findings: Finding[] = [];
	for (const order of bcOrders) {
		const count = Math.max(order.destinations.length, 1);
		const sides: OrderSides = { order, byDestination: Array.from({ length: count }, (_, i) => groups.get(key(order.orderId, i)) ?? []) };
		if (CANCELLED_STATUSES.has(order.status.id)) {
			findings.push(...cancelledActive(sides));
			continue;
		}
		findings.push(...neverDelivered(sides, s), ...missingShipments(sides), ...shippedButOpen(sides));
	}
	findings.push(...unknownOrders(groups, new Set(bcOrders.map((o) => o.orderId)), s.referencePrefix));
	return findings;
}

export interface StockCompareSettings {
	tolerance: number;
	safetyBuffer: number;
	quantityToPublish: QuantityToPublish;
}

/** Whether the SKU is where BigCommerce keeps the stock: product-tracked product SKUs, variant-tracked variant SKUs. */
export function holdsStock(t: SkuTarget): boolean {
	if (t.tracking === 'none') return false;
	if (!t.hasOptions) return true;
	return (t.tracking === 'variant') !== t.isProductSku;
}

function stockFinding(t: SkuTarget, warehouse: number, target: number, s: StockCompareSettings): Finding {
	return {
		kind: 'stockDiffers',
		sku: t.sku,
		bigCommerce: { level: t.level, productId: t.productId, variantId: t.variantId, tracking: t.tracking },
		warehouse: { quantity: warehouse, quantityToPublish: s.quantityToPublish, expectedInBigCommerce: target },
		suggestedRepair: `Set BigCommerce stock of ${t.sku} to ${target} (Repair: Re-Sync Stock, or run Sync Inventory).`,
		repairAction: 'resyncStock',
		message: `SKU ${t.sku}: BigCommerce shows ${t.level}, the warehouse has ${warehouse}${s.safetyBuffer ? ` (${target} after the safety buffer of ${s.safetyBuffer})` : ''}: a difference of ${t.level - target}.`,
	};
}

export function compareStock(levels: StockLevel[], catalog: { get(sku: string): SkuTarget | undefined; values(): Iterable<SkuTarget> }, s: StockCompareSettings): Finding[] {
	const findings: Finding[] = [];
	// SKUs differing only in letter case are one BigCommerce SKU: the last level counts, as in Sync Inventory.
	const last = new Map<string, StockLevel>();
	for (const level of levels) if (skuKey(level.sku)) last.set(skuKey(level.sku), level);
	const inWarehouse = new Set(last.keys());
	for (const level of last.values()) {
		const quantity = Number(toStockInput(level, s.quantityToPublish).available);
		const t = catalog.get(level.sku);
		if (!t) {
			findings.push({
				kind: 'skuOnlyInWarehouse',
				sku: level.sku,
				bigCommerce: { found: false },
				warehouse: { quantity },
				suggestedRepair: `Add SKU ${level.sku} to a BigCommerce product or variant, or correct the SKU in the warehouse.`,
				message: `SKU ${level.sku} is in the warehouse (${quantity}) but on no BigCommerce product or variant.`,
			});
			continue;
		}
		if (!holdsStock(t) || !Number.isFinite(quantity)) continue;
		const target = Math.max(0, quantity - s.safetyBuffer);
		if (Math.abs(t.level - target) > s.tolerance) findings.push(stockFinding(t, quantity, target, s));
	}
	for (const t of catalog.values()) {
		if (!holdsStock(t) || inWarehouse.has(skuKey(t.sku))) continue;
		findings.push({
			kind: 'skuOnlyInBigCommerce',
			sku: t.sku,
			bigCommerce: { level: t.level, productId: t.productId, variantId: t.variantId, tracking: t.tracking },
			warehouse: { found: false },
			suggestedRepair: `Set the item up in the warehouse, or turn inventory tracking off for ${t.sku} in BigCommerce if the warehouse does not stock it.`,
			message: `SKU ${t.sku} tracks stock in BigCommerce (${t.level}) but the warehouse has no stock record for it.`,
		});
	}
	return findings;
}

