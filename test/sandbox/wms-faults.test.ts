import { startWmsSandbox, type WmsFaultConfig, type WmsSandbox } from '../../sandbox/wms';
import { call, ext, generic, getToken, orderCreate } from './wmsHelpers';

describe('WMS sandbox: faults and admin', () => {
	let sb: WmsSandbox;
	let token: string;

	beforeAll(async () => {
		sb = await startWmsSandbox({ seed: 2 });
		token = await getToken(sb);
	});
	afterEach(() => sb.setFaults(null));
	afterAll(() => sb.close());

	it.each([
		['500', 500],
		['503', 503],
		['429', 429],
	] as const)('injects %s on both APIs and logs it', async (kind, status) => {
		sb.resetRequestLog();
		sb.setFaults({ rate: 1, kinds: [kind] });
		const a = await ext(sb, token, 'GET', '/orders');
		expect(a.status).toBe(status);
		expect(a.body.ErrorCode).toBe('ServerError');
		const b = await generic(sb, 'GET', '/inventory');
		expect(b.status).toBe(status);
		expect(b.body.error).toContain('injected');
		if (kind === '429') expect(a.headers.get('retry-after')).toBe('1');
		expect(sb.requestLog()).toEqual([
			{ method: 'GET', path: '/orders', query: '', status, fault: kind },
			{ method: 'GET', path: '/generic/inventory', query: '', status, fault: kind },
		]);
	});

	it('drop destroys the socket before anything is applied', async () => {
		sb.setFaults({ rate: 1, kinds: ['drop'] });
		await expect(ext(sb, token, 'POST', '/orders', { body: orderCreate('F-DROP') })).rejects.toThrow();
		sb.setFaults(null);
		expect(sb.findByReference('F-DROP')).toEqual([]);
	});

	it('lost-response applies the create, then destroys the socket (writes only)', async () => {
		sb.setFaults({ rate: 1, kinds: ['lost-response'] });
		await expect(ext(sb, token, 'POST', '/orders', { body: orderCreate('F-LOST') })).rejects.toThrow();
		await expect(generic(sb, 'POST', '/orders', {
			reference: 'F-LOST-G',
			destination: { address: { street1: '1 Main', city: 'Austin', postalCode: '1', countryIso2: 'US' }, lines: [{ sku: 'MUG-RED', quantity: 1 }] },
		})).rejects.toThrow();
		expect(sb.findByReference('F-LOST')).toHaveLength(1);
		expect(sb.findByReference('F-LOST-G')).toHaveLength(1);
		const get = await ext(sb, token, 'GET', `/orders?rql=${encodeURIComponent('referenceNum==F-LOST')}`);
		expect(get.status).toBe(200);
		expect(get.body.totalResults).toBe(1);
		const lost = sb.requestLog().filter((e) => e.fault === 'lost-response');
		expect(lost.map((e) => [e.method, e.path, e.status])).toEqual([
			['POST', '/orders', 201],
			['POST', '/generic/orders', 201],
		]);
	});

	it('slow delays the response by slowMs', async () => {
		sb.setFaults({ rate: 1, kinds: ['slow'], slowMs: 150 });
		const started = Date.now();
		const res = await generic(sb, 'GET', '/inventory');
		expect(res.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(145);
	});

	it('401-expired-token invalidates the presented token until a new one is fetched', async () => {
		const t = await getToken(sb);
		sb.setFaults({ rate: 1, kinds: ['401-expired-token'] });
		expect((await ext(sb, t, 'GET', '/orders')).status).toBe(401);
		expect((await generic(sb, 'GET', '/inventory')).status).toBe(200); // not applicable to header auth
		sb.setFaults(null);
		expect((await ext(sb, t, 'GET', '/orders')).status).toBe(401);
		const fresh = await getToken(sb);
		expect((await ext(sb, fresh, 'GET', '/orders')).status).toBe(200);
		token = fresh;
	});

	it('filters by method and path, and repeats the same fault sequence for the same seed', async () => {
		sb.setFaults({ rate: 1, kinds: ['500'], methods: ['POST'], pathPattern: /^\/generic\// });
		expect((await generic(sb, 'GET', '/inventory')).status).toBe(200);
		expect((await ext(sb, token, 'POST', '/orders', { body: orderCreate('F-PATH') })).status).toBe(201);
		expect((await generic(sb, 'POST', '/orders', {})).status).toBe(500);

		const sequence = async (config: WmsFaultConfig) => {
			sb.setFaults(config);
			const statuses: number[] = [];
			for (let i = 0; i < 40; i++) statuses.push((await generic(sb, 'GET', '/inventory')).status);
			return statuses;
		};
		const cfg: WmsFaultConfig = { rate: 0.3, kinds: ['500', '503', '429'], seed: 42 };
		const first = await sequence(cfg);
		const second = await sequence(cfg);
		expect(second).toEqual(first);
		const faulted = first.filter((s) => s !== 200).length;
		expect(faulted).toBeGreaterThan(4);
		expect(faulted).toBeLessThan(24);
		expect(await sequence({ ...cfg, seed: 43 })).not.toEqual(first);
	});

	it('countRequests filters by method and path prefix', async () => {
		sb.resetRequestLog();
		await generic(sb, 'GET', '/inventory');
		await generic(sb, 'GET', '/orders?reference=none');
		await ext(sb, token, 'GET', '/orders');
		expect(sb.countRequests()).toBe(3);
		expect(sb.countRequests({ pathPrefix: '/generic' })).toBe(2);
		expect(sb.countRequests({ method: 'get', pathPrefix: '/orders' })).toBe(1);
		expect(sb.countRequests({ method: 'POST' })).toBe(0);
		expect(sb.requestLog()[1]).toEqual({ method: 'GET', path: '/generic/orders', query: 'reference=none', status: 404 });
	});

	describe('admin over HTTP', () => {
		const admin = (method: string, path: string, body?: unknown) => call(`${sb.url}/__admin${path}`, method, { body });

		it('lists and ships orders, sets stock, expires tokens, and manages faults and the request log', async () => {
			const created = await ext(sb, token, 'POST', '/orders', { body: orderCreate('ADM-1', [['MUG-BLUE', 2]]) });
			const id = created.body.readOnly.orderId;
			const listed = await admin('GET', '/orders');
			expect(listed.body.orders.find((o: any) => o.orderId === id)).toMatchObject({ referenceNum: 'ADM-1', status: 'open' });

			const shipped = await admin('POST', '/ship', { orderId: id, plan: { kind: 'packages', count: 2 } });
			expect(shipped.status).toBe(200);
			expect(shipped.body.orders[0].packages).toHaveLength(2);
			expect((await admin('POST', '/ship', { orderId: id })).status).toBe(400);
			await ext(sb, token, 'POST', '/orders', { body: orderCreate('ADM-2') });
			const all = await admin('POST', '/ship', {});
			expect(all.body.orders.length).toBeGreaterThanOrEqual(1);
			expect(sb.listOrders().filter((o) => o.status === 'open')).toEqual([]);

			expect((await admin('PUT', '/stock', { sku: 'NEW-SKU', available: 9 })).body).toEqual({ sku: 'NEW-SKU', available: 9 });
			expect(sb.getStock('NEW-SKU')).toBe(9);
			expect((await admin('PUT', '/stock', { sku: 'X' })).status).toBe(400);

			expect((await admin('PUT', '/faults', { rate: 1, kinds: ['503'], pathPattern: '^/generic/inventory' })).status).toBe(204);
			expect((await generic(sb, 'GET', '/inventory')).status).toBe(503);
			expect((await generic(sb, 'GET', '/orders?reference=ADM-1')).status).toBe(200);
			expect((await admin('GET', '/requests')).status).toBe(200); // admin itself is never faulted
			await admin('PUT', '/faults', null);
			expect((await generic(sb, 'GET', '/inventory')).status).toBe(200);

			const log = await admin('GET', '/requests');
			expect(log.body.requests.some((r: any) => r.path === '/generic/inventory' && r.fault === '503')).toBe(true);
			expect(log.body.requests.some((r: any) => r.path.startsWith('/__admin'))).toBe(false);
			expect((await admin('DELETE', '/requests')).status).toBe(204);
			expect(sb.requestLog()).toEqual([]);

			expect((await admin('POST', '/expire-tokens')).status).toBe(204);
			expect((await ext(sb, token, 'GET', '/orders')).status).toBe(401);
			token = await getToken(sb);
			expect((await admin('GET', '/nothing')).status).toBe(404);
		});
	});
});
