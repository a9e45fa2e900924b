/**
 * The transport against the BigCommerce sandbox over real HTTP, inside real node runs (n8n-core helpers), with a
 * small quota (10 per 1000 ms window) so rate-limit behaviour shows in seconds.
 */
import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { startBigCommerceSandbox } from '../../../sandbox/bigcommerce';
import type { BcSandbox } from '../../../sandbox/bigcommerce';
import {
	bcErrorInfo,
	bcRequest,
	bcRequestAllV2,
	bcRequestAllV3,
	getBcRequestCount,
	isUnconfirmedPost,
	transportSettings,
} from '../../../nodes/shared/bigcommerce/transport';
import type { BcContext, BcRequest } from '../../../nodes/shared/bigcommerce/transport';
import { inNode, rejectionOf, useTransportSettings } from './bcProbe';

const QUOTA = 10;
const WINDOW_MS = 1000;
jest.setTimeout(60000);

let sandbox: BcSandbox;

beforeAll(async () => {
	sandbox = await startBigCommerceSandbox({ quota: QUOTA, windowMs: WINDOW_MS, seed: { seed: 7, orders: 40, products: 12 } });
});

afterAll(async () => {
	await sandbox?.close();
});

useTransportSettings({ backoffBaseMs: 20, backoffCapMs: 200, rateLimitMarginMs: 20 });

beforeEach(() => {
	sandbox.setFaults(null);
	sandbox.setQuota(QUOTA, WINDOW_MS);
	sandbox.resetRequestLog();
});

const get = (ctx: BcContext, path: string) => bcRequest.call(ctx, { method: 'GET', version: 'v2', path });

/** `total` GETs of /v2/orders/{id} through `workers` concurrent lanes in one node run. */
async function burst(ctx: IExecuteFunctions, total: number, workers: number): Promise<unknown[]> {
	const ids = sandbox.listOrderIds();
	const results: unknown[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: workers }, async () => {
			while (next < total) {
				const i = next++;
				results[i] = await get(ctx, `/orders/${ids[i % ids.length]}`);
			}
		}),
	);
	return results;
}

