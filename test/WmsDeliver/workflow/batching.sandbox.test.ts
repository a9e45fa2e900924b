/**
 * WMS Deliver's batches (issue 13 item 6) through n8n's engine against both sandboxes: 1,000 orders cost 1,000
 * creates + 2 look-ups per 100 references (+ the 3PL WM token) = at most 1.15 warehouse requests per order, and one
 * BigCommerce status read per batch; a single order is a batch of one; with 20% faults (lost responses included)
 * against a warehouse that ACCEPTS a repeated reference, reruns end with 0 duplicates and 0 lost orders.
 */
import type { IDataObject } from 'n8n-workflow';
import { DELIVERED_STATIC_KEY, type Order } from '../../../nodes/shared/model';
import { transportSettings } from '../../../nodes/shared/bigcommerce/retry';
import { DEFAULT_RETRY } from '../../../nodes/shared/wms/request';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { runNode, type TestCredentials } from '../../helpers/harness';
import { assertWmsHasExactly, catalogItems, fastRetries, fetchOrderItems, restoreRetries } from './setup';

type Target = 'extensiv' | 'http';
const ORDERS_PATH: Record<Target, string> = { extensiv: '/orders', http: '/generic/orders' };

function wmsCredentials(wms: WmsSandbox, target: Target): TestCredentials {
	return target === 'extensiv' ? { extensivWarehouseManagerApi: { ...wms.extensivCredentials } } : { wmsHttpApi: { ...wms.httpCredentials } };
}

const delivered = (staticData: IDataObject): Record<string, string> =>
	((staticData.global as IDataObject | undefined)?.[DELIVERED_STATIC_KEY] as Record<string, string>) ?? {};

let bc: BcSandbox | undefined;
let wms: WmsSandbox | undefined;

async function start(count: number, wmsOptions: Parameters<typeof startWmsSandbox>[0] = {}): Promise<Order[]> {
	bc = await startBigCommerceSandbox({ seed: { orders: 15 + count, awaitingFulfillmentShare: 1, specialOrders: false }, quota: 2000, windowMs: 1000 });
	wms = await startWmsSandbox({ items: catalogItems(bc), ...wmsOptions });
	return await fetchOrderItems(bc);
}

beforeAll(() => fastRetries());
afterAll(() => restoreRetries());
afterEach(async () => {
	fastRetries();
	await bc?.close();
	await wms?.close();
	bc = wms = undefined;
});

