import { startWmsSandbox, type WmsSandbox } from '../../sandbox/wms';
import { address, destination as destinationOf, line } from '../helpers/orders';
import { call, generic } from './wmsHelpers';

function input(reference: string, lines: Array<[string, number, number]> = [['MUG-RED', 2, 501]], street1 = '1 Main St') {
	const orderId = Number(reference.replace(/\D/g, '')) || 1;
	const destination = destinationOf(
		lines.map(([sku, quantity, orderProductId]) => line(sku, quantity, { orderProductId, productId: 1, variantId: 2, name: sku, unitPrice: 5 })),
		{ addressId: 7, address: address({ street1, phone: '555' }), shippingMethod: 'UPS Ground' },
	);
	return {
		reference,
		order: { orderId, reference, notes: { customer: 'Ring twice', staff: '' }, destinations: [destination] },
		destination,
		routing: { carrier: 'FedEx', mode: 'FEDEX_GROUND', billingCode: 'Prepaid' },
	};
}

describe('WMS sandbox: generic HTTP WMS', () => {
	let sb: WmsSandbox;
	let now = Date.parse('2026-11-26T10:00:00Z');

	beforeAll(async () => {
		sb = await startWmsSandbox({ clock: () => new Date(now), seed: 3 });
	});
	afterAll(() => sb.close());

	it('serves under /generic with header auth', async () => {
		expect(sb.httpCredentials.baseUrl).toBe(`${sb.url}/generic`);
		const none = await call(`${sb.httpCredentials.baseUrl}/inventory`, 'GET');
		expect(none.status).toBe(401);
		expect(none.body.error).toContain('X-Api-Key');
		const wrong = await call(`${sb.httpCredentials.baseUrl}/inventory`, 'GET', { headers: { 'X-Api-Key': 'nope' } });
		expect(wrong.status).toBe(401);
		expect((await generic(sb, 'GET', '/inventory')).status).toBe(200);
	});

	it('creates an order (201 {id}); a repeat gives 409 with the same id; lookup by reference', async () => {
		const created = await generic(sb, 'POST', '/orders', input('G-1001', [['MUG-RED', 2, 501], ['TSHIRT-M', 1, 502]]));
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ id: expect.any(String) });
		const [record] = sb.findByReference('G-1001');
		expect(String(record.orderId)).toBe(created.body.id);
		expect(record).toMatchObject({ via: 'http', notes: 'Ring twice', routing: { carrier: 'FedEx', mode: 'FEDEX_GROUND', billingCode: 'Prepaid' } });
		expect(record.shipTo).toMatchObject({ name: 'Jane Doe', address1: '1 Main St', zip: '78701', country: 'US' });
		expect(record.lines.map((l) => [l.sku, l.qty, l.orderProductId])).toEqual([
			['MUG-RED', 2, 501],
			['TSHIRT-M', 1, 502],
		]);
		const again = await generic(sb, 'POST', '/orders', input('G-1001'));
		expect(again.status).toBe(409);
		expect(again.body.id).toBe(created.body.id);
		expect(sb.findByReference('G-1001')).toHaveLength(1);

		const found = await generic(sb, 'GET', '/orders?reference=G-1001');
		expect(found.status).toBe(200);
		// An open order carries its work stage (README: generic contract, for WMS Order Changes).
		expect(found.body).toEqual({ id: created.body.id, reference: 'G-1001', status: 'open', stage: 'unallocated' });
		expect((await generic(sb, 'GET', '/orders?reference=G-404')).status).toBe(404);
		expect((await generic(sb, 'GET', '/orders')).status).toBe(400);
	});

	it('rejects unknown SKUs, lines without SKU and missing address parts with 422, creating nothing', async () => {
		const sku = await generic(sb, 'POST', '/orders', input('G-2001', [['NOPE', 1, 1]]));
		expect(sku.status).toBe(422);
		expect(sku.body.error).toContain('unknown SKU NOPE');
		const noSku = await generic(sb, 'POST', '/orders', input('G-2002', [['', 1, 1]]));
		expect(noSku.status).toBe(422);
		expect(noSku.body.error).toContain('has no SKU');
		const street = await generic(sb, 'POST', '/orders', input('G-2003', undefined, ''));
		expect(street.status).toBe(422);
		expect(street.body.error).toContain('street1');
		const qty = await generic(sb, 'POST', '/orders', input('G-2004', [['MUG-RED', 0, 1]]));
		expect(qty.status).toBe(422);
		expect(sb.listOrders().filter((o) => o.referenceNum.startsWith('G-200'))).toEqual([]);
	});

	it('lists shipped orders as Shipments with a since filter and a cursor over pages of 100', async () => {
		for (let batch = 0; batch < 230; batch += 10) {
			const results = await Promise.all(
				Array.from({ length: 10 }, (_, k) => batch + k)
					.filter((i) => i < 230)
					.map((i) => generic(sb, 'POST', '/orders', input(`S-${3000 + i}`, [['POSTER-A2', 1, 9000 + i]]))),
			);
			expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
		}
		now = Date.parse('2026-11-26T11:00:00Z');
		const first = sb.findByReference('G-1001')[0];
		sb.ship(first.orderId, { kind: 'packages', count: 2 });
		now = Date.parse('2026-11-26T12:00:00Z');
		sb.shipAll({ plans: [{ kind: 'single' }] });

		const seen: any[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const q: string = `/shipments?since=${encodeURIComponent('2026-11-26T11:30:00Z')}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
			const res = await generic(sb, 'GET', q);
			expect(res.status).toBe(200);
			seen.push(...res.body.shipments);
			cursor = res.body.nextCursor;
			pages++;
		} while (cursor);
		expect(pages).toBe(3);
		expect(seen).toHaveLength(230);
		expect(new Set(seen.map((s) => s.wmsOrderId)).size).toBe(230);
		const s3005 = seen.find((s) => s.reference === 'S-3005');
		expect(s3005).toMatchObject({
			orderId: 3005,
			modifiedAt: '2026-11-26T12:00:00.000Z',
			packages: [{ carrier: 'FedEx', service: 'FEDEX_GROUND', lines: [{ sku: 'POSTER-A2', quantity: 1, orderProductId: 9005 }] }],
		});
		expect(s3005.packages[0].trackingNumber).toMatch(/^\d{12}$/);

		const all = await generic(sb, 'GET', '/shipments');
		const g = all.body.shipments[0];
		expect(g.reference).toBe('G-1001');
		expect(g.packages).toHaveLength(2);
		const shipped = g.packages.flatMap((p: any) => p.lines).map((l: any) => [l.sku, l.quantity, l.orderProductId]);
		expect(shipped.sort()).toEqual([
			['MUG-RED', 2, 501],
			['TSHIRT-M', 1, 502],
		]);
		expect((await generic(sb, 'GET', '/shipments?since=yesterday')).status).toBe(400);
		expect((await generic(sb, 'GET', '/shipments?cursor=garbage')).status).toBe(400);
	});

	it('reports split and package-less shipments in the Shipment shape', async () => {
		await generic(sb, 'POST', '/orders', input('G-4001', [['MUG-RED', 1, 41], ['MUG-BLUE', 1, 42], ['TSHIRT-S', 1, 43]]));
		await generic(sb, 'POST', '/orders', input('G-4002', [['MUG-RED', 3, 44]]));
		now = Date.parse('2026-11-26T13:00:00Z');
		sb.ship(sb.findByReference('G-4001')[0].orderId, { kind: 'split' });
		sb.ship(sb.findByReference('G-4002')[0].orderId, { kind: 'no-packages' });
		const res = await generic(sb, 'GET', `/shipments?since=${encodeURIComponent('2026-11-26T12:30:00Z')}`);
		const byRef = new Map(res.body.shipments.map((s: any) => [s.reference, s]));
		expect([...byRef.keys()].sort()).toEqual(['G-4001-1', 'G-4001-2', 'G-4002']);
		const lines = (ref: string) => (byRef.get(ref) as any).packages.flatMap((p: any) => p.lines.map((l: any) => l.orderProductId));
		expect(lines('G-4001-1')).toEqual([41, 42]);
		expect(lines('G-4001-2')).toEqual([43]);
		expect((byRef.get('G-4001-1') as any).orderId).toBe(4001);
		const ltl: any = byRef.get('G-4002');
		expect(ltl.closedWithoutPackages).toBe(true);
		expect(ltl.packages).toEqual([
			{ trackingNumber: expect.any(String), carrier: 'FedEx', service: 'FEDEX_GROUND', shippedAt: '2026-11-26T13:00:00.000Z', lines: [{ sku: 'MUG-RED', quantity: 3, orderProductId: 44 }] },
		]);
		expect((await generic(sb, 'GET', '/orders?reference=G-4001')).body.status).toBe('cancelled');
	});

	it('lists inventory in pages of 500 with nextPage', async () => {
		sb.generateItems(1100, { prefix: 'GEN-' });
		sb.setStock('MUG-BLUE', 13);
		const items: any[] = [];
		let page: number | null = 1;
		const next: Array<number | null> = [];
		while (page) {
			const res = await generic(sb, 'GET', `/inventory?page=${page}`);
			items.push(...res.body.items);
			page = res.body.nextPage;
			next.push(page);
		}
		expect(next).toEqual([2, 3, null]);
		expect(items).toHaveLength(1106);
		expect(items.find((i) => i.sku === 'MUG-BLUE')).toEqual({ sku: 'MUG-BLUE', available: 13, onHold: 0, onHand: 13 });
		expect(items.find((i) => i.sku === 'GEN-1107')).toBeUndefined();
		expect(items.filter((i) => i.sku.startsWith('GEN-'))).toHaveLength(1100);
		expect((await generic(sb, 'GET', '/inventory?page=0')).status).toBe(400);
	});

	it('cancels an open order through POST /orders/{id}/cancel', async () => {
		const created = await generic(sb, 'POST', '/orders', input('G-5001'));
		expect((await generic(sb, 'POST', `/orders/${created.body.id}/cancel`, { reason: 'x' })).status).toBe(204);
		expect((await generic(sb, 'POST', `/orders/${created.body.id}/cancel`, { reason: 'x' })).status).toBe(409);
		expect((await generic(sb, 'POST', '/orders', input('G-5001'))).status).toBe(201);
	});
});
