/**
 * The adapters' batch reference look-ups (issue 13 item 6) on the wire: 3PL WM `GET /orders` with an RQL
 * `referenceNum=in=(...)` list, 100 references per request, pages followed, split parts looked up once per batch;
 * the generic contract's `GET /orders?references=A,B`, and the fallback to one look-up each for a WMS without it.
 */
import nock from 'nock';
import { withAdapter } from './probe';
import type { TestCredentials } from '../../helpers/harness';

const BASE = 'https://wms.example.test';
const ORDER_REL = 'http://api.3plCentral.com/rels/orders/order';
const halOrders = (rows: unknown[], total = rows.length) => ({ totalResults: total, _embedded: { [ORDER_REL]: rows } });
const row = (id: number, ref: string, status = 0) => ({ referenceNum: ref, readOnly: { orderId: id, status, isClosed: status !== 0 } });
const refs = (from: number, n: number) => Array.from({ length: n }, (_, i) => `BC-${from + i}`);

const extensiv: TestCredentials = {
	extensivWarehouseManagerApi: {
		clientId: 'cid',
		clientSecret: 'secret',
		userLogin: 'jdoe',
		customerId: 12,
		facilityId: 3,
		baseUrl: BASE,
		warehouseTimeZone: 'UTC',
		accessToken: 'tok',
		tokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
	},
};
const http: TestCredentials = { wmsHttpApi: { baseUrl: `${BASE}/api`, headerName: 'X-Api-Key', headerValue: 'key-123' } };

afterEach(() => nock.cleanAll());

describe('3PL Warehouse Manager batch look-up', () => {
	it('150 references: two RQL in-lists (100 + 50), exact and case-insensitive matches, cancelled ones left out', async () => {
		const queries: string[] = [];
		nock(BASE)
			.get('/orders')
			.query((q) => {
				queries.push(String(q.rql));
				return q.pgsiz === '100' && q.pgnum === '1';
			})
			.times(2)
			.reply(function () {
				const rql = new URL(this.req.path, BASE).searchParams.get('rql')!;
				return rql.includes('BC-1,')
					? [200, halOrders([row(501, 'bc-1'), row(502, 'BC-2', 2), row(503, 'BC-2'), row(504, 'BC-10')])]
					: [200, halOrders([row(601, 'BC-150')])];
			});
		const found = await withAdapter('extensiv', extensiv, async (wms) => await wms.findOrdersByReferences(refs(1, 150)));
		expect(queries).toEqual([
			`referenceNum=in=(${refs(1, 100).join(',')});readOnly.customerIdentifier.id==12`,
			`referenceNum=in=(${refs(101, 50).join(',')});readOnly.customerIdentifier.id==12`,
		]);
		expect(found.get('BC-1')?.wmsOrderId).toBe('501');
		expect(found.get('BC-2')?.wmsOrderId).toBe('503');
		expect(found.get('BC-10')?.wmsOrderId).toBe('504');
		expect(found.get('BC-150')?.wmsOrderId).toBe('601');
		expect(found.get('BC-3')).toBeNull();
		expect(found.size).toBe(150);
	});

	it('follows pages when the references hold more orders than a page; escapes reserved characters', async () => {
		const page1 = Array.from({ length: 100 }, (_, i) => row(1000 + i, 'A;B', 2));
		nock(BASE)
			.get('/orders')
			.query({ rql: 'referenceNum=in=(A%3BB,C);readOnly.customerIdentifier.id==12', pgsiz: '100', pgnum: '1' })
			.reply(200, halOrders(page1, 101))
			.get('/orders')
			.query({ rql: 'referenceNum=in=(A%3BB,C);readOnly.customerIdentifier.id==12', pgsiz: '100', pgnum: '2' })
			.reply(200, halOrders([row(2000, 'A;B')], 101));
		const active = await withAdapter('extensiv', extensiv, async (wms) => await wms.activeOrdersByReferences(['A;B', 'C']));
		expect(active.get('A;B')?.map((o) => o.wmsOrderId)).toEqual(['2000']);
		expect(active.get('C')).toEqual([]);
	});

	it('references whose orders are all cancelled: their split parts R-N in one look-up for the batch', async () => {
		nock(BASE)
			.get('/orders')
			.query((q) => String(q.rql).startsWith('referenceNum=in=('))
			.reply(200, halOrders([row(1, 'BC-1', 2), row(2, 'BC-2', 2), row(3, 'BC-3')]));
		const split = nock(BASE)
			.get('/orders')
			.query({ rql: '(referenceNum==BC-1-*,referenceNum==BC-2-*);readOnly.customerIdentifier.id==12', pgsiz: '100', pgnum: '1' })
			.reply(200, halOrders([row(11, 'BC-1-1'), row(12, 'BC-1-2'), row(21, 'BC-2-1', 2)]));
		const found = await withAdapter('extensiv', extensiv, async (wms) => await wms.findOrdersByReferences(['BC-1', 'BC-2', 'BC-3']));
		expect(split.isDone()).toBe(true);
		expect(found.get('BC-1')?.wmsOrderId).toBe('11');
		expect(found.get('BC-2')).toBeNull();
		expect(found.get('BC-3')?.wmsOrderId).toBe('3');
	});
});