describe.each<Target>(['extensiv', 'http'])('WMS Deliver batches to the %s WMS (engine + sandboxes)', (target) => {
	it('1,000 orders: one create each + 2 look-ups per 100 references (<= 1.15 per order), one status read per batch', async () => {
		const orders = await start(1000);
		expect(orders.length).toBeGreaterThanOrEqual(1000);
		const references = orders.reduce((n, o) => n + o.destinations.length, 0);
		const credentials = { ...wmsCredentials(wms!, target), bigCommerceApi: bc!.credentials };
		bc!.resetRequestLog();
		const { items, result } = await runNode('wmsDeliver', { wmsType: target }, orders as never[], { credentials, staticData: {} });
		expect(result.error).toBeUndefined();
		expect(items.filter((i) => i.outcome !== 'created')).toEqual([]);
		assertWmsHasExactly(wms!, orders);

		const batches = Math.ceil(references / 100);
		const posts = wms!.countRequests({ method: 'POST', pathPrefix: ORDERS_PATH[target] });
		const lookups = wms!.countRequests({ method: 'GET', pathPrefix: ORDERS_PATH[target] });
		const token = wms!.countRequests({ pathPrefix: '/AuthServer' });
		const total = wms!.countRequests();
		// Old: a look-up, the create and a look-up per order = 3 per order (3,004 for 1,000 orders with the token).
		console.log(
			`[batching] ${target}: ${orders.length} orders, ${references} references: ${total} WMS requests (${posts} creates, ${lookups} look-ups, ${token} token) = ${(total / orders.length).toFixed(3)} per order; BigCommerce: ${bc!.countRequests({ method: 'GET', pathPrefix: '/v2/orders' })} status reads, ${bc!.countRequests({ method: 'PUT' })} status writes`,
		);
		expect(posts).toBe(references);
		expect(lookups).toBe(2 * batches);
		expect(token).toBe(target === 'extensiv' ? 1 : 0);
		expect(total).toBe(references + 2 * batches + token);
		expect(total / orders.length).toBeLessThanOrEqual(1.15);
		// The status re-check: the ids of a batch are consecutive, so one GET /v2/orders (min_id/max_id) per batch.
		expect(bc!.countRequests({ method: 'GET', pathPrefix: '/v2/orders' })).toBe(batches);
		expect(bc!.countRequests({ method: 'PUT' })).toBe(orders.length);
		expect(bc!.countRequests()).toBe(orders.length + batches);
	});

	it('one order is a batch of one: look-up, create, look-up (and one status read, one write-back)', async () => {
		const orders = await start(1);
		const one = orders.find((o) => o.destinations.length === 1)!;
		const credentials = { ...wmsCredentials(wms!, target), bigCommerceApi: bc!.credentials };
		bc!.resetRequestLog();
		const { items, result } = await runNode('wmsDeliver', { wmsType: target }, [one] as never[], { credentials, staticData: {} });
		expect(result.error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ orderId: one.orderId, outcome: 'created' })]);
		expect(wms!.countRequests({ method: 'POST', pathPrefix: ORDERS_PATH[target] })).toBe(1);
		expect(wms!.countRequests({ method: 'GET', pathPrefix: ORDERS_PATH[target] })).toBe(2);
		expect(bc!.requestLog().map((e) => `${e.method} ${e.path}`)).toEqual(['GET /v2/orders', `PUT /v2/orders/${one.orderId}`]);
		assertWmsHasExactly(wms!, [one]);
	});

	it('with 20% faults (lost responses included) and a warehouse accepting repeated references: 0 duplicates, 0 lost', async () => {
		const orders = await start(300, { extensiv: { allowDuplicateReferences: true }, http: { allowDuplicateReferences: true } });
		Object.assign(DEFAULT_RETRY, { attempts: 2 });
		Object.assign(transportSettings, { maxRetries: 1, max429Retries: 1 });
		const staticData: IDataObject = {};
		const credentials = { ...wmsCredentials(wms!, target), bigCommerceApi: bc!.credentials };
		const kinds = ['500', '503', '429', 'drop', 'lost-response', 'lost-response', 'lost-response', 'slow'] as const;
		wms!.setFaults({ rate: 0.2, kinds: [...kinds], slowMs: 30, seed: 21 });
		bc!.setFaults({ rate: 0.2, kinds: ['500', '503', '429-no-headers', 'drop', 'lost-response'], seed: 23 });
		let pending = orders;
		let runs = 0;
		const outcomes: Record<string, number> = {};
		while (pending.length && runs < 15) {
			runs++;
			const { items, result } = await runNode('wmsDeliver', { wmsType: target }, pending as never[], { credentials, staticData, continueOnFail: true });
			expect(result.error).toBeUndefined();
			for (const i of items) outcomes[String(i.outcome)] = (outcomes[String(i.outcome)] ?? 0) + 1;
			const done = delivered(staticData);
			pending = orders.filter((o) => !done[String(o.orderId)]);
		}
		const log = wms!.requestLog();
		const lostCreates = log.filter((e) => e.fault === 'lost-response' && e.method === 'POST').length;
		const twins = wms!.listOrders().filter((o) => o.status === 'cancelled').length;
		console.log(
			`[batching] ${target} with faults: ${runs} runs, outcomes ${JSON.stringify(outcomes)}, ${log.filter((e) => e.fault).length} WMS faults (${lostCreates} lost create responses), ${bc!.requestLog().filter((e) => e.fault).length} BigCommerce faults, ${twins} twins cancelled`,
		);
		expect(lostCreates).toBeGreaterThan(0);
		expect(outcomes.skipped ?? 0).toBe(0);
		expect(pending.map((o) => o.orderId)).toEqual([]);
		wms!.setFaults(null);
		bc!.setFaults(null);
		assertWmsHasExactly(wms!, orders);
		for (const o of orders) expect({ id: o.orderId, status: bc!.getOrder(o.orderId)?.status_id }).toEqual({ id: o.orderId, status: 9 });
	});
});
