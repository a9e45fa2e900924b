/**
 * BigCommerce Orders Trigger -> WMS Deliver as one workflow (poll, then run, sharing static data as in n8n):
 * 200 orders into the 3PL WM sandbox once each, statuses 11 -> 9; and the redelivery rule: a run that failed is
 * offered again after the window, a delivered order is not, even when its status is left unchanged.
 */
import type { IDataObject } from 'n8n-workflow';
import { triggerClock } from '../../../nodes/BigCommerceOrdersTrigger/clock';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { PACKAGE_NAME, pollAndRun, type WorkflowJson } from '../../helpers/harness';
import { assertWmsHasExactly, catalogItems, fastRetries, fetchOrderItems, restoreRetries } from './setup';

function workflow(deliverParams: IDataObject): WorkflowJson {
	return {
		nodes: [
			{
				id: 't',
				name: 'Orders Trigger',
				type: `${PACKAGE_NAME}.bigCommerceOrdersTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { statuses: [11], options: { referencePrefix: 'BC-' } },
			},
			{ id: 'd', name: 'WMS Deliver', type: `${PACKAGE_NAME}.wmsDeliver`, typeVersion: 1, position: [200, 0], parameters: { wmsType: 'extensiv', ...deliverParams } },
		],
		connections: { 'Orders Trigger': { main: [[{ node: 'WMS Deliver', type: 'main' as never, index: 0 }]] } },
	};
}

describe('Orders Trigger -> WMS Deliver (engine + sandboxes)', () => {
	let bc: BcSandbox;
	let wms: WmsSandbox;
	const realNow = triggerClock.now;

	beforeAll(() => fastRetries());
	afterAll(() => restoreRetries());
	afterEach(async () => {
		triggerClock.now = realNow;
		await bc?.close();
		await wms?.close();
	});

	async function start(count: number) {
		bc = await startBigCommerceSandbox({ seed: { orders: 15 + count, awaitingFulfillmentShare: 1, specialOrders: false }, quota: 150, windowMs: 1000 });
		wms = await startWmsSandbox({ items: catalogItems(bc) });
	}

	it('delivers 200 polled orders once each and moves them from 11 to 9; the next poll emits nothing', async () => {
		await start(200);
		const orders = await fetchOrderItems(bc);
		const staticData: IDataObject = {};
		const credentials = { bigCommerceApi: bc.credentials, extensivWarehouseManagerApi: { ...wms.extensivCredentials } };
		const { emitted, result } = await pollAndRun(workflow({}), { triggerNode: 'Orders Trigger', credentials, staticData });
		expect(emitted.map((o) => o.orderId).sort()).toEqual(orders.map((o) => o.orderId).sort());
		expect(result?.error).toBeUndefined();
		expect(result?.output('WMS Deliver').filter((i) => i.outcome !== 'created')).toEqual([]);
		assertWmsHasExactly(wms, orders);
		for (const o of orders) expect({ id: o.orderId, status: bc.getOrder(o.orderId)?.status_id }).toEqual({ id: o.orderId, status: 9 });

		triggerClock.now = () => realNow() + 60 * 60000;
		const next = await pollAndRun(workflow({}), { triggerNode: 'Orders Trigger', credentials, staticData });
		expect(next.emitted).toEqual([]);
		expect(wms.listOrders()).toHaveLength(orders.length);
	});

	it('re-offers orders of a failed run after the window, and stops once delivered even with the status unchanged', async () => {
		await start(12);
		const orders = await fetchOrderItems(bc);
		const staticData: IDataObject = {};
		const credentials = { bigCommerceApi: bc.credentials, extensivWarehouseManagerApi: { ...wms.extensivCredentials } };
		const wf = workflow({ statusAfterDelivery: 'dontChange' });
		const poll = () => pollAndRun(wf, { triggerNode: 'Orders Trigger', credentials, staticData });

		// The warehouse is down: the run fails (no Continue On Fail), nothing is delivered.
		wms.setFaults({ rate: 1, kinds: ['503'] });
		const failedRun = await poll();
		expect(failedRun.emitted).toHaveLength(orders.length);
		expect(failedRun.result?.status).toBe('error');
		expect(failedRun.result?.error?.message).toMatch(/^Order \d+ could not be created in the warehouse as BC-\d+/);
		wms.setFaults(null);
		expect(wms.listOrders()).toHaveLength(0);

		// Inside the redelivery window nothing comes again; after it, the same orders do.
		triggerClock.now = () => realNow() + 10 * 60000;
		expect((await poll()).emitted).toEqual([]);
		triggerClock.now = () => realNow() + 31 * 60000;
		const retry = await poll();
		expect(retry.emitted.map((o) => o.orderId).sort()).toEqual(orders.map((o) => o.orderId).sort());
		expect(retry.result?.error).toBeUndefined();
		assertWmsHasExactly(wms, orders);
		for (const o of orders) expect(bc.getOrder(o.orderId)?.status_id).toBe(11);

		// Still Awaiting Fulfillment in BigCommerce, but delivered: never offered again.
		triggerClock.now = () => realNow() + 120 * 60000;
		expect((await poll()).emitted).toEqual([]);
		expect(wms.listOrders()).toHaveLength(orders.length);
	});
});
