/**
 * workflows/order-download.json's second branch as shipped ("Order changes after hand-off" -> WMS Order Changes ->
 * "Needs attention: order changes" / "Mark change run as failed"), through n8n's engine against the demo's
 * sandboxes, after the first branch delivered the orders: an order cancelled in BigCommerce before the warehouse
 * started picking is cancelled there, once; one cancelled after picking started is not cancelled and reaches
 * "Needs attention" (the run succeeds, like a hold); with the warehouse down the run ends as failed naming the order,
 * and the change is handled after the trigger's redelivery window. The branch sits below the first one, so n8n's
 * editor still runs the order download on Execute workflow.
 */
import type { IDataObject } from 'n8n-workflow';
import { triggerClock } from '../../nodes/BigCommerceOrdersTrigger/clock';
import { pollAndRun } from '../helpers/harness';
import { fastRetries, restoreRetries } from '../WmsDeliver/workflow/setup';
import { BUNDLED, downloadAll, loadBundled, startWorld, type DemoWorld } from './setup';
import { workflowProblems } from './validate';
import { runOrderChanges } from '../../scripts/demo/changes';

const CANCELLED = 5;

describe('bundled workflow: order-download.json, branch "Order changes after hand-off"', () => {
	const main = loadBundled(BUNDLED.orderDownload);
	const changes = loadBundled(BUNDLED.orderDownload, 'changes');
	const node = (name: string) => changes.json.nodes.find((n) => n.name === name)!;

	it('is a second branch below the order download, with the same pattern and credentials', () => {
		expect(workflowProblems(changes.json as never)).toEqual([]);
		expect(changes).toMatchObject({
			trigger: 'Order changes after hand-off',
			action: 'WMS Order Changes',
			check: 'Change needs a person?',
			attention: 'Needs attention: order changes',
			failCheck: 'Any change failed?',
			stop: 'Mark change run as failed',
		});
		// The first branch is untouched and stays the one n8n's editor runs on Execute workflow (the top-most trigger).
		expect(main).toMatchObject({ trigger: 'BigCommerce Orders Trigger', action: 'WMS Deliver', attention: 'Needs attention: held or failed orders' });
		const y = (name: string) => node(name).position[1];
		const mainNames = [main.trigger, main.action, main.check, main.attention, main.failCheck, main.stop];
		for (const name of [changes.trigger, changes.action, changes.check, changes.attention, changes.failCheck, changes.stop]) {
			expect({ name, below: mainNames.every((m) => y(name) > y(m)) }).toEqual({ name, below: true });
		}
		expect(node(changes.trigger).parameters).toMatchObject({ event: 'changes', pollTimes: node(main.trigger).parameters.pollTimes });
		expect(node(changes.trigger).credentials).toEqual(node(main.trigger).credentials);
		expect(node(changes.action)).toMatchObject({ onError: 'continueRegularOutput', parameters: { wmsType: 'extensiv' } });
		expect(node(changes.action).credentials).toEqual({ extensivWarehouseManagerApi: node(main.action).credentials!.extensivWarehouseManagerApi });
		for (const [a, b] of [
			[changes.check, main.check],
			[changes.failCheck, main.failCheck],
		]) {
			expect(node(a).parameters.conditions as IDataObject).toMatchObject({ combinator: 'or' });
			const ops = (name: string) => ((node(name).parameters.conditions as IDataObject).conditions as IDataObject[]).map((c) => [c.leftValue, c.rightValue, c.operator]);
			expect(ops(a)).toEqual(ops(b));
		}
		expect(y(changes.check)).toBeLessThan(y(changes.failCheck));
		expect(changes.json.connections[changes.attention]).toBeUndefined();
		expect(String(node(changes.stop).parameters.errorMessage)).toContain(`"${changes.attention}"`);
		const note = changes.json.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => String(n.parameters.content)).join('\n');
		expect(note).toMatch(/order changes after hand-off[\s\S]*cancelled in the warehouse[\s\S]*Too late[\s\S]*Needs attention: order changes/);
	});

	describe('through the engine', () => {
		let world: DemoWorld;
		const realNow = triggerClock.now;
		// Past the trigger's redelivery window (last step only: the sandbox's order dates stay in real time).
		const later = (minutes: number) => (triggerClock.now = () => realNow() + minutes * 60000);
		const staticData: IDataObject = {};
		const poll = async () => await pollAndRun(changes.json, { triggerNode: changes.trigger, credentials: world.credentials, staticData });
		const wmsOrder = (orderId: number) => world.wms.findByReference(String(orderId))[0];
		const cancels = () => world.wms.requestLog().filter((r) => r.method === 'POST' && /cancel/i.test(r.path) && r.status < 300).length;
		let delivered: number[] = [];

		beforeAll(async () => {
			world = await startWorld(3);
			// Activation: the change trigger starts watching, then the first branch delivers the waiting orders.
			expect((await poll()).emitted).toEqual([]);
			const { runs } = await downloadAll(world, main, staticData);
			delivered = [...new Set(runs.flatMap((r) => r.output(main.action)).filter((i) => i.outcome === 'created').map((i) => Number(i.orderId)))].filter(
				(id) => world.bc.getShippingAddresses(id).length === 1,
			);
			expect(delivered.length).toBeGreaterThanOrEqual(3);
		});
		afterAll(async () => {
			triggerClock.now = realNow;
			await world?.close();
		});

		it('cancels in the warehouse an order cancelled before picking, once; one cancelled too late reaches "Needs attention"', async () => {
			const [inTime, tooLate] = delivered;
			world.wms.setStage(wmsOrder(tooLate).orderId, 'picking');
			world.wms.resetRequestLog();
			world.bc.setOrderStatus(inTime, CANCELLED);
			world.bc.setOrderStatus(tooLate, CANCELLED);

			const { emitted, result } = await poll();
			expect(emitted.map((o) => o.orderId).sort()).toEqual([inTime, tooLate].sort());
			expect({ status: result?.status, error: result?.error?.message }).toEqual({ status: 'success', error: undefined });
			expect(result!.executedNodes).not.toContain(changes.stop);
			const byOrder = Object.fromEntries(result!.output(changes.action).map((r) => [Number(r.orderId), r]));
			expect(byOrder[inTime]).toMatchObject({ outcome: 'cancelled', needsAttention: false });
			expect(byOrder[tooLate]).toMatchObject({ outcome: 'needsAttention', needsAttention: true, warehouseStage: 'picking' });
			expect(result!.output(changes.attention).map((i) => [i.orderId, i.outcome])).toEqual([[tooLate, 'needsAttention']]);
			expect(String(result!.output(changes.attention)[0].reason)).toMatch(new RegExp(`^Order ${tooLate} is Cancelled in BigCommerce, but the warehouse can no longer cancel ${tooLate} .*goods may leave`));
			expect(wmsOrder(inTime).status).toBe('cancelled');
			expect(wmsOrder(tooLate).status).toBe('open');
			expect(cancels()).toBe(1);

			// The next polls find nothing new; nothing is cancelled twice, nothing reported twice.
			expect((await poll()).emitted).toEqual([]);
			expect(cancels()).toBe(1);
		});

		it('with the warehouse down the run ends as failed naming the order; after the redelivery window it is cancelled', async () => {
			const order = delivered[2];
			fastRetries();
			try {
				world.wms.setFaults({ rate: 1, kinds: ['503'] });
				world.bc.setOrderStatus(order, CANCELLED);
				const { emitted, result } = await poll();
				expect(emitted.map((o) => o.orderId)).toEqual([order]);
				expect(result?.status).toBe('error');
				expect(result!.run.data.resultData.lastNodeExecuted).toBe(changes.stop);
				expect(result!.error?.message).toMatch(new RegExp(`^1 BigCommerce order change\\(s\\) could not be applied in the warehouse: ${order}\\. Every other change was handled\\. Each reason is on "${changes.attention}"`));
				expect(result!.output(changes.attention)).toEqual([expect.objectContaining({ orderId: order, outcome: 'failed', needsAttention: true })]);
				expect(wmsOrder(order).status).toBe('open');
			} finally {
				world.wms.setFaults(null);
				restoreRetries();
			}
			world.wms.resetRequestLog();
			later(31);
			const { emitted, result } = await poll();
			// Only the failed change comes again: the two handled above (cancelled, reported) do not.
			expect(emitted.map((o) => o.orderId)).toEqual([order]);
			expect(result?.status).toBe('success');
			expect(result!.output(changes.action)).toEqual([expect.objectContaining({ orderId: order, outcome: 'cancelled' })]);
			expect(result!.output(changes.attention)).toEqual([]);
			expect(wmsOrder(order).status).toBe('cancelled');
			expect(cancels()).toBe(1);
		});
	});

	it("npm run demo's step: one order cancelled in time, one too late, and the numbers match the sandboxes", async () => {
		const world = await startWorld(4);
		try {
			const lines: string[] = [];
			expect(await runOrderChanges(world, (line) => lines.push(line))).toEqual([]);
			expect(lines.join('\n')).toMatch(/order \d+: cancelled: [\s\S]*order \d+: needsAttention -> Needs attention: .*can no longer cancel/);
		} finally {
			await world.close();
		}
	});
});
