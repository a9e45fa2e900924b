import nock from 'nock';
import { withAdapter } from './probe';
import { line, orderInput } from './fixtures';
import type { TestCredentials } from '../../helpers/harness';

const BASE = 'https://wms.example.test';
const BASIC = `Basic ${Buffer.from('cid:c-secret-123').toString('base64')}`;
const LOOKUP_RQL = 'referenceNum==BC-1001;readOnly.customerIdentifier.id==12';
const ORDER_REL = 'http://api.3plCentral.com/rels/orders/order';

function credentials(over: Record<string, unknown> = {}): TestCredentials {
	return {
		extensivWarehouseManagerApi: {
			clientId: 'cid',
			clientSecret: 'c-secret-123',
			userLogin: 'jdoe',
			customerId: 12,
			facilityId: 3,
			baseUrl: `${BASE}/`,
			warehouseTimeZone: 'UTC',
			...over,
		},
	};
}

function tokenCall(token: string, body: nock.DataMatcherMap = { grant_type: 'client_credentials', user_login: 'jdoe' }) {
	return nock(BASE)
		.post('/AuthServer/api/Token', body)
		.matchHeader('authorization', BASIC)
		.matchHeader('content-type', /application\/json/)
		.reply(200, { access_token: token, token_type: 'Bearer', expires_in: 3600, refresh_token: null, scope: null });
}

const api = (token = 'tok-1') => nock(BASE, { reqheaders: { authorization: `Bearer ${token}` } });
const halOrders = (rows: unknown[], total = rows.length, rel = ORDER_REL) => ({ totalResults: total, _embedded: { [rel]: rows } });
const openOrder = (id: number, ref = 'BC-1001', status = 0) => ({ referenceNum: ref, readOnly: { orderId: id, status, isClosed: false } });

afterEach(() => nock.cleanAll());

