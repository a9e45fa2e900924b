/**
 * Issue 11 item 1, through n8n's engine with the bundled files as shipped: a run in which something failed ends as
 * a failed execution (the workflow's Stop and Error node, after everything else was processed, with a message naming
 * what failed and pointing at "Needs attention"); a held order reaches "Needs attention" once, not again on each
 * redelivery; a run without failures succeeds.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { HELD_NOTICES_STATIC_KEY } from '../../nodes/WmsDeliver/heldNotices';
import { triggerClock } from '../../nodes/BigCommerceOrdersTrigger/clock';
import { catalogSkus } from '../../scripts/demo/world';
import { runWorkflow, type RunResult } from '../helpers/harness';
import { probeNode } from '../helpers/probe';
import { AWAITING_FULFILLMENT, AWAITING_SHIPMENT, BUNDLED, downloadAll, loadBundled, physicalLines, startWorld, type DemoWorld } from './setup';

const REDELIVERY_MS = 31 * 60000;
/** WMS Deliver keeps its notices in the workflow's global static data (getWorkflowStaticData('global')). */
const heldNotices = (staticData: IDataObject) => ((staticData.global as IDataObject)[HELD_NOTICES_STATIC_KEY] ?? null) as IDataObject | null;

/** The node that ended the run and the run's error, as the Executions list shows them. */
const ending = (run: RunResult) => ({ status: run.status, node: run.run.data.resultData.lastNodeExecuted });

