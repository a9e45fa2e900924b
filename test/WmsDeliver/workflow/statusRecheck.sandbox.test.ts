/**
 * The status re-check right before creating (issue 14 item 1), through n8n's engine: the Orders Trigger polls, then
 * orders change in the BigCommerce sandbox (cancelled, declined, refunded, put on hold, moved on by a person), then
 * the workflow runs with the polled items: those orders never reach the warehouse and come out `skipped` with their
 * status; the others are delivered. The re-read costs one BigCommerce request per batch.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Order } from '../../../nodes/shared/model';
import { triggerClock } from '../../../nodes/BigCommerceOrdersTrigger/clock';
import { pollAndRun, pollOnce, runNode, runWorkflow, type TestCredentials } from '../../helpers/harness';
import { assertWmsHasExactly, fetchOrderItems, triggerToDeliver, useSandboxes } from './setup';

const CHANGES: Array<[number, string]> = [
	[5, 'Cancelled'],
	[6, 'Declined'],
	[4, 'Refunded'],
	[12, 'Manual Verification Required'],
	[2, 'Shipped'],
];

describe.each(['extensiv', 'http'] as const)('WMS Deliver re-checks the BigCommerce status right before creating (%s WMS)', (target) => {
	const sandboxes = useSandboxes(1000);
	const realNow = triggerClock.now;
	const start = async (count: number) => await sandboxes.start(count);
	const wf = (params: IDataObject = {}) => triggerToDeliver(params, target);
	const wmsOnly = (): TestCredentials => (target === 'extensiv' ? { extensivWarehouseManagerApi: { ...sandboxes.wms.extensivCredentials } } : { wmsHttpApi: { ...sandboxes.wms.httpCredentials } });
	const credentials = (): TestCredentials => ({ bigCommerceApi: sandboxes.bc.credentials, ...wmsOnly() });

	it('an order cancelled (declined, refunded, on hold, shipped by hand) between poll and delivery never reaches the warehouse', async () => {
		await start(30);
		const { bc, wms } = sandboxes;
		const workflow = wf();
		const staticData: IDataObject = {};
		const polled = (await pollOnce(workflow, { triggerNode: 'Orders Trigger', credentials: credentials(), staticData }))?.[0] ?? [];
		expect(polled.length).toBeGreaterThanOrEqual(30);
		const changed = polled.slice(3, 3 + CHANGES.length).map((item, i) => ({ item, status: CHANGES[i] }));
		// A person moves one more on to Awaiting Shipment (the status WMS Deliver sets) without it being delivered.
		const movedOn = polled[10];
		for (const { item, status } of changed) bc.setOrderStatus(Number(item.json.orderId), status[0]);
		bc.setOrderStatus(Number(movedOn.json.orderId), 9);
		bc.resetRequestLog();

		const result = await runWorkflow(workflow, { credentials: credentials(), staticData, startNode: 'Orders Trigger', startItems: polled, mode: 'trigger' });
		expect(result.error).toBeUndefined();
		const out = result.output('WMS Deliver');
		const skippedIds = [...changed.map((c) => Number(c.item.json.orderId)), Number(movedOn.json.orderId)];
		for (const { item, status } of changed) {
			const id = Number(item.json.orderId);
			const got = out.filter((o) => o.orderId === id);
			expect(got.map((o) => o.outcome)).toEqual(got.map(() => 'skipped'));
			for (const o of got) {
				expect(String(o.reason)).toContain(`Order ${id} is ${status[1]} in BigCommerce now (it was Awaiting Fulfillment when it was read): not sent to the warehouse`);
				expect(o).toMatchObject({ wmsOrderId: null, needsAttention: false, bigCommerceStatus: { id: status[0], name: status[1] } });
			}
			expect(wms.findByReference(String(item.json.reference))).toEqual([]);
			expect(bc.getOrder(id)?.status_id).toBe(status[0]);
		}
		const moved = out.find((o) => o.orderId === Number(movedOn.json.orderId))!;
		expect(moved).toMatchObject({ outcome: 'skipped', wmsOrderId: null });
		expect(String(moved.reason)).toContain('is Awaiting Shipment in BigCommerce now but not in the warehouse');
		expect(wms.findByReference(String(movedOn.json.reference))).toEqual([]);

		// Every other order is delivered; the skipped ones are not marked delivered.
		const rest = polled.map((i) => i.json as unknown as Order).filter((o) => !skippedIds.includes(o.orderId));
		assertWmsHasExactly(wms, rest);
		for (const o of rest) expect({ id: o.orderId, status: bc.getOrder(o.orderId)?.status_id }).toEqual({ id: o.orderId, status: 9 });
		expect(out.filter((o) => !skippedIds.includes(Number(o.orderId))).map((o) => o.outcome)).toEqual(out.filter((o) => !skippedIds.includes(Number(o.orderId))).map(() => 'created'));
		// One status read for the batch, then one write-back per delivered order.
		expect(bc.countRequests({ method: 'GET', pathPrefix: '/v2/orders' })).toBe(1);
		expect(bc.countRequests({ method: 'PUT' })).toBe(rest.length);

		// The trigger drops the skipped orders (they left its watched statuses): nothing comes again.
		triggerClock.now = () => realNow() + 60 * 60000;
		expect((await pollAndRun(workflow, { triggerNode: 'Orders Trigger', credentials: credentials(), staticData })).emitted).toEqual([]);
	});

	it('an order already delivered and moved on by the earlier run is still reported as exists; "listed statuses" and "off" as configured', async () => {
		await start(6);
		const { bc } = sandboxes;
		const orders = await fetchOrderItems(bc);
		const first = await runNode('wmsDeliver', { wmsType: target }, orders.slice(0, 2) as never[], { credentials: credentials(), staticData: {} });
		expect(first.items.map((i) => i.outcome)).toEqual(first.items.map(() => 'created'));
		// The same items again (still saying Awaiting Fulfillment): BigCommerce says Awaiting Shipment, set by the first run.
		const again = await runNode('wmsDeliver', { wmsType: target }, orders.slice(0, 2) as never[], { credentials: credentials(), staticData: {} });
		expect(again.items.map((i) => i.outcome)).toEqual(again.items.map(() => 'exists'));

		// Manual Verification Required counts as still to deliver when listed.
		const held = orders[2];
		bc.setOrderStatus(held.orderId, 12);
		const listed = await runNode('wmsDeliver', { wmsType: target, statusCheck: 'listed', statusesToDeliver: [11, 12] }, [held] as never[], { credentials: credentials(), staticData: {} });
		expect(listed.items.map((i) => i.outcome)).toEqual(held.destinations.map(() => 'created'));

		// Off: a cancelled order is created as it comes, without any BigCommerce read before creating.
		const cancelled = orders[3];
		bc.setOrderStatus(cancelled.orderId, 5);
		bc.resetRequestLog();
		const off = await runNode('wmsDeliver', { wmsType: target, statusCheck: 'off' }, [cancelled] as never[], { credentials: credentials(), staticData: {} });
		expect(off.items.map((i) => i.outcome)).toEqual(cancelled.destinations.map(() => 'created'));
		expect(bc.countRequests({ method: 'GET' })).toBe(0);

		// Don't Change: no BigCommerce credential, no re-check (the parameter is hidden).
		const noBc = orders[4];
		bc.setOrderStatus(noBc.orderId, 5);
		bc.resetRequestLog();
		const dontChange = await runNode('wmsDeliver', { wmsType: target, statusAfterDelivery: 'dontChange' }, [noBc] as never[], {
			credentials: wmsOnly(),
			staticData: {},
		});
		expect(dontChange.items.map((i) => i.outcome)).toEqual(noBc.destinations.map(() => 'created'));
		expect(bc.countRequests()).toBe(0);
	});

	it('a failed status read fails the batch (nothing sent); the next run delivers', async () => {
		await start(4);
		const { bc, wms } = sandboxes;
		const orders = await fetchOrderItems(bc);
		bc.setFaults({ rate: 1, kinds: ['503'] });
		const { items } = await runNode('wmsDeliver', { wmsType: target }, orders as never[], { credentials: credentials(), staticData: {}, continueOnFail: true });
		expect(new Set(items.map((i) => i.outcome))).toEqual(new Set(['failed']));
		expect(String(items[0].reason)).toMatch(/was not sent to the warehouse as BC-\d+: its current BigCommerce status could not be read right before creating/);
		expect(wms.listOrders()).toEqual([]);
		bc.setFaults(null);
		const retry = await runNode('wmsDeliver', { wmsType: target }, orders as never[], { credentials: credentials(), staticData: {} });
		expect(new Set(retry.items.map((i) => i.outcome))).toEqual(new Set(['created']));
		assertWmsHasExactly(wms, orders);
	});
});