describe('Extensiv credential and token', () => {
	it('fetches one token (Basic client id:secret, user_login) and reuses it for every request', async () => {
		const token = tokenCall('tok-1');
		const lookups = api().get('/orders').query(true).times(5).reply(200, halOrders([]));
		const creds = credentials();
		await withAdapter('extensiv', creds, async (wms) => {
			for (let i = 0; i < 5; i++) expect(await wms.findOrderByReference('BC-1001')).toBeNull();
		});
		expect(token.isDone()).toBe(true);
		expect(lookups.isDone()).toBe(true);
		// Stored with the credential (as n8n saves it), with its expiry.
		expect(creds.extensivWarehouseManagerApi.accessToken).toBe('tok-1');
		const expiresAt = Date.parse(String(creds.extensivWarehouseManagerApi.tokenExpiresAt));
		expect(expiresAt - Date.now()).toBeGreaterThan(3500_000);
		// A later run reuses the stored token: no token call at all.
		const again = api().get('/orders').query(true).reply(200, halOrders([]));
		await withAdapter('extensiv', creds, async (wms) => wms.findOrderByReference('BC-1001'));
		expect(again.isDone()).toBe(true);
	});

	it('sends user_login_id for a numeric login and the 3PL GUID in braces', async () => {
		const token = tokenCall('tok-1', { grant_type: 'client_credentials', user_login_id: 4711, tpl: '{AB12-CD}' });
		api().get('/orders').query(true).reply(200, halOrders([]));
		await withAdapter('extensiv', credentials({ userLogin: '4711', tplGuid: 'AB12-CD' }), async (wms) => wms.findOrderByReference('BC-1001'));
		expect(token.isDone()).toBe(true);
	});

	it('renews the token after a 401 mid-run and repeats the request', async () => {
		tokenCall('tok-1');
		api('tok-1').get('/orders').query(true).reply(200, halOrders([]));
		api('tok-1').get('/orders').query(true).reply(401, { Message: 'Authorization has been denied for this request.' });
		const renewed = tokenCall('tok-2');
		const after = api('tok-2').get('/orders').query(true).times(2).reply(200, halOrders([openOrder(77)]));
		const creds = credentials();
		const results = await withAdapter('extensiv', creds, async (wms) => [
			await wms.findOrderByReference('BC-1001'),
			await wms.findOrderByReference('BC-1001'),
			await wms.findOrderByReference('BC-1001'),
		]);
		expect(results.map((r) => r?.wmsOrderId ?? null)).toEqual([null, '77', '77']);
		expect(renewed.isDone()).toBe(true);
		expect(after.isDone()).toBe(true);
		expect(creds.extensivWarehouseManagerApi.accessToken).toBe('tok-2');
	});

	it('renews a stored token shortly before it expires instead of waiting for a 401', async () => {
		const creds = credentials({ accessToken: 'old-tok', tokenExpiresAt: new Date(Date.now() + 60_000).toISOString() });
		const token = tokenCall('tok-new');
		const call = api('tok-new').get('/orders').query(true).reply(200, halOrders([]));
		await withAdapter('extensiv', creds, async (wms) => wms.findOrderByReference('BC-1001'));
		expect(token.isDone()).toBe(true);
		expect(call.isDone()).toBe(true);
		expect(creds.extensivWarehouseManagerApi.accessToken).toBe('tok-new');
	});

	it('says what to check when the token is refused, without the secret', async () => {
		nock(BASE).post('/AuthServer/api/Token').reply(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
		const error = await withAdapter('extensiv', credentials(), async (wms) => wms.findOrderByReference('BC-1001')).catch((e) => e);
		expect(String(error.message)).toMatch(/did not issue an access token.*Client authentication failed/);
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain('c-secret-123');
	});
});

describe('Extensiv createOrder', () => {
	it('looks the reference up (exact RQL, pgsiz=1) and POSTs the OrderCreate body', async () => {
		tokenCall('tok-1');
		const lookup = api()
			.get('/orders')
			.query({ rql: LOOKUP_RQL, pgsiz: '1', pgnum: '1' })
			.matchHeader('accept', 'application/hal+json')
			.reply(200, halOrders([]));
		let posted: unknown;
		const post = api()
			.post('/orders', (body) => {
				posted = body;
				return true;
			})
			.matchHeader('content-type', /application\/json/)
			.reply(201, { referenceNum: 'BC-1001', readOnly: { orderId: 501 } }, { ETag: '"abc"' });
		// Looked up again after the create: an overlapping run may have created the same reference (issue 17).
		const after = api().get('/orders').query({ rql: LOOKUP_RQL, pgsiz: '100', pgnum: '1' }).reply(200, halOrders([openOrder(501)]));
		const result = await withAdapter('extensiv', credentials(), async (wms) => wms.createOrder(orderInput()));
		expect(result).toEqual({ wmsOrderId: '501', outcome: 'created' });
		expect(lookup.isDone() && post.isDone() && after.isDone()).toBe(true);
		expect(posted).toEqual({
			customerIdentifier: { id: 12 },
			facilityIdentifier: { id: 3 },
			referenceNum: 'BC-1001',
			poNum: '1001',
			notes: 'Leave at the door',
			billingCode: 'Prepaid',
			routingInfo: { carrier: 'UPS', mode: '03' },
			shipTo: {
				companyName: 'Acme',
				name: 'Jane Doe',
				address1: '1 Main St',
				address2: 'Suite 5',
				city: 'Austin',
				state: 'TX', // the label code, not BigCommerce's "Texas" (issue 13, item 3)
				zip: '78701',
				country: 'US',
				phoneNumber: '555-0100',
				emailAddress: 'jane@example.com',
			},
			orderItems: [
				{ itemIdentifier: { sku: 'MUG-RED' }, qty: 2 },
				{ itemIdentifier: { sku: 'TSHIRT-M' }, qty: 1 },
			],
		});
	});

	it('escapes RQL-reserved characters in the reference', async () => {
		tokenCall('tok-1');
		const lookup = api()
			.get('/orders')
			.query({ rql: 'referenceNum==A%3BB%2CC%3D%28x%29%2A;readOnly.customerIdentifier.id==12', pgsiz: '1', pgnum: '1' })
			.reply(200, halOrders([]));
		await withAdapter('extensiv', credentials(), async (wms) => wms.findOrderByReference('A;B,C=(x)*'));
		expect(lookup.isDone()).toBe(true);
	});

	it('returns exists without POSTing when the reference is already there (ignoring cancelled ones)', async () => {
		tokenCall('tok-1');
		api().get('/orders').query({ rql: LOOKUP_RQL, pgsiz: '1', pgnum: '1' }).reply(200, halOrders([openOrder(40, 'BC-1001', 2)], 2));
		api()
			.get('/orders')
			.query({ rql: LOOKUP_RQL, pgsiz: '100', pgnum: '1' })
			.reply(200, halOrders([openOrder(40, 'BC-1001', 2), openOrder(41)], 2));
		const post = api().post('/orders').reply(201, {});
		const result = await withAdapter('extensiv', credentials(), async (wms) => wms.createOrder(orderInput()));
		expect(result).toEqual({ wmsOrderId: '41', outcome: 'exists' });
		expect(post.isDone()).toBe(false);
	});

	it('treats a 400 Duplicate as exists after a lookup', async () => {
		tokenCall('tok-1');
		api().get('/orders').query(true).reply(200, halOrders([]));
		api()
			.post('/orders')
			.reply(400, {
				$type: 'WMS.V2.Generic.Models.Exceptions.ModelValidationException',
				ErrorCode: 'Duplicate',
				Properties: [{ Name: 'ReferenceNum', Message: 'BC-1001 already exists' }],
			});
		api().get('/orders').query(true).reply(200, halOrders([openOrder(88)]));
		const result = await withAdapter('extensiv', credentials(), async (wms) => wms.createOrder(orderInput()));
		expect(result).toEqual({ wmsOrderId: '88', outcome: 'exists' });
	});

	it('after a lost response looks up again and finds the order: exists, no second POST', async () => {
		tokenCall('tok-1');
		api().get('/orders').query(true).reply(200, halOrders([]));
		const post = api().post('/orders').times(2).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		api().get('/orders').query(true).times(2).reply(200, halOrders([openOrder(99)]));
		const result = await withAdapter('extensiv', credentials(), async (wms) => wms.createOrder(orderInput()));
		expect(result).toEqual({ wmsOrderId: '99', outcome: 'exists' });
		expect(post.pendingMocks()).toHaveLength(1); // the second POST was never sent
	});

	it('after a 503 with the order not in the WMS, retries the POST', async () => {
		tokenCall('tok-1');
		api().get('/orders').query(true).times(2).reply(200, halOrders([]));
		api().post('/orders').reply(503, 'Service Unavailable');
		const second = api().post('/orders').reply(201, { readOnly: { orderId: 600 } });
		api().get('/orders').query(true).reply(200, halOrders([openOrder(600)]));
		const result = await withAdapter('extensiv', credentials(), async (wms) => wms.createOrder(orderInput()));
		expect(result).toEqual({ wmsOrderId: '600', outcome: 'created' });
		expect(second.isDone()).toBe(true);
	});

	it('names the SKU and the WMS error for an item not set up for the customer, without retrying', async () => {
		tokenCall('tok-1');
		api().get('/orders').query(true).reply(200, halOrders([]));
		const post = api()
			.post('/orders')
			.reply(400, {
				ErrorCode: 'ValueNotSupported',
				Hint: 'Not assigned to Customer 12',
				Properties: [{ Name: 'OrderItems[1].ItemIdentifier.Sku', Value: 'TSHIRT-M' }],
			});
		const error = await withAdapter('extensiv', credentials(), async (wms) => wms.createOrder(orderInput())).catch((e) => e);
		expect(post.isDone()).toBe(true);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toContain('rejected order BC-1001: ValueNotSupported: Not assigned to Customer 12');
		expect(error.description).toBe(
			'SKU TSHIRT-M is not set up for customer 12 in 3PL Warehouse Manager: add the item there or fix the SKU in BigCommerce.',
		);
		expect(JSON.stringify(error)).not.toContain('tok-1');
	});

	it('refuses a line without SKU before calling the WMS', async () => {
		const error = await withAdapter('extensiv', credentials(), async (wms) =>
			wms.createOrder(orderInput('BC-1001', [line('MUG-RED', 1, 1), line('  ', 2, 9)])),
		).catch((e) => e);
		expect(error.message).toBe('Order BC-1001 has lines without a SKU: "Product   " (order product 9).');
	});

	it('gives up after the retry budget with an error that has no token in it', async () => {
		tokenCall('tok-1');
		api().get('/orders').query(true).times(4).reply(200, halOrders([]));
		api().post('/orders').times(3).reply(500, { Message: 'An error has occurred.' });
		const error = await withAdapter('extensiv', credentials(), async (wms) => wms.createOrder(orderInput())).catch((e) => e);
		expect(error.message).toBe(
			'Could not create order BC-1001 in 3PL Warehouse Manager: HTTP 500 (An error has occurred.) after 3 tries.',
		);
		expect(JSON.stringify({ e: error, m: error.message, d: error.description })).not.toMatch(/tok-1|c-secret-123/);
	});
});

const closedOrder = {
	referenceNum: 'BC-2001',
	routingInfo: { carrier: 'UPS', mode: '03', scacCode: 'UPSN', trackingNumber: '1ZORDER' },
	readOnly: {
		orderId: 700,
		status: 1,
		isClosed: true,
		processDate: '2024-03-10T04:00:00',
		lastModifiedDate: '2024-03-10T04:31:15.123',
		packages: [
			{ packageId: 1, trackingNumber: '1ZPKG1', packageContents: [{ orderItemId: 11, qty: 2 }, { orderItemId: 12, qty: 1 }] },
			{ packageId: 2, trackingNumber: '1ZPKG2', packageContents: [{ orderItemId: 11, qty: 1 }] },
		],
	},
	_embedded: {
		'http://api.3plcentral.com/rels/orders/item': [
			{ itemIdentifier: { sku: 'MUG-RED' }, qty: 3, readOnly: { orderItemId: 11 } },
			{ itemIdentifier: { sku: 'TSHIRT-M' }, qty: 1, readOnly: { orderItemId: 12 } },
		],
	},
};

const pascalClosedWithoutPackages = {
	ReferenceNum: 'BC-2002-1',
	RoutingInfo: { Carrier: '', ScacCode: 'RDWY', Mode: 'LTL', TrackingNumber: 'PRO-55' },
	ReadOnly: { OrderId: 701, Status: 1, IsClosed: true, ProcessDate: '2024-03-10T05:00:00', LastModifiedDate: '2024-03-10T05:00:00' },
	OrderItems: [
		{ ItemIdentifier: { Sku: 'POSTER-A2' }, Qty: 4, ReadOnly: { OrderItemId: 21 } },
		{ ItemIdentifier: { Sku: 'POSTER-A2' }, Qty: 1, ReadOnly: { OrderItemId: 22 } },
	],
};

describe('Extensiv listShippedOrders', () => {
	const shippedRql = (since?: string) =>
		['readOnly.isClosed==true', 'readOnly.customerIdentifier.id==12', 'readOnly.facilityIdentifier.id==3']
			.concat(since ? [`readOnly.lastModifiedDate=ge=${since}`] : [])
			.join(';');
	const query = (pgnum: number, since?: string) => ({
		rql: shippedRql(since),
		detail: 'All',
		itemdetail: 'None',
		sort: 'readOnly.lastModifiedDate',
		pgsiz: '1000',
		pgnum: String(pgnum),
	});

	it('queries in warehouse time, pages with pgsiz/pgnum, and maps HAL and PascalCase orders to shipments', async () => {
		tokenCall('tok-1');
		// 09:30Z on 2024-03-10 is 04:30 CDT (DST began at 08:00Z that day).
		const filler = Array.from({ length: 999 }, (_, i) => ({ ...closedOrder, referenceNum: `BC-3${i}`, readOnly: { ...closedOrder.readOnly, orderId: 1000 + i } }));
		const page1 = api().get('/orders').query(query(1, '2024-03-10T04:30:00')).reply(200, halOrders([closedOrder, ...filler], 1001));
		const page2 = api()
			.get('/orders')
			.query(query(2, '2024-03-10T04:30:00'))
			.reply(200, { TotalResults: 1001, ResourceList: [pascalClosedWithoutPackages] });
		const creds = credentials({ warehouseTimeZone: 'America/Chicago' });
		const shipments = await withAdapter('extensiv', creds, async (wms) => wms.listShippedOrders('2024-03-10T09:30:00.000Z'));
		expect(page1.isDone() && page2.isDone()).toBe(true);
		expect(shipments).toHaveLength(1001);
		expect(shipments[0]).toEqual({
			reference: 'BC-2001',
			wmsOrderId: '700',
			modifiedAt: '2024-03-10T09:31:15.123Z',
			packages: [
				{ trackingNumber: '1ZPKG1', carrier: 'UPS', service: '03', shippedAt: '2024-03-10T09:00:00.000Z', lines: [{ sku: 'MUG-RED', quantity: 2 }, { sku: 'TSHIRT-M', quantity: 1 }] },
				{ trackingNumber: '1ZPKG2', carrier: 'UPS', service: '03', shippedAt: '2024-03-10T09:00:00.000Z', lines: [{ sku: 'MUG-RED', quantity: 1 }] },
			],
		});
		expect(shipments[1000]).toEqual({
			reference: 'BC-2002-1',
			wmsOrderId: '701',
			modifiedAt: '2024-03-10T10:00:00.000Z',
			closedWithoutPackages: true,
			packages: [{ trackingNumber: 'PRO-55', carrier: 'RDWY', service: 'LTL', shippedAt: '2024-03-10T10:00:00.000Z', lines: [{ sku: 'POSTER-A2', quantity: 5 }] }],
		});
	});

	it('reads from the beginning without a date filter and skips cancelled orders', async () => {
		tokenCall('tok-1');
		const cancelled = { ...closedOrder, readOnly: { ...closedOrder.readOnly, orderId: 5, status: 2 } };
		api().get('/orders').query(query(1)).reply(200, halOrders([cancelled, closedOrder]));
		const shipments = await withAdapter('extensiv', credentials(), async (wms) => wms.listShippedOrders(undefined));
		expect(shipments.map((s) => s.wmsOrderId)).toEqual(['700']);
		expect(shipments[0].modifiedAt).toBe('2024-03-10T04:31:15.123Z');
	});
});

describe('Extensiv listStock and cancelOrder', () => {
	it("pages the customer's stock details (customerid, facilityid, pgsiz=500) and sums per SKU, on-hold and quarantined units out of available", async () => {
		tokenCall('tok-1');
		const detail = (sku: string, available: number, extra: Record<string, unknown> = {}) => ({
			receiveItemId: 1,
			itemIdentifier: { sku, id: 9 },
			available,
			onHand: available + 1,
			isOnHold: false,
			quarantined: false,
			locationIdentifier: { nameKey: { facilityIdentifier: { id: 3 } } },
			...extra,
		});
		const rows = Array.from({ length: 500 }, (_, i) => detail(`SKU-${i % 499}`, 1));
		const p1 = api()
			.get('/inventory/stockdetails')
			.query({ customerid: '12', facilityid: '3', pgsiz: '500', pgnum: '1' })
			.reply(200, { totalResults: 506, _embedded: { item: rows } });
		const p2 = api()
			.get('/inventory/stockdetails')
			.query({ customerid: '12', facilityid: '3', pgsiz: '500', pgnum: '2' })
			.reply(200, {
				TotalResults: 506,
				ResourceList: [
					{ ItemIdentifier: { Sku: 'SKU-1' }, Available: 10, OnHand: 10, IsOnHold: false, Quarantined: false },
					{ ItemIdentifier: { Sku: 'SKU-1' }, Available: 4, OnHand: 4, IsOnHold: true, Quarantined: false },
					{ ItemIdentifier: { Sku: 'SKU-1' }, Available: 2, OnHand: 2, IsOnHold: false, Quarantined: true },
					{ ItemIdentifier: { Sku: 'NEW' }, Available: 0, OnHand: 0 },
					{ ItemIdentifier: { Sku: 'NEW' }, Available: 50, OnHand: 50, LocationIdentifier: { NameKey: { FacilityIdentifier: { Id: 4 } } } },
					{ ItemIdentifier: { Sku: 'ODD' }, OnHand: 1 },
				],
			});
		const stock = await withAdapter('extensiv', credentials(), async (wms) => wms.listStock());
		expect(p1.isDone() && p2.isDone()).toBe(true);
		const bySku = new Map(stock.map((s) => [s.sku, s]));
		expect(stock).toHaveLength(501);
		expect(bySku.get('SKU-0')).toEqual({ sku: 'SKU-0', available: 2, onHold: 0, onHand: 4, locationId: 3 }); // rows 0 and 499
		expect(bySku.get('SKU-1')).toEqual({ sku: 'SKU-1', available: 11, onHold: 6, onHand: 18, locationId: 3 });
		expect(bySku.get('NEW')).toEqual({ sku: 'NEW', available: 0, onHold: 0, onHand: 0, locationId: 3 }); // facility 4's row left out
		expect(bySku.get('ODD')?.available).toBeNaN(); // reported by Sync Inventory, never written as 0
	});

	it('cancels with the ETag from GET /orders/{id} as If-Match', async () => {
		tokenCall('tok-1');
		api().get('/orders/700').reply(200, openOrder(700), { ETag: 'W/"v5"' });
		let body: unknown;
		const cancel = api()
			.post('/orders/700/canceler', (b) => {
				body = b;
				return true;
			})
			.matchHeader('if-match', 'W/"v5"')
			.reply(204);
		await withAdapter('extensiv', credentials(), async (wms) => wms.cancelOrder('700', 'Customer cancelled'));
		expect(cancel.isDone()).toBe(true);
		expect(body).toEqual({ reason: 'Customer cancelled' });
	});
});

// nock's interceptor is process-global: release it so the next test file in this worker can install its own.
afterAll(() => nock.restore());
