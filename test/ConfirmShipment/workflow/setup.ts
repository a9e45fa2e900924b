/**
 * Shared setup for the Confirm Shipment engine tests: a BigCommerce sandbox with a few known orders, delivered to
 * the WMS sandbox by the real WMS Deliver node, shipped by the WMS simulator, and helpers comparing what the WMS
 * shipped with the shipments BigCommerce ends up with.
 */
import type { IDataObject } from 'n8n-workflow';
import { parseReference } from '../../../nodes/shared/reference';
import { startBigCommerceSandbox, type BcSandbox, type SandboxOrderInput } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type ShipPlan, type WmsSandbox } from '../../../sandbox/wms';
import { runNode, type TestCredentials } from '../../helpers/harness';
import { useWorld } from '../../helpers/useWorld';
import { fetchOrderItems } from '../../WmsDeliver/workflow/setup';

export { fastRetries, restoreRetries } from '../../WmsDeliver/workflow/setup';
export const PREFIX = 'BC-';
export type Target = 'extensiv' | 'http';

const SKUS = ['MUG-RED', 'TEE-BLU-M', 'CAP-GRN', 'PEN-BLK', 'BAG-TOTE'];

export interface Scenario {
	name: string;
	order: Omit<SandboxOrderInput, 'lines'> & { lines: Array<{ sku: string; quantity: number; addressIndex?: number }> };
	/** Plan per destination (index = destination). */
	plans: ShipPlan[];
	/** BigCommerce status once everything the WMS shipped is confirmed. */
	status: 2 | 3;
}

export const SCENARIOS: Scenario[] = [
	{ name: 'single', order: { lines: [{ sku: 'MUG-RED', quantity: 2 }, { sku: 'TEE-BLU-M', quantity: 1 }] }, plans: [{ kind: 'single' }], status: 2 },
	{
		name: 'three packages',
		order: { lines: [{ sku: 'MUG-RED', quantity: 1 }, { sku: 'CAP-GRN', quantity: 2 }, { sku: 'PEN-BLK', quantity: 3 }] },
		plans: [{ kind: 'packages', count: 3 }],
		status: 2,
	},
	{ name: 'split -1/-2', order: { lines: [{ sku: 'BAG-TOTE', quantity: 1 }, { sku: 'PEN-BLK', quantity: 2 }] }, plans: [{ kind: 'split' }], status: 2 },
	{
		name: 'short-shipped line',
		order: { lines: [{ sku: 'MUG-RED', quantity: 3 }, { sku: 'CAP-GRN', quantity: 1 }] },
		plans: [{ kind: 'short', sku: 'MUG-RED', shortBy: 1 }],
		status: 3,
	},
	{
		name: 'two addresses',
		order: {
			lines: [
				{ sku: 'TEE-BLU-M', quantity: 1, addressIndex: 0 },
				{ sku: 'MUG-RED', quantity: 2, addressIndex: 1 },
			],
			addresses: [{ city: 'Austin' }, { city: 'Boston' }],
		},
		plans: [{ kind: 'single' }, { kind: 'packages', count: 2 }],
		status: 2,
	},
];

export interface World {
	bc: BcSandbox;
	wms: WmsSandbox;
	credentials: TestCredentials;
	/** BigCommerce order id per scenario name. */
	orderIds: Record<string, number>;
	close(): Promise<void>;
}

export function wmsCredentials(wms: WmsSandbox, target: Target): TestCredentials {
	return target === 'extensiv' ? { extensivWarehouseManagerApi: { ...wms.extensivCredentials } } : { wmsHttpApi: { ...wms.httpCredentials } };
}

