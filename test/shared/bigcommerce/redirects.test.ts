/**
 * No credential ever reaches a redirect target (issue 17, item 3). Small local servers on 127.0.0.1: the configured
 * one answers every request with a 302 or 307 whose Location points at a recorder (another port, another host name
 * for the same machine, or a path on the same server); the recorder logs every request it gets with its headers.
 * For every credential, the token endpoint and the Test buttons: nothing reaches the recorder and the error names
 * the URL that redirected and where to.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject } from 'n8n-workflow';
import { bcRequest, type BcContext, type BcRequest } from '../../../nodes/shared/bigcommerce/transport';
import { withAdapter, FAST_RETRY } from '../wms/probe';
import { inNode, rejectionOf, useTransportSettings } from './bcProbe';
import { testCredential } from '../../credentials/unit/credentialTester';

jest.setTimeout(30000);
useTransportSettings({ backoffBaseMs: 1, backoffCapMs: 2, sleep: async () => undefined });

interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
}

interface Server {
	url: string;
	seen: Seen[];
	close(): Promise<void>;
}

async function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen[]) => void): Promise<Server> {
	const seen: Seen[] = [];
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
			handler(req, res, seen);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Answers what a real API would, so a followed redirect would look like success. */
const recorder = () =>
	listen((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ id: 'evil', access_token: 'stolen', items: [], data: [], totalResults: 0 }));
	});

let target: Server;
let redirector: Server;
/** Where the redirector points next. */
let location = '';
let status = 302;
/** Extensiv: answer the token request with a token (to reach the resource calls), or redirect it too. */
let tokenOk = false;

beforeAll(async () => {
	target = await recorder();
	redirector = await listen((req, res) => {
		if (tokenOk && /\/AuthServer\/api\/Token$/i.test((req.url ?? '').split('?')[0])) {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ access_token: 'bearer-from-the-real-server', expires_in: 3600 }));
			return;
		}
		res.writeHead(status, { Location: location });
		res.end();
	});
});

afterAll(async () => {
	await target?.close();
	await redirector?.close();
});

beforeEach(() => {
	target.seen.length = 0;
	redirector.seen.length = 0;
	tokenOk = false;
});

/** The redirect targets: another port, another host name for this machine, a path on the same server. */
const targets = (): Array<[string, () => string]> => [
	['another port', () => `${target.url}/stolen`],
	['another host name', () => `${target.url.replace('127.0.0.1', 'localhost')}/stolen`],
	['the same server', () => `${redirector.url}/elsewhere`],
];

const SECRETS = ['bc-token-0123456789', 'wms-key-0123456789', 'client-secret-0123456789', 'bearer-from-the-real-server'];

function expectNothingLeaked(): void {
	expect(target.seen).toEqual([]);
	const followed = redirector.seen.filter((s) => s.url.startsWith('/elsewhere'));
	expect(followed).toEqual([]);
}

function expectNoSecret(text: unknown): void {
	const json = JSON.stringify(text);
	for (const s of SECRETS) expect(json).not.toContain(s);
	expect(json).not.toContain(Buffer.from('cid:client-secret-0123456789').toString('base64'));
}

