/**
 * The two sandboxes a scenario runs against (in their own process, see sandboxHost.ts), seeded with a catalog,
 * orders and a warehouse that stocks them. Setup runs without quota or latency on BigCommerce; `measure()` switches
 * to the scenario's quota and latency and clears both request logs, so only the measured work is counted.
 */
import type { IDataObject } from 'n8n-workflow';
import { pollOnce, type TestCredentials } from '../../test/helpers/harness';
import { TRIGGER, triggerWorkflow } from '../../test/helpers/triggerWorkflow';
import type { Order } from '../../nodes/shared/model';
import { SandboxHost, type Call, type StartedInfo } from './sandboxHost';
import type { BenchConfig } from './types';

export const PREFIX = 'BC-';
const UNLIMITED = 1_000_000;

export interface World {
	host: SandboxHost;
	info: StartedInfo;
	skus: string[];
	credentials: TestCredentials;
	/** Quota and latency of the scenario on, request logs cleared. */
	measure(): Promise<void>;
	close(): Promise<void>;
}

export interface WorldOptions {
	/** Simple products SKU-0000.. stocked in both systems (for orders). */
	products?: number;
	/** WMS latency is fixed at start; 0 for scenarios that do not measure the WMS. */
	wmsLatencyMs?: number;
}

export async function startWorld(config: BenchConfig, opts: WorldOptions = {}): Promise<World> {
	const skus = Array.from({ length: opts.products ?? 0 }, (_, i) => `SKU-${String(i).padStart(4, '0')}`);
	const { host, info } = await SandboxHost.start(
		{ seed: { orders: 0, products: 0, specialOrders: false }, quota: UNLIMITED, windowMs: config.windowMs },
		{ items: skus.map((sku) => ({ sku, available: 100000 })), latencyMs: opts.wmsLatencyMs ?? config.latencyMs, faults: null },
	);
	await host.batch(skus.map((sku): Call => ({ target: 'bc', method: 'addProduct', args: [{ sku, level: 100000 }] })));
	return {
		host,
		info,
		skus,
		credentials: {
			bigCommerceApi: { ...info.bc.credentials },
			extensivWarehouseManagerApi: { ...info.wms.extensivCredentials },
		},
		async measure() {
			await host.batch([
				{ target: 'bc', method: 'setQuota', args: [config.quota, config.windowMs] },
				{ target: 'bc', method: 'setLatency', args: [config.latencyMs] },
				{ target: 'bc', method: 'resetRequestLog', args: [] },
				{ target: 'wms', method: 'resetRequestLog', args: [] },
			]);
		},
		close: () => host.close(),
	};
}

/** `count` orders in Awaiting Fulfillment with 1-4 lines of 1-3 units of the world's SKUs; returns their ids. */
export async function addOrders(world: World, count: number, seed = 1): Promise<number[]> {
	const products = new Map((await world.host.bc('getProducts')).map((p) => [p.sku, p.id]));
	const calls: Call[] = [];
	for (let i = 0; i < count; i++) {
		const n = 1 + ((i * 7 + seed) % 4);
		const lines = Array.from({ length: n }, (_, j) => {
			const sku = world.skus[(i * 13 + j * 5 + seed) % world.skus.length];
			return { sku, quantity: 1 + ((i + j) % 3), productId: products.get(sku) };
		});
		calls.push({ target: 'bc', method: 'addOrder', args: [{ statusId: 11, customerMessage: `Order ${i}`, lines }] });
	}
	return await world.host.batch<number>(calls);
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
