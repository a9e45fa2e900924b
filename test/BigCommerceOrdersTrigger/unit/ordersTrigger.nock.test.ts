/**
 * Orders Trigger request shapes and edge cases against nock: query parameters from the OpenAPI spec, the
 * date_modified cursor and its URL encoding, the 50-line fallback, missing consignments, malformed orders, and a
 * randomized store whose orders change status between page requests (with an inclusive and an exclusive date bound).
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { resetRateLimitState } from '../../../nodes/shared/bigcommerce/transport';
import { DELIVERED_STATIC_KEY, type Order } from '../../../nodes/shared/model';
import { pollOnce } from '../../helpers/harness';
import { fastRetries, restoreRetries, TestClock, TRIGGER, triggerWorkflow } from '../workflow/setup';
import { bcLine, bcOrder, rfc } from './fixtures';

const API = 'https://api.bigcommerce.com';
const HASH = 'abc123';
const ORDERS = `/stores/${HASH}/v2/orders`;
const credentials = { bigCommerceApi: { storeHash: HASH, accessToken: 'tok-SECRET-1', apiUrl: API } };

async function poll(parameters: IDataObject, staticData: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger'): Promise<Order[]> {
	const out = await pollOnce(triggerWorkflow(parameters), { credentials, staticData, triggerNode: TRIGGER, mode });
	return (out?.[0] ?? []).map((i) => i.json as unknown as Order);
}

beforeAll(() => fastRetries());
afterAll(() => restoreRetries());
beforeEach(() => {
	nock.cleanAll();
	resetRateLimitState();
});
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
});

describe('request shapes', () => {
	it('lists each selected status with the embedded lines, 250 per page, then reads on from the date_modified cursor', async () => {
		const seen: Array<Record<string, string>> = [];
		const rawPaths: string[] = [];
		nock(API)
			.get(ORDERS)
			.query((q) => {
				seen.push(q as Record<string, string>);
				return true;
			})
			.times(4)
			.reply(function (uri) {
				rawPaths.push(uri);
				const q = new URL(uri, API).searchParams;
				if (q.get('status_id') === '11' && !q.get('min_date_modified')) return [200, [bcOrder(1001)]];
				return [204, ''];
			});
		const staticData: IDataObject = {};
		const first = await poll({ statuses: [11, 9], options: { referencePrefix: 'S1-' } }, staticData);
		expect(first.map((o) => o.reference)).toEqual(['S1-1001']);
		expect(seen.slice(0, 2)).toEqual([
			{ status_id: '11', sort: 'date_modified:asc', page: '1', limit: '250', include: 'consignments.line_items', consignment_structure: 'object' },
			{ status_id: '9', sort: 'date_modified:asc', page: '1', limit: '250', include: 'consignments.line_items', consignment_structure: 'object' },
		]);

		expect(await poll({ statuses: [11, 9], options: { referencePrefix: 'S1-' } }, staticData)).toEqual([]);
		// Re-read from the order's date_modified minus the 2-minute overlap, RFC 2822 with the + encoded.
		expect(seen[2]).toMatchObject({ status_id: '11', min_date_modified: 'Fri, 20 Nov 2026 09:58:05 +0000' });
		expect(rawPaths[2]).toContain('min_date_modified=Fri%2C%2020%20Nov%202026%2009%3A58%3A05%20%2B0000');
		// Status 9 had no orders yet: it is read from the start again (cheap: its list is empty).
		expect(seen[3]).not.toHaveProperty('min_date_modified');
	});

	it('passes one channel id and the earliest order date to the API, and filters several channels itself', async () => {
		nock(API)
			.get(ORDERS)
			.query({ status_id: '11', sort: 'date_modified:asc', page: '1', limit: '250', include: 'consignments.line_items', consignment_structure: 'object', channel_id: '2', min_date_created: 'Sun, 01 Nov 2026 00:00:00 +0000' })
			.reply(200, [bcOrder(1, { channel_id: 2 })]);
		expect(await poll({ statuses: [11], options: { channelIds: '2', earliestOrderDate: '2026-11-01T00:00:00Z' } })).toHaveLength(1);

		nock(API)
			.get(ORDERS)
			.query((q) => q.channel_id === undefined)
			.reply(200, [bcOrder(1, { channel_id: 1 }), bcOrder(2, { channel_id: 3 }), bcOrder(3, { channel_id: 2 })]);
		expect((await poll({ statuses: [11], options: { channelIds: '2, 3' } })).map((o) => o.orderId)).toEqual([2, 3]);
	});

	it('pages /v2/orders/{id}/products only for an order whose consignment was cut at 50 lines', async () => {
		const cut = bcOrder(2001);
		cut.consignments!.shipping![0].line_items = Array.from({ length: 50 }, (_, i) => bcLine(100 + i, `S-${i}`, 1, 501));
		cut.consignments!.shipping![0].__warning__ = { message: 'Not all line items of this consignment are returned' };
		const lines = Array.from({ length: 60 }, (_, i) => bcLine(100 + i, `S-${i}`, 1 + (i % 3), 501));
		nock(API).get(ORDERS).query(true).reply(200, [bcOrder(2000), cut]);
		nock(API).get(`${ORDERS}/2001/products`).query({ page: '1', limit: '50' }).reply(200, lines.slice(0, 50));
		nock(API).get(`${ORDERS}/2001/products`).query({ page: '2', limit: '50' }).reply(200, lines.slice(50));
		const [plain, whole] = await poll({ statuses: [11] });
		expect(plain.destinations[0].lines).toHaveLength(1);
		expect(whole.destinations[0].lines.map((l) => [l.sku, l.quantity])).toEqual(lines.map((l) => [l.sku, l.quantity]));
		expect(whole.problems).toBeUndefined();
	});

	it('reads lines and shipping addresses when the consignments are missing', async () => {
		const order = bcOrder(3001, { consignments: undefined, shipping_address_count: 2 });
		nock(API).get(ORDERS).query(true).reply(200, [order]);
		nock(API).get(`${ORDERS}/3001/products`).query({ page: '1', limit: '50' }).reply(200, [bcLine(1, 'A', 1, 71), bcLine(2, 'B', 2, 72), { ...bcLine(3, 'E', 1, 0), type: 'digital' }]);
		nock(API)
			.get(`${ORDERS}/3001/shipping_addresses`)
			.query({ page: '1', limit: '50' })
			.reply(200, [71, 72].map((id) => ({ ...bcOrder(1).consignments!.shipping![0], id, order_id: 3001, city: `City ${id}` })));
		const [mapped] = await poll({ statuses: [11] });
		expect(mapped.destinations.map((d) => [d.addressId, d.address.city, d.lines.map((l) => l.sku)])).toEqual([
			[71, 'City 71', ['A']],
			[72, 'City 72', ['B']],
		]);
	});

	it('manual mode asks for the newest orders and records nothing', async () => {
		nock(API)
			.get(ORDERS)
			.query({ status_id: '11', sort: 'date_created:desc', page: '1', limit: '6', include: 'consignments.line_items', consignment_structure: 'object' })
			.reply(200, [bcOrder(5), bcOrder(4)]);
		const staticData: IDataObject = {};
		expect((await poll({ statuses: [11] }, staticData, 'manual')).map((o) => o.orderId)).toEqual([5, 4]);
		expect(staticData).toEqual({});
	});
});

describe('redelivery of a few pending orders', () => {
	it('re-reads each due order by id after the window: still waiting -> emitted again, gone or moved -> dropped', async () => {
		const clock = new TestClock();
		clock.install();
		try {
			nock(API).get(ORDERS).query(true).reply(200, [bcOrder(1), bcOrder(2), bcOrder(3)]);
			const staticData: IDataObject = {};
			expect((await poll({ statuses: [11] }, staticData)).map((o) => o.orderId)).toEqual([1, 2, 3]);
			clock.advanceMinutes(31);
			const include = { include: 'consignments.line_items', consignment_structure: 'object' };
			nock(API).get(`${ORDERS}/1`).query(include).reply(200, bcOrder(1));
			nock(API).get(`${ORDERS}/2`).query(include).reply(404, [{ status: 404, message: 'The requested resource was not found.' }]);
			nock(API).get(`${ORDERS}/3`).query(include).reply(200, bcOrder(3, { status_id: 9 }));
			nock(API).get(ORDERS).query(true).reply(204, '');
			expect((await poll({ statuses: [11] }, staticData)).map((o) => o.orderId)).toEqual([1]);
			const state = (staticData[`node:${TRIGGER}`] as IDataObject).ordersTrigger as { pending: Record<string, { emits: number }> };
			expect(Object.keys(state.pending)).toEqual(['1']);
			expect(state.pending['1'].emits).toBe(2);
		} finally {
			clock.uninstall();
		}
	});
});

describe('malformed orders', () => {
	it('stops with a clear error naming the order when date_modified is missing, and records nothing', async () => {
		nock(API).get(ORDERS).query(true).reply(200, [bcOrder(1), { ...bcOrder(4242), date_modified: undefined }]);
		const staticData: IDataObject = {};
		const error = (await poll({ statuses: [11] }, staticData).catch((e: unknown) => e)) as Error & { description?: string };
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('BigCommerce returned order 4242 without a valid date_modified');
		expect(JSON.stringify(staticData)).not.toContain('ordersTrigger');
	});

	it('stops with a clear error when an order has no id', async () => {
		nock(API).get(ORDERS).query(true).reply(200, [{ date_modified: 'Fri, 20 Nov 2026 10:00:05 +0000' }]);
		const error = (await poll({ statuses: [11] }).catch((e: unknown) => e)) as Error;
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/without a valid id in the list of status 11/);
	});

	it('emits an order with missing details with empty values and problems, never a TypeError', async () => {
		nock(API)
			.get(ORDERS)
			.query(true)
			.reply(200, [{ id: 77, status_id: 11, date_modified: 'Fri, 20 Nov 2026 10:00:05 +0000', consignments: { shipping: [{ id: 5, line_items: [{ id: 1, quantity: 1 }] }] } }]);
		// The line carries no order_address_id: the address comes from the order's shipping addresses (its only one),
		// never from the consignment id (5).
		const addresses = nock(API).get(/\/v2\/orders\/77\/shipping_addresses/).reply(200, [{ id: 9, order_id: 77 }]);
		const [order] = await poll({ statuses: [11] });
		expect(addresses.isDone()).toBe(true);
		expect(order).toMatchObject({ orderId: 77, reference: '77', billingAddress: { email: '' }, totals: { total: 0 }, destinations: [{ addressId: 9 }] });
		expect(order.problems).toEqual([expect.objectContaining({ code: 'missing-sku', orderProductId: 1 })]);
	});
});

/**
 * An in-memory store served through nock: between any two requests orders move into and out of status 11 and new
 * ones arrive, many within the same second; `inclusive` decides whether min_date_modified keeps orders at that second.
 */
