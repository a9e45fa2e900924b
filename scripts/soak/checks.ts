/** The soak's invariants, read from the sandboxes' state (not through the API). */
import { destinationReference, orderReference } from '../../nodes/shared/reference';
import type { SoakWorld } from './world';

export interface SoakReport {
	/** Orders in Awaiting Fulfillment at the start that never reached the warehouse. */
	lost: string[];
	/** WMS references held by more than one active (not cancelled) WMS order. */
	duplicateWmsOrders: string[];
	/** Order lines shipped beyond their quantity, and tracking numbers on more than one shipment of an order. */
	overShipped: string[];
	duplicateShipments: string[];
	/** SKUs whose BigCommerce level differs from the warehouse's available quantity. */
	wrongStock: string[];
}

export function check(world: SoakWorld, prefix: string): SoakReport {
	const records = world.wms.listOrders();
	const allRefs = new Set(records.map((r) => r.referenceNum.toLowerCase()));
	const activeByRef = new Map<string, number>();
	for (const r of records.filter((x) => x.status !== 'cancelled')) {
		const key = r.referenceNum.toLowerCase();
		activeByRef.set(key, (activeByRef.get(key) ?? 0) + 1);
	}
	const lost: string[] = [];
	const overShipped: string[] = [];
	const duplicateShipments: string[] = [];
	for (const id of world.initialOrders) {
		const addresses = world.bc.getShippingAddresses(id);
		addresses.forEach((_, index) => {
			const ref = destinationReference(orderReference(prefix, id), index).toLowerCase();
			// A 3PL WM split replaces REF by REF-1 and REF-2.
			if (!allRefs.has(ref) && !allRefs.has(`${ref}-1`)) lost.push(`order ${id} (${ref})`);
		});
		const shipped = new Map<number, number>();
		const tracking = new Map<string, number>();
		for (const s of world.bc.getShipments(id)) {
			for (const i of s.items) shipped.set(i.order_product_id, (shipped.get(i.order_product_id) ?? 0) + i.quantity);
			if (s.tracking_number) tracking.set(s.tracking_number, (tracking.get(s.tracking_number) ?? 0) + 1);
		}
		for (const line of world.bc.getOrderProducts(id)) {
			const total = shipped.get(line.id) ?? 0;
			if (total > line.quantity || line.quantity_shipped > line.quantity) {
				overShipped.push(`order ${id} line ${line.id} ${line.sku}: shipped ${Math.max(total, line.quantity_shipped)} of ${line.quantity}`);
			}
		}
		for (const [number, count] of tracking) if (count > 1) duplicateShipments.push(`order ${id}: tracking ${number} on ${count} shipments`);
	}
	const duplicateWmsOrders = [...activeByRef].filter(([, n]) => n > 1).map(([ref, n]) => `${ref} x${n}`);
	const wrongStock: string[] = [];
	for (const sku of world.stockSkus) {
		const bc = world.bc.getInventory(sku)?.level;
		const wms = Math.max(0, world.wms.getStock(sku) ?? 0);
		if (bc !== wms) wrongStock.push(`${sku}: BigCommerce ${bc}, warehouse ${wms}`);
	}
	return { lost, duplicateWmsOrders, overShipped, duplicateShipments, wrongStock };
}

export function failures(report: SoakReport): number {
	return Object.values(report).reduce((n, list: string[]) => n + list.length, 0);
}

/**
 * Proves the checks can fail: an order that never reached the warehouse and a SKU whose warehouse stock moved must
 * be reported. Returns what the checks missed (empty = the checks are live). Leaves the world as it was.
 */
export function checksAreLive(world: SoakWorld, prefix: string): string[] {
	const sku = world.stockSkus[0];
	const stock = world.wms.getStock(sku) ?? 0;
	const product = world.bc.getProducts().find((p) => p.sku === world.stockSkus[0]);
	const neverDelivered = world.bc.addOrder({ statusId: 0, lines: [{ sku, quantity: 1, productId: product?.id }] });
	world.wms.setStock(sku, stock + 1);
	const report = check({ ...world, initialOrders: [...world.initialOrders, neverDelivered] }, prefix);
	world.wms.setStock(sku, stock);
	const missed: string[] = [];
	if (!report.lost.some((l) => l.includes(`order ${neverDelivered} `))) missed.push('an order that never reached the warehouse');
	if (!report.wrongStock.some((l) => l.startsWith(`${sku}:`))) missed.push('a SKU with wrong stock');
	return missed;
}
