import { startBigCommerceSandbox } from '../../sandbox/bigcommerce';
import type { BcSandbox } from '../../sandbox/bigcommerce';
import { call, get } from './bigcommerceClient';

const RATE_HEADERS = ['x-rate-limit-time-window-ms', 'x-rate-limit-time-reset-ms', 'x-rate-limit-requests-quota', 'x-rate-limit-requests-left'];

describe('BigCommerce sandbox: auth, orders, shipments', () => {
	let sb: BcSandbox;
	beforeAll(async () => {
		sb = await startBigCommerceSandbox({ quota: 100000 });
	});
	afterAll(async () => {
		await sb.close();
	});
	afterEach(() => {
		sb.setScopes(null);
		sb.setFaults(null);
	});

	describe('auth', () => {
		it('answers 401 with a V2 array for v2 and a V3 object for v3 when the token is missing or wrong', async () => {
			const v2 = await call(sb, 'GET', '/v2/orders', undefined, { token: null });
			expect(v2.status).toBe(401);
			expect(Array.isArray(v2.body)).toBe(true);
			expect(v2.body[0].status).toBe(401);
			const v3 = await call(sb, 'GET', '/v3/catalog/products', undefined, { token: 'wrong-token' });
			expect(v3.status).toBe(401);
			expect(v3.body).toMatchObject({ status: 401, title: expect.any(String) });
			expect(v3.text).not.toContain('wrong-token');
			expect(v3.text).not.toContain(sb.token);
			for (const h of RATE_HEADERS) expect(v3.headers.get(h)).not.toBeNull();
		});

		it('answers 415 for a body without a JSON content type and 405 for a wrong method', async () => {
			const id = sb.listOrderIds({ statusId: 11 })[0];
			const res = await fetch(`${sb.url}/stores/${sb.storeHash}/v2/orders/${id}`, {
				method: 'PUT',
				headers: { 'X-Auth-Token': sb.token, 'Content-Type': 'text/plain' },
				body: JSON.stringify({ status_id: 9 }),
			});
			expect(res.status).toBe(415);
			expect(sb.getOrder(id)!.status_id).toBe(11);
			expect((await call(sb, 'DELETE', '/v2/orders/count')).status).toBe(405);
		});

		it('answers 404 for an unknown store hash', async () => {
			const r = await call(sb, 'GET', '/v2/store', undefined, { storeHash: 'nope' });
			expect(r.status).toBe(404);
		});

		it('answers 403 when the token lacks the scope, and read-only scopes cannot write', async () => {
			sb.setScopes(['store_v2_orders_read_only']);
			expect((await get(sb, '/v2/orders?limit=1')).status).toBe(200);
			const id = sb.listOrderIds({ statusId: 11 })[0];
			const put = await call(sb, 'PUT', `/v2/orders/${id}`, { status_id: 9 });
			expect(put.status).toBe(403);
			expect(put.body[0].message).toMatch(/scope/);
			expect(sb.getOrder(id)!.status_id).toBe(11);
			const products = await get(sb, '/v3/catalog/products');
			expect(products.status).toBe(403);
			expect(products.body.status).toBe(403);
			expect((await get(sb, '/v2/store')).status).toBe(403);
			expect((await get(sb, '/v3/inventory/locations')).status).toBe(403);
		});
	});

	describe('orders list', () => {
		it('pages with page/limit and answers 204 with an empty body past the end', async () => {
			const total = (await get(sb, '/v2/orders/count')).body.count;
			expect(total).toBe(sb.listOrderIds().length);
			const seen: number[] = [];
			for (let page = 1; ; page++) {
				const r = await get(sb, `/v2/orders?limit=25&page=${page}`);
				if (r.status === 204) {
					expect(r.text).toBe('');
					break;
				}
				expect(r.body.length).toBeLessThanOrEqual(25);
				seen.push(...r.body.map((o: any) => o.id));
			}
			expect(seen).toEqual([...sb.listOrderIds()].sort((a, b) => a - b));
			expect((await get(sb, '/v2/orders')).body).toHaveLength(50);
			const none = await get(sb, '/v2/orders?min_id=999999');
			expect(none.status).toBe(204);
			expect(none.text).toBe('');
		});

		it('filters by a single integer status_id and rejects anything else', async () => {
			const r = await get(sb, '/v2/orders?status_id=11&limit=250');
			expect(r.body.map((o: any) => o.id).sort()).toEqual(sb.listOrderIds({ statusId: 11 }).sort());
			expect(r.body.every((o: any) => o.status_id === 11 && o.status === 'Awaiting Fulfillment')).toBe(true);
			expect((await get(sb, '/v2/orders?status_id=11,9')).status).toBe(400);
			expect((await get(sb, '/v2/orders?limit=251')).status).toBe(413);
		});

		it('seeds every status 0-14, RFC 2822 UTC dates, decimal-string money and non-ASCII names', async () => {
			const all = (await get(sb, '/v2/orders?limit=250')).body;
			expect(new Set(all.map((o: any) => o.status_id))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => i)));
			expect(all[0].date_created).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
			expect(all[0].total_inc_tax).toMatch(/^\d+\.\d{4}$/);
			expect(all.some((o: any) => /[^\p{ASCII}]/u.test(o.billing_address.first_name + o.billing_address.last_name))).toBe(true);
		});

		it('applies inclusive date bounds in RFC 2822 and ISO 8601, and sorts', async () => {
			const all = (await get(sb, '/v2/orders?limit=250&sort=date_modified:desc')).body;
			const times = all.map((o: any) => Date.parse(o.date_modified));
			expect([...times].sort((a, b) => b - a)).toEqual(times);
			const pivot = all[10];
			const rfc = encodeURIComponent(pivot.date_modified);
			const min = (await get(sb, `/v2/orders?limit=250&min_date_modified=${rfc}`)).body;
			expect(min.map((o: any) => o.id)).toContain(pivot.id);
			expect(min.every((o: any) => Date.parse(o.date_modified) >= Date.parse(pivot.date_modified))).toBe(true);
			const iso = encodeURIComponent(new Date(Date.parse(pivot.date_modified)).toISOString());
			const max = (await get(sb, `/v2/orders?limit=250&max_date_modified=${iso}`)).body;
			expect(max.map((o: any) => o.id)).toContain(pivot.id);
			expect(max.every((o: any) => Date.parse(o.date_modified) <= Date.parse(pivot.date_modified))).toBe(true);
			// A '+' that was not URL-encoded arrives as a space: rejected, not silently ignored.
			const raw = pivot.date_modified.replace(/ /g, '%20');
			expect((await get(sb, `/v2/orders?min_date_modified=${raw}`)).status).toBe(400);
		});
	});

	describe('special orders and include', () => {
		const findByLines = (n: number) => sb.listOrderIds().find((id) => sb.getOrderProducts(id).length === n)!;

		it('caps embedded consignment line items at 50 with a __warning__, and products page by 50', async () => {
			const id = findByLines(60);
			expect(id).toBeDefined();
			const r = await get(sb, `/v2/orders/${id}?include=consignments.line_items&consignment_structure=object`);
			const shipping = r.body.consignments.shipping;
			expect(shipping).toHaveLength(1);
			expect(shipping[0].line_items).toHaveLength(50);
			expect(shipping[0].__warning__.message).toMatch(/50/);
			const list = await get(sb, `/v2/orders?min_id=${id}&max_id=${id}&include=consignments.line_items&consignment_structure=object`);
			expect(list.body[0].consignments.shipping[0].line_items).toHaveLength(50);
			expect((await get(sb, `/v2/orders/${id}/products`)).body).toHaveLength(50);
			expect((await get(sb, `/v2/orders/${id}/products?page=2`)).body).toHaveLength(10);
			expect((await get(sb, `/v2/orders/${id}/products?page=3`)).status).toBe(204);
		});

		it('has a two-address order, a digital-only order and a custom line without SKU, all in status 11', async () => {
			const two = sb.listOrderIds({ statusId: 11 }).find((id) => sb.getShippingAddresses(id).length === 2)!;
			const r = await get(sb, `/v2/orders/${two}?include=consignments.line_items&consignment_structure=object`);
			expect(r.body.shipping_address_count).toBe(2);
			expect(r.body.consignments.shipping).toHaveLength(2);
			const digital = sb.listOrderIds({ statusId: 11 }).find((id) => sb.getOrder(id)!.order_is_digital)!;
			const d = await get(sb, `/v2/orders/${digital}?include=consignments.line_items&consignment_structure=object`);
			expect(d.body.consignments.shipping).toHaveLength(0);
			expect(d.body.consignments.downloads[0].line_items[0].type).toBe('digital');
			expect((await get(sb, `/v2/orders/${digital}/shipping_addresses`)).status).toBe(204);
			const custom = sb.listOrderIds({ statusId: 11 }).find((id) => sb.getOrderProducts(id).some((l) => l.product_id === 0))!;
			expect(sb.getOrderProducts(custom).find((l) => l.product_id === 0)!.sku).toBe('');
		});

		it('returns 404 with a V2 body for an unknown order', async () => {
			const r = await get(sb, '/v2/orders/987654');
			expect(r.status).toBe(404);
			expect(r.body[0].status).toBe(404);
		});
	});

	describe('order update', () => {
		it('changes the status, updates date_modified and rejects bad or read-only fields', async () => {
			const id = sb.addOrder({ lines: [{ sku: 'X-1', quantity: 1 }], dateCreated: new Date(Date.now() - 3600000) });
			const before = sb.getOrder(id)!.date_modified;
			expect((await call(sb, 'PUT', `/v2/orders/${id}`, { status_id: 15 })).status).toBe(400);
			expect((await call(sb, 'PUT', `/v2/orders/${id}`, { status_id: '9' })).status).toBe(400);
			const ro = await call(sb, 'PUT', `/v2/orders/${id}`, { status: 'Shipped' });
			expect(ro.status).toBe(400);
			expect(ro.body[0].message).toBe("The field 'status' cannot be written to. Please remove it from your request before trying again.");
			const ok = await call(sb, 'PUT', `/v2/orders/${id}`, { status_id: 9, staff_notes: 'Sent to WMS' });
			expect(ok.status).toBe(200);
			expect(ok.body).toMatchObject({ status_id: 9, status: 'Awaiting Shipment', staff_notes: 'Sent to WMS' });
			expect(Date.parse(ok.body.date_modified)).toBeGreaterThan(Date.parse(before));
		});
	});

	describe('shipments', () => {
		let orderId: number;
		let lines: Array<{ id: number; quantity: number; order_address_id: number }>;
		let addresses: Array<{ id: number }>;
		beforeAll(() => {
			orderId = sb.addOrder({
				lines: [
					{ sku: 'SHIP-A', quantity: 3, productId: 100 },
					{ sku: 'SHIP-B', quantity: 1 },
					{ sku: 'SHIP-C', quantity: 2, addressIndex: 1 },
					{ sku: 'EBOOK', quantity: 1, type: 'digital' },
				],
				addresses: [{ firstName: 'Ana' }, { firstName: 'Bo' }],
			});
			lines = sb.getOrderProducts(orderId);
			addresses = sb.getShippingAddresses(orderId);
		});
		const post = (body: unknown) => call(sb, 'POST', `/v2/orders/${orderId}/shipments`, body);

		it('lists 204 before any shipment', async () => {
			const r = await get(sb, `/v2/orders/${orderId}/shipments`);
			expect(r.status).toBe(204);
			expect(r.text).toBe('');
		});

		it('validates like BigCommerce and changes nothing on a bad request', async () => {
			const [a, , c, digital] = lines;
			const addr = addresses[0].id;
			const cases: Array<[unknown, RegExp]> = [
				[{ items: [{ order_product_id: a.id, quantity: 1 }] }, /order_address_id/],
				[{ order_address_id: addr }, /items/],
				[{ order_address_id: addr, items: [{ order_product_id: a.id, quantity: 4 }] }, /greater than the quantity remaining/],
				[{ order_address_id: addr, items: [{ order_product_id: a.id, quantity: 2 }, { order_product_id: a.id, quantity: 2 }] }, /remaining/],
				[{ order_address_id: addr, items: [{ order_product_id: c.id, quantity: 1 }] }, /does not belong to order address/],
				[{ order_address_id: addr, items: [{ order_product_id: a.id, product_id: 100, quantity: 1 }] }, /^The field 'product_id' cannot be written to\. Please remove it from your request before trying again\.$/],
				[{ order_address_id: addr, items: [{ order_product_id: digital.id, quantity: 1 }] }, /digital/],
				[{ order_address_id: addr, items: [{ order_product_id: a.id, quantity: 0 }] }, /greater than 0/],
				[{ order_address_id: addr, items: [{ order_product_id: a.id, quantity: 1.5 }] }, /integer/],
				[{ order_address_id: addr, items: [{ order_product_id: 999999, quantity: 1 }] }, /does not exist/],
				[{ order_address_id: 999999, items: [{ order_product_id: a.id, quantity: 1 }] }, /does not exist/],
				[{ order_address_id: addr, items: [{ order_product_id: a.id, quantity: 1 }], tracking_number: 'x'.repeat(51) }, /tracking_number/],
				[{ order_address_id: addr, items: [{ order_product_id: a.id, quantity: 1 }], carrier: 'ups' }, /'carrier' cannot be written/],
				[{ order_address_id: addr, items: [{ order_product_id: a.id, quantity: 1 }], shipping_provider: 'dhl-express' }, /shipping_provider/],
			];
			for (const [body, message] of cases) {
				const r = await post(body);
				expect({ body, status: r.status }).toEqual({ body, status: 400 });
				expect(r.body[0].message).toMatch(message);
			}
			expect(sb.getShipments(orderId)).toHaveLength(0);
			expect(sb.getOrderProducts(orderId).every((l) => l.quantity_shipped === 0)).toBe(true);
			expect(sb.getOrder(orderId)!.status_id).toBe(11);
		});

		it('sets status 3 on a partial shipment and 2 once every physical line is shipped', async () => {
			const [a, b, c] = lines;
			const first = await post({
				order_address_id: addresses[0].id,
				items: [{ order_product_id: a.id, quantity: 2 }],
				tracking_number: '1Z999AA10123456784',
				shipping_provider: 'ups',
				tracking_carrier: 'ups',
			});
			expect(first.status).toBe(201);
			expect(first.body).toMatchObject({ order_id: orderId, order_address_id: addresses[0].id, tracking_number: '1Z999AA10123456784' });
			expect(first.body.items).toEqual([{ order_product_id: a.id, product_id: 100, quantity: 2 }]);
			expect(sb.getOrder(orderId)).toMatchObject({ status_id: 3, items_shipped: 2 });
			expect((await post({ order_address_id: addresses[0].id, items: [{ order_product_id: a.id, quantity: 2 }] })).status).toBe(400);
			expect((await post({ order_address_id: addresses[0].id, items: [{ order_product_id: a.id, quantity: 1 }, { order_product_id: b.id, quantity: 1 }] })).status).toBe(201);
			expect(sb.getOrder(orderId)!.status_id).toBe(3);
			expect((await post({ order_address_id: addresses[1].id, items: [{ order_product_id: c.id, quantity: 2 }] })).status).toBe(201);
			const order = (await get(sb, `/v2/orders/${orderId}`)).body;
			expect(order).toMatchObject({ status_id: 2, status: 'Shipped', items_shipped: 6 });
			expect(order.date_shipped).not.toBe('');
			const list = await get(sb, `/v2/orders/${orderId}/shipments?limit=2`);
			expect(list.body).toHaveLength(2);
			expect((await get(sb, `/v2/orders/${orderId}/shipments?page=2&limit=2`)).body).toHaveLength(1);
			const one = await get(sb, `/v2/orders/${orderId}/shipments/${first.body.id}`);
			expect(one.body.tracking_number).toBe('1Z999AA10123456784');
			const addr = (await get(sb, `/v2/orders/${orderId}/shipping_addresses`)).body;
			expect(addr.map((x: any) => x.items_shipped)).toEqual([4, 2]);
		});
	});

	describe('faults', () => {
		let id: number;
		beforeEach(() => {
			id = sb.addOrder({ lines: [{ sku: 'F-1', quantity: 1 }] });
			sb.resetRequestLog();
		});

		it('injects 500 and 503 with V2/V3 bodies', async () => {
			sb.setFaults({ rate: 1, kinds: ['500'] });
			const r = await get(sb, '/v2/orders?limit=1');
			expect(r.status).toBe(500);
			expect(r.body[0].status).toBe(500);
			sb.setFaults({ rate: 1, kinds: ['503'] });
			const v3 = await get(sb, '/v3/catalog/products');
			expect(v3.status).toBe(503);
			expect(v3.body.status).toBe(503);
			expect(sb.requestLog().map((e) => e.fault)).toEqual(['500', '503']);
		});

		it('injects 429 with and without rate-limit headers', async () => {
			sb.setFaults({ rate: 1, kinds: ['429'] });
			const a = await get(sb, '/v2/time');
			expect(a.status).toBe(429);
			for (const h of RATE_HEADERS) expect(a.headers.get(h)).not.toBeNull();
			sb.setFaults({ rate: 1, kinds: ['429-no-headers'] });
			const b = await get(sb, '/v2/time');
			expect(b.status).toBe(429);
			for (const h of RATE_HEADERS) expect(b.headers.get(h)).toBeNull();
		});

		it('slows responses down', async () => {
			sb.setFaults({ rate: 1, kinds: ['slow'], slowMs: 300 });
			const t = Date.now();
			expect((await get(sb, '/v2/time')).status).toBe(200);
			expect(Date.now() - t).toBeGreaterThanOrEqual(290);
		});

		it('drops the connection without applying a write', async () => {
			sb.setFaults({ rate: 1, kinds: ['drop'] });
			await expect(call(sb, 'PUT', `/v2/orders/${id}`, { status_id: 9 })).rejects.toThrow();
			expect(sb.getOrder(id)!.status_id).toBe(11);
		});

		it('applies a write and loses the response; never for reads', async () => {
			sb.setFaults({ rate: 1, kinds: ['lost-response'] });
			await expect(call(sb, 'PUT', `/v2/orders/${id}`, { status_id: 9 })).rejects.toThrow();
			expect(sb.getOrder(id)!.status_id).toBe(9);
			expect((await get(sb, `/v2/orders/${id}`)).status).toBe(200);
			expect(sb.countRequests({ excludeFaults: true })).toBe(1);
			expect(sb.countRequests()).toBe(2);
		});

		it('stops after `count` faults', async () => {
			sb.setFaults({ rate: 1, kinds: ['500'], count: 2 });
			const statuses = [];
			for (let i = 0; i < 4; i++) statuses.push((await get(sb, '/v2/time')).status);
			expect(statuses).toEqual([500, 500, 200, 200]);
		});

		it('respects methods and pathPattern, and is repeatable for a seed', async () => {
			sb.setFaults({ rate: 1, kinds: ['500'], methods: ['POST'], pathPattern: /shipments/ });
			expect((await get(sb, `/v2/orders/${id}`)).status).toBe(200);
			const pattern = async () => {
				sb.setFaults({ rate: 0.5, kinds: ['500', '503'], seed: 42 });
				const out: number[] = [];
				for (let i = 0; i < 12; i++) out.push((await get(sb, '/v2/time')).status);
				return out;
			};
			const first = await pattern();
			expect(first).toEqual(await pattern());
			expect(new Set(first).size).toBeGreaterThan(1);
		});
	});
});

