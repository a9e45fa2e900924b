import nock from 'nock';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import {
	bcErrorInfo,
	bcPagesV2,
	bcRequest,
	bcRequestAllV2,
	bcRequestAllV3,
	getBcRequestCount,
	isUnconfirmedPost,
	transportSettings,
	USER_AGENT,
} from '../../../nodes/shared/bigcommerce/transport';
import type { BcContext, BcRequest } from '../../../nodes/shared/bigcommerce/transport';
import { inNode, rejectionOf, useTransportSettings } from './bcProbe';

const TOKEN = 'tok-SECRET-0123456789abcdef';
const API = 'https://api.bigcommerce.com';
const HASH = 'abc123';
const creds = { storeHash: HASH, accessToken: TOKEN, apiUrl: API };
const base = `/stores/${HASH}`;

const call = <T = unknown>(req: BcRequest) => inNode(creds, (ctx) => bcRequest.call<BcContext, [BcRequest], Promise<T>>(ctx, req));
const callError = (req: BcRequest) => rejectionOf(call(req));
const netError = (code: string, message: string) => Object.assign(new Error(message), { code });

const sleeps: number[] = [];

jest.setTimeout(20000);

useTransportSettings({
	backoffBaseMs: 5,
	backoffCapMs: 40,
	rateLimitMarginMs: 5,
	sleep: async (ms: number) => {
		sleeps.push(ms);
		await new Promise((r) => setTimeout(r, Math.min(ms, 50)));
	},
});

beforeEach(() => {
	nock.cleanAll();
	sleeps.length = 0;
});

afterAll(() => nock.cleanAll());

function expectNoToken(error: unknown) {
	expect(JSON.stringify(error)).not.toContain(TOKEN);
	const e = error as NodeApiError;
	expect(`${e.message} ${e.description ?? ''} ${JSON.stringify(e.context)} ${JSON.stringify(e.errorResponse ?? {})} ${e.stack ?? ''}`).not.toContain(TOKEN);
}

