import nock from 'nock';
import { withAdapter } from './probe';
import { line, orderInput } from './fixtures';
import type { TestCredentials } from '../../helpers/harness';

const BASE = 'https://wms.example.test';
const credentials: TestCredentials = { wmsHttpApi: { baseUrl: `${BASE}/api/`, headerName: 'X-Api-Key', headerValue: 'key-123' } };
const api = () => nock(`${BASE}/api`, { reqheaders: { 'x-api-key': 'key-123' } });

afterEach(() => nock.cleanAll());

describe('generic HTTP WMS adapter', () => {
	it('creates after a 404 lookup, sending the WmsOrderInput without raw data or zero-quantity lines', async () => {
		api().get('/orders').query({ reference: 'BC-1001' }).reply(404, { error: 'No order with reference BC-1001.' });
		let posted: any;
		api()
			.post('/orders', (b) => {
				posted = b;
				return true;
			})
			.reply(201, { id: 'W-1' });
		const input = orderInput('BC-1001', [line('MUG-RED', 2, 1), line('MUG-BLUE', 0, 2)]);
		input.order.raw = { secret: 'not for the WMS' };
		const result = await withAdapter('http', credentials, async (wms) => wms.createOrder(input));
		expect(result).toEqual({ wmsOrderId: 'W-1', outcome: 'created' });
		expect(posted.reference).toBe('BC-1001');
		expect(posted.routing).toEqual({ carrier: 'UPS', mode: '03', billingCode: 'Prepaid' });
		expect(posted.order.orderId).toBe(1001);
		expect(posted.order.raw).toBeUndefined();
		expect(posted.destination.lines.map((l: any) => [l.sku, l.quantity])).toEqual([['MUG-RED', 2]]);
	});

	it('reads 409 {id} as exists, and a found (non-cancelled) lookup as exists without POST', async () => {
		api().get('/orders').query(true).reply(404, {});
		api().post('/orders').reply(409, { error: 'exists', id: 'W-9' });
		expect(await withAdapter('http', credentials, async (wms) => wms.createOrder(orderInput()))).toEqual({ wmsOrderId: 'W-9', outcome: 'exists' });

		api().get('/orders').query(true).reply(200, { id: 'W-10', reference: 'BC-1001', status: 'open' });
		const post = api().post('/orders').reply(201, { id: 'X' });
		expect(await withAdapter('http', credentials, async (wms) => wms.createOrder(orderInput()))).toEqual({ wmsOrderId: 'W-10', outcome: 'exists' });
		expect(post.isDone()).toBe(false);

		api().get('/orders').query(true).reply(200, { id: 'W-11', reference: 'BC-1001', status: 'cancelled' });
		expect(await withAdapter('http', credentials, async (wms) => wms.findOrderByReference('BC-1001'))).toBeNull();
	});

	it('after a lost response finds the order by reference and does not POST again', async () => {
		api().get('/orders').query(true).reply(404, {});
		const post = api().post('/orders').times(2).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		api().get('/orders').query(true).reply(200, { id: 'W-5', reference: 'BC-1001', status: 'open' });
		expect(await withAdapter('http', credentials, async (wms) => wms.createOrder(orderInput()))).toEqual({ wmsOrderId: 'W-5', outcome: 'exists' });
		expect(post.pendingMocks()).toHaveLength(1);
	});

	it('names the SKU in a rejection and does not retry a 422', async () => {
		api().get('/orders').query(true).reply(404, {});
		api().post('/orders').reply(422, { error: 'Order BC-1001: unknown SKU TSHIRT-M (line 2).', sku: 'TSHIRT-M' });
		const error = await withAdapter('http', credentials, async (wms) => wms.createOrder(orderInput())).catch((e) => e);
		expect(error.message).toBe('The WMS rejected order BC-1001: Order BC-1001: unknown SKU TSHIRT-M (line 2)..');
		expect(error.description).toBe('SKU TSHIRT-M is not known to the WMS: add the item there or fix the SKU in BigCommerce.');
		expect(JSON.stringify({ e: error, d: error.description })).not.toContain('key-123');
	});

	it('follows shipment cursors until null and inventory pages until nextPage is null', async () => {
		const pkg = (t: string) => ({ trackingNumber: t, carrier: 'UPS', service: 'Ground', shippedAt: '2024-05-02T10:00:00Z', lines: [{ sku: 'MUG-RED', quantity: 1 }] });
		api()
			.get('/shipments')
			.query({ since: '2024-05-01T00:00:00.000Z' })
			.reply(200, { shipments: [{ reference: 'BC-1', wmsOrderId: 1, packages: [pkg('T1')], modifiedAt: '2024-05-02T10:00:00Z' }], nextCursor: 'c2' });
		api()
			.get('/shipments')
			.query({ since: '2024-05-01T00:00:00.000Z', cursor: 'c2' })
			.reply(200, { shipments: [{ reference: 'BC-2', wmsOrderId: '2', packages: [pkg('T2')] }], nextCursor: null });
		api().get('/inventory').query({ page: '1' }).reply(200, { items: [{ sku: 'A', available: 3 }, { sku: 'B', available: 0 }], nextPage: 2 });
		api().get('/inventory').query({ page: '2' }).reply(503, 'busy');
		api().get('/inventory').query({ page: '2' }).reply(200, { items: [{ sku: 'A', available: 2 }], nextPage: null });
		const [shipments, stock] = await withAdapter('http', credentials, async (wms) => [
			await wms.listShippedOrders('2024-05-01T00:00:00.000Z'),
			await wms.listStock(),
		]);
		expect(shipments).toEqual([
			{ reference: 'BC-1', wmsOrderId: '1', packages: [pkg('T1')], modifiedAt: '2024-05-02T10:00:00Z' },
			{ reference: 'BC-2', wmsOrderId: '2', packages: [pkg('T2')], modifiedAt: '2024-05-02T10:00:00Z' },
		]);
		expect(stock).toEqual([
			{ sku: 'A', available: 5 },
			{ sku: 'B', available: 0 },
		]);
	});

	it('cancel refused: a 403 names the credential, a 409 quotes the WMS and says only open orders can be cancelled, an HTML page is reduced to its words', async () => {
		const failure = async () => await withAdapter('http', credentials, async (wms) => wms.cancelOrder('W-7', 'test')).then(() => undefined, (e: { message: string; description?: string }) => e);
		api().post('/orders/W-7/cancel').reply(403, { error: 'This key may not cancel orders.' });
		const forbidden = await failure();
		expect(forbidden?.message).toContain('This key may not cancel orders.');
		expect(forbidden?.description).not.toMatch(/only open orders/);
		expect(forbidden?.description).toMatch(/credential|Header/i);

		api().post('/orders/W-7/cancel').reply(409, { error: 'Order W-7 is already picked.' });
		const refused = await failure();
		expect(refused?.message).toContain('Order W-7 is already picked.');
		expect(refused?.description).toMatch(/only open orders can be cancelled/);

		api().post('/orders/W-7/cancel').reply(400, '<html><head><style>p{color:red}</style></head><body><h1>Bad request</h1><p>order &amp; reason</p></body></html>');
		const html = await failure();
		expect(html?.message).toContain('Bad request order reason');
		expect(html?.message).not.toMatch(/<|color:red/);
	});
});

// nock's interceptor is process-global: release it so the next test file in this worker can install its own.
afterAll(() => nock.restore());
