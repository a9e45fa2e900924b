/**
 * The Test button of every credential, run as n8n's server runs it (credentialTester.ts): the wiring (testedBy on
 * every node, no class `test` that would win over it), and every message, against the sandboxes and nock.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { packageCredentialTypes } from '../../helpers/harness';
import { credentialTest } from '../../../nodes/shared/credentialTests';
import { getCredentialTestFunction, supportedNodes, testCredential } from './credentialTester';

jest.setTimeout(30000);

let bc: BcSandbox;
let wms: WmsSandbox;

beforeAll(async () => {
	bc = await startBigCommerceSandbox({ quota: 200, windowMs: 1000 });
	wms = await startWmsSandbox();
});

afterAll(async () => {
	await bc?.close();
	await wms?.close();
	nock.cleanAll();
	nock.enableNetConnect();
});

beforeEach(() => {
	nock.cleanAll();
	bc.resetRequestLog();
	wms.resetRequestLog();
});

const TESTED_BY: Record<string, keyof typeof credentialTest> = {
	bigCommerceApi: 'bigCommerceApiTest',
	extensivWarehouseManagerApi: 'extensivWarehouseManagerApiTest',
	wmsHttpApi: 'wmsHttpApiTest',
};

describe('wiring: the Test button runs the package functions', () => {
	it.each(Object.entries(TESTED_BY))('%s: no class `test`, every node names %s and carries it', (name, fn) => {
		const type = packageCredentialTypes()[name];
		expect(type.test).toBeUndefined();
		const nodes = supportedNodes(name);
		expect(nodes.length).toBeGreaterThan(0);
		for (const node of nodes) {
			const entry = node.description.credentials!.find((c) => c.name === name)!;
			expect({ node: node.description.name, testedBy: entry.testedBy }).toEqual({ node: node.description.name, testedBy: fn });
			expect(node.methods?.credentialTest?.[fn]).toBe(credentialTest[fn]);
		}
		// Whatever node n8n happens to load first, the same function answers.
		for (const first of nodes) expect(getCredentialTestFunction(type, [first, ...nodes.filter((n) => n !== first)])).toBe(credentialTest[fn]);
	});

	it("n8n's rule: a class `test` wins over every node's testedBy (why the classes have none)", () => {
		const type = { ...packageCredentialTypes().bigCommerceApi, test: { request: { url: '/v2/store' } } };
		expect(getCredentialTestFunction(type, supportedNodes('bigCommerceApi'))).toEqual({ testRequest: { request: { url: '/v2/store' } } });
	});
});

describe('BigCommerce API credential', () => {
	const good = () => ({ ...bc.credentials }) as ICredentialDataDecryptedObject;
	const test = (patch: ICredentialDataDecryptedObject = {}) => testCredential('bigCommerceApi', { ...good(), ...patch });

	it('passes against the sandbox with one GET /v2/store carrying the token', async () => {
		expect(await test()).toEqual({ status: 'OK', message: expect.stringMatching(/^Connected to BigCommerce store/) });
		expect(bc.requestLog()).toEqual([expect.objectContaining({ method: 'GET', path: '/v2/store', status: 200 })]);
	});

	it('a wrong token: says the Access Token was rejected and where to copy it, once, without echoing it', async () => {
		const result = await test({ accessToken: 'wrong-token-12345' });
		expect(result).toEqual({
			status: 'Error',
			message: `BigCommerce rejected the Access Token for store ${bc.credentials.storeHash} (HTTP 401). Check Access Token: copy it again from the store-level API account of this store (Settings > API > Store-level API accounts); deleting the API account revokes its token.`,
		});
		expect(result.message).not.toContain('wrong-token-12345');
		expect(bc.requestLog()).toEqual([expect.objectContaining({ path: '/v2/store', status: 401 })]);
	});

	it.each([
		['https://api.bigcommerce.com/stores/abc123/v3/', 'Store Hash must be only the code after /stores/ in the API path, e.g. abc123 — you entered a URL; enter abc123.'],
		['https://mystore.mybigcommerce.com', 'Store Hash must be only the code after /stores/ in the API path, e.g. abc123 — you entered a URL.'],
		['store.example.com', 'Store Hash must be only the code after /stores/ in the API path, e.g. abc123 — you entered a URL.'],
		['', 'Store Hash is empty: enter the code after /stores/ in the API path of your store-level API account, e.g. abc123.'],
		['ABC123', "Store Hash 'ABC123' is not valid: store hashes are lowercase; enter abc123."],
		['abc 123', "Store Hash 'abc 123' is not valid: enter only the lowercase letters and digits after /stores/ in the API path, e.g. abc123."],
		['abc/../x', "Store Hash 'abc/../x' is not valid: enter only the lowercase letters and digits after /stores/ in the API path, e.g. abc123."],
	])('store hash %j is refused before any request', async (storeHash, message) => {
		expect(await test({ storeHash })).toEqual({ status: 'Error', message });
		expect(bc.requestLog()).toHaveLength(0);
	});

	it('an empty token is refused before any request', async () => {
		expect(await test({ accessToken: ' ' })).toEqual({
			status: 'Error',
			message: 'Access Token is empty: paste the access token of your store-level API account (Settings > API > Store-level API accounts).',
		});
		expect(bc.requestLog()).toHaveLength(0);
	});

	it.each(['http://api.bigcommerce.com', 'http://10.0.0.5:8080', 'https://api.bigcommerce.com?x=1', 'javascript:alert(1)'])(
		'API URL %p is refused before any request',
		async (apiUrl) => {
			const result = await test({ storeHash: 'abc123', accessToken: 'tok-123456', apiUrl });
			expect(result.status).toBe('Error');
			expect(result.message).toBe(
				`API URL '${apiUrl}' is not valid: use https://api.bigcommerce.com (the default). Another URL must start with https:// and have no query string; plain http:// is accepted only for 127.0.0.1 or localhost.`,
			);
		},
	);

	it('a token without Information & Settings: names the missing scope', async () => {
		bc.setScopes(['store_v2_orders']);
		try {
			expect(await test()).toEqual({
				status: 'Error',
				message:
					'The Access Token is valid but its API account lacks the scope "Information & Settings: read-only (store_v2_information_read_only)" (HTTP 403). Create a store-level API account with the scopes listed under Access Token (scopes of an existing account cannot be changed) and paste its token.',
			});
		} finally {
			bc.setScopes(null);
		}
	});

	describe('answers from api.bigcommerce.com (nock)', () => {
		const creds = { storeHash: 'abc123', accessToken: 'real-token-123', apiUrl: '' };
		const store = () => nock('https://api.bigcommerce.com', { reqheaders: { 'x-auth-token': 'real-token-123' } }).get('/stores/abc123/v2/store');

		it('uses https://api.bigcommerce.com/stores/{hash}/v2/store by default', async () => {
			const scope = store().reply(200, { id: 'abc123', name: 'Demo Store', domain: 'example.com' });
			expect(await testCredential('bigCommerceApi', creds)).toEqual({ status: 'OK', message: 'Connected to BigCommerce store "Demo Store".' });
			scope.done();
		});

		it.each([
			[404, [{ status: 404, message: 'The requested resource was not found.' }], "BigCommerce has no store with Store Hash 'abc123' (HTTP 404). Check Store Hash: it is the code after /stores/ in the API path of your store-level API account, e.g. abc123."],
			[429, '', 'BigCommerce is rate-limiting this store right now (HTTP 429). Test again in a minute.'],
			[503, { title: 'Service Unavailable' }, 'BigCommerce failed on its side (HTTP 503: Service Unavailable). Test again in a few minutes.'],
			[400, [{ status: 400, message: 'Bad request' }], 'BigCommerce answered HTTP 400: Bad request. Check Store Hash and API URL.'],
			[200, '<html>hello</html>', 'https://api.bigcommerce.com/stores/abc123/v2/store answered HTTP 200 but not like the BigCommerce API. Check API URL (https://api.bigcommerce.com for a real store).'],
		])('HTTP %i', async (status, body, message) => {
			store().reply(status, body as nock.Body);
			expect(await testCredential('bigCommerceApi', creds)).toEqual({ status: 'Error', message });
		});

		it.each([
			['ENOTFOUND', 'No response from api.bigcommerce.com (the host name does not resolve). Check API URL (https://api.bigcommerce.com for a real store).'],
			['ECONNREFUSED', 'No response from api.bigcommerce.com (connection refused). Check API URL (https://api.bigcommerce.com for a real store) and that this n8n server can reach it, then test again.'],
		])('network error %s names the host', async (code, message) => {
			store().replyWithError(Object.assign(new Error(`connect ${code}`), { code }));
			expect(await testCredential('bigCommerceApi', creds)).toEqual({ status: 'Error', message });
		});
	});
});

describe('Extensiv 3PL Warehouse Manager API credential', () => {
	const good = (): ICredentialDataDecryptedObject => {
		const c = wms.extensivCredentials;
		return { clientId: c.clientId, clientSecret: c.clientSecret, userLogin: c.userLogin, customerId: c.customerId, facilityId: c.facilityId, baseUrl: c.baseUrl, warehouseTimeZone: c.warehouseTimeZone };
	};
	const test = (patch: ICredentialDataDecryptedObject = {}) => testCredential('extensivWarehouseManagerApi', { ...good(), ...patch });

	it('passes against the sandbox: a token, one order of the customer, one stock row of the facility', async () => {
		const result = await test();
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/^Connected to 3PL Warehouse Manager as .*: orders of customer \d+ and stock of facility \d+ are readable\.$/);
		expect(wms.requestLog().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /AuthServer/api/Token 200',
			'GET /orders 200',
			'GET /inventory/stocksummaries 200',
		]);
	});

	it('a wrong client secret: names Client ID and Client Secret, without the secret', async () => {
		const result = await test({ clientSecret: 'not-the-secret-42' });
		expect(result).toEqual({
			status: 'Error',
			message:
				"3PL Warehouse Manager did not issue an access token (HTTP 401: The client id or secret is not valid). Check Client ID and Client Secret in this credential: copy both again from the warehouse's REST API key set.",
		});
		expect(result.message).not.toContain('not-the-secret-42');
	});

	it('a wrong user login: names User Login', async () => {
		expect(await test({ userLogin: 'nobody' })).toEqual({
			status: 'Error',
			message:
				'3PL Warehouse Manager did not issue an access token (HTTP 400: The user login is not known for this client). Check User Login in this credential: the login name or numeric user ID of the user the key set belongs to.',
		});
	});

	it.each([
		[{ clientId: '' }, 'Client ID is empty: enter the REST API client ID the warehouse generated (Manage Credentials, External REST).'],
		[{ clientSecret: '' }, 'Client Secret is empty: enter the client secret that belongs to the client ID.'],
		[{ userLogin: ' ' }, 'User Login is empty: enter the login name or numeric user ID of the user the key set belongs to.'],
		[{ tplGuid: 'abc' }, "3PL GUID 'abc' is not a GUID: enter it as {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, or leave it empty unless the key set is single-tenant dynamic."],
		[{ customerId: 0 }, 'Customer ID must be a positive number: the 3PL Warehouse Manager customer (brand) whose orders and stock this workflow handles.'],
		[{ facilityId: -3 }, 'Facility ID must be a positive number: the warehouse (facility) that ships the orders and holds the stock.'],
		[{ baseUrl: 'secure-wms.com' }, "Base URL 'secure-wms.com' is not valid: use https://secure-wms.com (the default) or the address of a test system, without a query string."],
		[{ warehouseTimeZone: 'Mars/Olympus' }, "Warehouse Time Zone 'Mars/Olympus' is not an IANA time zone: pick one from the list, e.g. America/Chicago."],
	])('field problem %j is refused before any request', async (patch, message) => {
		expect(await test(patch as ICredentialDataDecryptedObject)).toEqual({ status: 'Error', message });
		expect(wms.requestLog()).toHaveLength(0);
	});

	describe('answers from secure-wms.com (nock)', () => {
		const creds: ICredentialDataDecryptedObject = { clientId: 'cid', clientSecret: 'sec-0123456789', userLogin: 'ops', customerId: 7, facilityId: 3, baseUrl: 'https://secure-wms.com', warehouseTimeZone: 'America/Chicago' };
		const api = () => nock('https://secure-wms.com');
		const token = () => api().post('/AuthServer/api/Token');
		const run = () => testCredential('extensivWarehouseManagerApi', creds);
		const okToken = () => token().reply(200, { access_token: 'bearer-abcdef', expires_in: 3600 });

		it('sends the documented token request, then reads with the bearer token', async () => {
			const basic = `Basic ${Buffer.from('cid:sec-0123456789').toString('base64')}`;
			const t = api().post('/AuthServer/api/Token', { grant_type: 'client_credentials', user_login: 'ops' }).matchHeader('authorization', basic).reply(200, { access_token: 'bearer-abcdef' });
			const o = api().get('/orders').query({ pgsiz: 1, pgnum: 1, rql: 'readOnly.customerIdentifier.id==7' }).matchHeader('authorization', 'Bearer bearer-abcdef').reply(200, { totalResults: 0 });
			const s = api().get('/inventory/stocksummaries').query({ pgsiz: 1, pgnum: 1, rql: 'facilityId==3' }).matchHeader('authorization', 'Bearer bearer-abcdef').reply(200, { totalResults: 0 });
			expect(await run()).toEqual({ status: 'OK', message: 'Connected to 3PL Warehouse Manager as ops: orders of customer 7 and stock of facility 3 are readable.' });
			t.done();
			o.done();
			s.done();
		});

		it.each([
			[400, { error: 'invalid_request', error_description: 'The tpl value is not a known 3PL.' }, '3PL Warehouse Manager did not issue an access token (HTTP 400: The tpl value is not a known 3PL). Check 3PL GUID in this credential: fill it only for single-tenant dynamic key sets, else leave it empty.'],
			[404, '', 'https://secure-wms.com/AuthServer/api/Token is not a 3PL Warehouse Manager token endpoint (HTTP 404). Check Base URL in this credential (https://secure-wms.com for production).'],
			[503, { Message: 'Down for maintenance' }, '3PL Warehouse Manager could not issue an access token (HTTP 503: Down for maintenance). Run again later.'],
			[429, '', '3PL Warehouse Manager is limiting token requests (HTTP 429). Run again later.'],
			[403, { error: 'access_denied' }, '3PL Warehouse Manager did not issue an access token (HTTP 403: access_denied). Check Client ID, Client Secret and User Login in this credential.'],
			[200, { token_type: 'Bearer' }, 'https://secure-wms.com/AuthServer/api/Token answered the token request without an access token, so it is not the 3PL Warehouse Manager API. Check Base URL in this credential (https://secure-wms.com for production).'],
		])('token endpoint HTTP %i', async (status, body, message) => {
			token().reply(status, body as nock.Body);
			expect(await run()).toEqual({ status: 'Error', message });
		});

		it('token endpoint unreachable: names the host', async () => {
			token().replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND secure-wms.com'), { code: 'ENOTFOUND' }));
			expect(await run()).toEqual({
				status: 'Error',
				message: 'No response from secure-wms.com to the access-token request (the host name does not resolve). Check Base URL in this credential (https://secure-wms.com for production).',
			});
		});

		it.each([
			['/orders', 403, { Message: 'Access denied' }, "User Login 'ops' may not read orders of customer 7 (HTTP 403: Access denied). Check Customer ID in the credential, or give the user access to customer 7 in 3PL Warehouse Manager."],
			['/orders', 400, { ErrorCode: 'ValueNotSupported', Hint: 'Customer 7 not found or not accessible.' }, '3PL Warehouse Manager refused Customer ID 7 (HTTP 400: Customer 7 not found or not accessible). Check Customer ID in the credential.'],
			['/orders', 401, { Message: 'Authorization has been denied for this request.' }, "3PL Warehouse Manager issued a token but refused it for reading orders of customer 7 (HTTP 401: Authorization has been denied for this request). Check that User Login 'ops' may use the REST API in 3PL Warehouse Manager."],
			['/orders', 500, '', '3PL Warehouse Manager failed on its side (HTTP 500). Test again in a few minutes.'],
			['/inventory/stocksummaries', 403, { Message: 'Facility not assigned' }, "User Login 'ops' may not read stock of facility 3 (HTTP 403: Facility not assigned). Check Facility ID in the credential, or give the user access to facility 3 in 3PL Warehouse Manager."],
			['/inventory/stocksummaries', 400, { ErrorCode: 'ValueNotSupported', Hint: 'Facility 3 not assigned to Customer 7.' }, '3PL Warehouse Manager refused Facility ID 3 (HTTP 400: Facility 3 not assigned to Customer 7). Check Facility ID in the credential.'],
		])('%s answers HTTP %i', async (path, status, body, message) => {
			okToken();
			if (path === '/inventory/stocksummaries') api().get('/orders').query(true).reply(200, { totalResults: 0 });
			api().get(path).query(true).reply(status, body as nock.Body);
			expect(await run()).toEqual({ status: 'Error', message });
		});
	});
});

describe('WMS HTTP API credential', () => {
	const good = () => ({ ...wms.httpCredentials }) as ICredentialDataDecryptedObject;
	const test = (patch: ICredentialDataDecryptedObject = {}) => testCredential('wmsHttpApi', { ...good(), ...patch });

	it('passes against the sandbox with one GET /inventory?page=1', async () => {
		expect(await test()).toEqual({ status: 'OK', message: expect.stringMatching(/^Connected to the WMS: its first stock page lists \d+ item\(s\)\.$/) });
		expect(wms.requestLog()).toEqual([expect.objectContaining({ method: 'GET', path: '/generic/inventory', status: 200 })]);
	});

	it('a wrong key: says the WMS rejected the key in that header, without echoing it', async () => {
		const result = await test({ headerValue: 'wrong-key-999' });
		expect(result).toEqual({
			status: 'Error',
			message: `The WMS rejected the API key sent in header ${wms.httpCredentials.headerName} (HTTP 401: Missing or wrong ${wms.httpCredentials.headerName} header). Check Header Value (the API key) and Header Name.`,
		});
		expect(result.message).not.toContain('wrong-key-999');
	});

	it.each([
		[{ baseUrl: '' }, 'Base URL is empty: enter the address of the WMS API, e.g. https://wms.example.com/api.'],
		[{ baseUrl: 'wms.example.com/api' }, "Base URL 'wms.example.com/api' is not valid: enter an address starting with https:// and without a query string, e.g. https://wms.example.com/api."],
		[{ headerName: 'X Api Key' }, "Header Name 'X Api Key' is not a valid HTTP header name: enter the header the WMS reads the API key from, e.g. X-Api-Key."],
		[{ headerValue: '' }, 'Header Value is empty: paste the API key the WMS gave you.'],
	])('field problem %j is refused before any request', async (patch, message) => {
		expect(await test(patch as ICredentialDataDecryptedObject)).toEqual({ status: 'Error', message });
		expect(wms.requestLog()).toHaveLength(0);
	});

	describe('answers from wms.example.com (nock)', () => {
		const creds = { baseUrl: 'https://wms.example.com/api/', headerName: 'X-Api-Key', headerValue: 'key-0123456789' };
		const inventory = () => nock('https://wms.example.com', { reqheaders: { 'x-api-key': 'key-0123456789' } }).get('/api/inventory').query({ page: 1 });
		const run = () => testCredential('wmsHttpApi', creds);

		it.each([
			[403, { message: 'Key may not read inventory' }, 'The WMS accepted the API key but does not let it read stock (HTTP 403: Key may not read inventory). Ask the WMS for a key that may read stock and shipments and create orders, and put it in Header Value.'],
			[404, '', 'https://wms.example.com/api/inventory does not exist (HTTP 404). Check Base URL: it is the address before /orders, /shipments and /inventory, e.g. https://wms.example.com/api.'],
			[500, { message: 'boom' }, 'The WMS failed on its side (HTTP 500: boom). Test again in a few minutes.'],
			[429, '', 'The WMS is limiting requests right now (HTTP 429). Test again in a minute.'],
			[400, { message: 'page must be >= 1' }, 'The WMS answered HTTP 400: page must be >= 1 to GET /inventory?page=1. Check Base URL.'],
			[200, '<html>Welcome</html>', 'https://wms.example.com/api/inventory answered HTTP 200 but not with the generic WMS contract (a JSON object with an "items" list). Check Base URL: it is the address before /orders, /shipments and /inventory.'],
		])('HTTP %i', async (status, body, message) => {
			inventory().reply(status, body as nock.Body);
			expect(await run()).toEqual({ status: 'Error', message });
		});

		it('OK with a contract answer', async () => {
			inventory().reply(200, { items: [{ sku: 'A', available: 1 }], nextPage: null });
			expect(await run()).toEqual({ status: 'OK', message: 'Connected to the WMS: its first stock page lists 1 item(s).' });
		});

		it('network error names the host', async () => {
			inventory().replyWithError(Object.assign(new Error('timeout of 20000ms exceeded'), { code: 'ECONNABORTED' }));
			expect(await run()).toEqual({
				status: 'Error',
				message: 'No response from wms.example.com (no answer in time). Check Base URL and that this n8n server can reach it, then test again.',
			});
		});
	});
});
