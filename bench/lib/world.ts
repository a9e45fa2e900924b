/**
 * The two sandboxes a scenario runs against, seeded with a store catalog, orders and a warehouse that stocks them.
 * Setup runs without quota or latency; `measure()` switches BigCommerce to the scenario's quota and latency and
 * clears the request logs, so only the measured work is counted.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startBigCommerceSandbox, type BcSandbox } from '../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../sandbox/wms';
import { PACKAGE_NAME, pollOnce, type TestCredentials, type WorkflowJson } from '../../test/helpers/harness';
import type { Order } from '../../nodes/shared/model';
import type { BenchConfig } from './types';

export const PREFIX = 'BC-';
export const TRIGGER = 'BigCommerce Orders Trigger';
const UNLIMITED = 1_000_000;

export interface World {
	bc: BcSandbox;
	wms: WmsSandbox;
	skus: string[];
	credentials: TestCredentials;
	/** Quota and latency of the scenario on, request logs cleared. */
	measure(): void;
	close(): Promise<void>;
}

export interface WorldOptions {
	/** Simple products SKU-0000.. stocked in both systems (for orders). */
	products?: number;
	/** WMS latency is fixed at start; 0 for setup-heavy scenarios that do not measure the WMS. */
	wmsLatencyMs?: number;
}

export async function startWorld(config: BenchConfig, opts: WorldOptions = {}): Promise<World> {
	const bc = await startBigCommerceSandbox({
		seed: { orders: 0, products: 0, specialOrders: false },
		quota: UNLIMITED,
		windowMs: config.windowMs,
	});
	const skus: string[] = [];
	for (let i = 0; i < (opts.products ?? 0); i++) {
		const sku = `SKU-${String(i).padStart(4, '0')}`;
		bc.addProduct({ sku, level: 100000 });
		skus.push(sku);
	}
	const wms = await startWmsSandbox({
		items: skus.map((sku) => ({ sku, available: 100000 })),
		latencyMs: opts.wmsLatencyMs ?? config.latencyMs,
		faults: null,
	});
	return {
		bc,
		wms,
		skus,
		credentials: {
			bigCommerceApi: { ...bc.credentials },
			extensivWarehouseManagerApi: { ...wms.extensivCredentials },
		},
		measure() {
			bc.setQuota(config.quota, config.windowMs);
			bc.setLatency(config.latencyMs);
			bc.resetRequestLog();
			wms.resetRequestLog();
		},
		async close() {
			await bc.close();
			await wms.close();
		},
	};
}

/** `count` orders in Awaiting Fulfillment with 1-4 lines of 1-3 units of the world's SKUs; returns their ids. */
export function addOrders(world: World, count: number, seed = 1): number[] {
	const ids: number[] = [];
	const products = new Map(world.bc.getProducts().map((p) => [p.sku, p.id]));
	for (let i = 0; i < count; i++) {
		const n = 1 + ((i * 7 + seed) % 4);
		const lines = Array.from({ length: n }, (_, j) => {
			const sku = world.skus[(i * 13 + j * 5 + seed) % world.skus.length];
			return { sku, quantity: 1 + ((i + j) % 3), productId: products.get(sku) };
		});
		ids.push(world.bc.addOrder({ statusId: 11, customerMessage: `Order ${i}`, lines }));
	}
	return ids;
}

export function triggerWorkflow(parameters: IDataObject): WorkflowJson {
	return {
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: `${PACKAGE_NAME}.bigCommerceOrdersTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INodeParameters,
			},
		],
		connections: {},
	};
}

/** Polls the trigger (persisting static data) until it emitted `expected` orders, emits nothing, or `maxPolls`. */
export async function pollUntil(world: World, parameters: IDataObject, staticData: IDataObject, expected = Infinity, maxPolls = 20): Promise<{ orders: Order[]; polls: number }> {
	const orders: Order[] = [];
	let polls = 0;
	while (polls < maxPolls && orders.length < expected) {
		polls++;
		const out = await pollOnce(triggerWorkflow(parameters), { credentials: world.credentials, staticData, triggerNode: TRIGGER });
		const batch = (out?.[0] ?? []).map((i) => i.json as unknown as Order);
		if (!batch.length) break;
		orders.push(...batch);
	}
	return { orders, polls };
}