describe.each([302, 307])('HTTP %i', (code) => {
	beforeEach(() => {
		status = code;
	});

	describe.each(targets())('to %s', (_name, to) => {
		beforeEach(() => {
			location = to();
		});

		it('BigCommerce API: X-Auth-Token stays home; the error names the API URL and the target', async () => {
			const creds = { storeHash: 'abc123', accessToken: 'bc-token-0123456789', apiUrl: redirector.url };
			const req: BcRequest = { method: 'GET', version: 'v2', path: '/orders/100', resource: 'order 100' };
			const error = await rejectionOf(inNode(creds, (ctx) => bcRequest.call<BcContext, [BcRequest], Promise<unknown>>(ctx, req)));
			expectNothingLeaked();
			expect(redirector.seen).toHaveLength(1);
			expect(redirector.seen[0].headers['x-auth-token']).toBe('bc-token-0123456789');
			expect(error.message).toBe(`BigCommerce API URL ${redirector.url}/stores/abc123/v2/orders/100 answered with a redirect (HTTP ${code} ${code === 302 ? 'Found' : 'Temporary Redirect'}) to ${location}`);
			expect(error.description).toContain('Check API URL in the BigCommerce API credential');
			expectNoSecret({ m: error.message, d: error.description });
		});

		it('BigCommerce POST: not repeated at the target either', async () => {
			const creds = { storeHash: 'abc123', accessToken: 'bc-token-0123456789', apiUrl: redirector.url };
			const req: BcRequest = { method: 'POST', version: 'v2', path: '/orders/100/shipments', body: { tracking_number: '1Z' }, resource: 'order 100' };
			const error = await rejectionOf(inNode(creds, (ctx) => bcRequest.call<BcContext, [BcRequest], Promise<unknown>>(ctx, req)));
			expectNothingLeaked();
			expect(error.message).toMatch(/answered with a redirect/);
		});

		it('generic WMS: X-Api-Key stays home; the error names the Base URL and the target', async () => {
			const creds = { wmsHttpApi: { baseUrl: `${redirector.url}/api`, headerName: 'X-Api-Key', headerValue: 'wms-key-0123456789' } };
			const error = await rejectionOf(withAdapter('http', creds, async (a) => await a.listStock(), FAST_RETRY));
			expectNothingLeaked();
			expect(redirector.seen).toHaveLength(1);
			expect(error.message).toBe(`The WMS failed reading stock levels: ${redirector.url}/api/inventory answered with a redirect (HTTP ${code}) to ${location}.`);
			expect(error.description).toBe('Check Base URL in the "WMS HTTP API" credential: API calls never follow redirects, so no credential was sent to the redirect target.');
			expectNoSecret({ m: error.message, d: error.description });
		});

		it('generic WMS create: not sent to the target, not retried', async () => {
			const creds = { wmsHttpApi: { baseUrl: `${redirector.url}/api`, headerName: 'X-Api-Key', headerValue: 'wms-key-0123456789' } };
			const error = await rejectionOf(withAdapter('http', creds, async (a) => await a.findOrderByReference('BC-1'), FAST_RETRY));
			expectNothingLeaked();
			expect(error.message).toMatch(/answered with a redirect/);
		});

		const extensiv = (): { extensivWarehouseManagerApi: IDataObject } => ({
			extensivWarehouseManagerApi: {
				clientId: 'cid',
				clientSecret: 'client-secret-0123456789',
				userLogin: 'ops',
				customerId: 7,
				facilityId: 3,
				baseUrl: redirector.url,
				warehouseTimeZone: 'UTC',
			},
		});

		it('Extensiv token endpoint: the Basic client secret stays home; the error names the token URL and the target', async () => {
			const error = await rejectionOf(withAdapter('extensiv', extensiv() as never, async (a) => await a.listStock(), FAST_RETRY));
			expectNothingLeaked();
			expect(redirector.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /AuthServer/api/Token']);
			expect(error.message).toBe(
				`The 3PL Warehouse Manager token URL ${redirector.url}/AuthServer/api/Token answered with a redirect (HTTP ${code}) to ${location}; the client secret was not sent there. Check Base URL in the "Extensiv 3PL Warehouse Manager API" credential (https://secure-wms.com for production).`,
			);
			expectNoSecret({ m: error.message, d: error.description });
		});

		it('Extensiv API: the bearer token stays home; the error names the URL and the target', async () => {
			tokenOk = true;
			const error = await rejectionOf(withAdapter('extensiv', extensiv() as never, async (a) => await a.listStock(), FAST_RETRY));
			expectNothingLeaked();
			expect(redirector.seen.map((s) => `${s.method} ${s.url.split('?')[0]}`)).toEqual(['POST /AuthServer/api/Token', 'GET /inventory/stockdetails']);
			expect(error.message).toBe(`3PL Warehouse Manager failed reading stock levels: ${redirector.url}/inventory/stockdetails answered with a redirect (HTTP ${code}) to ${location}.`);
			expect(error.description).toBe('Check Base URL in the "Extensiv 3PL Warehouse Manager API" credential: API calls never follow redirects, so no credential was sent to the redirect target.');
			expectNoSecret({ m: error.message, d: error.description });
		});

		it('Test button, BigCommerce API', async () => {
			const result = await testCredential('bigCommerceApi', { storeHash: 'abc123', accessToken: 'bc-token-0123456789', apiUrl: redirector.url });
			expectNothingLeaked();
			expect(result).toEqual({
				status: 'Error',
				message: `BigCommerce API URL ${redirector.url}/stores/abc123/v2/store answered with a redirect (HTTP ${code}) to ${location}; nothing secret was sent there. Check API URL (https://api.bigcommerce.com for a real store): API calls never follow redirects.`,
			});
		});

		it('Test button, WMS HTTP API', async () => {
			const result = await testCredential('wmsHttpApi', { baseUrl: redirector.url, headerName: 'X-Api-Key', headerValue: 'wms-key-0123456789' });
			expectNothingLeaked();
			expect(result).toEqual({
				status: 'Error',
				message: `WMS Base URL ${redirector.url}/inventory answered with a redirect (HTTP ${code}) to ${location}; nothing secret was sent there. Check Base URL: API calls never follow redirects.`,
			});
		});

		it('Test button, Extensiv: token URL', async () => {
			const result = await testCredential('extensivWarehouseManagerApi', extensiv().extensivWarehouseManagerApi as never);
			expectNothingLeaked();
			expect(result).toEqual({
				status: 'Error',
				message: `The 3PL Warehouse Manager token URL ${redirector.url}/AuthServer/api/Token answered with a redirect (HTTP ${code}) to ${location}; the client secret was not sent there. Check Base URL in this credential (https://secure-wms.com for production).`,
			});
		});

		it('Test button, Extensiv: API URL after a good token', async () => {
			tokenOk = true;
			const result = await testCredential('extensivWarehouseManagerApi', extensiv().extensivWarehouseManagerApi as never);
			expectNothingLeaked();
			expect(result).toEqual({
				status: 'Error',
				message: `The 3PL Warehouse Manager API ${redirector.url}/orders answered with a redirect (HTTP ${code}) to ${location}; nothing secret was sent there. Check Base URL: API calls never follow redirects.`,
			});
		});
	});
});
