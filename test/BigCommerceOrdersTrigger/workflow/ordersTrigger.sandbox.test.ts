/**
 * BigCommerce Orders Trigger through n8n's engine (poll() with persisted static data) against the BigCommerce
 * sandbox: a seeded store of 1,000+ orders in every status, orders added and moved between and during polls, the
 * special orders (60 lines, two addresses, digital only, custom line without SKU), and the request count.
 */
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import type { Order } from '../../../nodes/shared/model';
import { expectOrderMatches, fastRetries, hasPhysicalLines, restoreRetries, TriggerRunner, useStore } from './setup';

jest.setTimeout(120000);

function countBy(orders: Order[]): Map<number, number> {
	const counts = new Map<number, number>();
	for (const o of orders) counts.set(o.orderId, (counts.get(o.orderId) ?? 0) + 1);
	return counts;
}

async function pollUntilQuiet(runner: TriggerRunner, maxPolls = 30): Promise<{ emitted: Order[]; polls: number }> {
	const emitted: Order[] = [];
	for (let polls = 1; polls <= maxPolls; polls++) {
		const batch = await runner.poll();
		if (!batch.length) return { emitted, polls };
		emitted.push(...batch);
	}
	throw new Error(`still emitting after ${maxPolls} polls`);
}

describe('Orders Trigger on a seeded store (1,000+ orders in all statuses)', () => {
	const bc = useStore({ orders: 1100, awaitingFulfillmentShare: 0.3, specialOrders: true });

	it('emits exactly the Awaiting Fulfillment orders, each once, whole, with the special cases handled', async () => {
		const runner = new TriggerRunner(bc, { statuses: [11], options: { referencePrefix: 'BC-' } });
		const status11 = bc.listOrderIds({ statusId: 11 });
		expect(status11.length).toBeGreaterThan(250);
		const expected = status11.filter((id) => hasPhysicalLines(bc, id));

		const { emitted, polls } = await pollUntilQuiet(runner);
		expect(polls).toBeGreaterThan(1);
		const counts = countBy(emitted);
		expect([...counts.values()].every((n) => n === 1)).toBe(true);
		expect([...counts.keys()].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
		for (const order of emitted) {
			expect(order.status).toEqual({ id: 11, name: 'Awaiting Fulfillment' });
			expect(order.reference).toBe(`BC-${order.orderId}`);
			expectOrderMatches(bc, order);
		}

		const big = emitted.find((o) => o.destinations.reduce((n, d) => n + d.lines.length, 0) === 60);
		expect(big).toBeDefined();
		expect(emitted.some((o) => o.destinations.length === 2)).toBe(true);
		const digitalOnly = status11.filter((id) => !hasPhysicalLines(bc, id));
		expect(digitalOnly.length).toBeGreaterThan(0);
		for (const id of digitalOnly) expect(counts.has(id)).toBe(false);
		const noSku = emitted.find((o) => o.destinations.some((d) => d.lines.some((l) => l.sku === '')))!;
		expect(noSku).toBeDefined();
		const line = noSku.destinations.flatMap((d) => d.lines).find((l) => l.sku === '')!;
		expect(noSku.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'missing-sku', orderProductId: line.orderProductId })]));

		// Nothing new: a further poll emits nothing.
		expect(await runner.poll()).toEqual([]);
	});

	it('catches orders added and moved between and during polls, never skipping or doubling one', async () => {
		const runner = new TriggerRunner(bc, { statuses: [11, 12], options: { maxOrders: 60 } });
		const watched = (id: number) => [11, 12].includes(bc.getOrder(id)!.status_id);
		const emitted: Order[] = [];
		const everWatched = new Set([...bc.listOrderIds({ statusId: 11 }), ...bc.listOrderIds({ statusId: 12 })]);
		const others = [7, 1, 5, 9].flatMap((s) => bc.listOrderIds({ statusId: s })).filter((id) => hasPhysicalLines(bc, id));
		let next = 0;
		const moveIn = (n: number) => {
			for (let i = 0; i < n; i++) {
				const id = others[next++];
				bc.setOrderStatus(id, next % 2 ? 11 : 12);
				everWatched.add(id);
			}
		};
		const moveOut = (n: number) => {
			const ids = bc.listOrderIds({ statusId: 11 }).filter((id) => !emitted.some((o) => o.orderId === id)).slice(-n);
			for (const id of ids) bc.setOrderStatus(id, 9);
		};
		const add = (n: number) => {
			for (let i = 0; i < n; i++) everWatched.add(bc.addOrder({ statusId: 11, lines: [{ sku: `NEW-${i}`, quantity: 1 + i }] }));
		};

		bc.setLatency(15);
		for (let poll = 0; poll < 25; poll++) {
			// Between polls.
			moveIn(2);
			add(2);
			if (poll % 3 === 0) moveOut(2);
			// During the poll: moves land while pages are being read.
			const during = setTimeout(() => {
				moveIn(3);
				moveOut(2);
				add(1);
			}, 20);
			emitted.push(...(await runner.poll()));
			clearTimeout(during);
		}
		bc.setLatency(0);
		emitted.push(...(await pollUntilQuiet(runner)).emitted);

		const counts = countBy(emitted);
		expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
		for (const id of counts.keys()) expect(everWatched.has(id)).toBe(true);
		const shouldHave = [...everWatched].filter((id) => watched(id) && hasPhysicalLines(bc, id));
		expect(shouldHave.filter((id) => !counts.has(id))).toEqual([]);
		expect(next).toBeGreaterThan(100);
	});
});