describe('bcRequest over n8n-core helpers (nock)', () => {
	it('sends the token, JSON headers and a User-Agent naming the package, and returns the parsed body', async () => {
		const scope = nock(API, {
			reqheaders: {
				'x-auth-token': TOKEN,
				accept: 'application/json',
				'content-type': 'application/json',
				'user-agent': USER_AGENT,
			},
		})
			.get(`${base}/v2/orders/1001`)
			.reply(200, { id: 1001, status_id: 11 });
		await expect(call({ method: 'GET', version: 'v2', path: '/orders/1001' })).resolves.toEqual({ id: 1001, status_id: 11 });
		expect(USER_AGENT).toMatch(/^n8n-nodes-bigcommerce-wms\//);
		scope.done();
	});

	it('returns undefined for a 204 and ends V2 paging on it', async () => {
		nock(API).get(`${base}/v2/orders`).query({ status_id: 11, page: 1, limit: 250 }).reply(204);
		const rows = await inNode(creds, (ctx) =>
			bcRequestAllV2.call<BcContext, [BcRequest], Promise<unknown[]>>(ctx, { method: 'GET', version: 'v2', path: '/orders', qs: { status_id: 11 } }),
		);
		expect(rows).toEqual([]);
		nock(API).delete(`${base}/v3/hooks/5`).reply(204);
		await expect(call({ method: 'DELETE', version: 'v3', path: '/hooks/5' })).resolves.toBeUndefined();
		expect(nock.isDone()).toBe(true);
	});

	it('pages V2 lists to the end across 3+ pages (full pages, then a short one)', async () => {
		const ids = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));
		for (let page = 1; page <= 4; page++) {
			nock(API)
				.get(`${base}/v2/orders/55/products`)
				.query({ page, limit: 2 })
				.reply(200, ids.slice((page - 1) * 2, page * 2));
		}
		const pages: unknown[][] = [];
		await inNode(creds, async (ctx) => {
			for await (const p of bcPagesV2.call<BcContext, [BcRequest, number], AsyncGenerator<unknown[]>>(
				ctx,
				{ method: 'GET', version: 'v2', path: '/orders/55/products' },
				2,
			)) {
				pages.push(p);
			}
		});
		expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
		expect(pages.flat()).toEqual(ids);
		expect(nock.isDone()).toBe(true);
	});

	it('pages V2 lists that end exactly on a page boundary with the 204 BigCommerce sends', async () => {
		nock(API).get(`${base}/v2/orders`).query({ page: 1, limit: 2 }).reply(200, [{ id: 1 }, { id: 2 }]);
		nock(API).get(`${base}/v2/orders`).query({ page: 2, limit: 2 }).reply(200, [{ id: 3 }, { id: 4 }]);
		nock(API).get(`${base}/v2/orders`).query({ page: 3, limit: 2 }).reply(204);
		const rows = await inNode(creds, (ctx) =>
			bcRequestAllV2.call<BcContext, [BcRequest, number], Promise<unknown[]>>(ctx, { method: 'GET', version: 'v2', path: '/orders' }, 2),
		);
		expect(rows).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
		expect(nock.isDone()).toBe(true);
	});

	it('pages V3 lists by meta.pagination.total_pages across 3 pages', async () => {
		for (let page = 1; page <= 3; page++) {
			nock(API)
				.get(`${base}/v3/catalog/variants`)
				.query({ 'sku:in': 'A,B', page, limit: 2 })
				.reply(200, {
					data: page < 3 ? [{ id: page * 10 }, { id: page * 10 + 1 }] : [{ id: 30 }],
					meta: { pagination: { total: 5, count: page < 3 ? 2 : 1, per_page: 2, current_page: page, total_pages: 3 } },
				});
		}
		const rows = await inNode(creds, (ctx) =>
			bcRequestAllV3.call<BcContext, [BcRequest, number], Promise<unknown[]>>(
				ctx,
				{ method: 'GET', version: 'v3', path: '/catalog/variants', qs: { 'sku:in': 'A,B' } },
				2,
			),
		);
		expect(rows).toEqual([{ id: 10 }, { id: 11 }, { id: 20 }, { id: 21 }, { id: 30 }]);
		expect(nock.isDone()).toBe(true);
	});

	it('retries a GET after a 500, then succeeds', async () => {
		nock(API).get(`${base}/v2/orders/7`).reply(500, [{ status: 500, message: 'Internal Server Error' }]);
		nock(API).get(`${base}/v2/orders/7`).reply(200, { id: 7 });
		let count = 0;
		const body = await inNode(creds, async (ctx) => {
			const res = await bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/orders/7' });
			count = getBcRequestCount(ctx);
			return res;
		});
		expect(body).toEqual({ id: 7 });
		expect(count).toBe(2);
		expect(sleeps).toEqual([5]);
		expect(nock.isDone()).toBe(true);
	});

	it('retries GET/PUT on network errors (ECONNRESET, socket hang up, ETIMEDOUT) with growing backoff', async () => {
		nock(API).put(`${base}/v2/orders/8`).replyWithError(netError('ECONNRESET', 'read ECONNRESET'));
		nock(API).put(`${base}/v2/orders/8`).replyWithError(netError('ECONNRESET', 'socket hang up'));
		nock(API).put(`${base}/v2/orders/8`).replyWithError(netError('ETIMEDOUT', 'connect ETIMEDOUT'));
		nock(API).put(`${base}/v2/orders/8`, { status_id: 9 }).reply(200, { id: 8, status_id: 9 });
		await expect(call({ method: 'PUT', version: 'v2', path: '/orders/8', body: { status_id: 9 } })).resolves.toEqual({ id: 8, status_id: 9 });
		expect(sleeps).toEqual([5, 10, 20]);
		expect(nock.isDone()).toBe(true);
	});

	it('gives up on a GET after maxRetries with a readable error', async () => {
		transportSettings.maxRetries = 2;
		nock(API).get(`${base}/v3/catalog/products`).times(3).reply(503, '<html><body><h1>503 Service Unavailable</h1></body></html>', {
			'Content-Type': 'text/html',
		});
		const error = await callError({ method: 'GET', version: 'v3', path: '/catalog/products', resource: 'the product list' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('503');
		expect(error.message).toBe('503 Service Unavailable');
		expect(error.description).toContain('after 3 attempt(s)');
		expect(isUnconfirmedPost(error)).toBe(false);
		expect(nock.isDone()).toBe(true);
		expectNoToken(error);
	});

	it('does NOT retry a POST after a 500: it throws an outcome-unknown error', async () => {
		const post = nock(API).post(`${base}/v2/orders/9/shipments`).reply(500, [{ status: 500, message: 'Internal Server Error' }]);
		const again = nock(API).post(`${base}/v2/orders/9/shipments`).reply(201, { id: 1 });
		const error = await callError({
			method: 'POST',
			version: 'v2',
			path: '/orders/9/shipments',
			body: { order_address_id: 1, items: [{ order_product_id: 2, quantity: 1 }] },
			resource: 'shipment of order 9',
		});
		expect(post.isDone()).toBe(true);
		expect(again.isDone()).toBe(false);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(isUnconfirmedPost(error)).toBe(true);
		expect(bcErrorInfo(error)).toMatchObject({ httpStatus: 500, attempts: 1, outcomeUnknown: true, resource: 'shipment of order 9' });
		expect(error.message).toBe('Internal Server Error');
		expect(error.description).toContain('may or may not have applied it');
		expectNoToken(error);
	});

	it('does NOT retry a POST whose connection dropped after sending, but does retry one that never connected', async () => {
		const dropped = nock(API).post(`${base}/v2/orders/10/shipments`).replyWithError(netError('ECONNRESET', 'socket hang up'));
		const error = await callError({ method: 'POST', version: 'v2', path: '/orders/10/shipments', body: { items: [] }, resource: 'shipment of order 10' });
		expect(dropped.isDone()).toBe(true);
		expect(isUnconfirmedPost(error)).toBe(true);
		expect(error.httpCode).toBeNull();
		expect(error.message).toContain('ECONNRESET');
		expectNoToken(error);

		nock(API).post(`${base}/v2/orders/11/shipments`).replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED'));
		nock(API).post(`${base}/v2/orders/11/shipments`).reply(201, { id: 3 });
		await expect(call({ method: 'POST', version: 'v2', path: '/orders/11/shipments', body: { items: [] } })).resolves.toEqual({ id: 3 });
	});

	it('waits X-Rate-Limit-Time-Reset-Ms after a 429 (headers in any case) and retries, POST included', async () => {
		nock(API)
			.post(`${base}/v3/orders/12/metafields`)
			.reply(429, { status: 429, title: 'Too many requests' }, { 'x-rate-limit-time-reset-ms': '30', 'X-Rate-Limit-Requests-Left': '0', 'x-rate-limit-requests-quota': '150' });
		nock(API).post(`${base}/v3/orders/12/metafields`).reply(200, { data: { id: 1 } });
		const started = Date.now();
		await expect(call({ method: 'POST', version: 'v3', path: '/orders/12/metafields', body: { key: 'k', value: 'v', namespace: 'n', permission_set: 'app_only' } })).resolves.toEqual({ data: { id: 1 } });
		expect(Date.now() - started).toBeGreaterThanOrEqual(30);
		expect(sleeps.filter((ms) => ms > 1)).toEqual([35]);
		expect(nock.isDone()).toBe(true);
	});

	it('backs off exponentially on 429s without rate-limit headers', async () => {
		nock(API).get(`${base}/v2/orders/13`).times(3).reply(429, 'Too Many Requests');
		nock(API).get(`${base}/v2/orders/13`).reply(200, { id: 13 });
		await expect(call({ method: 'GET', version: 'v2', path: '/orders/13' })).resolves.toEqual({ id: 13 });
		expect(sleeps.filter((ms) => ms > 1)).toEqual([5, 10, 20]);
		expect(nock.isDone()).toBe(true);
	});

	it('stops after max429Retries with a 429 error that says what to do', async () => {
		transportSettings.max429Retries = 2;
		nock(API).get(`${base}/v2/orders/14`).times(3).reply(429, [{ status: 429, message: 'Too many requests' }]);
		const error = await callError({ method: 'GET', version: 'v2', path: '/orders/14', resource: 'order 14' });
		expect(error.httpCode).toBe('429');
		expect(error.message).toBe('Too many requests');
		expect(error.description).toMatch(/rate limit was still exceeded after 3 attempt/);
		expect(nock.isDone()).toBe(true);
	});

	it('waits for the window reset before sending when Requests-Left is nearly used up', async () => {
		const sentAt: number[] = [];
		nock(API)
			.get(`${base}/v2/orders/15`)
			.reply(() => {
				sentAt.push(Date.now());
				return [200, { id: 15 }, { 'X-Rate-Limit-Requests-Left': '1', 'X-Rate-Limit-Time-Reset-Ms': '300', 'X-Rate-Limit-Requests-Quota': '150' }];
			});
		nock(API)
			.get(`${base}/v2/orders/16`)
			.reply(() => {
				sentAt.push(Date.now());
				return [200, { id: 16 }, { 'X-Rate-Limit-Requests-Left': '149', 'X-Rate-Limit-Time-Reset-Ms': '30000' }];
			});
		transportSettings.sleep = async (ms: number) => {
			sleeps.push(ms);
			await new Promise((r) => setTimeout(r, ms));
		};
		await inNode(creds, async (ctx) => {
			await bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/orders/15' });
			expect(sleeps).toEqual([]);
			await bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/orders/16' });
		});
		expect(sleeps.length).toBe(1);
		expect(sleeps[0]).toBeGreaterThan(0);
		expect(sleeps[0]).toBeLessThanOrEqual(305);
		expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(300);
		expect(nock.isDone()).toBe(true);
	});

	it('maps a V2 error array into NodeApiError with the API message, status and resource', async () => {
		nock(API)
			.put(`${base}/v2/orders/1001`)
			.reply(400, [{ status: 400, message: "The field 'item_total' cannot be written to. Please remove it from your request before trying again." }]);
		const error = await callError({ method: 'PUT', version: 'v2', path: '/orders/1001', body: { item_total: 1 }, resource: 'order 1001' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe("The field 'item_total' cannot be written to. Please remove it from your request before trying again.");
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('Order 1001 (PUT /v2/orders/1001)');
		expect(bcErrorInfo(error)).toMatchObject({ httpStatus: 400, endpoint: 'PUT /v2/orders/1001', resource: 'order 1001', outcomeUnknown: false });
		expectNoToken(error);
	});

	it('maps a V3 {status,title,errors} error into NodeApiError with the title and field details', async () => {
		nock(API)
			.put(`${base}/v3/inventory/adjustments/absolute`)
			.reply(
				422,
				{ status: 422, title: 'JSON data is missing or invalid', type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes', errors: { 'items.0.quantity': 'must be >= 0' } },
				{ 'Content-Type': 'application/problem+json' },
			);
		const error = await callError({ method: 'PUT', version: 'v3', path: '/inventory/adjustments/absolute', body: { items: [{ sku: 'MUG', quantity: -1 }] }, resource: 'stock of SKU MUG' });
		expect(error.message).toBe('JSON data is missing or invalid');
		expect(error.httpCode).toBe('422');
		expect(error.description).toContain('items.0.quantity: must be >= 0');
		expect(error.description).toContain('stock of SKU MUG');
		expectNoToken(error);
	});

	it('says which credential field and which scope to fix on 401 and 403', async () => {
		nock(API).get(`${base}/v2/orders/1`).reply(401, [{ status: 401, message: 'You are not authorized to access this resource.' }]);
		const e401 = await callError({ method: 'GET', version: 'v2', path: '/orders/1', resource: 'order 1' });
		expect(e401.message).toBe('You are not authorized to access this resource.');
		expect(e401.description).toContain('Check the Access Token');
		expectNoToken(e401);

		nock(API).get(`${base}/v3/inventory/locations`).reply(403, { status: 403, title: "You don't have a required scope to access the endpoint" });
		const e403 = await callError({ method: 'GET', version: 'v3', path: '/inventory/locations' });
		expect(e403.description).toContain('Store Locations: read-only');
		nock(API).put(`${base}/v2/orders/2`).reply(403, [{ status: 403, message: "You don't have a required scope to access the endpoint" }]);
		const e403w = await callError({ method: 'PUT', version: 'v2', path: '/orders/2', body: { status_id: 9 }, resource: 'order 2' });
		expect(e403w.description).toContain('Orders: modify');
	});

	it('handles an empty error body', async () => {
		nock(API).get(`${base}/v2/orders/404404`).reply(404);
		const error = await callError({ method: 'GET', version: 'v2', path: '/orders/404404', resource: 'order 404404' });
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('BigCommerce returned HTTP 404 Not Found with no error message');
		expect(error.description).toContain('Order 404404 does not exist');
	});

	it('never lets the token into an error, even when the API echoes it', async () => {
		nock(API).get(`${base}/v2/orders/3`).reply(400, [{ status: 400, message: `Bad token ${TOKEN} in header` }]);
		const error = await callError({ method: 'GET', version: 'v2', path: '/orders/3' });
		expect(error.message).toBe('Bad token [redacted] in header');
		expectNoToken(error);
	});
});

describe('credential checks before any request', () => {
	it.each([
		['abc/../x', 'storeHash', /Store Hash 'abc\/\.\.\/x'/],
		['ABC123', 'storeHash', /Store Hash 'ABC123'/],
		['', 'storeHash', /Store Hash .* is empty/],
	])('rejects store hash %p', async (storeHash, _field, pattern) => {
		const error = await rejectionOf(inNode({ ...creds, storeHash }, (ctx) => bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/store' })));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(pattern);
		expect(error.description).toContain('lowercase letters and digits');
		expectNoToken(error);
	});

	it.each(['http://api.bigcommerce.com', 'ftp://x', 'https://api.bigcommerce.com?x=1', 'http://127.0.0.2:80'])('rejects API URL %p', async (apiUrl) => {
		const error = await rejectionOf(inNode({ ...creds, apiUrl }, (ctx) => bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/store' })));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('API URL');
		expect(error.description).toContain('https://');
	});

	it('accepts http only on 127.0.0.1/localhost, and strips trailing slashes', async () => {
		nock('http://localhost:4010').get('/stores/abc123/v2/time').reply(200, { time: 1 });
		await expect(inNode({ ...creds, apiUrl: 'http://localhost:4010/' }, (ctx) => bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/time' }))).resolves.toEqual({ time: 1 });
	});

	it('rejects paths with dot segments or query strings', async () => {
		const error = await rejectionOf(call({ method: 'GET', version: 'v2', path: '/orders/../store' }));
		expect(error).toBeInstanceOf(NodeOperationError);
	});
});