describe('bundled workflows: failed runs are failed executions, holds are reported once', () => {
	const realNow = triggerClock.now;
	let world: DemoWorld;

	beforeEach(() => {
		triggerClock.now = realNow;
	});
	afterEach(async () => {
		triggerClock.now = realNow;
		await world?.close();
	});

	it('order download: one failing order among good ones; the good ones are delivered, the run fails naming the order', async () => {
		world = await startWorld(3);
		const { bc, wms } = world;
		const wf = loadBundled(BUNDLED.orderDownload);
		// A product the warehouse does not stock: 3PL Warehouse Manager refuses the order ("Sku ... not assigned").
		const product = bc.addProduct({ sku: 'NOT-IN-WAREHOUSE', level: 5 });
		const failing = bc.addOrder({ statusId: AWAITING_FULFILLMENT, lines: [{ sku: 'NOT-IN-WAREHOUSE', productId: product.id, quantity: 1 }] });

		const staticData: IDataObject = {};
		const { emitted, runs } = await downloadAll(world, wf, staticData);
		expect(emitted.map((o) => o.orderId)).toContain(failing);
		const run = runs.find((r) => r.output(wf.action).some((i) => i.orderId === failing))!;

		// The execution is failed, ended by the Stop and Error node, after "Needs attention" got the items.
		expect(ending(run)).toEqual({ status: 'error', node: wf.stop });
		expect(run.executedNodes.indexOf(wf.attention)).toBeGreaterThanOrEqual(0);
		expect(run.executedNodes.indexOf(wf.attention)).toBeLessThan(run.executedNodes.indexOf(wf.stop));
		expect(run.error?.message).toBe(
			`1 BigCommerce order(s) could not be sent to the warehouse: ${failing}. Every other order was processed. ` +
				`Each reason is on "${wf.attention}" in this execution. Failed orders are offered again after the trigger's redelivery window and are never created twice.`,
		);
		const failedItem = run.output(wf.attention).find((i) => i.orderId === failing);
		expect(failedItem).toMatchObject({ outcome: 'failed', needsAttention: true, reason: expect.stringMatching(/Sku NOT-IN-WAREHOUSE not assigned/) });

		// Every other order of the same run was processed: in the warehouse and Awaiting Shipment.
		const others = run.output(wf.action).filter((i) => i.orderId !== failing);
		expect(others.length).toBeGreaterThan(5);
		for (const i of others.filter((o) => o.outcome === 'created')) {
			expect(wms.findByReference(String(i.reference))).toHaveLength(1);
			expect(bc.getOrder(Number(i.orderId))?.status_id).toBe(AWAITING_SHIPMENT);
		}
		expect(others.filter((o) => o.outcome === 'failed')).toEqual([]);
		expect(wms.findByReference(String(failing))).toEqual([]);
		expect(bc.getOrder(failing)?.status_id).toBe(AWAITING_FULFILLMENT);

		// A failure is not a hold: after the redelivery window the order fails again, and so does the run.
		triggerClock.now = () => realNow() + REDELIVERY_MS;
		const again = await downloadAll(world, wf, staticData);
		const retry = again.runs.find((r) => r.output(wf.action).some((i) => i.orderId === failing))!;
		expect(ending(retry)).toEqual({ status: 'error', node: wf.stop });
		expect(retry.output(wf.attention).map((i) => i.orderId)).toContain(failing);
	});

	it('order download: a held order reaches "Needs attention" once, not on its redeliveries; delivered, its hold is forgotten', async () => {
		world = await startWorld(2);
		const { bc } = world;
		const wf = loadBundled(BUNDLED.orderDownload);
		const held = bc.listOrderIds({ statusId: AWAITING_FULFILLMENT }).filter((id) => physicalLines(world, id).some((l) => l.sku === ''));
		expect(held.length).toBeGreaterThanOrEqual(1);

		const staticData: IDataObject = {};
		const first = await downloadAll(world, wf, staticData);
		for (const run of first.runs) expect(ending(run).status).toBe('success');
		const reported = first.runs.flatMap((r) => r.output(wf.attention));
		expect(reported.map((i) => i.orderId).sort()).toEqual([...held].sort());
		for (const i of reported) expect(i).toMatchObject({ outcome: 'held', needsAttention: true });
		expect(Object.keys(heldNotices(staticData) ?? {})).toHaveLength(reported.length);

		for (const hours of [0.5, 1, 1.5]) {
			triggerClock.now = () => realNow() + hours * 60 * 60000 + 60000;
			const again = await downloadAll(world, wf, staticData);
			expect(again.emitted.map((o) => o.orderId).sort()).toEqual([...held].sort());
			for (const run of again.runs) {
				expect(ending(run).status).toBe('success');
				expect(run.output(wf.action).map((i) => [i.outcome, i.needsAttention])).toEqual(run.output(wf.action).map(() => ['held', false]));
				expect(run.output(wf.attention)).toEqual([]);
				expect(run.executedNodes).not.toContain(wf.attention);
			}
		}

		// The merchant chooses to send orders without the lines that have no SKU: delivered, and the notice is dropped.
		const json = JSON.parse(JSON.stringify(wf.json)) as typeof wf.json;
		json.nodes.find((n) => n.name === wf.action)!.parameters.ordersWithProblems = 'deliverLinesWithSku';
		triggerClock.now = () => realNow() + 3 * 60 * 60000;
		const fixed = await downloadAll(world, { ...wf, json }, staticData);
		for (const run of fixed.runs) expect(ending(run).status).toBe('success');
		expect(fixed.runs.flatMap((r) => r.output(wf.action)).every((i) => i.outcome === 'created' && i.needsAttention === false)).toBe(true);
		expect(heldNotices(staticData)).toEqual({});
	});

	it('inventory sync: one SKU fails, the others are synced, the run fails naming the SKU; a clean run succeeds', async () => {
		world = await startWorld(4);
		const { bc, wms } = world;
		const wf = loadBundled(BUNDLED.inventorySync);
		const skus = catalogSkus(bc).filter((sku) => bc.getInventory(sku)?.tracking !== 'none');
		const bad = skus[0];
		wms.setStock(bad, Number.NaN);
		const run = await runWorkflow(wf.json, { credentials: world.credentials, staticData: {}, startNode: wf.trigger });
		expect(ending(run)).toEqual({ status: 'error', node: wf.stop });
		expect(run.error?.message).toMatch(new RegExp(`^1 SKU\\(s\\) could not be synced: ${bad}\\. Every other SKU was processed\\. Each reason is on "${wf.attention}"`));
		expect(run.output(wf.attention).find((i) => i.sku === bad)).toMatchObject({ outcome: 'failed' });
		expect(run.output(wf.action).filter((i) => i.outcome === 'updated').length).toBeGreaterThan(5);

		wms.setStock(bad, 3);
		const clean = await runWorkflow(wf.json, { credentials: world.credentials, staticData: {}, startNode: wf.trigger });
		expect({ ...ending(clean), error: clean.error?.message }).toEqual({ status: 'success', node: expect.any(String), error: undefined });
		expect(clean.executedNodes).not.toContain(wf.stop);
		expect(bc.getInventory(bad)?.level).toBe(3);
	});

	it.each([
		[BUNDLED.shipmentConfirmation, 'Confirm Shipment'],
		[BUNDLED.inventorySync, 'Sync Inventory'],
	])('%s: when the whole run fails (incomplete warehouse credential), the execution fails with the reason', async (file, node) => {
		world = await startWorld(8);
		const wf = loadBundled(file);
		const credentials = { ...world.credentials, extensivWarehouseManagerApi: { ...world.credentials.extensivWarehouseManagerApi, customerId: '' } };
		const run = await runWorkflow(wf.json, { credentials, staticData: {}, startNode: wf.trigger });
		expect(ending(run)).toEqual({ status: 'error', node: wf.stop });
		expect(run.error?.message).toMatch(new RegExp(`^${node} failed: The Extensiv 3PL Warehouse Manager API credential is incomplete: Customer ID`));
		expect(run.error?.message).toContain(`Each reason is on "${wf.attention}" in this execution.`);
		expect(run.output(wf.attention)).toEqual([expect.objectContaining({ outcome: 'failed' })]);
	});

	it.each([
		[BUNDLED.shipmentConfirmation, 'Confirm Shipment could not run, so no shipment was confirmed'],
		[BUNDLED.inventorySync, 'Sync Inventory could not run, so no stock was changed'],
	])('%s: when the node throws instead of reporting (On Error = Continue passes its input on), the run fails and says where to look', async (file, message) => {
		world = await startWorld(8);
		const wf = loadBundled(file);
		// Our nodes report their own failures as items; this stands in for anything else that makes a node throw.
		const json = JSON.parse(JSON.stringify(wf.json)) as typeof wf.json;
		const action = json.nodes.find((n) => n.name === wf.action)!;
		Object.assign(action, { type: 'test.throws', parameters: {}, credentials: {} });
		const throws = probeNode({ name: 'throws' }, async (ctx) => {
			throw new NodeOperationError(ctx.getNode(), 'Node does not have any credentials set');
		});
		const run = await runWorkflow(json, { credentials: world.credentials, staticData: {}, startNode: wf.trigger, extraNodeTypes: { 'test.throws': throws } });
		expect(run.run.data.resultData.runData[wf.action][0].error?.message).toBe('Node does not have any credentials set');
		expect(ending(run)).toEqual({ status: 'error', node: wf.stop });
		expect(run.error?.message).toMatch(new RegExp(`^${message}: open .* in this execution for its error`));
		expect(run.output(wf.attention)).toHaveLength(1);
	});
});
