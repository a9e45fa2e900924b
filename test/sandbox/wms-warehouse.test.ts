import { startWmsSandbox, type WmsOrderRecord, type WmsSandbox } from '../../sandbox/wms';
import { embeddedOrders, ext, getToken, ITEMS_REL, orderCreate } from './wmsHelpers';

const TRACKING: Record<string, RegExp> = {
	UPS: /^1Z[A-Z0-9]{16}$/,
	FedEx: /^\d{12}$/,
	USPS: /^9400\d{18}$/,
	'DHL Express': /^\d{10}$/,
	'Acme Freight': /^ACME\d{8}$/,
};

function shippedQty(order: WmsOrderRecord): Record<string, number> {
	const skuOf = new Map(order.lines.map((l) => [l.orderItemId, l.sku]));
	const out: Record<string, number> = {};
	for (const p of order.packages) for (const c of p.contents) out[skuOf.get(c.orderItemId)!] = (out[skuOf.get(c.orderItemId)!] ?? 0) + c.qty;
	return out;
}

describe('WMS sandbox: warehouse simulator', () => {
	let sb: WmsSandbox;
	let token: string;
	let now = Date.parse('2026-11-26T09:00:00Z');

	async function create(ref: string, items: Array<[string, number]>, carrier?: string): Promise<number> {
		const body = orderCreate(ref, items, carrier === undefined ? { routingInfo: undefined } : { routingInfo: { carrier } });
		const res = await ext(sb, token, 'POST', '/orders', { body });
		expect(res.status).toBe(201);
		return res.body.readOnly.orderId;
	}

	beforeAll(async () => {
		sb = await startWmsSandbox({
			clock: () => new Date(now),
			seed: 11,
			items: [
				{ sku: 'A', available: 100 },
				{ sku: 'B', available: 100 },
				{ sku: 'C', available: 100 },
				{ sku: 'D', available: 100 },
				{ sku: 'E', available: 100 },
			],
		});
		token = await getToken(sb);
	});
	afterAll(() => sb.close());

	it('single: one package with everything, carrier-shaped tracking, stock and lastModifiedDate move', async () => {
		const id = await create('W-1', [['A', 3], ['B', 2]], 'UPS');
		now += 60_000;
		const [order] = sb.ship(id, { kind: 'single' });
		expect(order).toMatchObject({ status: 'closed', closedAt: '2026-11-26T09:01:00.000Z', lastModifiedAt: '2026-11-26T09:01:00.000Z' });
		expect(order.packages).toHaveLength(1);
		expect(order.packages[0]).toMatchObject({ carrier: 'UPS', shippedAt: '2026-11-26T09:01:00.000Z' });
		expect(order.packages[0].trackingNumber).toMatch(TRACKING.UPS);
		expect(order.routing.trackingNumber).toBe(order.packages[0].trackingNumber);
		expect(shippedQty(order)).toEqual({ A: 3, B: 2 });
		expect(sb.getStock('A')).toBe(97);
		expect(sb.getStock('B')).toBe(98);
		const res = await ext(sb, token, 'GET', `/orders/${id}?detail=All`);
		expect(res.body.readOnly).toMatchObject({ isClosed: true, status: 1, processDate: '2026-11-26T09:01:00', lastModifiedDate: '2026-11-26T09:01:00' });
		expect(res.body.routingInfo.trackingNumber).toBe(order.packages[0].trackingNumber);
		expect(() => sb.ship(id)).toThrow(/only open orders ship/);
	});

	it('packages: spreads all lines over N packages without losing units', async () => {
		const id = await create('W-2', [['A', 1], ['B', 2], ['C', 3], ['D', 4], ['E', 5]]);
		const [order] = sb.ship(id, { kind: 'packages', count: 3 });
		expect(order.packages).toHaveLength(3);
		expect(new Set(order.packages.map((p) => p.trackingNumber)).size).toBe(3);
		expect(order.packages.every((p) => p.contents.length > 0)).toBe(true);
		expect(shippedQty(order)).toEqual({ A: 1, B: 2, C: 3, D: 4, E: 5 });
		const carrier = order.packages[0].carrier;
		expect(Object.keys(TRACKING)).toContain(carrier);
		for (const p of order.packages) expect(p.trackingNumber).toMatch(TRACKING[carrier]);
		const small = await create('W-3', [['A', 2]]);
		const [two] = sb.ship(small, { kind: 'packages', count: 5 });
		expect(two.packages.map((p) => p.contents[0].qty)).toEqual([1, 1]);
	});

	it('split: cancels REF and closes REF-1 and REF-2, each with its own package and half the lines', async () => {
		const id = await create('W-4', [['A', 1], ['B', 1], ['C', 1], ['D', 1]]);
		const affected = sb.ship(id, { kind: 'split' });
		expect(affected.map((o) => [o.referenceNum, o.status])).toEqual([
			['W-4', 'cancelled'],
			['W-4-1', 'closed'],
			['W-4-2', 'closed'],
		]);
		expect(shippedQty(affected[1])).toEqual({ A: 1, B: 1 });
		expect(shippedQty(affected[2])).toEqual({ C: 1, D: 1 });
		expect(affected[1].packages).toHaveLength(1);
		expect(affected[2].packages[0].trackingNumber).not.toBe(affected[1].packages[0].trackingNumber);
		const res = await ext(sb, token, 'GET', `/orders?detail=All&rql=${encodeURIComponent('referenceNum==W-4*')}&sort=readOnly.orderId`);
		expect(embeddedOrders(res.body).map((o: any) => [o.referenceNum, o.readOnly.status, o.readOnly.packages.length])).toEqual([
			['W-4', 2, 0],
			['W-4-1', 1, 1],
			['W-4-2', 1, 1],
		]);
		const single = await create('W-5', [['E', 3]]);
		const parts = sb.ship(single, { kind: 'split' });
		expect(parts.slice(1).map((o) => o.lines[0].qty)).toEqual([2, 1]);
	});

	it('short: one line ships less than ordered', async () => {
		const id = await create('W-6', [['A', 4], ['B', 2]]);
		const before = sb.getStock('A')!;
		const [order] = sb.ship(id, { kind: 'short', sku: 'A', shortBy: 3 });
		expect(order.status).toBe('closed');
		expect(shippedQty(order)).toEqual({ A: 1, B: 2 });
		expect(sb.getStock('A')).toBe(before - 1);
		const gone = await create('W-7', [['A', 1], ['B', 1]]);
		expect(shippedQty(sb.ship(gone, { kind: 'short', sku: 'A', shortBy: 1 })[0])).toEqual({ B: 1 });
		const other = await create('W-8', [['A', 1]]);
		expect(() => sb.ship(other, { kind: 'short', sku: 'Z', shortBy: 1 })).toThrow(/no line with SKU Z/);
		sb.cancel(other);
		expect(sb.findByReference('W-8')[0].status).toBe('cancelled');
		expect(() => sb.cancel(other)).toThrow(/only open orders/);
	});

	it('no-packages: closed with an order-level tracking number only', async () => {
		const id = await create('W-9', [['C', 2]], 'Acme Freight');
		const [order] = sb.ship(id, { kind: 'no-packages' });
		expect(order.packages).toEqual([]);
		expect(order.routing.trackingNumber).toMatch(TRACKING['Acme Freight']);
		const res = await ext(sb, token, 'GET', `/orders/${id}?detail=All`);
		expect(res.body.readOnly.packages).toEqual([]);
		expect(res.body.readOnly.isClosed).toBe(true);
		expect(res.body.routingInfo).toMatchObject({ carrier: 'Acme Freight', trackingNumber: order.routing.trackingNumber });
		expect(res.body._embedded[ITEMS_REL][0].qty).toBe(2);
	});

	it('shipAll mixes plan kinds and carriers deterministically from the seed', async () => {
		const run = async () => {
			const other = await startWmsSandbox({ seed: 5, items: [{ sku: 'A', available: 1000 }, { sku: 'B', available: 1000 }] });
			try {
				const t = await getToken(other);
				for (let i = 0; i < 30; i++) {
					const res = await ext(other, t, 'POST', '/orders', { body: orderCreate(`M-${i}`, [['A', 2], ['B', 1]], { routingInfo: undefined }) });
					expect(res.status).toBe(201);
				}
				return other.shipAll().map((o) => ({ ref: o.referenceNum, status: o.status, packages: o.packages.map((p) => [p.carrier, p.trackingNumber, p.contents.length]) }));
			} finally {
				await other.close();
			}
		};
		const a = await run();
		const b = await run();
		expect(a).toEqual(b);
		const refs = a.map((o) => o.ref);
		expect(refs.some((r) => /-1$/.test(r))).toBe(true); // some split
		expect(a.some((o) => o.status === 'closed' && o.packages.length === 0)).toBe(true); // some without packages
		expect(a.some((o) => o.packages.length >= 2)).toBe(true); // some multi-package
		expect(new Set(a.flatMap((o) => o.packages.map((p) => p[0]))).size).toBeGreaterThanOrEqual(3);
		for (const o of a) for (const [carrier, tracking] of o.packages) expect(tracking).toMatch(TRACKING[carrier as string]);
	});

	it('shipAll with explicit plans cycles through them', async () => {
		const x = await create('W-10', [['A', 1]]);
		const y = await create('W-11', [['A', 1]]);
		const out = sb.shipAll({ plans: [{ kind: 'no-packages' }, { kind: 'single' }] });
		expect(out.find((o) => o.orderId === x)?.packages).toEqual([]);
		expect(out.find((o) => o.orderId === y)?.packages).toHaveLength(1);
		expect(sb.listOrders().filter((o) => o.status === 'open')).toEqual([]);
	});

	it('generates 10,000 SKUs fast, with stock visible through both APIs', async () => {
		const started = Date.now();
		sb.generateItems(10_000, { prefix: 'BULK-' });
		expect(Date.now() - started).toBeLessThan(1000);
		expect(sb.getStock('BULK-00006')).toEqual(expect.any(Number));
		expect(sb.getStock('BULK-10005')).toEqual(expect.any(Number));
		const res = await ext(sb, token, 'GET', '/inventory/stocksummaries?pgsiz=500&pgnum=21');
		expect(res.body.totalResults).toBe(10_005 + 4); // + the second customer's four items (DEFAULT_OTHER_CUSTOMERS)
		expect(res.body.summaries).toHaveLength(9);
		sb.setStock('BULK-10005', 42);
		const one = await ext(sb, token, 'GET', `/inventory/stocksummaries?rql=${encodeURIComponent('itemIdentifier.sku=="BULK-10005"')}`);
		expect(one.body.summaries[0].available).toBe(42);
	});
});
