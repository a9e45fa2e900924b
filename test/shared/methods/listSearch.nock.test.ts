/**
 * The list methods against nock, called as n8n's backend calls them for the editor: Sync Inventory's store
 * locations and WMS Deliver's shipping methods of recent orders. Request shapes are checked against the documented
 * API surface (test/fixtures/bigcommerce-api-surface.json); failures must be NodeApiErrors (the only errors whose
 * description and HTTP code reach the editor's list) that say what to do and how to type the value instead.
 */
import * as fs from 'fs';
import * as path from 'path';
import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';
import { findOperation, queryProblems, type SurfaceOperation } from '../../conformance/surface';
import { rejectionOf, useTransportSettings } from '../bigcommerce/bcProbe';
import { callListSearch } from './listContext';

const API = 'https://api.bigcommerce.com';
const HASH = 'abc123';
const TOKEN = 'tok-SECRET-list-1';
const bigCommerceApi = { storeHash: HASH, accessToken: TOKEN, apiUrl: API };
const LOCATIONS = `/stores/${HASH}/v3/inventory/locations`;
const ORDERS = `/stores/${HASH}/v2/orders`;

const surface = JSON.parse(
	fs.readFileSync(path.resolve(__dirname, '..', '..', 'fixtures', 'bigcommerce-api-surface.json'), 'utf8'),
) as { operations: SurfaceOperation[] };

/** Problems of a recorded request against the documented surface (none = documented operation and query). */
function undocumented(method: string, uri: string): string[] {
	const url = new URL(uri, API);
	const apiPath = url.pathname.replace(`/stores/${HASH}`, '');
	const op = findOperation(surface.operations, method, apiPath);
	if (!op) return [`${method} ${apiPath} is not a documented operation`];
	return queryProblems(url.searchParams, op);
}

