import nock from 'nock';
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { bcApiError, bcErrorInfo, isUnconfirmedPost, parseBcErrorBody, redact, scopeFor } from '../../../nodes/shared/bigcommerce/errors';
import { acquireSlot, parseRateHeaders, rateLimitSnapshot, releaseSlot, resetRateLimitState } from '../../../nodes/shared/bigcommerce/rateLimit';
import { resetTransportSettings, transportSettings } from '../../../nodes/shared/bigcommerce/retry';
import { checkBcCredentials } from '../../../nodes/shared/bigcommerce/credentials';
import { bcRequest, bcStoreKey, getBcRequestCount } from '../../../nodes/shared/bigcommerce/transport';
import type { BcContext, BcRequest } from '../../../nodes/shared/bigcommerce/transport';
import { inNode, rejectionOf, useTransportSettings } from './bcProbe';

const node: INode = { id: '1', name: 'Confirm Shipment', type: 'x.confirmShipment', typeVersion: 1, position: [0, 0], parameters: {} };

describe('parseBcErrorBody', () => {
	it('reads V2 arrays, joining distinct messages', () => {
		expect(parseBcErrorBody([{ status: 400, message: 'A' }, { status: 400, message: 'B' }, { status: 400, message: 'A' }])).toEqual({ message: 'A | B', details: [] });
	});
	it('reads V3 objects with nested errors', () => {
		expect(parseBcErrorBody({ status: 422, title: 'Invalid', type: 't', errors: { items: [{ sku: 'unknown' }], reason: 'required' } })).toEqual({
			message: 'Invalid',
			details: ['items.sku: unknown', 'reason: required'],
		});
	});
	it('reads 207 partial errors and variant batch errors', () => {
		expect(parseBcErrorBody({ data: [], errors: { status: 422, title: 'Partial', errors: { '1': 'bad' } } }).message).toBe('Partial');
		expect(parseBcErrorBody({ batch_errors: [{ status: 422, title: 'Variant bad', errors: { sku: 'dup' } }] }).details).toEqual(['Variant bad', 'sku: dup']);
	});
	it('reads JSON sent as a string, HTML pages and empty bodies', () => {
		expect(parseBcErrorBody('[{"status":404,"message":"Nope"}]').message).toBe('Nope');
		expect(parseBcErrorBody('<html><h1>502 Bad Gateway</h1><p>nginx</p></html>').message).toBe('502 Bad Gateway nginx');
		expect(parseBcErrorBody('')).toEqual({ details: [] });
		expect(parseBcErrorBody(undefined)).toEqual({ details: [] });
		expect(parseBcErrorBody({})).toEqual({ message: undefined, details: [] });
	});
});

describe('scopeFor', () => {
	it.each([
		['GET', 'v2', '/orders/1', 'Orders: read-only (store_v2_orders_read_only)'],
		['PUT', 'v2', '/orders/1', 'Orders: modify (store_v2_orders)'],
		['POST', 'v2', '/orders/1/shipments', 'Orders: modify (store_v2_orders)'],
		['GET', 'v2', '/order_statuses', 'Orders: read-only (store_v2_orders_read_only)'],
		['GET', 'v3', '/catalog/variants', 'Products: read-only (store_v2_products_read_only)'],
		['PUT', 'v3', '/inventory/adjustments/absolute', 'Store Inventory: modify (store_inventory)'],
		['GET', 'v3', '/inventory/locations', 'Store Locations: read-only (store_locations_read_only)'],
		['GET', 'v3', '/inventory/locations/2/items', 'Store Inventory: read-only (store_inventory_read_only)'],
		['GET', 'v2', '/store', 'Information & Settings: read-only (store_v2_information_read_only)'],
	])('%s /%s%s needs %s', (method, version, path, scope) => {
		expect(scopeFor(method, version, path)).toBe(scope);
	});
});