describe('generic HTTP WMS batch look-up', () => {
	const api = () => nock(`${BASE}/api`, { reqheaders: { 'x-api-key': 'key-123' } });

	it('GET /orders?references=A,B answers an array; 100 per request; cancelled ones left out, twins all listed', async () => {
		const asked: string[] = [];
		api()
			.get('/orders')
			.query((q) => {
				asked.push(String(q.references));
				return true;
			})
			.times(2)
			.reply(200, (uri) =>
				new URL(uri, BASE).searchParams.get('references')!.startsWith('BC-1,')
					? [
							{ id: 'W-1', reference: 'BC-1', status: 'open' },
							{ id: 'W-2', reference: 'BC-2', status: 'cancelled' },
							{ id: 'W-4', reference: 'BC-3', status: 'open' },
							{ id: 'W-3', reference: 'bc-3', status: 'open' },
						]
					: [],
			);
		const active = await withAdapter('http', http, async (wms) => await wms.activeOrdersByReferences(refs(1, 120)));
		expect(asked).toEqual([refs(1, 100).join(','), refs(101, 20).join(',')]);
		expect(active.get('BC-1')?.map((o) => o.wmsOrderId)).toEqual(['W-1']);
		expect(active.get('BC-2')).toEqual([]);
		expect(active.get('BC-3')?.map((o) => o.wmsOrderId)).toEqual(['W-4', 'W-3']);
		const found = await withAdapter('http', http, async (wms) => {
			api().get('/orders').query(true).reply(200, [{ id: 'W-4', reference: 'BC-3' }, { id: 'W-3', reference: 'BC-3' }]);
			return await wms.findOrdersByReferences(['BC-3', 'BC-4']);
		});
		expect(found.get('BC-3')?.wmsOrderId).toBe('W-3');
		expect(found.get('BC-4')).toBeNull();
	});

	it('a WMS without the batch form (400) gets one GET /orders?reference=R each, for the rest of the run too', async () => {
		const batch = api().get('/orders').query({ references: 'BC-1,BC-2' }).reply(400, { message: 'reference is required' });
		const single = api()
			.get('/orders')
			.query((q) => typeof q.reference === 'string')
			.times(4)
			.reply(200, (uri) => {
				const ref = new URL(uri, BASE).searchParams.get('reference');
				return ref === 'BC-2' ? { id: 'W-2', reference: 'BC-2', status: 'open' } : [];
			});
		const [first, second] = await withAdapter('http', http, async (wms) => [
			await wms.activeOrdersByReferences(['BC-1', 'BC-2']),
			await wms.activeOrdersByReferences(['BC-3', 'BC-4']),
		]);
		expect(batch.isDone() && single.isDone()).toBe(true);
		expect(first.get('BC-2')?.map((o) => o.wmsOrderId)).toEqual(['W-2']);
		expect(first.get('BC-1')).toEqual([]);
		expect(second.get('BC-3')).toEqual([]);
	});

	it('an answer listing other references (the parameter ignored) is not trusted: one look-up each', async () => {
		api()
			.get('/orders')
			.query({ references: 'BC-1,BC-2' })
			.reply(200, [{ id: 'W-9', reference: 'BC-77', status: 'open' }]);
		const single = api().get('/orders').query((q) => typeof q.reference === 'string').times(2).reply(404, {});
		const active = await withAdapter('http', http, async (wms) => await wms.activeOrdersByReferences(['BC-1', 'BC-2']));
		expect(single.isDone()).toBe(true);
		expect([...active.values()]).toEqual([[], []]);
	});

	it('a reference holding a comma is looked up alone; one reference is the single form', async () => {
		const single = api().get('/orders').query({ reference: 'A,1' }).reply(404, {}).get('/orders').query({ reference: 'BC-1' }).reply(404, {});
		const active = await withAdapter('http', http, async (wms) => await wms.activeOrdersByReferences(['A,1', 'BC-1']));
		expect(single.isDone()).toBe(true);
		expect(active.get('A,1')).toEqual([]);
	});
});