describe('transport against the sandbox', () => {
	it('pages V2 orders to the end across 3+ pages and ends on the 204', async () => {
		const expected = sandbox.listOrderIds().sort((a, b) => a - b);
		expect(expected.length).toBeGreaterThan(15);
		const rows = await inNode(sandbox.credentials, (ctx) =>
			bcRequestAllV2.call<BcContext, [BcRequest, number], Promise<Array<{ id: number }>>>(
				ctx,
				{ method: 'GET', version: 'v2', path: '/orders', qs: { sort: 'id:asc' } },
				8,
			),
		);
		expect(rows.map((r) => r.id)).toEqual(expected);
		const pages = sandbox.requestLog().filter((e) => e.path === '/v2/orders');
		expect(pages.length).toBe(Math.floor(expected.length / 8) + 1);
		expect(pages.length).toBeGreaterThanOrEqual(3);
	});

	it('returns undefined for a V2 204 (no orders in a status)', async () => {
		const used = new Set(sandbox.listOrderIds().map((id) => sandbox.getOrder(id)!.status_id));
		const empty = [...Array(15).keys()].find((s) => !used.has(s));
		if (empty === undefined) sandbox.listOrderIds({ statusId: 13 }).forEach((id) => sandbox.setOrderStatus(id, 12));
		const status = empty ?? 13;
		const body = await inNode(sandbox.credentials, (ctx) => bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/orders', qs: { status_id: status } }));
		expect(body).toBeUndefined();
		expect(sandbox.requestLog().at(-1)).toMatchObject({ path: '/v2/orders', status: 204 });
	});

	it('pages V3 products by meta.pagination across 3+ pages', async () => {
		const expected = sandbox.getProducts().map((p) => p.id).sort((a, b) => a - b);
		const rows = await inNode(sandbox.credentials, (ctx) =>
			bcRequestAllV3.call<BcContext, [BcRequest, number], Promise<Array<{ id: number }>>>(
				ctx,
				{ method: 'GET', version: 'v3', path: '/catalog/products', qs: { sort: 'id', direction: 'asc' } },
				4,
			),
		);
		expect(rows.map((r) => r.id)).toEqual(expected);
		expect(sandbox.countRequests({ pathPrefix: '/v3/catalog/products' })).toBe(Math.ceil(expected.length / 4));
		expect(Math.ceil(expected.length / 4)).toBeGreaterThanOrEqual(3);
	});

	it(`never sends more than the quota (${QUOTA}/${WINDOW_MS} ms) in a burst of 4x the quota with 4 lanes`, async () => {
		const started = Date.now();
		const results = await inNode(sandbox.credentials, (ctx) => burst(ctx, QUOTA * 4, 4));
		expect(results.filter(Boolean)).toHaveLength(QUOTA * 4);
		expect(sandbox.maxRequestsInWindow()).toBeLessThanOrEqual(QUOTA);
		expect(sandbox.countRequests()).toBe(QUOTA * 4);
		expect(sandbox.requestLog().filter((e) => e.status === 429)).toHaveLength(0);
		// 40 requests at <= 8 per window need at least 4 windows.
		expect(Date.now() - started).toBeGreaterThanOrEqual(3 * WINDOW_MS - 100);
	});

	it('rides out a 429 storm WITH rate-limit headers without exceeding the quota', async () => {
		sandbox.setFaults({ rate: 0.35, kinds: ['429'], methods: ['GET'], seed: 3 });
		const results = await inNode(sandbox.credentials, (ctx) => burst(ctx, 16, 3));
		expect(results.filter(Boolean)).toHaveLength(16);
		const storm = sandbox.requestLog().filter((e) => e.status === 429);
		expect(storm.length).toBeGreaterThanOrEqual(3);
		expect(sandbox.maxRequestsInWindow()).toBeLessThanOrEqual(QUOTA);
	});

	it('rides out a 429 storm WITHOUT headers (exponential backoff) without exceeding the quota', async () => {
		sandbox.setFaults({ rate: 0.35, kinds: ['429-no-headers'], methods: ['GET'], seed: 5 });
		const results = await inNode(sandbox.credentials, (ctx) => burst(ctx, 16, 3));
		expect(results.filter(Boolean)).toHaveLength(16);
		expect(sandbox.requestLog().filter((e) => e.fault === '429-no-headers').length).toBeGreaterThanOrEqual(3);
		expect(sandbox.maxRequestsInWindow()).toBeLessThanOrEqual(QUOTA);
	});

	it('retries GETs through 500/503 faults and dropped connections', async () => {
		sandbox.setFaults({ rate: 0.3, kinds: ['500', '503', 'drop'], methods: ['GET'], seed: 4 });
		let count = 0;
		const results = await inNode(sandbox.credentials, async (ctx) => {
			const r = await burst(ctx, 16, 2);
			count = getBcRequestCount(ctx);
			return r;
		});
		expect(results.filter(Boolean)).toHaveLength(16);
		const faults = sandbox.requestLog().filter((e) => e.fault);
		expect(faults.length).toBeGreaterThanOrEqual(2);
		expect(count).toBe(16 + faults.length);
		expect(sandbox.maxRequestsInWindow()).toBeLessThanOrEqual(QUOTA);
	});

	describe('POST is never blindly retried', () => {
		const shipmentRequest = (orderId: number) => {
			const line = sandbox.getOrderProducts(orderId).find((l) => l.quantity > 0)!;
			return {
				method: 'POST' as const,
				version: 'v2' as const,
				path: `/orders/${orderId}/shipments`,
				body: {
					order_address_id: line.order_address_id,
					tracking_number: `TRK${orderId}`,
					items: [{ order_product_id: line.id, quantity: 1 }],
				},
				resource: `shipment of order ${orderId}`,
			};
		};

		function orderWithPhysicalLine(): number {
			return sandbox.addOrder({ lines: [{ sku: 'POST-TEST', quantity: 2, productId: sandbox.getProducts()[0].id }] });
		}

		it('a 500 on POST gives one request and an outcome-unknown NodeApiError', async () => {
			const orderId = orderWithPhysicalLine();
			sandbox.setFaults({ rate: 1, kinds: ['500'], methods: ['POST'] });
			const error = await rejectionOf(inNode(sandbox.credentials, (ctx) => bcRequest.call(ctx, shipmentRequest(orderId))));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(isUnconfirmedPost(error)).toBe(true);
			expect(bcErrorInfo(error)).toMatchObject({ httpStatus: 500, attempts: 1 });
			expect(sandbox.countRequests({ method: 'POST' })).toBe(1);
			expect(JSON.stringify(error)).not.toContain(sandbox.token);
		});

		it('a POST whose response is lost is applied by BigCommerce: the error says the outcome is unknown', async () => {
			const orderId = orderWithPhysicalLine();
			sandbox.setFaults({ rate: 1, kinds: ['lost-response'], methods: ['POST'] });
			const error = await rejectionOf(inNode(sandbox.credentials, (ctx) => bcRequest.call(ctx, shipmentRequest(orderId))));
			expect(isUnconfirmedPost(error)).toBe(true);
			expect(sandbox.countRequests({ method: 'POST' })).toBe(1);
			expect(sandbox.getShipments(orderId)).toHaveLength(1);
			expect(error.description).toContain(`shipment of order ${orderId}`);
		});

		it('a 500 then 200 on GET is retried, and the POST after it goes through once', async () => {
			const orderId = orderWithPhysicalLine();
			sandbox.setFaults({ rate: 1, kinds: ['500'], methods: ['GET'] });
			let getError: unknown;
			// The first backoff sleep is where the sandbox recovers: 500 first, then 200.
			const realSleep = transportSettings.sleep;
			transportSettings.sleep = async (ms) => {
				sandbox.setFaults(null);
				await realSleep(ms);
			};
			await inNode(sandbox.credentials, async (ctx) => {
				await bcRequest.call(ctx, { method: 'GET', version: 'v2', path: `/orders/${orderId}` }).catch((e) => (getError = e));
				await bcRequest.call(ctx, shipmentRequest(orderId));
			});
			expect(getError).toBeUndefined();
			const gets = sandbox.requestLog().filter((e) => e.method === 'GET');
			expect(gets.map((e) => e.status)).toEqual([500, 200]);
			expect(sandbox.countRequests({ method: 'POST' })).toBe(1);
			expect(sandbox.getShipments(orderId)).toHaveLength(1);
		});
	});

	it('maps sandbox V2 and V3 errors with the API message and keeps the token out', async () => {
		const v2 = await rejectionOf(inNode(sandbox.credentials, (ctx) => bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/orders/99999999', resource: 'order 99999999' })));
		expect(v2).toBeInstanceOf(NodeApiError);
		expect(v2.httpCode).toBe('404');
		expect(v2.message).toBe('The requested resource was not found.');
		expect(v2.description).toContain('Order 99999999');

		const v3 = await rejectionOf(inNode(sandbox.credentials, (ctx) =>
			bcRequest.call(ctx, { method: 'PUT', version: 'v3', path: '/inventory/adjustments/absolute', body: { reason: 'x', items: [{ location_id: 1, sku: 'NO-SUCH-SKU-1', quantity: 1 }] }, resource: 'stock of SKU NO-SUCH-SKU-1' }),
		));
		expect(v3).toBeInstanceOf(NodeApiError);
		expect(Number(v3.httpCode)).toBeGreaterThanOrEqual(400);
		expect(v3.message.length).toBeGreaterThan(3);
		expect(v3.description).toContain('stock of SKU NO-SUCH-SKU-1');

		const wrong = await rejectionOf(inNode({ ...sandbox.credentials, accessToken: 'wrong-token-abcdef' }, (ctx) => bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/store' })));
		expect(wrong.httpCode).toBe('401');
		expect(wrong.description).toContain('Check the Access Token');
		for (const e of [v2, v3, wrong]) {
			expect(JSON.stringify(e)).not.toContain(sandbox.token);
			expect(JSON.stringify(e)).not.toContain('wrong-token-abcdef');
		}
	});
});