describe('Orders Trigger request count', () => {
	let bc: BcSandbox;

	beforeAll(() => fastRetries());
	afterAll(() => restoreRetries());
	// A fresh store per test, so that one test's orders are not in the next one's re-read window.
	beforeEach(async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 40, specialOrders: false }, quota: 100000, windowMs: 1000 });
	});
	afterEach(async () => {
		await bc.close();
	});

	const addThousand = () => {
		const ids: number[] = [];
		for (let i = 0; i < 1000; i++) ids.push(bc.addOrder({ statusId: 11, lines: [{ sku: `BULK-${i % 37}`, quantity: 1 + (i % 4) }] }));
		return ids;
	};

	it('downloads 1,000 new orders in at most ceil(1000/250)+2 requests', async () => {
		const runner = new TriggerRunner(bc, { statuses: [11], options: { maxOrders: 1000 } });
		await pollUntilQuiet(runner);
		const ids = addThousand();
		bc.resetRequestLog();
		const emitted = await runner.poll();
		const requests = bc.countRequests();
		console.log(`1,000 new orders in one poll: ${requests} requests`);
		expect(emitted.map((o) => o.orderId).sort((a, b) => a - b)).toEqual(ids);
		expect(requests).toBeLessThanOrEqual(Math.ceil(1000 / 250) + 2);
		expect(bc.countRequests({ pathPrefix: '/v2/orders/' })).toBe(0);
	});

	it('with the default 250 per poll, takes 4 polls of at most 2 requests each', async () => {
		const runner = new TriggerRunner(bc, { statuses: [11] });
		await pollUntilQuiet(runner);
		const ids = addThousand();
		bc.resetRequestLog();
		const emitted: Order[] = [];
		for (let poll = 0; poll < 4; poll++) {
			const batch = await runner.poll();
			expect(batch).toHaveLength(250);
			emitted.push(...batch);
		}
		const requests = bc.countRequests();
		bc.resetRequestLog();
		expect(await runner.poll()).toEqual([]);
		console.log(`1,000 new orders at 250 per poll: 4 polls, ${requests} requests; the next (empty) poll re-read the 2-minute overlap in ${bc.countRequests()} requests`);
		expect(emitted.map((o) => o.orderId).sort((a, b) => a - b)).toEqual(ids);
		// A poll that stops inside a page re-reads that page's first part next time.
		expect(requests).toBeLessThanOrEqual(2 * 4);
	});
});