describe('bcApiError', () => {
	const token = 'very-secret-token-42';
	it('builds a NodeApiError with the API message, code, resource and advice, and no token anywhere', () => {
		const error = bcApiError(node, {
			method: 'POST',
			version: 'v2',
			path: '/orders/5/shipments',
			resource: 'shipment of order 5',
			status: 503,
			body: [{ status: 503, message: `Service Unavailable for ${token}` }],
			attempts: 1,
			outcomeUnknown: true,
			secrets: [token],
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Service Unavailable for [redacted]');
		expect(error.httpCode).toBe('503');
		expect(error.description).toMatch(/^Shipment of order 5 \(POST \/v2\/orders\/5\/shipments\), HTTP 503 Service Unavailable\./);
		expect(isUnconfirmedPost(error)).toBe(true);
		expect(bcErrorInfo(error)).toMatchObject({ bigCommerce: true, httpStatus: 503, method: 'POST', attempts: 1 });
		expect(JSON.stringify(error)).not.toContain(token);
		expect(JSON.stringify(error.errorResponse)).not.toContain(token);
	});
	it('describes network failures without a status', () => {
		const error = bcApiError(node, { method: 'GET', version: 'v2', path: '/orders', attempts: 5, networkError: 'ECONNRESET', secrets: [] });
		expect(error.message).toBe('No response from BigCommerce (ECONNRESET)');
		expect(error.httpCode).toBeNull();
		expect(error.description).toContain('after 5 attempt(s)');
		expect(isUnconfirmedPost(error)).toBe(false);
		expect(isUnconfirmedPost(new Error('other'))).toBe(false);
	});
	it('redacts only secrets of a safe length', () => {
		expect(redact('a token abcd here', ['abcd', ''])).toBe('a token [redacted] here');
		expect(redact('abc', ['ab'])).toBe('abc');
	});
});

describe('rate-limit state', () => {
	beforeEach(() => resetRateLimitState());
	afterEach(() => resetTransportSettings());

	it('reads headers case-insensitively, and Retry-After in seconds', () => {
		expect(parseRateHeaders({ 'X-RATE-LIMIT-REQUESTS-LEFT': '3', 'x-rate-limit-time-reset-ms': '1200', 'X-Rate-Limit-Requests-Quota': ['150'], 'retry-after': '2' })).toEqual({
			left: 3,
			resetMs: 1200,
			quota: 150,
			windowMs: undefined,
			retryAfterMs: 2000,
		});
		expect(parseRateHeaders(undefined)).toEqual({});
	});

	it('lets one request learn the quota first, then hands out no more than quota - watermark slots per window', async () => {
		const waits: number[] = [];
		let clock = 0;
		const realNow = Date.now;
		Date.now = () => 1_000_000 + clock;
		Object.assign(transportSettings, {
			lowWatermark: 2,
			rateLimitMarginMs: 10,
			sleep: async (ms: number) => {
				waits.push(ms);
				clock += ms;
			},
		});
		try {
			const key = 'k';
			await acquireSlot(key);
			let second = false;
			const pending = acquireSlot(key).then(() => (second = true));
			await Promise.resolve();
			expect(second).toBe(false); // waits for the first answer
			releaseSlot(key, { 'x-rate-limit-requests-left': '9', 'x-rate-limit-requests-quota': '10', 'x-rate-limit-time-reset-ms': '1000', 'x-rate-limit-time-window-ms': '1000' }, 200);
			await pending;
			// 9 left, minus this one = 8; slots until left <= 2 are free, then it waits for the reset.
			for (let i = 0; i < 6; i++) await acquireSlot(key);
			expect(waits).toEqual([]);
			expect(rateLimitSnapshot(key)).toMatchObject({ left: 2, inFlight: 7 });
			await acquireSlot(key);
			expect(waits).toEqual([1010]);
			expect(rateLimitSnapshot(key)).toMatchObject({ left: 9 });
		} finally {
			Date.now = realNow;
		}
	});
});

describe('429 retries (after429 in rateLimit.ts, through bcRequest in a node run)', () => {
	const API = 'https://api.bigcommerce.com';
	const HASH = 'rl429';
	const creds = { storeHash: HASH, accessToken: 'tok-429-0123456789abcdef', apiUrl: API };
	const base = `/stores/${HASH}`;
	const sleeps: number[] = [];
	let requests = 0;
	const call = (req: BcRequest) =>
		inNode(creds, async (ctx) => {
			try {
				return await bcRequest.call<BcContext, [BcRequest], Promise<unknown>>(ctx, req);
			} finally {
				requests = getBcRequestCount(ctx);
			}
		});

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
		sleeps.length = 0;
		requests = 0;
	});
	afterEach(() => nock.cleanAll());

	it('429 with rate-limit headers: waits X-Rate-Limit-Time-Reset-Ms (+ margin), blocks the store as long, then succeeds', async () => {
		nock(API)
			.get(`${base}/v2/orders/1`)
			.reply(429, { status: 429, title: 'Too many requests' }, { 'X-Rate-Limit-Time-Reset-Ms': '40', 'x-rate-limit-requests-left': '0', 'x-rate-limit-requests-quota': '150' });
		nock(API).get(`${base}/v2/orders/1`).reply(200, { id: 1 }, { 'x-rate-limit-time-reset-ms': '30000', 'x-rate-limit-requests-left': '149', 'x-rate-limit-requests-quota': '150' });
		const before = Date.now();
		await expect(call({ method: 'GET', version: 'v2', path: '/orders/1' })).resolves.toEqual({ id: 1 });
		expect(sleeps.filter((ms) => ms > 1)).toEqual([45]);
		expect(requests).toBe(2);
		const state = rateLimitSnapshot(bcStoreKey(creds));
		expect(state?.blockedUntil).toBeGreaterThanOrEqual(before + 45);
		expect(state).toMatchObject({ quota: 150, inFlight: 0 });
		expect(nock.isDone()).toBe(true);
	});

	it('429 with rate-limit headers retries a POST too (BigCommerce did not process it)', async () => {
		nock(API).post(`${base}/v2/orders/2/shipments`).reply(429, [{ status: 429, message: 'Too many requests' }], { 'x-rate-limit-time-reset-ms': '10', 'x-rate-limit-requests-left': '0' });
		nock(API).post(`${base}/v2/orders/2/shipments`).reply(201, { id: 7 });
		await expect(call({ method: 'POST', version: 'v2', path: '/orders/2/shipments', body: { items: [] } })).resolves.toEqual({ id: 7 });
		expect(sleeps.filter((ms) => ms > 1)).toEqual([15]);
		expect(nock.isDone()).toBe(true);
	});

	it('429 without headers: backs off exponentially (base 5 ms, doubling), then succeeds', async () => {
		nock(API).get(`${base}/v2/orders/3`).times(3).reply(429, 'Too Many Requests');
		nock(API).get(`${base}/v2/orders/3`).reply(200, { id: 3 });
		await expect(call({ method: 'GET', version: 'v2', path: '/orders/3' })).resolves.toEqual({ id: 3 });
		expect(sleeps.filter((ms) => ms > 1)).toEqual([5, 10, 20]);
		expect(requests).toBe(4);
		expect(nock.isDone()).toBe(true);
	});

	it('gives up after max429Retries with a 429 error that names the request and says what to do', async () => {
		transportSettings.max429Retries = 2;
		nock(API).get(`${base}/v2/orders/4`).times(3).reply(429, [{ status: 429, message: 'Too many requests' }]);
		const error = await rejectionOf(call({ method: 'GET', version: 'v2', path: '/orders/4', resource: 'order 4' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('429');
		expect(error.message).toBe('Too many requests');
		expect(error.description).toMatch(/^Order 4 \(GET \/v2\/orders\/4\), HTTP 429/);
		expect(error.description).toContain("BigCommerce's rate limit was still exceeded after 3 attempt(s)");
		expect(error.description).toContain('run again later');
		expect(sleeps.filter((ms) => ms > 1)).toEqual([5, 10]);
		expect(requests).toBe(3);
		expect(nock.isDone()).toBe(true);
	});
});

describe('credential checks', () => {
	it('normalizes a good credential and names the first bad field', () => {
		expect(checkBcCredentials({ storeHash: ' abc123 ', accessToken: 't', apiUrl: 'http://127.0.0.1:9000/' })).toEqual({
			credentials: { storeHash: 'abc123', accessToken: 't', apiUrl: 'http://127.0.0.1:9000' },
		});
		expect(checkBcCredentials({ storeHash: 'abc123', accessToken: '', apiUrl: '' })).toMatchObject({ problem: { field: 'accessToken' } });
		expect(checkBcCredentials({ storeHash: 'abc123', accessToken: 't', apiUrl: 'https://user@evil.example' })).toMatchObject({ problem: { field: 'apiUrl' } });
		expect(checkBcCredentials({ storeHash: 'a.b', accessToken: 't' })).toMatchObject({ problem: { field: 'storeHash' } });
	});
});