const V3_FORBIDDEN = { status: 403, title: "You don't have a required scope to access the endpoint", type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes', errors: {} };
const V2_FORBIDDEN = [{ status: 403, message: "You don't have a required scope to access the endpoint" }];

function location(id: number, label: string, extra: Record<string, unknown> = {}) {
	return { id, code: `LOC-${id}`, label, description: '', managed_by_external_source: false, type_id: 'PHYSICAL', enabled: true, time_zone: 'Etc/UTC', ...extra };
}

function v3Page<T>(data: T[], page: number, totalPages: number, perPage = 250) {
	return { data, meta: { pagination: { total: data.length, count: data.length, per_page: perPage, current_page: page, total_pages: totalPages, links: { current: `?page=${page}&limit=${perPage}` } } } };
}

function order(id: number, methods: string[]) {
	return {
		id,
		status_id: 11,
		consignments: {
			pickups: [],
			shipping: methods.map((m, i) => ({ id: id * 10 + i, first_name: 'A', shipping_method: m, line_items: { url: 'x', resource: 'x' } })),
			downloads: [],
			email: { gift_certificates: [] },
		},
	};
}

useTransportSettings({ sleep: async () => {}, maxRetries: 1 });
beforeEach(() => nock.cleanAll());
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

describe('Sync Inventory: searchLocations', () => {
	const list = (filter?: string) => callListSearch({ nodeType: 'syncInventory', method: 'searchLocations', credentials: { bigCommerceApi }, filter, path: 'parameters.locationId' });

	it('lists every location over all pages, sorted by ID, values as ID text, the default and inactive ones marked', async () => {
		const seen: string[] = [];
		nock(API)
			.get(LOCATIONS)
			.query(true)
			.twice()
			.reply(function (uri) {
				seen.push(uri);
				expect(this.req.headers['x-auth-token']).toBe(TOKEN);
				const page = Number(new URL(uri, API).searchParams.get('page'));
				return page === 1
					? [200, v3Page([location(3, 'Returns shelf', { enabled: false }), location(1, 'Default location')], 1, 2)]
					: [200, v3Page([location(2, 'Overflow warehouse')], 2, 2)];
			});
		const { results } = await list();
		expect(results).toEqual([
			{ name: 'Default location (ID 1, default)', value: '1' },
			{ name: 'Overflow warehouse (ID 2)', value: '2' },
			{ name: 'Returns shelf (ID 3, inactive)', value: '3' },
		]);
		expect(seen.map((u) => new URL(u, API).searchParams.toString())).toEqual(['page=1&limit=250', 'page=2&limit=250']);
		for (const uri of seen) expect(undocumented('GET', uri)).toEqual([]);
	});

	it('filters by label, code or ID, ignoring case', async () => {
		const data = [location(1, 'Default location'), location(2, 'Overflow Warehouse'), location(12, 'Shop')];
		nock(API).get(LOCATIONS).query(true).times(3).reply(200, v3Page(data, 1, 1));
		expect((await list('warehouse')).results.map((r) => r.value)).toEqual(['2']);
		expect((await list('loc-12')).results.map((r) => r.value)).toEqual(['12']);
		expect((await list('1')).results.map((r) => r.value)).toEqual(['1', '12']); // ID 1, codes LOC-1 and LOC-12
	});

	it('a missing Store Locations scope (403) says which scope to add and how to type the ID instead', async () => {
		nock(API).get(LOCATIONS).query(true).reply(403, V3_FORBIDDEN);
		const error = await rejectionOf<NodeApiError>(list());
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe('The BigCommerce API account may not read store locations');
		expect(error.message).not.toMatch(/[-–—]/); // the editor cuts list messages at dashes
		expect(error.description).toContain('"Store Locations: read-only (store_locations_read_only)"');
		expect(error.description).toContain('choose "By ID" and type the location ID');
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain(TOKEN);
	});

	it('any other failure keeps the API message and adds how to type the ID instead', async () => {
		nock(API).get(LOCATIONS).query(true).twice().reply(500, { status: 500, title: 'Internal error' });
		const error = await rejectionOf<NodeApiError>(list());
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Internal error');
		expect(error.httpCode).toBe('500');
		expect(error.description).toMatch(/run again later\. Or choose "By ID"/);
	});

	it('a wrong token (401) keeps the transport message about the access token', async () => {
		nock(API).get(LOCATIONS).query(true).reply(401, { status: 401, title: 'Unauthorized' });
		const error = await rejectionOf<NodeApiError>(list());
		expect(error.httpCode).toBe('401');
		expect(error.description).toContain('Check the Access Token of the BigCommerce API credential');
		expect(error.description).toContain('"By ID"');
	});

	it('without a BigCommerce credential it says to select one, before any request', async () => {
		const error = await rejectionOf<NodeApiError>(
			callListSearch({ nodeType: 'syncInventory', method: 'searchLocations', credentials: {}, path: 'parameters.locationId' }),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Select a BigCommerce credential to list the store locations');
		expect(error.description).toContain('"By ID"');
	});
});

describe('WMS Deliver: searchShippingMethods', () => {
	const params = { wmsType: 'http', statusAfterDelivery: 9 };
	const list = (filter?: string, credentials: Record<string, typeof bigCommerceApi> = { bigCommerceApi }, parameters: Record<string, unknown> = params) =>
		callListSearch({
			nodeType: 'wmsDeliver',
			method: 'searchShippingMethods',
			credentials,
			parameters: parameters as never,
			filter,
			path: 'parameters.shipMethodMap.mappings[0].shippingMethod',
		});

	it('reads the last 500 orders with their consignments (documented parameters only), dedupes and sorts the names', async () => {
		const seen: string[] = [];
		const page1 = Array.from({ length: 250 }, (_, i) => order(1000 - i, i % 5 ? ['UPS Ground'] : ['ups  ground ', 'Free Shipping']));
		const page2 = [order(700, ['USPS Priority']), order(699, []), { id: 698, status_id: 10 }, order(697, ['Flat Rate', 'ups ground'])];
		nock(API)
			.get(ORDERS)
			.query(true)
			.twice()
			.reply(function (uri) {
				seen.push(uri);
				return [200, new URL(uri, API).searchParams.get('page') === '1' ? page1 : page2];
			});
		const { results } = await list();
		expect(results.map((r) => r.name)).toEqual(['Flat Rate', 'Free Shipping', 'UPS Ground', 'USPS Priority']);
		expect(results.every((r) => r.value === r.name)).toBe(true);
		expect(results.find((r) => r.name === 'UPS Ground')!.description).toBe('251 shipping address(es) in the last 254 orders');
		const queries = seen.map((u) => Object.fromEntries(new URL(u, API).searchParams));
		expect(queries).toEqual([1, 2].map((page) => ({ sort: 'date_created:desc', include: 'consignments', consignment_structure: 'object', page: String(page), limit: '250' })));
		for (const uri of seen) expect(undocumented('GET', uri)).toEqual([]);
	});

	it('stops after two full pages, and at a short page or 204', async () => {
		const full = Array.from({ length: 250 }, (_, i) => order(i + 1, ['Flat Rate']));
		nock(API).get(ORDERS).query({ sort: 'date_created:desc', include: 'consignments', consignment_structure: 'object', page: '1', limit: '250' }).reply(200, full);
		nock(API).get(ORDERS).query({ sort: 'date_created:desc', include: 'consignments', consignment_structure: 'object', page: '2', limit: '250' }).reply(200, full);
		expect((await list()).results.map((r) => r.name)).toEqual(['Flat Rate']);
		nock(API).get(ORDERS).query(true).reply(204, '');
		expect((await list()).results).toEqual([]);
	});

	it('filters ignoring case and spaces', async () => {
		nock(API).get(ORDERS).query(true).thrice().reply(200, [order(1, ['UPS Ground', 'USPS Priority', 'Free Shipping'])]);
		expect((await list('GROUND')).results.map((r) => r.name)).toEqual(['UPS Ground']);
		expect((await list('p')).results.map((r) => r.name)).toEqual(['Free Shipping', 'UPS Ground', 'USPS Priority']);
		expect((await list('  FREE   shipping ')).results.map((r) => r.name)).toEqual(['Free Shipping']);
	});

	it('a missing Orders scope (403) says which scope to add and how to type the name instead', async () => {
		nock(API).get(ORDERS).query(true).reply(403, V2_FORBIDDEN);
		const error = await rejectionOf<NodeApiError>(list());
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe('The BigCommerce API account may not read recent orders');
		expect(error.description).toContain('"Orders: read-only (store_v2_orders_read_only)"');
		expect(error.description).toContain('choose "By Name" and type the shipping method');
	});

	it('without a BigCommerce credential (status left unchanged) it explains why and how to type the name', async () => {
		const error = await rejectionOf<NodeApiError>(list(undefined, {}, { wmsType: 'http', statusAfterDelivery: 'dontChange' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Select a BigCommerce credential to list the recent orders');
		expect(error.description).toContain('"After Delivery, Set BigCommerce Status"');
		expect(error.description).toContain('"By Name"');
	});
});
