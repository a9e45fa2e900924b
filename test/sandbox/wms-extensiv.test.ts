import { startWmsSandbox, type WmsSandbox } from '../../sandbox/wms';
import { basic, call, embeddedOrders, ext, getToken, ITEMS_REL, orderCreate } from './wmsHelpers';

describe('WMS sandbox: 3PL Warehouse Manager look-alike', () => {
	let sb: WmsSandbox;
	let token: string;
	let now = new Date('2026-11-26T16:15:00Z');

	beforeAll(async () => {
		sb = await startWmsSandbox({
			clock: () => now,
			extensiv: { tokenTtlSeconds: 600, warehouseTimeZone: 'America/Chicago' },
		});
		token = await getToken(sb);
	});
	afterAll(() => sb.close());

	describe('token', () => {
		const tokenUrl = () => `${sb.url}/AuthServer/api/Token`;
		const creds = () => sb.extensivCredentials;

		it('issues a bearer token for the client credentials grant (user_login or user_login_id)', async () => {
			const byName = await call(tokenUrl(), 'POST', {
				headers: { Authorization: basic(creds().clientId, creds().clientSecret) },
				body: { grant_type: 'client_credentials', user_login: creds().userLogin },
			});
			expect(byName.status).toBe(200);
			expect(byName.body).toEqual({
				access_token: expect.any(String),
				token_type: 'Bearer',
				expires_in: 600,
				refresh_token: null,
				scope: null,
			});
			const byId = await call(tokenUrl(), 'POST', {
				headers: { Authorization: basic(creds().clientId, creds().clientSecret) },
				body: { grant_type: 'client_credentials', user_login_id: String(creds().userLoginId), tpl: '{abc}' },
			});
			expect(byId.status).toBe(200);
			expect(byId.body.access_token).not.toBe(byName.body.access_token);
		});

		it('rejects a wrong secret, a missing Basic header, a wrong grant and an unknown user', async () => {
			const body = { grant_type: 'client_credentials', user_login: creds().userLogin };
			const wrong = await call(tokenUrl(), 'POST', { headers: { Authorization: basic(creds().clientId, 'nope') }, body });
			expect(wrong.status).toBe(401);
			expect(wrong.body.error).toBe('invalid_client');
			expect(JSON.stringify(wrong.body)).not.toContain(creds().clientSecret);
			expect((await call(tokenUrl(), 'POST', { body })).status).toBe(401);
			const grant = await call(tokenUrl(), 'POST', {
				headers: { Authorization: basic(creds().clientId, creds().clientSecret) },
				body: { ...body, grant_type: 'password' },
			});
			expect(grant.status).toBe(400);
			expect(grant.body.error).toBe('unsupported_grant_type');
			const user = await call(tokenUrl(), 'POST', {
				headers: { Authorization: basic(creds().clientId, creds().clientSecret) },
				body: { ...body, user_login: 'someone-else' },
			});
			expect(user.status).toBe(400);
		});

		it('requires a valid bearer token on other endpoints', async () => {
			expect((await call(`${sb.url}/orders`, 'GET')).status).toBe(401);
			expect((await ext(sb, 'made-up', 'GET', '/orders')).status).toBe(401);
			expect((await ext(sb, token, 'GET', '/orders')).status).toBe(200);
		});

		it('expires tokens after tokenTtlSeconds and on expireTokens()', async () => {
			const t = await getToken(sb);
			now = new Date(now.getTime() + 599_000);
			expect((await ext(sb, t, 'GET', '/orders')).status).toBe(200);
			now = new Date(now.getTime() + 2_000);
			expect((await ext(sb, t, 'GET', '/orders')).status).toBe(401);
			const fresh = await getToken(sb);
			expect((await ext(sb, fresh, 'GET', '/orders')).status).toBe(200);
			sb.expireTokens();
			const res = await ext(sb, fresh, 'GET', '/orders');
			expect(res.status).toBe(401);
			expect(res.headers.get('www-authenticate')).toBe('Bearer');
			token = await getToken(sb);
			expect((await ext(sb, token, 'GET', '/orders')).status).toBe(200);
		});
	});

	describe('POST /orders', () => {
		it('creates an order: 201, readOnly.orderId, ETag, warehouse-time dates, raw body recorded', async () => {
			now = new Date('2026-11-26T16:15:00Z');
			const body = orderCreate('C-100', [
				['MUG-RED', 2],
				['TSHIRT-M', 1],
			]);
			const res = await ext(sb, token, 'POST', '/orders', { body });
			expect(res.status).toBe(201);
			expect(res.headers.get('etag')).toMatch(/^".+"$/);
			const id = res.body.readOnly.orderId;
			expect(res.headers.get('location')).toBe(`/orders/${id}`);
			expect(res.body.referenceNum).toBe('C-100');
			expect(res.body.readOnly).toMatchObject({ isClosed: false, status: 0, creationDate: '2026-11-26T10:15:00' });
			expect(res.body.readOnly.customerIdentifier.id).toBe(1);
			expect(res.body.routingInfo).toMatchObject({ carrier: 'UPS', mode: '03', scacCode: 'UPSN' });
			expect(res.body._embedded[ITEMS_REL].map((i: any) => [i.itemIdentifier.sku, i.qty])).toEqual([
				['MUG-RED', 2],
				['TSHIRT-M', 1],
			]);
			const [record] = sb.findByReference('C-100');
			expect(record).toMatchObject({ orderId: id, via: 'extensiv', status: 'open', notes: 'Leave at door' });
			expect(record.lines.map((l) => [l.sku, l.qty])).toEqual([
				['MUG-RED', 2],
				['TSHIRT-M', 1],
			]);
			expect(record.routing.billingCode).toBe('Prepaid');
			expect(record.body).toEqual(body);
		});

		it.each([
			['customer', { customerIdentifier: undefined }, 'CustomerIdentifier'],
			['facility', { facilityIdentifier: undefined }, 'FacilityIdentifier'],
			['reference', { referenceNum: '' }, 'ReferenceNum'],
			['street', { shipTo: { name: 'x', city: 'Austin', zip: '1', country: 'US' } }, 'ShipTo.Address1'],
			['zip', { shipTo: { address1: '1 Main', city: 'Austin', country: 'US' } }, 'ShipTo.Zip'],
			['lines', { orderItems: [] }, 'OrderItems'],
		])('rejects a missing %s with a ModelValidationException', async (_name, override, property) => {
			const res = await ext(sb, token, 'POST', '/orders', { body: orderCreate('C-BAD', undefined, override) });
			expect(res.status).toBe(400);
			expect(res.body.ErrorCode).toBe('Required');
			expect(res.body.$type).toContain('ModelValidationException');
			expect(res.body.Properties.map((p: any) => p.Name)).toContain(property);
			expect(sb.findByReference('C-BAD')).toEqual([]);
		});

		it('rejects a SKU not assigned to the customer and a non-positive quantity', async () => {
			const sku = await ext(sb, token, 'POST', '/orders', { body: orderCreate('C-SKU', [['NOPE-1', 1]]) });
			expect(sku.status).toBe(400);
			expect(sku.body.ErrorCode).toBe('ValueNotSupported');
			expect(sku.body.Hint).toContain('Sku NOPE-1 not assigned to Customer 1');
			const caseMismatch = await ext(sb, token, 'POST', '/orders', { body: orderCreate('C-SKU', [['mug-red', 1]]) });
			expect(caseMismatch.body.ErrorCode).toBe('ValueNotSupported');
			const qty = await ext(sb, token, 'POST', '/orders', { body: orderCreate('C-QTY', [['MUG-RED', 0]]) });
			expect(qty.status).toBe(400);
			expect(qty.body.ErrorCode).toBe('ValueOutOfRange');
			const customer = await ext(sb, token, 'POST', '/orders', {
				body: orderCreate('C-CUST', undefined, { customerIdentifier: { id: 2 } }),
			});
			expect(customer.body.ErrorCode).toBe('ValueNotSupported');
			expect(sb.findByReference('C-SKU')).toEqual([]);
		});

		it('rejects a duplicate referenceNum among non-cancelled orders, allows it again after cancel', async () => {
			const first = await ext(sb, token, 'POST', '/orders', { body: orderCreate('C-DUP') });
			expect(first.status).toBe(201);
			const dup = await ext(sb, token, 'POST', '/orders', { body: orderCreate('C-DUP') });
			expect(dup.status).toBe(400);
			expect(dup.body.ErrorCode).toBe('Duplicate');
			expect(dup.body.Properties[0].Name).toBe('ReferenceNum');
			expect(sb.findByReference('C-DUP')).toHaveLength(1);
			sb.cancel(first.body.readOnly.orderId);
			expect((await ext(sb, token, 'POST', '/orders', { body: orderCreate('C-DUP') })).status).toBe(201);
			expect(sb.findByReference('C-DUP').map((o) => o.status)).toEqual(['cancelled', 'open']);
		});
	});

	it('accepts a duplicate referenceNum when configured like a customer without the check', async () => {
		const lax = await startWmsSandbox({ extensiv: { allowDuplicateReferences: true } });
		try {
			const t = await getToken(lax);
			expect((await ext(lax, t, 'POST', '/orders', { body: orderCreate('L-1') })).status).toBe(201);
			expect((await ext(lax, t, 'POST', '/orders', { body: orderCreate('L-1') })).status).toBe(201);
			expect(lax.findByReference('L-1')).toHaveLength(2);
		} finally {
			await lax.close();
		}
	});

	describe('GET /orders', () => {
		beforeAll(async () => {
			now = new Date(Date.UTC(2026, 10, 27, 12, 0, 0));
			token = await getToken(sb);
			for (let i = 1; i <= 105; i++) {
				now = new Date(Date.UTC(2026, 10, 27, 12, 0, i));
				const res = await ext(sb, token, 'POST', '/orders', { body: orderCreate(`P-${1000 + i}`) });
				expect(res.status).toBe(201);
			}
			token = await getToken(sb);
		});

		const list = async (query: string, accept?: string) => ext(sb, token, 'GET', `/orders?${query}`, { accept });

		it('finds by referenceNum with RQL (quoted and unquoted, case-insensitive property names)', async () => {
			const quoted = await list(`pgsiz=1&rql=${encodeURIComponent('referenceNum=="P-1007";readOnly.customerIdentifier.id==1')}`);
			expect(quoted.status).toBe(200);
			expect(quoted.body.totalResults).toBe(1);
			expect(embeddedOrders(quoted.body)[0].referenceNum).toBe('P-1007');
			const lower = await list(`rql=${encodeURIComponent('referencenum==P-1007;ReadOnly.FacilityIdentifier.Id==1')}`);
			expect(lower.body.totalResults).toBe(1);
			const none = await list(`rql=${encodeURIComponent('referenceNum==P-9999')}`);
			expect(none.body.totalResults).toBe(0);
			expect(embeddedOrders(none.body)).toEqual([]);
		});

		it('supports OR, =in=, !=, wildcards, booleans, status and date comparisons', async () => {
			const or = await list(`rql=${encodeURIComponent('referenceNum==P-1001,referenceNum==P-1002')}`);
			expect(embeddedOrders(or.body).map((o: any) => o.referenceNum).sort()).toEqual(['P-1001', 'P-1002']);
			const inList = await list(`rql=${encodeURIComponent('referenceNum=in=(P-1003, "P-1004",P-9)')}`);
			expect(inList.body.totalResults).toBe(2);
			const wildcard = await list(`rql=${encodeURIComponent('referenceNum==P-10*;readOnly.isClosed==false')}`);
			expect(wildcard.body.totalResults).toBe(99);
			const grouped = await list(`rql=${encodeURIComponent('(referenceNum==P-1001,referenceNum==P-1002);referenceNum!=P-1001')}`);
			expect(embeddedOrders(grouped.body).map((o: any) => o.referenceNum)).toEqual(['P-1002']);
			const closed = await list(`rql=${encodeURIComponent('readOnly.isClosed==true')}`);
			expect(closed.body.totalResults).toBe(sb.listOrders().filter((o) => o.status !== 'open').length);
			const cancelled = await list(`rql=${encodeURIComponent('readOnly.status==2')}`);
			expect(cancelled.body.totalResults).toBe(1);
			// P-1010 was created at 12:00:10 UTC = 06:00:10 in Chicago.
			const since = await list(`rql=${encodeURIComponent('readOnly.creationDate=ge=2026-11-27T06:00:10;referenceNum==P-1*')}`);
			expect(since.body.totalResults).toBe(96);
			const between = await list(
				`rql=${encodeURIComponent('readOnly.lastModifiedDate=gt=2026-11-27T06:00:10;readOnly.lastModifiedDate=le=2026-11-27T06:00:12')}`,
			);
			expect(embeddedOrders(between.body).map((o: any) => o.referenceNum)).toEqual(['P-1011', 'P-1012']);
			const zoned = await list(`rql=${encodeURIComponent('readOnly.creationDate=ge=2026-11-27T12:01:40Z')}`);
			expect(zoned.body.totalResults).toBe(6);
		});

		it('rejects an unknown RQL property or a bad value with 400', async () => {
			const unknown = await list(`rql=${encodeURIComponent('customerid==1')}`);
			expect(unknown.status).toBe(400);
			expect(unknown.body.Hint).toContain("Unknown property 'customerid'");
			expect((await list(`rql=${encodeURIComponent('readOnly.isClosed==maybe')}`)).status).toBe(400);
			expect((await list(`rql=${encodeURIComponent('readOnly.orderId=gt=abc')}`)).status).toBe(400);
			expect((await list(`rql=${encodeURIComponent('referenceNum=like=x')}`)).status).toBe(400);
		});

		it('silently ignores undocumented parameters (pgsize, customerid, facilityid) like the real API', async () => {
			const misspelled = await list('pgsize=5&customerid=999&facilityid=999');
			expect(misspelled.status).toBe(200);
			expect(embeddedOrders(misspelled.body)).toHaveLength(100);
			expect(misspelled.body.totalResults).toBe(sb.listOrders().length);
			const right = await list('pgsiz=5');
			expect(embeddedOrders(right.body)).toHaveLength(5);
		});

		it('pages with pgsiz/pgnum, follows _links.next, and rejects pgsiz over 1000', async () => {
			const rql = encodeURIComponent('referenceNum==P-*');
			const seen: string[] = [];
			let href: string | undefined = `/orders?pgsiz=40&pgnum=1&rql=${rql}&sort=readOnly.orderId`;
			let pages = 0;
			while (href) {
				const res = await ext(sb, token, 'GET', href);
				expect(res.body.totalResults).toBe(105);
				seen.push(...embeddedOrders(res.body).map((o: any) => o.referenceNum));
				href = res.body._links.next?.href;
				pages++;
			}
			expect(pages).toBe(3);
			expect(new Set(seen).size).toBe(105);
			expect(seen[0]).toBe('P-1001');
			const desc = await list(`pgsiz=2&rql=${rql}&sort=-readOnly.orderId`);
			expect(embeddedOrders(desc.body).map((o: any) => o.referenceNum)).toEqual(['P-1105', 'P-1104']);
			const byDate = await list(`pgsiz=3&rql=${rql}&sort=-readOnly.lastModifiedDate,referenceNum`);
			expect(embeddedOrders(byDate.body).map((o: any) => o.readOnly.lastModifiedDate)).toEqual([
				'2026-11-27T06:01:45',
				'2026-11-27T06:01:44',
				'2026-11-27T06:01:43',
			]);
			expect((await list('sort=nope')).status).toBe(400);
			const big = await list('pgsiz=1001');
			expect(big.status).toBe(400);
			expect(big.body.ErrorCode).toBe('ValueOutOfRange');
			expect((await list('pgsiz=0')).status).toBe(400);
			expect((await list('pgnum=0')).status).toBe(400);
			expect((await list('pgsiz=1000')).status).toBe(200);
			expect(embeddedOrders((await list(`pgsiz=100&pgnum=3&rql=${rql}`)).body)).toEqual([]);
		});

		it('returns PascalCase TotalResults/ResourceList for plain application/json', async () => {
			const q = `detail=OrderItems&rql=${encodeURIComponent('referenceNum==P-1003')}`;
			const res = await list(q, 'application/json');
			expect(res.headers.get('content-type')).toContain('application/json');
			expect(res.body.TotalResults).toBe(1);
			const [order] = res.body.ResourceList;
			expect(order.ReferenceNum).toBe('P-1003');
			expect(order.ReadOnly.OrderId).toBe(sb.findByReference('P-1003')[0].orderId);
			expect(order.ReadOnly.CustomerIdentifier.Id).toBe(1);
			expect(order.OrderItems[0].ItemIdentifier.Sku).toBe('MUG-RED');
			expect(order._links).toBeUndefined();
			const hal = await list(q);
			expect(hal.headers.get('content-type')).toContain('application/hal+json');
			expect(hal.body.TotalResults).toBeUndefined();
			expect(embeddedOrders(hal.body)[0]._embedded[ITEMS_REL][0].itemIdentifier.sku).toBe('MUG-RED');
		});

		it('includes items and packages only when detail asks for them', async () => {
			const [rec] = sb.findByReference('P-1004');
			sb.ship(rec.orderId, { kind: 'packages', count: 2 });
			const q = (detail: string) => list(`${detail}&rql=${encodeURIComponent('referenceNum==P-1004')}`);
			const none = embeddedOrders((await q('')).body)[0];
			expect(none._embedded).toBeUndefined();
			expect(none.readOnly.packages).toBeUndefined();
			expect(none.readOnly).toMatchObject({ isClosed: true, status: 1 });
			const all = embeddedOrders((await q('detail=All&itemdetail=All')).body)[0];
			expect(all._embedded[ITEMS_REL]).toHaveLength(1);
			// One line of qty 2 spread over 2 packages: one unit each.
			expect(all.readOnly.packages.map((p: any) => p.packageContents.map((c: any) => c.qty))).toEqual([[1], [1]]);
			expect(all.readOnly.packages[0].trackingNumber).toMatch(/^1Z[A-Z0-9]{16}$/);
			expect(all.readOnly.packages[0].packageContents[0].orderItemId).toBe(all._embedded[ITEMS_REL][0].readOnly.orderItemId);
			expect((await q('itemdetail=All')).status).toBe(400);
			expect((await q('detail=Everything')).status).toBe(400);
		});
	});

	describe('GET /orders/{id} and the canceler', () => {
		it('returns one order with an ETag; cancels only with a current If-Match and a reason', async () => {
			const created = await ext(sb, token, 'POST', '/orders', { body: orderCreate('X-1') });
			const id = created.body.readOnly.orderId;
			const got = await ext(sb, token, 'GET', `/orders/${id}?detail=OrderItems`);
			expect(got.status).toBe(200);
			expect(got.body.referenceNum).toBe('X-1');
			const etag = got.headers.get('etag') as string;
			expect(etag).toBe(created.headers.get('etag'));
			expect((await ext(sb, token, 'GET', '/orders/999999')).status).toBe(404);

			const cancel = (headers: Record<string, string>, body: unknown = { reason: 'Customer changed mind' }) =>
				ext(sb, token, 'POST', `/orders/${id}/canceler`, { body, headers });
			expect((await cancel({})).status).toBe(428);
			expect((await cancel({ 'If-Match': '"stale-0"' })).status).toBe(412);
			const noReason = await cancel({ 'If-Match': etag }, {});
			expect(noReason.status).toBe(400);
			expect(noReason.body.Properties[0].Name).toBe('Reason');
			expect(sb.listOrders().find((o) => o.orderId === id)?.status).toBe('open');
			const ok = await cancel({ 'If-Match': etag });
			expect(ok.status).toBe(204);
			const after = await ext(sb, token, 'GET', `/orders/${id}`);
			expect(after.body.readOnly).toMatchObject({ status: 2, isClosed: true });
			expect(after.headers.get('etag')).not.toBe(etag);
			const again = await cancel({ 'If-Match': after.headers.get('etag') as string });
			expect(again.status).toBe(400);
		});
	});

	describe('GET /inventory/stocksummaries', () => {
		it('lists stock per SKU for the facility with RQL and paging up to 500', async () => {
			sb.setStock('MUG-BLUE', 77);
			const one = await ext(sb, token, 'GET', `/inventory/stocksummaries?rql=${encodeURIComponent('itemIdentifier.sku==MUG-BLUE')}`);
			expect(one.status).toBe(200);
			expect(one.body.totalResults).toBe(1);
			expect(one.body.summaries[0]).toMatchObject({
				facilityId: 1,
				itemIdentifier: { sku: 'MUG-BLUE', id: expect.any(Number) },
				available: 77,
				onHold: 0,
			});
			sb.generateItems(1200);
			// The six default SKUs plus the generated ones, plus the second customer's four items (DEFAULT_OTHER_CUSTOMERS:
			// summaries are per item x facility and carry no customer).
			const total = 1200 + 6 + 4;
			const skus = new Set<string>();
			for (let pgnum = 1; pgnum <= 3; pgnum++) {
				const page = await ext(sb, token, 'GET', `/inventory/stocksummaries?pgsiz=500&pgnum=${pgnum}&rql=facilityId==1`);
				expect(page.body.totalResults).toBe(total);
				for (const s of page.body.summaries) skus.add(`${s.itemIdentifier.sku}#${s.itemIdentifier.id}`);
				expect(Boolean(page.body._links.next)).toBe(pgnum < 3);
			}
			expect(skus.size).toBe(total);
			expect((await ext(sb, token, 'GET', '/inventory/stocksummaries?rql=facilityId==2')).body.totalResults).toBe(0);
			const tooBig = await ext(sb, token, 'GET', '/inventory/stocksummaries?pgsiz=501');
			expect(tooBig.status).toBe(400);
			expect((await ext(sb, token, 'GET', `/inventory/stocksummaries?rql=${encodeURIComponent('customerIdentifier.id==1')}`)).status).toBe(400);
			const plain = await ext(sb, token, 'GET', '/inventory/stocksummaries?pgsiz=2', { accept: 'application/json' });
			expect(plain.body.TotalResults).toBe(total);
			expect(plain.body.Summaries[0].ItemIdentifier.Sku).toBe('MUG-RED');
		});
	});

	describe('GET /inventory/stockdetails', () => {
		it("lists the receive items of one customer in one facility: held units in their own isOnHold rows", async () => {
			const rows = async (q: string, accept?: string) => await ext(sb, token, 'GET', `/inventory/stockdetails?${q}`, { accept });
			const mine = await rows('customerid=1&facilityid=1&pgsiz=500&pgnum=1');
			expect(mine.status).toBe(200);
			const tee = mine.body._embedded.item.filter((r: { itemIdentifier: { sku: string } }) => r.itemIdentifier.sku === 'TSHIRT-S');
			expect(tee).toEqual([
				expect.objectContaining({ available: 40, onHand: 40, isOnHold: false, quarantined: false }),
				expect.objectContaining({ available: 6, onHand: 6, isOnHold: true }),
			]);
			expect(mine.body._embedded.item.some((r: { itemIdentifier: { sku: string } }) => r.itemIdentifier.sku === 'GADGET-X')).toBe(false);
			const theirs = await rows('customerid=2&facilityid=1');
			const theirMug = theirs.body._embedded.item.find((r: { itemIdentifier: { sku: string } }) => r.itemIdentifier.sku === 'MUG-RED');
			expect(theirMug.available).toBe(500);
			expect(theirMug.itemIdentifier.id).not.toBe(tee[0].itemIdentifier.id);
			expect((await rows('customerid=1&facilityid=2')).body.totalResults).toBe(0);
			expect((await rows('facilityid=1')).status).toBe(400);
			expect((await rows('customerid=1&facilityid=1&pgsiz=501')).status).toBe(400);
			const plain = await rows('customerid=1&facilityid=1&pgsiz=2', 'application/json');
			expect(plain.body.ResourceList[0]).toMatchObject({ ItemIdentifier: { Sku: 'MUG-RED' }, Available: sb.getStock('MUG-RED'), IsOnHold: false });
		});
	});
});
