/**
 * Failure reasons are short and single-cause (issue 11, item 3): an HTTP answer is never "no response"; a refused
 * credential names the field to check and nothing about SKUs, addresses or trying later; 5xx and network trouble
 * say run again later; a 4xx on create quotes the API and says what to fix. Through n8n's engine (probe), nock.
 */
import nock from 'nock';
import type { NodeApiError } from 'n8n-workflow';
import { describeError } from '../../../nodes/shared/errors';
import { FAST_RETRY, withAdapter } from './probe';
import { line, orderInput } from './fixtures';
import type { TestCredentials } from '../../helpers/harness';
import { bcRequest } from '../../../nodes/shared/bigcommerce/transport';
import { inNode, useTransportSettings } from '../bigcommerce/bcProbe';

const BASE = 'https://wms.example.test';
const creds = (): TestCredentials => ({
	extensivWarehouseManagerApi: { clientId: 'cid', clientSecret: 'c-secret-123', userLogin: 'jdoe', customerId: 12, facilityId: 3, baseUrl: BASE, warehouseTimeZone: 'UTC' },
});
const httpCreds = (): TestCredentials => ({ wmsHttpApi: { baseUrl: `${BASE}/api`, headerName: 'X-Api-Key', headerValue: 'k-secret-123' } });
const token = () => nock(BASE).post('/AuthServer/api/Token').reply(200, { access_token: 'tok-1', expires_in: 3600 });
const api = () => nock(BASE);
const noOrder = () => api().get('/orders').query(true).reply(200, { totalResults: 0, _embedded: {} });

async function reasonOf(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(e: unknown) => e as NodeApiError,
	);
	const reason = describeError(error);
	expect(reason).not.toMatch(/c-secret-123|k-secret-123|tok-1/);
	return reason;
}

afterEach(() => nock.cleanAll());

const NOT_ABOUT_DATA = /SKU|address|ship method|no response|again later|try again/i;