class ChangingStore {
	orders = new Map<number, { status: number; dm: number }>();
	now = Date.UTC(2026, 10, 20, 12, 0, 0);
	private nextId = 1;
	private rng: () => number;
	changes = true;

	constructor(
		seed: number,
		private readonly inclusive: boolean,
	) {
		let s = seed;
		this.rng = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
		for (let i = 0; i < 1500; i++) this.add(this.rng() < 0.5 ? 11 : 9);
	}

	/** Often the same second, sometimes a second later, sometimes minutes later (beyond the trigger's overlap). */
	private tick(): void {
		const r = this.rng();
		if (r < 0.3) this.now += 1000;
		else if (r < 0.4) this.now += 150000;
	}

	add(status: number): void {
		this.tick();
		this.orders.set(this.nextId++, { status, dm: this.now });
	}

	private mutate(): void {
		if (!this.changes) return;
		const n = Math.floor(this.rng() * 6);
		for (let i = 0; i < n; i++) {
			const r = this.rng();
			if (r < 0.3) {
				this.add(11);
				continue;
			}
			const id = 1 + Math.floor(this.rng() * (this.nextId - 1));
			const o = this.orders.get(id)!;
			this.tick();
			o.status = o.status === 11 ? 9 : 11;
			o.dm = this.now;
		}
	}