/** Both sandboxes, the scenario orders created in BigCommerce and delivered to the WMS by WMS Deliver. */
export async function startWorld(target: Target, scenarios: Scenario[] = SCENARIOS): Promise<World> {
	const bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false }, quota: 150, windowMs: 1000 });
	const products = Object.fromEntries(SKUS.map((sku) => [sku, bc.addProduct({ sku, level: 100 })]));
	const orderIds: Record<string, number> = {};
	for (const s of scenarios) {
		orderIds[s.name] = bc.addOrder({
			...s.order,
			lines: s.order.lines.map((l) => ({ ...l, productId: products[l.sku].id })),
		});
	}
	const wms = await startWmsSandbox({ items: SKUS.map((sku) => ({ sku, available: 1000 })) });
	const credentials = { ...wmsCredentials(wms, target), bigCommerceApi: bc.credentials };
	const orders = await fetchOrderItems(bc);
	const { result, items } = await runNode('wmsDeliver', { wmsType: target }, orders as never[], { credentials, staticData: {} });
	if (result.error || items.some((i) => i.outcome !== 'created')) {
		throw new Error(`WMS Deliver failed in setup: ${result.error?.message ?? JSON.stringify(items)}`);
	}
	return {
		bc,
		wms,
		credentials,
		orderIds,
		close: async () => {
			await bc.close();
			await wms.close();
		},
	};
}

/** Ships every scenario's WMS orders with its plans. */
export function shipScenarios(world: World, scenarios: Scenario[] = SCENARIOS): void {
	for (const s of scenarios) {
		s.plans.forEach((plan, index) => {
			const ref = `${PREFIX}${world.orderIds[s.name]}${index === 0 ? '' : `/${index + 1}`}`;
			const [record] = world.wms.findByReference(ref).filter((r) => r.status === 'open');
			world.wms.ship(record.orderId, plan);
		});
	}
}

/** A world with the scenarios delivered and shipped by the WMS, for the tests of the enclosing describe block. */
export function useShippedWorld(target: Target, scenarios: Scenario[] = SCENARIOS): World {
	return useWorld(async () => {
		const world = await startWorld(target, scenarios);
		shipScenarios(world, scenarios);
		return world;
	});
}

/** `tracking => sku:qty|...` strings, sorted. */
type ShipmentSet = string[];

/** What the WMS shipped for a BigCommerce order: one entry per package. */
export function shippedByWms(wms: WmsSandbox, orderId: number): ShipmentSet {
	const out: string[] = [];
	for (const record of wms.listOrders()) {
		if (record.status !== 'closed' || parseReference(record.referenceNum, PREFIX)?.orderId !== orderId) continue;
		const skuOf = new Map(record.lines.map((l) => [l.orderItemId, l.sku.toLowerCase()]));
		for (const p of record.packages) out.push(`${p.trackingNumber} => ${lines(p.contents.map((c) => [skuOf.get(c.orderItemId)!, c.qty]))}`);
	}
	return out.sort();
}

/** The shipments BigCommerce has for the order, in the same form. */
export function shipmentsInBc(bc: BcSandbox, orderId: number): ShipmentSet {
	const skuOf = new Map(bc.getOrderProducts(orderId).map((p) => [p.id, p.sku.toLowerCase()]));
	return bc
		.getShipments(orderId)
		.map((s) => `${s.tracking_number} => ${lines(s.items.map((i) => [skuOf.get(i.order_product_id)!, i.quantity]))}`)
		.sort();
}

function lines(pairs: Array<[string, number]>): string {
	const totals = new Map<string, number>();
	for (const [sku, qty] of pairs) totals.set(sku, (totals.get(sku) ?? 0) + qty);
	return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([sku, qty]) => `${sku}:${qty}`).join('|');
}

/** Every order line's shipped quantity never exceeds its ordered quantity. */
export function overShipped(bc: BcSandbox, orderId: number): string[] {
	const shipped = new Map<number, number>();
	for (const s of bc.getShipments(orderId)) for (const i of s.items) shipped.set(i.order_product_id, (shipped.get(i.order_product_id) ?? 0) + i.quantity);
	return bc
		.getOrderProducts(orderId)
		.filter((p) => (shipped.get(p.id) ?? 0) > p.quantity)
		.map((p) => `${orderId}/${p.sku}`);
}

export const confirmParams = (target: Target): IDataObject => ({ source: 'wms', wmsType: target, referencePrefix: PREFIX });
