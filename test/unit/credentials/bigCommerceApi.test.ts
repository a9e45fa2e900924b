/**
 * The BigCommerce API credential: its `test` request run the way n8n runs it (RoutingNode over n8n-core's
 * httpRequestWithAuthentication, see bigCommerceApiCredentialTester.ts), against the sandbox and nock.
 */
import nock from 'nock';
import { BigCommerceApi } from '../../../credentials/BigCommerceApi.credentials';
import { startBigCommerceSandbox } from '../../../sandbox/bigcommerce';
import type { BcSandbox } from '../../../sandbox/bigcommerce';
import { testCredential } from './bigCommerceApiCredentialTester';

const credential = new BigCommerceApi();
let sandbox: BcSandbox;

beforeAll(async () => {
	sandbox = await startBigCommerceSandbox({ quota: 50, windowMs: 1000 });
});

afterAll(async () => {
	await sandbox?.close();
	nock.cleanAll();
});

beforeEach(() => sandbox.resetRequestLog());

describe('BigCommerce API credential', () => {
	it('has the agreed name, fields and themed icons', () => {
		expect(credential.name).toBe('bigCommerceApi');
		expect(credential.displayName).toBe('BigCommerce API');
		expect(credential.properties.map((p) => p.name)).toEqual(['storeHash', 'accessToken', 'apiUrl']);
		expect(credential.properties.find((p) => p.name === 'accessToken')?.typeOptions?.password).toBe(true);
		expect(credential.properties.find((p) => p.name === 'apiUrl')?.default).toBe('https://api.bigcommerce.com');
		expect(credential.icon).toEqual({ light: 'file:bigcommerce.svg', dark: 'file:bigcommerce.dark.svg' });
		expect(credential.test.request.url).toBe('/v2/store');
	});

	it('succeeds against the sandbox with the right token, sending it as X-Auth-Token to GET /v2/store', async () => {
		const result = await testCredential(credential, { ...sandbox.credentials });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requestLog()).toEqual([expect.objectContaining({ method: 'GET', path: '/v2/store', status: 200 })]);
	});

	it('fails readably for a wrong token (sandbox answers 401)', async () => {
		const result = await testCredential(credential, { ...sandbox.credentials, accessToken: 'wrong-token' });
		expect(result.status).toBe('Error');
		// n8n 2.x shows NodeApiError's 401 text; n8n 1.x applies the credential's 401 rule.
		expect(result.message).toMatch(/Authorization failed - please check your credentials|rejected the access token/);
		expect(result.message).not.toContain('wrong-token');
		// n8n-core repeats a request once after a 401 (to refresh expirable credentials), so 1 or 2 requests.
		const log = sandbox.requestLog();
		expect(log.length).toBeGreaterThanOrEqual(1);
		expect(log.length).toBeLessThanOrEqual(2);
		for (const entry of log) expect(entry).toMatchObject({ path: '/v2/store', status: 401 });
	});

	it.each(['abc/../x', 'ABC123', 'abc 123', ''])('fails readably for store hash %p without sending anything', async (storeHash) => {
		const result = await testCredential(credential, { ...sandbox.credentials, storeHash });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`Store Hash '${storeHash.trim()}' is not valid`);
		expect(result.message).toContain('lowercase letters and digits');
		expect(sandbox.requestLog()).toHaveLength(0);
	});

	it.each(['http://api.bigcommerce.com', 'http://10.0.0.5:8080', 'https://api.bigcommerce.com?x=1', 'javascript:alert(1)'])(
		'fails readably for API URL %p without sending anything',
		async (apiUrl) => {
			const result = await testCredential(credential, { storeHash: 'abc123', accessToken: 'tok', apiUrl });
			expect(result.status).toBe('Error');
			expect(result.message).toContain(`API URL '${apiUrl}' is not valid`);
		},
	);

	it('uses https://api.bigcommerce.com/stores/{hash}/v2/store by default (nock)', async () => {
		const scope = nock('https://api.bigcommerce.com', { reqheaders: { 'x-auth-token': 'real-token' } })
			.get('/stores/abc123/v2/store')
			.reply(200, { id: 'abc123', domain: 'example.com' });
		const result = await testCredential(credential, { storeHash: 'abc123', accessToken: 'real-token', apiUrl: '' });
		expect(result.status).toBe('OK');
		scope.done();
	});

	it('fails readably when the API account lacks the Information & Settings scope (403)', async () => {
		sandbox.setScopes(['store_v2_orders']);
		try {
			const result = await testCredential(credential, { ...sandbox.credentials });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Forbidden|lacks a scope/);
		} finally {
			sandbox.setScopes(null);
		}
	});
});