	reply(uri: string): [number, unknown] {
		this.mutate();
		const q = new URL(uri, API).searchParams;
		const status = Number(q.get('status_id'));
		const min = q.get('min_date_modified') ? Date.parse(q.get('min_date_modified')!) : -Infinity;
		const page = Number(q.get('page'));
		const limit = Number(q.get('limit'));
		const rows = [...this.orders.entries()]
			.filter(([, o]) => o.status === status && (this.inclusive ? o.dm >= min : o.dm > min))
			.sort((a, b) => a[1].dm - b[1].dm || a[0] - b[0])
			.slice((page - 1) * limit, page * limit)
			.map(([id, o]) => bcOrder(id, { status_id: o.status, date_modified: rfc(o.dm) }));
		return rows.length ? [200, rows] : [204, ''];
	}
}

describe('orders leaving the status in the middle of a scan', () => {
	it('does not let the rows after them slip past the next page', async () => {
		const t0 = Date.UTC(2026, 10, 20, 8, 0, 0);
		const status = new Map<number, number>();
		const dm = new Map<number, number>();
		for (let id = 1; id <= 600; id++) {
			status.set(id, 11);
			dm.set(id, t0 + id * 1000);
		}
		let requests = 0;
		nock(API)
			.get(ORDERS)
			.query(true)
			.reply((uri) => {
				// After the first page was served, 20 of its orders are moved to Awaiting Shipment by someone else.
				if (requests++ === 1) {
					for (let id = 100; id < 120; id++) {
						status.set(id, 9);
						dm.set(id, t0 + 3600000);
					}
				}
				const q = new URL(uri, API).searchParams;
				const min = q.get('min_date_modified') ? Date.parse(q.get('min_date_modified')!) : -Infinity;
				const rows = [...status.keys()]
					.filter((id) => status.get(id) === Number(q.get('status_id')) && dm.get(id)! >= min)
					.sort((a, b) => dm.get(a)! - dm.get(b)! || a - b)
					.slice((Number(q.get('page')) - 1) * 250, Number(q.get('page')) * 250)
					.map((id) => bcOrder(id, { date_modified: rfc(dm.get(id)!) }));
				return rows.length ? [200, rows] : [204, ''];
			})
			.persist();
		const emitted = (await poll({ statuses: [11], options: { maxOrders: 1000 } })).map((o) => o.orderId);
		nock.cleanAll();
		expect(emitted).toHaveLength(600);
		expect(new Set(emitted).size).toBe(600);
	});
});