describe('BigCommerce sandbox: rate limit', () => {
	let sb: BcSandbox;
	beforeAll(async () => {
		sb = await startBigCommerceSandbox({ quota: 5, windowMs: 500, seed: { orders: 5, products: 5 } });
	});
	afterAll(async () => {
		await sb.close();
	});

	it('answers 429 with headers over the quota and recovers in the next window', async () => {
		// Start at the beginning of a fresh window so all 6 requests fall into the same one.
		const first = await get(sb, '/v2/time');
		await new Promise((r) => setTimeout(r, Number(first.headers.get('x-rate-limit-time-reset-ms')) + 5));
		sb.resetRequestLog();
		const statuses: number[] = [];
		const left: string[] = [];
		for (let i = 0; i < 6; i++) {
			const r = await get(sb, '/v2/time');
			statuses.push(r.status);
			left.push(r.headers.get('x-rate-limit-requests-left')!);
		}
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
		expect(left).toEqual(['4', '3', '2', '1', '0', '0']);
		expect(sb.maxRequestsInWindow()).toBe(6);
		const last = await get(sb, '/v2/time');
		expect(last.headers.get('x-rate-limit-requests-quota')).toBe('5');
		const reset = Number(last.headers.get('x-rate-limit-time-reset-ms'));
		expect(reset).toBeGreaterThan(0);
		expect(reset).toBeLessThanOrEqual(500);
		await new Promise((r) => setTimeout(r, reset + 5));
		expect((await get(sb, '/v2/time')).status).toBe(200);
	});
});
