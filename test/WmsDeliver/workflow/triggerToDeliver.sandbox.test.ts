/**
 * BigCommerce Orders Trigger -> WMS Deliver as one workflow (poll, then run, sharing static data as in n8n):
 * 200 orders into the 3PL WM sandbox once each, statuses 11 -> 9; and the redelivery rule: a run that failed is
 * offered again after the window, a delivered order is not, even when its status is left unchanged.
 */
import type { IDataObject } from 'n8n-workflow';
import { triggerClock } from '../../../nodes/BigCommerceOrdersTrigger/clock';
import { pollAndRun } from '../../helpers/harness';
import { assertWmsHasExactly, fetchOrderItems, triggerToDeliver, useSandboxes } from './setup';

const workflow = (deliverParams: IDataObject) => triggerToDeliver(deliverParams);

describe('Orders Trigger -> WMS Deliver (engine + sandboxes)', () => {
	const sandboxes = useSandboxes();
	const realNow = triggerClock.now;
	const start = async (count: number) => await sandboxes.start(count);

	it('delivers 200 polled orders once each and moves them from 11 to 9; the next poll emits nothing', async () => {
		await start(200);
		const { bc, wms } = sandboxes;
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
		const { bc, wms } = sandboxes;
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
