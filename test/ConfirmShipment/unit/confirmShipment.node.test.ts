/**
 * Confirm Shipment through n8n's engine with nock standing in for BigCommerce (and a generic HTTP WMS): request
 * shapes, request counts, outcomes, never-twice rules, lost responses, Continue On Fail.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { ConfirmShipment } from '../../../nodes/ConfirmShipment/ConfirmShipment.node';
import { HIDE_FOR_INPUT_SOURCE } from '../../../nodes/shared/descriptions/source';
import { wmsCredentials } from '../../../nodes/shared/descriptions/wmsType';
import { DEFAULT_TRANSPORT_SETTINGS, transportSettings } from '../../../nodes/shared/bigcommerce/retry';
import { runNode } from '../../helpers/harness';
import { ORDER_QS, STORE, bc, credentials, input, opts, orderWith, pkg, product, recorder, shipment } from './fixtures';


beforeAll(() => Object.assign(transportSettings, { backoffBaseMs: 1, backoffCapMs: 5, maxWaitMs: 50, timeoutMs: 3000 }));
afterAll(() => Object.assign(transportSettings, DEFAULT_TRANSPORT_SETTINGS));
afterEach(() => nock.cleanAll());


describe('Confirm Shipment node', () => {
	it('describes itself: BigCommerce credential always, WMS credentials only for the WMS source, each labelled', () => {
		const d = new ConfirmShipment().description;
		expect(d.name).toBe('confirmShipment');
		expect(d.displayName).toBe('Confirm Shipment');
		// testedBy: the credential dialog's Test button runs nodes/shared/credentialTests/<name>Test.
		const tested = <T extends { name: string }>(c: T) => ({ ...c, testedBy: `${c.name}Test` });
		expect(d.credentials).toEqual([tested({ name: 'bigCommerceApi', displayName: 'BigCommerce', required: true, displayOptions: { show: { '@version': [1] } } }), ...wmsCredentials(HIDE_FOR_INPUT_SOURCE).map(tested)]);
		expect(d.credentials).toEqual([
			{ name: 'bigCommerceApi', testedBy: 'bigCommerceApiTest', displayName: 'BigCommerce', required: true, displayOptions: { show: { '@version': [1] } } },
			{
				name: 'extensivWarehouseManagerApi',
				testedBy: 'extensivWarehouseManagerApiTest',
				displayName: 'Extensiv 3PL Warehouse Manager',
				required: true,
				displayOptions: { show: { '@version': [1] }, hide: { source: ['inputItems'], wmsType: ['http'] } },
			},
			{
				name: 'wmsHttpApi',
				testedBy: 'wmsHttpApiTest',
				displayName: 'Generic HTTP WMS',
				required: true,
				displayOptions: { show: { '@version': [1] }, hide: { source: ['inputItems'], wmsType: ['extensiv'] } },
			},
		]);
	});

	it('creates one shipment per package with only documented fields; the shipments are read before and after each POST', async () => {
		const posted: any[] = [];
		const scope = bc()
			.get(`${STORE}/orders/100`)
			.query(ORDER_QS)
			.reply(200, orderWith([product(1, 'MUG-RED', 2), product(2, 'TEE', 1)]))
			.get(`${STORE}/orders/100/shipments`)
			.query({ page: 1, limit: 250 })
			.reply(204)
			.post(`${STORE}/orders/100/shipments`, (b) => posted.push(b) > 0)
			.reply(201, (_u, b: any) => ({ ...shipment(501, b.tracking_number, [[1, 2]]) }))
			.get(`${STORE}/orders/100/shipments`)
			.query(true)
			.reply(200, [shipment(501, '1Z001', [[1, 2]])])
			.post(`${STORE}/orders/100/shipments`, (b) => posted.push(b) > 0)
			.reply(201, (_u, b: any) => ({ ...shipment(502, b.tracking_number, [[2, 1]]) }))
			.get(`${STORE}/orders/100/shipments`)
			.query(true)
			.reply(200, [shipment(501, '1Z001', [[1, 2]]), shipment(502, '1Z002', [[2, 1]])]);
		const log = recorder(scope);
		const { items, result } = await runNode(
			'confirmShipment',
			{ ...input, options: { comments: 'Shipped by the warehouse' } },
			[{ reference: 'BC-100', wmsOrderId: 'W1', packages: [pkg('1Z001', [['mug-red', 2]], 'UPS', 'Ground'), pkg('1Z002', [['TEE', 1]], 'FedEx', 'FedEx Ground')] }],
			opts,
		);
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(log).toEqual([
			'GET /orders/100',
			'GET /orders/100/shipments',
			'POST /orders/100/shipments',
			'GET /orders/100/shipments',
			'POST /orders/100/shipments',
			'GET /orders/100/shipments',
		]);
		expect(posted).toEqual([
			{ order_address_id: 10, items: [{ order_product_id: 1, quantity: 2 }], tracking_number: '1Z001', shipping_method: 'UPS Ground', tracking_carrier: 'ups', comments: 'Shipped by the warehouse' },
			{ order_address_id: 10, items: [{ order_product_id: 2, quantity: 1 }], tracking_number: '1Z002', shipping_method: 'FedEx Ground', tracking_carrier: 'fedex', comments: 'Shipped by the warehouse' },
		]);
		expect(items).toEqual([
			expect.objectContaining({ orderId: 100, reference: 'BC-100', wmsOrderId: 'W1', shipmentId: 501, trackingNumber: '1Z001', carrier: 'UPS', outcome: 'created', linesShipped: [{ sku: 'MUG-RED', orderProductId: 1, quantity: 2 }], orderStatus: { id: 3, name: 'Partially Shipped' } }),
			expect.objectContaining({ shipmentId: 502, outcome: 'created', linesShipped: [{ sku: 'TEE', orderProductId: 2, quantity: 1 }], orderStatus: { id: 2, name: 'Shipped' } }),
		]);
	});

	it('a tracking number already on the order is "exists" (case and spaces ignored), nothing posted', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`)
			.query(ORDER_QS)
			.reply(200, orderWith([product(1, 'MUG', 2, { quantity_shipped: 2 })], { status_id: 2, status: 'Shipped' }))
			.get(`${STORE}/orders/100/shipments`)
			.query(true)
			.reply(200, [shipment(77, ' 1z001 ', [[1, 2]])]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z001', [['MUG', 2]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items).toEqual([
			expect.objectContaining({ outcome: 'exists', shipmentId: 77, linesShipped: [{ sku: 'MUG', orderProductId: 1, quantity: 2 }], orderStatus: { id: 2, name: 'Shipped' } }),
		]);
		expect(items[0].reason).toMatch(/already has shipment 77/);
	});

	it('two packages with the same (order-level) tracking number are two shipments; a rerun finds both', async () => {
		const lines = [product(1, 'MUG', 1), product(2, 'TEE', 1)];
		const packages = [pkg('ORDER-TRK', [['MUG', 1]]), pkg('ORDER-TRK', [['TEE', 1]])];
		const first = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith(lines))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`).reply(201, shipment(1, 'ORDER-TRK', [[1, 1]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(1, 'ORDER-TRK', [[1, 1]])])
			.post(`${STORE}/orders/100/shipments`).reply(201, shipment(2, 'ORDER-TRK', [[2, 1]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(1, 'ORDER-TRK', [[1, 1]]), shipment(2, 'ORDER-TRK', [[2, 1]])]);
		const run1 = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages }], opts);
		expect(first.isDone()).toBe(true);
		expect(run1.items.map((i) => [i.outcome, i.shipmentId])).toEqual([['created', 1], ['created', 2]]);

		const shipped = [product(1, 'MUG', 1, { quantity_shipped: 1 }), product(2, 'TEE', 1, { quantity_shipped: 1 })];
		const second = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith(shipped, { status_id: 2, status: 'Shipped' }))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(1, 'ORDER-TRK', [[1, 1]]), shipment(2, 'ORDER-TRK', [[2, 1]])]);
		const run2 = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages }], opts);
		expect(second.isDone()).toBe(true);
		expect(run2.items.map((i) => [i.outcome, i.shipmentId])).toEqual([['exists', 1], ['exists', 2]]);
	});

	it('caps at the remaining quantity, reports the over-shipment and SKUs not on the order; other items go through', async () => {
		let posted: any;
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 3, { quantity_shipped: 1 }), product(2, 'TEE', 1)]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(9, 'OLD', [[1, 1]])])
			.post(`${STORE}/orders/100/shipments`, (b) => (posted = b))
			.reply(201, shipment(10, 'NEW', [[1, 2]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(9, 'OLD', [[1, 1]]), shipment(10, 'NEW', [[1, 2]])]);
		const { items } = await runNode(
			'confirmShipment',
			input,
			[{ reference: 'BC-100', packages: [pkg('NEW', [['MUG', 5]]), pkg('X2', [['NOT-ON-ORDER', 1]]), pkg('X3', [['TEE', 0]])] }],
			opts,
		);
		expect(scope.isDone()).toBe(true);
		expect(posted.items).toEqual([{ order_product_id: 1, quantity: 2 }]);
		expect(items[0]).toMatchObject({ outcome: 'created', linesShipped: [{ sku: 'MUG', orderProductId: 1, quantity: 2 }] });
		expect(items[0].linesNotShipped).toEqual([expect.objectContaining({ sku: 'MUG', quantity: 3, code: 'over-shipment' })]);
		expect(items[0].reason).toMatch(/only 2 remain unshipped on order 100; 3 not sent/);
		expect(items[1]).toMatchObject({ outcome: 'failed', shipmentId: null });
		expect(items[1].reason).toMatch(/SKU NOT-ON-ORDER is not on order 100/);
		expect(items[2]).toMatchObject({ outcome: 'failed' });
		expect(items[2].reason).toMatch(/quantity must be a whole number above 0 \(got 0\)/);
	});

	it('a lost response (connection reset after the POST) is resolved by re-reading: no second POST', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(31, '1Z9', [[1, 1]])]);
		const log = recorder(scope);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z9', [['MUG', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(log.filter((l) => l.startsWith('POST'))).toHaveLength(1);
		expect(items).toEqual([expect.objectContaining({ outcome: 'created', shipmentId: 31, orderStatus: { id: 2, name: 'Shipped' } })]);
		expect(items[0].reason).toMatch(/response was lost/);
	});

	it('a 5xx on POST with nothing created retries once after re-reading', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`).reply(503, [{ status: 503, message: 'Service Unavailable' }])
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`).reply(201, shipment(32, '1Z9', [[1, 1]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(32, '1Z9', [[1, 1]])]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z9', [['MUG', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items).toEqual([expect.objectContaining({ outcome: 'created', shipmentId: 32 })]);
	});

	it('a 400 from BigCommerce is a failed item with the API message, not retried', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`).reply(400, [{ status: 400, message: 'The field tracking_carrier is invalid.' }]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z9', [['MUG', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items[0]).toMatchObject({ outcome: 'failed', shipmentId: null });
		// The API message, then the transport's advice on what to do.
		expect(items[0].reason).toMatch(/HTTP 400.*The field tracking_carrier is invalid.*fix the value named in the message/);
	});

	it('a tracking number over 50 characters is reported and not sent; the other package goes through', async () => {
		let posted: any;
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1), product(2, 'TEE', 1)]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`, (b) => (posted = b)).reply(201, shipment(40, '', [[2, 1]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(40, '', [[2, 1]])]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('T'.repeat(200), [['MUG', 1]]), pkg('', [['TEE', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items[0]).toMatchObject({ outcome: 'failed' });
		expect(items[0].reason).toMatch(/200 characters long; BigCommerce accepts at most 50/);
		expect(posted).toEqual({ order_address_id: 10, items: [{ order_product_id: 2, quantity: 1 }], shipping_method: 'UPS Ground', tracking_carrier: 'ups' });
		expect(items[1]).toMatchObject({ outcome: 'created', trackingNumber: '' });
		expect(items[1].reason).toMatch(/No tracking number: BigCommerce accepts the shipment without one/);
	});

	it('a package without tracking whose lines an untracked shipment already has is "exists"', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 2, { quantity_shipped: 2 })]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(41, '', [[1, 2]])]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('', [['mug', 2]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items[0]).toMatchObject({ outcome: 'exists', shipmentId: 41 });
	});

	it('a cancelled order is skipped without reading shipments; an unknown reference costs no request; a missing order fails', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)], { status_id: 5, status: 'Cancelled' }))
			.get(`${STORE}/orders/404`).query(ORDER_QS).reply(404, [{ status: 404, message: 'The requested resource was not found.' }]);
		const log = recorder(scope);
		const { items } = await runNode(
			'confirmShipment',
			input,
			[
				{ reference: 'BC-100', packages: [pkg('1Z1', [['MUG', 1]])] },
				{ reference: 'OTHER-77', packages: [pkg('1Z2', [['MUG', 1]])] },
				{ reference: 'BC-404', packages: [pkg('1Z3', [['MUG', 1]])] },
			],
			opts,
		);
		expect(scope.isDone()).toBe(true);
		expect(log).toEqual(['GET /orders/100', 'GET /orders/404']);
		expect(items.map((i) => i.outcome)).toEqual(['skipped', 'skipped', 'failed']);
		expect(items[0].reason).toMatch(/Order 100 is Cancelled in BigCommerce \(status 5\); nothing was shipped/);
		expect(items[1].reason).toMatch(/Reference OTHER-77 is not a BigCommerce order reference with prefix "BC-"/);
		expect(items[2].reason).toMatch(/BigCommerce has no order 404/);
	});

	it('ships the second destination (BC-100/2) to the second shipping address by id', async () => {
		let posted: any;
		const lines = [product(1, 'MUG', 1, { order_address_id: 20 }), product(2, 'MUG', 1, { order_address_id: 21 })];
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith(lines))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`, (b) => (posted = b)).reply(201, shipment(50, '1Z', [[2, 1]], 21))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(50, '1Z', [[2, 1]], 21)]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100/2', packages: [pkg('1Z', [['MUG', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(posted).toMatchObject({ order_address_id: 21, items: [{ order_product_id: 2, quantity: 1 }] });
		expect(items[0]).toMatchObject({ outcome: 'created', orderStatus: { id: 3, name: 'Partially Shipped' } });
	});

	it('reads /products when BigCommerce cut a consignment at 50 lines', async () => {
		const lines = Array.from({ length: 60 }, (_, i) => product(i + 1, `SKU-${i + 1}`, 1));
		const order = orderWith(lines.slice(0, 50));
		(order.consignments.shipping[0] as any).__warning__ = { message: 'Not all line items of this consignment are returned' };
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, order)
			// Pages of 50, as orders.v2.oas2.yml documents for the limit (the trigger pages the same way).
			.get(`${STORE}/orders/100/products`).query({ page: 1, limit: 50 }).reply(200, lines.slice(0, 50))
			.get(`${STORE}/orders/100/products`).query({ page: 2, limit: 50 }).reply(200, lines.slice(50))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`).reply(201, shipment(60, '1Z', [[60, 1]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(60, '1Z', [[60, 1]])]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z', [['sku-60', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items[0]).toMatchObject({ outcome: 'created', linesShipped: [{ sku: 'SKU-60', orderProductId: 60, quantity: 1 }] });
	});

	it('reports digital lines as not shippable', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1), product(2, 'EBOOK', 1, { type: 'digital', order_address_id: 0 })]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z', [['EBOOK', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items[0]).toMatchObject({ outcome: 'skipped' });
		expect(items[0].reason).toMatch(/SKU EBOOK is a digital line on order 100; BigCommerce does not ship it/);
	});

	it('closed without packages: skipped by default, one shipment of every remaining line with the option', async () => {
		const item = { reference: 'BC-100', closedWithoutPackages: true };
		const off = await runNode('confirmShipment', input, [item], opts);
		expect(off.items).toEqual([expect.objectContaining({ outcome: 'skipped', orderId: 100 })]);
		expect(off.items[0].reason).toMatch(/without package detail; nothing sent. Turn on "Ship Closed Orders Without Packages"/);

		let posted: any;
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 3, { quantity_shipped: 1 }), product(2, 'TEE', 1)]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(1, 'A', [[1, 1]])])
			.post(`${STORE}/orders/100/shipments`, (b) => (posted = b)).reply(201, shipment(2, '', [[1, 2], [2, 1]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(1, 'A', [[1, 1]]), shipment(2, '', [[1, 2], [2, 1]])]);
		const on = await runNode('confirmShipment', { ...input, options: { shipClosedWithoutPackages: true } }, [item], opts);
		expect(scope.isDone()).toBe(true);
		expect(posted).toEqual({ order_address_id: 10, items: [{ order_product_id: 1, quantity: 2 }, { order_product_id: 2, quantity: 1 }] });
		expect(on.items[0]).toMatchObject({ outcome: 'created', orderStatus: { id: 2, name: 'Shipped' } });
	});

	it('a malformed input item is a failed result naming the problem', async () => {
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [{ trackingNumber: 'X', lines: 'MUG' }] }], opts);
		expect(items).toEqual([expect.objectContaining({ outcome: 'failed', orderId: null })]);
		expect(items[0].reason).toMatch(/Input item 1 is not a valid Shipment: Package 1: 'lines' must be a non-empty list/);
	});

	it('without Continue On Fail a failed package stops the run after the others went through, naming the order', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`).reply(201, shipment(1, '1Z', [[1, 1]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(1, '1Z', [[1, 1]])]);
		const { result } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('NOPE', [['GHOST', 1]]), pkg('1Z', [['MUG', 1]])] }], { credentials });
		expect(scope.isDone()).toBe(true);
		expect(result.error?.message).toMatch(/SKU GHOST is not on order 100/);
		expect(result.error?.description).toMatch(/1 of 2 packages failed; the others went through/);
	});
});

describe('Confirm Shipment from a generic HTTP WMS', () => {
	const WMS = 'https://wms.example.test';
	const wmsShipment = {
		reference: 'BC-100',
		wmsOrderId: '5',
		modifiedAt: '2026-01-02T10:00:00.000Z',
		packages: [pkg('1Z5', [['MUG', 1]])],
	};

	it('reads since the cursor minus the overlap and never handles the same WMS order version twice', async () => {
		const staticData: IDataObject = {};
		const params = { source: 'wms', wmsType: 'http', referencePrefix: 'BC-' };
		let since: string | undefined;
		const wms = nock(WMS)
			.get('/shipments')
			.query((q) => ((since = q.since as string), true))
			.reply(200, { shipments: [wmsShipment], nextCursor: null });
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`).reply(201, shipment(70, '1Z5', [[1, 1]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(70, '1Z5', [[1, 1]])]);
		const before = Date.now();
		const run1 = await runNode('confirmShipment', params, [{}], { credentials, staticData });
		expect(run1.result.error).toBeUndefined();
		expect(wms.isDone() && scope.isDone()).toBe(true);
		expect(Date.parse(since!)).toBeLessThanOrEqual(before - 7 * 24 * 3600_000 + 1000);
		expect(run1.items).toEqual([expect.objectContaining({ outcome: 'created', shipmentId: 70, wmsOrderId: '5' })]);
		const node = staticData['node:Node Under Test'] as Record<string, any>;
		expect(node.cursor).toBe('2026-01-02T10:00:00.000Z');
		expect(node.seen).toEqual({ '5|2026-01-02T10:00:00.000Z': '2026-01-02T10:00:00.000Z' });

		const wms2 = nock(WMS)
			.get('/shipments')
			.query((q) => ((since = q.since as string), true))
			.reply(200, { shipments: [wmsShipment], nextCursor: null });
		const run2 = await runNode('confirmShipment', params, [{}], { credentials, staticData });
		expect(wms2.isDone()).toBe(true);
		expect(since).toBe('2026-01-02T09:00:00.000Z');
		expect(run2.items).toEqual([]);
	});

	it('an order BigCommerce could not be reached for holds the cursor and is read again; bad data is not retried', async () => {
		const staticData: IDataObject = {};
		const params = { source: 'wms', wmsType: 'http', referencePrefix: 'BC-' };
		const older = { ...wmsShipment, wmsOrderId: '4', reference: 'BC-99', modifiedAt: '2026-01-02T09:30:00.000Z' };
		const bad = { ...wmsShipment, wmsOrderId: '6', reference: 'BC-101', modifiedAt: '2026-01-02T11:00:00.000Z', packages: [pkg('1Z6', [['GHOST', 1]])] };
		nock(WMS).get('/shipments').query(true).reply(200, { shipments: [older, wmsShipment, bad], nextCursor: null });
		bc()
			.get(`${STORE}/orders/99`).query(ORDER_QS).times(5).reply(500, [{ status: 500, message: 'Internal Server Error' }])
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/100/shipments`).reply(201, shipment(70, '1Z5', [[1, 1]]))
			.get(`${STORE}/orders/100/shipments`).query(true).reply(200, [shipment(70, '1Z5', [[1, 1]])])
			.get(`${STORE}/orders/101`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)], {}, 101))
			.get(`${STORE}/orders/101/shipments`).query(true).reply(204);
		const run1 = await runNode('confirmShipment', params, [{}], { credentials, staticData, continueOnFail: true });
		expect(run1.items.map((i) => [i.orderId, i.outcome])).toEqual([[99, 'failed'], [100, 'created'], [101, 'failed']]);
		expect(run1.items[0].reason).toMatch(/Reading order 99 failed \(HTTP 500\)/);
		const node = staticData['node:Node Under Test'] as Record<string, any>;
		expect(node.cursor).toBe('2026-01-02T09:30:00.000Z');
		expect(Object.keys(node.seen).sort()).toEqual(['5|2026-01-02T10:00:00.000Z', '6|2026-01-02T11:00:00.000Z']);

		let since: string | undefined;
		nock(WMS)
			.get('/shipments')
			.query((q) => ((since = q.since as string), true))
			.reply(200, { shipments: [older, wmsShipment, bad], nextCursor: null });
		const scope = bc()
			.get(`${STORE}/orders/99`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)], {}, 99))
			.get(`${STORE}/orders/99/shipments`).query(true).reply(204)
			.post(`${STORE}/orders/99/shipments`).reply(201, shipment(71, '1Z5', [[1, 1]], 10, 99))
			.get(`${STORE}/orders/99/shipments`).query(true).reply(200, [shipment(71, '1Z5', [[1, 1]], 10, 99)]);
		const run2 = await runNode('confirmShipment', params, [{}], { credentials, staticData, continueOnFail: true });
		expect(since).toBe('2026-01-02T08:30:00.000Z');
		expect(scope.isDone()).toBe(true);
		expect(run2.items.map((i) => [i.orderId, i.outcome])).toEqual([[99, 'created']]);
		expect(node.cursor).toBe('2026-01-02T11:00:00.000Z');
	});
});