describe.each([
	['an inclusive', true],
	['an exclusive', false],
])('a store that changes during every scan, with %s date bound', (_label, inclusive) => {
	it.each([1, 2, 3])('emits every order that ends in the status exactly once (seed %i)', async (seed) => {
		const store = new ChangingStore(seed, inclusive);
		nock(API)
			.get(ORDERS)
			.query(true)
			.reply((uri) => store.reply(uri))
			.persist();
		const staticData: IDataObject = { global: {} };
		const emitted: number[] = [];
		const cycle = async () => {
			const batch = (await poll({ statuses: [11], options: { maxOrders: 300 } }, staticData)).map((o) => o.orderId);
			emitted.push(...batch);
			// What WMS Deliver records after delivering them.
			const global = staticData.global as IDataObject;
			global[DELIVERED_STATIC_KEY] = { ...(global[DELIVERED_STATIC_KEY] as object), ...Object.fromEntries(batch.map((id) => [id, new Date().toISOString()])) };
			return batch.length;
		};
		for (let i = 0; i < 40; i++) await cycle();
		store.changes = false;
		for (let i = 0; i < 40 && (await cycle()) > 0; i++);
		nock.cleanAll();
		const inStatus = [...store.orders.entries()].filter(([, o]) => o.status === 11).map(([id]) => id);
		expect(inStatus.filter((id) => !emitted.includes(id))).toEqual([]);
		expect(emitted.length - new Set(emitted).size).toBe(0);
		// The trigger's own state stays small: the delivered orders left the pending set.
		const state = JSON.stringify(staticData[`node:${TRIGGER}`]);
		expect(state.length).toBeLessThan(20000);
	});
});
