/**
 * Orders Trigger redelivery and robustness through n8n's engine against the BigCommerce sandbox: a failed deliver
 * step leads to the order being emitted again after the redelivery window (and not before), a delivery marker or
 * the order leaving the statuses stops it; 20% faults over 50 polls lose and duplicate nothing; bad credentials,
 * a missing scope and manual mode.
 */
import { NodeOperationError } from 'n8n-workflow';
import { markDelivered } from '../../../nodes/shared/deliveredMarks';
import type { Order } from '../../../nodes/shared/model';
import { pollAndRun, pollOnce } from '../../helpers/harness';
import { probeNode } from '../../helpers/probe';
import { hasPhysicalLines, TestClock, TRIGGER, triggerWorkflow, TriggerRunner, useStore } from './setup';

jest.setTimeout(120000);

/** Stands in for WMS Deliver: fails the run when told to, otherwise records the orders as delivered like it does. */
const deliverControl = { fail: false };
const deliverStub = probeNode({ name: 'deliverStub' }, async (ctx) => {
	if (deliverControl.fail) throw new NodeOperationError(ctx.getNode(), 'The warehouse is down');
	const items = ctx.getInputData();
	markDelivered(ctx.getWorkflowStaticData('global'), items.map((i) => Number(i.json.orderId)), new Date());
	return [items];
});

const workflow = triggerWorkflow(
	{ statuses: [11], options: { redeliveryMinutes: 30 } },
	{
		nodes: [{ id: 'deliver', name: 'Deliver', type: 'test.deliverStub', typeVersion: 1, position: [200, 0], parameters: {} }],
		connections: { [TRIGGER]: { main: [[{ node: 'Deliver', type: 'main' as never, index: 0 }]] } },
	},
);

describe('Orders Trigger redelivery', () => {
	const bc = useStore({ orders: 30, awaitingFulfillmentShare: 0.4, specialOrders: false });
	const clock = new TestClock();
	beforeAll(() => clock.install());
	afterAll(() => clock.uninstall());

	it('re-emits an order whose run failed after the window, not before, and stops once delivered or moved', async () => {
		const staticData = {};
		const cycle = async (fail: boolean) => {
			deliverControl.fail = fail;
			const { emitted, result } = await pollAndRun(workflow, {
				credentials: { bigCommerceApi: { ...bc.credentials } },
				staticData,
				triggerNode: TRIGGER,
				extraNodeTypes: { 'test.deliverStub': deliverStub },
			});
			if (result) expect(result.status).toBe(fail ? 'error' : 'success');
			return (emitted as unknown as Order[]).map((o) => o.orderId).sort((a, b) => a - b);
		};
		const expected = bc.listOrderIds({ statusId: 11 }).filter((id) => hasPhysicalLines(bc, id));
		expect(expected.length).toBeGreaterThan(3);

		expect(await cycle(true)).toEqual(expected);
		// One of the undelivered orders is moved out of Awaiting Fulfillment by hand: it must not come back.
		const moved = expected[0];
		bc.setOrderStatus(moved, 5);
		clock.advanceMinutes(29);
		expect(await cycle(false)).toEqual([]);
		clock.advanceMinutes(2);
		// Redelivered once, and this time the deliver step succeeds.
		expect(await cycle(false)).toEqual(expected.filter((id) => id !== moved));
		clock.advanceMinutes(31);
		expect(await cycle(false)).toEqual([]);
		clock.advanceMinutes(120);
		expect(await cycle(false)).toEqual([]);
		const state = (staticData as Record<string, Record<string, { pending: object }>>)[`node:${TRIGGER}`].ordersTrigger;
		expect(state.pending).toEqual({});
	});
});

