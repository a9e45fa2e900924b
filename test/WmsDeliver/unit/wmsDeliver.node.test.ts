/**
 * WMS Deliver through n8n's engine with nock standing in for a generic HTTP WMS and the BigCommerce API: request
 * shapes, output items, Continue On Fail, delivered marks.
 */
import nock from 'nock';
import { DELIVERED_STATIC_KEY } from '../../../nodes/shared/model';
import { wmsCredentials } from '../../../nodes/shared/descriptions/wmsType';
import { WmsDeliver } from '../../../nodes/WmsDeliver/WmsDeliver.node';
import { runNode } from '../../helpers/harness';
import { destination, line, order } from './fixtures';

const WMS = 'https://wms.example.test';
const BC = 'https://api.bigcommerce.example.test';
const credentials = {
	wmsHttpApi: { baseUrl: WMS, headerName: 'X-Api-Key', headerValue: 'secret-wms-key' },
	bigCommerceApi: { storeHash: 'abc123', accessToken: 'secret-bc-token', apiUrl: BC },
};
const httpParams = { wmsType: 'http' };
/** The status re-check right before creating: order 1001 still Awaiting Fulfillment (one GET for the batch). */
const statusRead = (statusId = 11) =>
	nock(BC, { reqheaders: { 'x-auth-token': 'secret-bc-token' } })
		.get('/stores/abc123/v2/orders')
		.query({ min_id: '1001', max_id: '1001', sort: 'id:asc', limit: '250', page: '1' })
		.reply(200, [{ id: 1001, status_id: statusId }]);

afterEach(() => nock.cleanAll());

