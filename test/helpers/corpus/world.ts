/**
 * The store and warehouse the bad-input corpus runs against: a few products (simple, variants, untracked), one
 * BigCommerce order per corpus case (so every case has its own order and WMS reference), and fast retries.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Order } from '../../../nodes/shared/model';
import { startBigCommerceSandbox, type BcSandbox, type SandboxOrderInput } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import type { TestCredentials } from '../harness';
import { useWorld } from '../useWorld';
import { fetchOrderItems } from '../../WmsDeliver/workflow/setup';

export const PREFIX = 'BC-';

export interface CorpusWorld {
	bc: BcSandbox;
	wms: WmsSandbox;
	credentials: TestCredentials;
	products: Record<string, { id: number; variants: Record<string, number> }>;
	close(): Promise<void>;
}

export async function startCorpusWorld(): Promise<CorpusWorld> {
	const bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false }, quota: 100000, windowMs: 1000 });
	const products: CorpusWorld['products'] = {};
	for (const sku of ['MUG-RED', 'CAP', 'BAG']) products[sku] = { id: bc.addProduct({ sku, level: 10 }).id, variants: {} };
	const tee = bc.addProduct({ sku: 'TEE', tracking: 'variant', variants: [{ sku: 'TEE-S', level: 3 }, { sku: 'TEE-M', level: 4 }] });
	products.TEE = { id: tee.id, variants: Object.fromEntries(bc.getVariants().filter((v) => v.product_id === tee.id && v.option_values.length).map((v) => [v.sku, v.id])) };
	products.POSTER = { id: bc.addProduct({ sku: 'POSTER', tracking: 'none', level: 0 }).id, variants: {} };
	const wms = await startWmsSandbox({ items: ['MUG-RED', 'CAP', 'BAG', 'TEE-S', 'TEE-M', 'POSTER'].map((sku) => ({ sku, available: 1000 })), faults: null });
	return {
		bc,
		wms,
		products,
		credentials: { bigCommerceApi: { ...bc.credentials }, extensivWarehouseManagerApi: { ...wms.extensivCredentials } },
		close: async () => {
			await bc.close();
			await wms.close();
		},
	};
}

/** The corpus world for the file's tests (started before them with fast retries, closed after). */
export const useCorpusWorld = (): CorpusWorld => useWorld(startCorpusWorld);

/** A line of a catalog product for `bc.addOrder`. */
export function line(world: CorpusWorld, sku: string, quantity: number, extra: Partial<SandboxOrderInput['lines'][number]> = {}) {
	const owner = Object.entries(world.products).find(([s, p]) => s === sku || p.variants[sku]);
	return { sku, quantity, productId: owner?.[1].id, variantId: owner?.[1].variants[sku], ...extra };
}

/** Creates the orders in BigCommerce (status 11) and returns them as the Orders Trigger maps them, in the same order. */
export async function ordersAsItems(world: CorpusWorld, inputs: SandboxOrderInput[]): Promise<Order[]> {
	const before = new Set(world.bc.listOrderIds({ statusId: 11 }));
	const ids = inputs.map((input) => world.bc.addOrder({ statusId: 11, ...input }));
	const all = await fetchOrderItems(world.bc);
	const byId = new Map(all.filter((o) => !before.has(o.orderId)).map((o) => [o.orderId, o]));
	return ids.map((id) => {
		const order = byId.get(id);
		if (!order) throw new Error(`order ${id} was not read back`);
		return order;
	});
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
export type Json = IDataObject;