describe('Orders Trigger under faults', () => {
	const bc = useStore({ orders: 400, awaitingFulfillmentShare: 0.3, specialOrders: true });

	it('loses and duplicates no order over 50 polls with 20% of requests failing', async () => {
		const runner = new TriggerRunner(bc, { statuses: [11, 12], options: { maxOrders: 20 } });
		const everWatched = new Set([...bc.listOrderIds({ statusId: 11 }), ...bc.listOrderIds({ statusId: 12 })]);
		const movable = [1, 7, 9].flatMap((s) => bc.listOrderIds({ statusId: s }));
		const emitted: Order[] = [];
		let failedPolls = 0;
		bc.setFaults({ rate: 0.2, kinds: ['500', '503', '429-no-headers', 'drop'], seed: 7 });
		for (let poll = 0; poll < 50; poll++) {
			everWatched.add(bc.addOrder({ statusId: 11, lines: [{ sku: `FAULT-${poll}`, quantity: 2 }] }));
			const id = movable[poll];
			bc.setOrderStatus(id, 11);
			everWatched.add(id);
			try {
				const batch = await runner.poll();
				emitted.push(...batch);
				runner.markDelivered(batch.map((o) => o.orderId));
			} catch {
				failedPolls++;
			}
		}
		const faults = bc.requestLog().filter((r) => r.fault).length;
		bc.setFaults(null);
		for (let poll = 0; poll < 20; poll++) {
			const batch = await runner.poll();
			if (!batch.length) break;
			emitted.push(...batch);
			runner.markDelivered(batch.map((o) => o.orderId));
		}
		console.log(`faults: ${faults} of ${bc.requestLog().length} requests, ${failedPolls} of 50 polls failed`);
		expect(faults).toBeGreaterThan(10);

		const ids = emitted.map((o) => o.orderId);
		expect(ids.length - new Set(ids).size).toBe(0);
		const shouldHave = [...everWatched].filter((id) => [11, 12].includes(bc.getOrder(id)!.status_id) && hasPhysicalLines(bc, id));
		expect(shouldHave.filter((id) => !ids.includes(id))).toEqual([]);
		expect(ids.filter((id) => !everWatched.has(id))).toEqual([]);
	});
});

describe('Orders Trigger errors and manual mode', () => {
	const bc = useStore({ orders: 30, awaitingFulfillmentShare: 0.5, specialOrders: false });

	const poll = (credentials: object, staticData = {}, mode: 'trigger' | 'manual' = 'trigger') =>
		pollOnce(triggerWorkflow({ statuses: [11] }), {
			credentials: { bigCommerceApi: { ...bc.credentials, ...credentials } },
			staticData,
			triggerNode: TRIGGER,
			mode,
		});

	it('says the token was refused, without showing it', async () => {
		const staticData = {};
		const error = await poll({ accessToken: 'wrong-token-123' }, staticData).catch((e: Error & { description?: string }) => e);
		expect(error).toBeInstanceOf(Error);
		const text = `${(error as Error).message} ${(error as { description?: string }).description ?? ''}`;
		expect(text).toMatch(/access token/i);
		expect(text).not.toContain('wrong-token-123');
		expect(JSON.stringify(staticData)).not.toContain('ordersTrigger');
	});

	it('names the missing Orders read-only scope', async () => {
		bc.setScopes(['store_v2_products']);
		try {
			const error = (await poll({}).catch((e: unknown) => e)) as Error & { description?: string };
			expect(error).toBeInstanceOf(Error);
			expect(`${error.message} ${error.description ?? ''}`).toMatch(/Orders: read-only/);
		} finally {
			bc.setScopes(null);
		}
	});

	it('manual mode returns the newest matching orders and leaves the cursor alone', async () => {
		const staticData = {};
		const out = await poll({}, staticData, 'manual');
		const orders = (out?.[0] ?? []).map((i) => i.json as unknown as Order);
		const newest = bc
			.listOrderIds({ statusId: 11 })
			.filter((id) => hasPhysicalLines(bc, id))
			.map((id) => bc.getOrder(id)!)
			.sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created) || b.id - a.id)
			.slice(0, 3)
			.map((o) => Date.parse(o.date_created));
		expect(orders).toHaveLength(3);
		expect(orders.map((o) => Date.parse(o.createdAt))).toEqual(newest);
		expect(orders.every((o) => o.status.id === 11)).toBe(true);
		expect(staticData).toEqual({});
	});
});