describe('WMS Deliver node', () => {
	it('lists the shared WMS credentials, each hidden for the other WMS type, and a labelled BigCommerce credential', () => {
		const creds = new WmsDeliver().description.credentials ?? [];
		expect(creds).toEqual([
			// testedBy: the credential dialog's Test button runs nodes/shared/credentialTests/<name>Test.
			...wmsCredentials().map((c) => ({ ...c, testedBy: `${c.name}Test` })),
			{ name: 'bigCommerceApi', testedBy: 'bigCommerceApiTest', displayName: 'BigCommerce', required: true, displayOptions: { show: { '@version': [1] }, hide: { statusAfterDelivery: ['dontChange'] } } },
		]);
		expect(creds[0].displayOptions).toEqual({ show: { '@version': [1] }, hide: { wmsType: ['http'] } });
		expect(creds[1].displayOptions).toEqual({ show: { '@version': [1] }, hide: { wmsType: ['extensiv'] } });
	});

	it('looks up, creates, sets status 9 with only status_id, outputs a result and marks the order delivered', async () => {
		let posted: any;
		const wms = nock(WMS, { reqheaders: { 'x-api-key': 'secret-wms-key' } })
			.get('/orders')
			.query({ reference: 'BC-1001' })
			.reply(404, { message: 'not found' })
			.post('/orders', (body) => {
				posted = body;
				return true;
			})
			.reply(201, { id: 'W-77' });
		let statusBody: unknown;
		const check = statusRead();
		const bc = nock(BC, { reqheaders: { 'x-auth-token': 'secret-bc-token' } })
			.put('/stores/abc123/v2/orders/1001', (body) => {
				statusBody = body;
				return true;
			})
			.reply(200, { id: 1001, status_id: 9 });

		const staticData = {};
		const { items, result } = await runNode('wmsDeliver', httpParams, [order() as any], { credentials, staticData });
		expect(result.error).toBeUndefined();
		expect(wms.isDone() && bc.isDone() && check.isDone()).toBe(true);
		expect(statusBody).toEqual({ status_id: 9 });
		expect(posted.reference).toBe('BC-1001');
		expect(posted.destination.lines.map((l: any) => [l.sku, l.quantity])).toEqual([
			['MUG-RED', 2],
			['TEE-BLU-M', 1],
		]);
		expect(posted.order.notes).toEqual({ customer: 'Leave at the back door', staff: '' });
		expect(items).toEqual([
			expect.objectContaining({
				orderId: 1001,
				reference: 'BC-1001',
				destinationIndex: 0,
				wmsOrderId: 'W-77',
				outcome: 'created',
				bigCommerceStatus: { id: 9, name: 'Awaiting Shipment' },
			}),
		]);
		const marks = (result.staticData.global as any)[DELIVERED_STATIC_KEY];
		expect(Object.keys(marks)).toEqual(['1001']);
		expect(Date.now() - Date.parse(marks['1001'])).toBeLessThan(60000);
		expect(JSON.stringify(items)).not.toMatch(/secret-/);
	});

	it('with Continue On Fail: a wrong-shaped item and a rejected order become failed items, the good order goes through', async () => {
		nock(WMS)
			.get('/orders')
			.query(true)
			.times(2)
			.reply(404, {})
			.post('/orders', (b) => b.reference === 'BC-1002')
			.reply(422, { message: 'Unknown SKU NOPE-1 for this customer' })
			.post('/orders', (b) => b.reference === 'BC-1003')
			.reply(201, { id: 'W-3' });
		const input = [
			{ hello: 'world' },
			order({ orderId: 1002, reference: 'BC-1002', destinations: [destination([line('NOPE-1', 1)])] }),
			order({ orderId: 1003, reference: 'BC-1003' }),
		];
		const { items, result } = await runNode('wmsDeliver', { ...httpParams, statusAfterDelivery: 'dontChange' }, input as any[], {
			credentials: { wmsHttpApi: credentials.wmsHttpApi },
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(items.map((i) => [i.orderId, i.outcome])).toEqual([
			[null, 'failed'],
			[1002, 'failed'],
			[1003, 'created'],
		]);
		expect(items[0].reason).toContain('Input item 1 is not a BigCommerce order in the expected shape: "orderId" is missing');
		expect(items[1].reason).toContain('Order 1002 could not be created in the warehouse as BC-1002');
		expect(items[1].reason).toContain('Unknown SKU NOPE-1 for this customer');
		expect(items[2].bigCommerceStatus).toBeUndefined();
		const paired = result.run.data.resultData.runData['Node Under Test'][0].data!.main[0]!.map((i) => i.pairedItem);
		expect(paired).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(Object.keys((result.staticData.global as any)[DELIVERED_STATIC_KEY])).toEqual(['1003']);
	});

	it('without Continue On Fail: delivers the good orders, then stops with an error naming the failed order', async () => {
		const wms = nock(WMS)
			.get('/orders')
			.query(true)
			.times(2)
			.reply(404, {})
			.post('/orders', (b) => b.reference === 'BC-1002')
			.reply(400, { message: 'shipTo.zip is invalid' })
			.post('/orders', (b) => b.reference === 'BC-1003')
			.reply(201, { id: 'W-3' });
		const input = [order({ orderId: 1002, reference: 'BC-1002' }), order({ orderId: 1003, reference: 'BC-1003' })];
		const { result } = await runNode('wmsDeliver', { ...httpParams, statusAfterDelivery: 'dontChange' }, input as any[], {
			credentials: { wmsHttpApi: credentials.wmsHttpApi },
		});
		expect(wms.isDone()).toBe(true);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Order 1002 could not be created in the warehouse as BC-1002');
		expect(result.error?.message).toContain('shipTo.zip is invalid');
		expect(result.error?.description).toContain('1 of the 2 input orders failed; the other orders were still sent');
		expect(Object.keys((result.staticData.global as any)[DELIVERED_STATIC_KEY])).toEqual(['1003']);
	});

	it('holds an order without sending anything, and held is not an error', async () => {
		const input = [order({ destinations: [destination([line('', 1, { name: 'Custom engraving' })])] })];
		const { items, result } = await runNode('wmsDeliver', httpParams, input as any[], { credentials });
		expect(result.error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ outcome: 'held', wmsOrderId: null });
		expect(items[0].reason).toContain('line 1 "Custom engraving" has no SKU');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('reports exists and still writes the status when the WMS already has the reference', async () => {
		nock(WMS).get('/orders').query({ reference: 'BC-1001' }).reply(200, { id: 'W-9', reference: 'BC-1001', status: 'open' });
		statusRead();
		nock(BC).put('/stores/abc123/v2/orders/1001', { status_id: 9 }).reply(200, { id: 1001 });
		const { items } = await runNode('wmsDeliver', httpParams, [order() as any], { credentials });
		expect(items[0]).toMatchObject({ outcome: 'exists', wmsOrderId: 'W-9', bigCommerceStatus: { id: 9 } });
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('says delivered but status not updated when the BigCommerce write-back fails', async () => {
		nock(WMS).get('/orders').query(true).reply(404, {}).post('/orders').reply(201, { id: 'W-1' });
		statusRead();
		nock(BC)
			.put('/stores/abc123/v2/orders/1001')
			.times(10)
			.reply(403, [{ status: 403, message: 'You do not have permission to modify orders' }]);
		const { items, result } = await runNode('wmsDeliver', httpParams, [order() as any], { credentials });
		expect(result.error).toBeUndefined();
		expect(items[0]).toMatchObject({ outcome: 'created', wmsOrderId: 'W-1' });
		expect(items[0].bigCommerceStatus).toBeUndefined();
		expect(items[0].statusUpdateError).toBeTruthy();
		expect(items[0].reason).toContain('could not be set to Awaiting Shipment');
		expect(items[0].reason).toContain('You do not have permission to modify orders');
		expect((result.staticData.global as any)?.[DELIVERED_STATIC_KEY]).toBeUndefined();
	});
});