describe('Extensiv: one cause per reason', () => {
	it('a wrong client secret: the token refusal names Client ID and Client Secret, nothing else', async () => {
		nock(BASE).post('/AuthServer/api/Token').reply(401, { error: 'invalid_client', error_description: 'The client id or secret is not valid.' });
		const reason = await reasonOf(withAdapter('extensiv', creds(), (a) => a.createOrder(orderInput('BC-1', [line('MUG-RED', 1)])), FAST_RETRY));
		expect(reason).toBe(
			"3PL Warehouse Manager did not issue an access token (HTTP 401: The client id or secret is not valid). Check Client ID and Client Secret in the \"Extensiv 3PL Warehouse Manager API\" credential: copy both again from the warehouse's REST API key set",
		);
		expect(reason).not.toMatch(NOT_ABOUT_DATA);
	});

	it('a wrong user login: names User Login', async () => {
		nock(BASE).post('/AuthServer/api/Token').reply(400, { error: 'invalid_grant', error_description: 'The user login is not known for this client.' });
		const reason = await reasonOf(withAdapter('extensiv', creds(), (a) => a.listStock(), FAST_RETRY));
		expect(reason).toMatch(/^3PL Warehouse Manager did not issue an access token \(HTTP 400: The user login is not known for this client\)\. Check User Login in the "Extensiv 3PL Warehouse Manager API" credential/);
		expect(reason).not.toMatch(NOT_ABOUT_DATA);
	});

	it('the token endpoint failing (503) says run again later', async () => {
		nock(BASE).post('/AuthServer/api/Token').times(5).reply(503, { Message: 'Maintenance' });
		const reason = await reasonOf(withAdapter('extensiv', creds(), (a) => a.listStock(), FAST_RETRY));
		expect(reason).toBe('3PL Warehouse Manager could not issue an access token (HTTP 503: Maintenance). Run again later');
	});

	it('a 401 on a read (token accepted, then refused): names the credential fields, not "later"', async () => {
		token();
		api().get('/inventory/stockdetails').query(true).reply(401, { Message: 'Authorization has been denied for this request.' });
		token();
		api().get('/inventory/stockdetails').query(true).reply(401, { Message: 'Authorization has been denied for this request.' });
		const reason = await reasonOf(withAdapter('extensiv', creds(), (a) => a.listStock(), FAST_RETRY));
		expect(reason).toBe(
			'3PL Warehouse Manager failed reading stock levels: HTTP 401 (Authorization has been denied for this request.). Check Client ID, Client Secret and User Login in the "Extensiv 3PL Warehouse Manager API" credential',
		);
	});

	it('a 403 on a read: the user lacks access to the customer/facility', async () => {
		token();
		api().get('/inventory/stockdetails').query(true).reply(403, { Message: 'Forbidden' });
		const reason = await reasonOf(withAdapter('extensiv', creds(), (a) => a.listStock(), FAST_RETRY));
		expect(reason).toMatch(/^3PL Warehouse Manager failed reading stock levels: HTTP 403 \(Forbidden\)\. The credential's user may not work with customer 12 in facility 3/);
	});

	it('a 5xx on a read, after the retries: HTTP status quoted, run again later', async () => {
		token();
		api().get('/inventory/stockdetails').query(true).times(FAST_RETRY.attempts).reply(500, { Message: 'Internal error' });
		const reason = await reasonOf(withAdapter('extensiv', creds(), (a) => a.listStock(), FAST_RETRY));
		expect(reason).toBe('3PL Warehouse Manager failed reading stock levels: HTTP 500 (Internal error). The warehouse system failed on its side; run the workflow again later');
	});

	it('no response at all: says so, names the host, run again later', async () => {
		token();
		api().get('/inventory/stockdetails').query(true).times(FAST_RETRY.attempts).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const reason = await reasonOf(withAdapter('extensiv', creds(), (a) => a.listStock(), FAST_RETRY));
		expect(reason).toMatch(/^3PL Warehouse Manager failed reading stock levels: no response from wms\.example\.test \(the connection was dropped\)\. Run the workflow again later/);
	});

	it.each([
		[{ ErrorCode: 'ValueNotSupported', Hint: 'Sku MUG-RED not assigned to Customer 12.' }, /SKU MUG-RED is not set up for customer 12 in 3PL Warehouse Manager: add the item there or fix the SKU in BigCommerce/],
		[{ ErrorCode: 'InvalidValue', Properties: [{ Name: 'ShipTo.PostalCode', Message: 'Postal code is required.' }] }, /Fix the shipping address of order \d+ in BigCommerce and run again/],
		[{ ErrorCode: 'ValueNotSupported', Properties: [{ Name: 'FacilityIdentifier.Id', Message: 'Facility 3 not assigned to Customer 12.' }] }, /Check Facility ID \(3\) in the "Extensiv 3PL Warehouse Manager API" credential/],
		[{ ErrorCode: 'ValueNotSupported', Properties: [{ Name: 'Routing.Carrier', Message: 'Carrier FOO unknown.' }] }, /Fix the Ship Method Mapping of the WMS Deliver node/],
	])('a 400 on create quotes the API and says what to fix (%j)', async (body, advice) => {
		token();
		noOrder();
		api().post('/orders').reply(400, body);
		const reason = await reasonOf(withAdapter('extensiv', creds(), (a) => a.createOrder(orderInput('BC-1', [line('MUG-RED', 1)])), FAST_RETRY));
		expect(reason).toMatch(/^3PL Warehouse Manager rejected order BC-1: /);
		expect(reason).toMatch(advice);
		expect(reason).not.toMatch(/again later|no response/i);
	});
});

describe('generic WMS: one cause per reason', () => {
	it('a wrong key (401): names Header Name and Header Value', async () => {
		api().get('/api/inventory').query(true).reply(401, { message: 'Missing or wrong X-Api-Key header.' });
		const reason = await reasonOf(withAdapter('http', httpCreds(), (a) => a.listStock(), FAST_RETRY));
		expect(reason).toBe('The WMS failed reading stock levels: HTTP 401 (Missing or wrong X-Api-Key header.). Check Header Name and Header Value (the API key) in the "WMS HTTP API" credential');
		expect(reason).not.toMatch(NOT_ABOUT_DATA);
	});

	it('a wrong key on create: names the key, nothing about the order data', async () => {
		api().get('/api/orders').query(true).reply(401, { message: 'Missing or wrong X-Api-Key header.' });
		const reason = await reasonOf(withAdapter('http', httpCreds(), (a) => a.createOrder(orderInput('BC-1', [line('MUG-RED', 1)])), FAST_RETRY));
		expect(reason).toMatch(/HTTP 401.*Check Header Name and Header Value \(the API key\) in the "WMS HTTP API" credential$/);
		expect(reason).not.toMatch(NOT_ABOUT_DATA);
	});

	it('a 422 on create quotes the API and names the SKU', async () => {
		api().get('/api/orders').query(true).reply(404);
		api().post('/api/orders').reply(422, { message: 'Unknown SKU MUG-RED' });
		const reason = await reasonOf(withAdapter('http', httpCreds(), (a) => a.createOrder(orderInput('BC-1', [line('MUG-RED', 1)])), FAST_RETRY));
		expect(reason).toBe('The WMS rejected order BC-1: Unknown SKU MUG-RED. SKU MUG-RED is not known to the WMS: add the item there or fix the SKU in BigCommerce');
	});

	it('a host that does not resolve: names it and says check Base URL, no retries', async () => {
		const scope = api().get('/api/inventory').query(true).replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND wms.example.test'), { code: 'ENOTFOUND' }));
		const reason = await reasonOf(withAdapter('http', httpCreds(), (a) => a.listStock(), FAST_RETRY));
		expect(reason).toBe('The WMS failed reading stock levels: no response from wms.example.test (the host name does not resolve). Check Base URL in the "WMS HTTP API" credential');
		expect(scope.isDone()).toBe(true);
	});
});

describe('BigCommerce: one cause per reason', () => {
	useTransportSettings({ maxRetries: 1, backoffBaseMs: 1, backoffCapMs: 1, sleep: async () => undefined });
	const bcCreds = { storeHash: 'abc123', accessToken: 'bc-secret-123', apiUrl: 'https://api.bigcommerce.com' };
	const read = () => inNode(bcCreds, (ctx) => bcRequest.call(ctx, { method: 'GET', version: 'v2', path: '/orders/100', resource: 'order 100' }));
	const bcApi = () => nock('https://api.bigcommerce.com').get('/stores/abc123/v2/orders/100');

	it('a wrong token (401): names Access Token, nothing about later', async () => {
		bcApi().reply(401, [{ status: 401, message: 'You are not authorized.' }]);
		const reason = await reasonOf(read());
		expect(reason).toMatch(/Check the Access Token of the BigCommerce API credential/);
		expect(reason).not.toMatch(/again later|no response/i);
	});

	it('a 5xx after the retries: run again later', async () => {
		bcApi().times(2).reply(503, { title: 'Service Unavailable' });
		expect(await reasonOf(read())).toMatch(/HTTP 503.*server error after 2 attempt\(s\) for order 100; run again later/);
	});

	it('no response: names the host, run again later', async () => {
		bcApi().times(2).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
		expect(await reasonOf(read())).toMatch(/^No response from BigCommerce \(ECONNREFUSED\)\. .*No response from api\.bigcommerce\.com after 2 attempt\(s\)\. Run again later/);
	});
});
