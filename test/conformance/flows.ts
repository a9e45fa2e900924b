/**
 * Realistic runs of every node (and the bundled workflows) against the BigCommerce and 3PL Warehouse Manager
 * sandboxes, with a recording proxy in front of each, so the conformance tests can check every request our code
 * sent. Each flow is chosen to reach a code path that sends a distinct request (see the coverage lists in the tests).
 */
import type { IDataObject } from 'n8n-workflow';
import { fetchShippingAddresses } from '../../nodes/shared/bigcommerce/orders';
import { createWmsAdapter } from '../../nodes/shared/wms';
import { startDemoWorld, type DemoWorld } from '../../scripts/demo/world';
import type { ShipPlan, WmsOrderRecord } from '../../sandbox/wms';
import { PACKAGE_NAME, pollAndRun, pollOnce, runNode, runWorkflow, singleNodeWorkflow, type TestCredentials } from '../helpers/harness';
import { probeNode } from '../helpers/probe';
import { BUNDLED, downloadAll, loadBundled } from '../workflows/setup';
import { fastRetries, restoreRetries } from '../WmsDeliver/workflow/setup';
import { TestClock, TRIGGER, triggerWorkflow } from '../BigCommerceOrdersTrigger/workflow/setup';
import { startRecorder, type RecordedRequest, type Recorder } from './recorder';

export const PREFIX = 'BC-';

export interface RecordedWorld {
	world: DemoWorld;
	bcRecorder: Recorder;
	wmsRecorder: Recorder;
	/** Credentials pointing at the recorders. */
	credentials: TestCredentials;
	close(): Promise<void>;
}

const withOrigin = (url: string, origin: string): string => {
	const u = new URL(url);
	return `${origin}${u.pathname.replace(/\/$/, '')}`;
};

export async function startRecordedWorld(seed: number): Promise<RecordedWorld> {
	fastRetries();
	const world = await startDemoWorld({ seed, orders: 30, quota: { quota: 100000, windowMs: 1000 } });
	const bcRecorder = await startRecorder(new URL(world.bc.credentials.apiUrl).origin);
	const wmsRecorder = await startRecorder(new URL(world.wms.extensivCredentials.baseUrl).origin);
	const credentials: TestCredentials = {
		bigCommerceApi: { ...world.bc.credentials, apiUrl: withOrigin(world.bc.credentials.apiUrl, bcRecorder.url) },
		extensivWarehouseManagerApi: { ...world.wms.extensivCredentials, baseUrl: withOrigin(world.wms.extensivCredentials.baseUrl, wmsRecorder.url) },
		wmsHttpApi: { ...world.wms.httpCredentials, baseUrl: withOrigin(world.wms.httpCredentials.baseUrl, wmsRecorder.url) },
	};
	return {
		world,
		bcRecorder,
		wmsRecorder,
		credentials,
		close: async () => {
			restoreRetries();
			await Promise.all([bcRecorder.close(), wmsRecorder.close()]);
			await world.close();
		},
	};
}

function ok(result: { error?: Error }, what: string): void {
	if (result.error) throw new Error(`${what} failed: ${result.error.message}`);
}

/**
 * Orders Trigger: first poll (cursor start), a redelivery re-read of many pending orders (keyset list) and of a few
 * (single reads), the channel and earliest-date filters, and manual mode ("Fetch test event"). Returns the
 * orders the first poll emitted (they include the 60-line order whose consignment BigCommerce cuts at 50).
 */
export async function triggerFlows(rw: RecordedWorld): Promise<IDataObject[]> {
	const clock = new TestClock();
	clock.install();
	try {
		const poll = async (parameters: IDataObject, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') =>
			((await pollOnce(triggerWorkflow(parameters), { credentials: rw.credentials, staticData, triggerNode: TRIGGER, mode }))?.[0] ?? []).map((i) => i.json);

		const all: IDataObject = {};
		const emitted = await poll({ statuses: [11], options: { referencePrefix: PREFIX } }, all);
		if (emitted.length <= 10) throw new Error(`expected more than 10 awaiting-fulfillment orders, got ${emitted.length}`);
		const few: IDataObject = {};
		await poll({ statuses: [11, 9], options: { maxOrders: 3, channelIds: '1', earliestOrderDate: '2020-01-01T00:00:00Z' } }, few);
		clock.advanceMinutes(31);
		await poll({ statuses: [11], options: { referencePrefix: PREFIX } }, all);
		await poll({ statuses: [11, 9], options: { maxOrders: 3, channelIds: '1', earliestOrderDate: '2020-01-01T00:00:00Z' } }, few);
		await poll({ statuses: [11] }, {}, 'manual');
		return emitted;
	} finally {
		clock.uninstall();
	}
}

/** WMS Deliver to 3PL Warehouse Manager (routing, notes, lines without SKU left out) with the status write-back. */
export async function deliverFlow(rw: RecordedWorld, orders: IDataObject[]): Promise<void> {
	const params = {
		wmsType: 'extensiv',
		defaultCarrier: 'UPS',
		defaultMode: '03',
		defaultBillingCode: 'Prepaid',
		ordersWithProblems: 'deliverLinesWithSku',
		options: { notes: ['customer', 'staff'] },
	};
	const { result } = await runNode('wmsDeliver', params, orders, { credentials: rw.credentials, staticData: {} });
	ok(result, 'WMS Deliver');
	// Again: every order is already in the WMS (reference lookups only, no second create).
	const again = await runNode('wmsDeliver', { wmsType: 'extensiv', statusAfterDelivery: 9 }, orders.slice(0, 3), { credentials: rw.credentials, staticData: {} });
	ok(again.result, 'WMS Deliver (again)');
}

/** Confirm Shipment from the WMS: ships in two waves so the second run finds shipments already in BigCommerce. */
export async function confirmFlow(rw: RecordedWorld): Promise<void> {
	const { wms } = rw.world;
	const open = wms.listOrders().filter((o) => o.status === 'open');
	const half = Math.ceil(open.length / 2);
	const plans: Array<(o: WmsOrderRecord) => ShipPlan> = [
		() => ({ kind: 'split' }),
		() => ({ kind: 'packages', count: 2 }),
		() => ({ kind: 'single' }),
		(o) => ({ kind: 'short', sku: o.lines[0].sku, shortBy: 1 }),
		() => ({ kind: 'no-packages' }),
	];
	open.slice(0, half).forEach((o, i) => wms.ship(o.orderId, plans[i % plans.length](o)));
	const staticData: IDataObject = {};
	const params = { source: 'wms', wmsType: 'extensiv', referencePrefix: PREFIX };
	ok((await runNode('confirmShipment', params, [{}], { credentials: rw.credentials, staticData })).result, 'Confirm Shipment');
	wms.shipAll();
	ok((await runNode('confirmShipment', params, [{}], { credentials: rw.credentials, staticData })).result, 'Confirm Shipment (second wave)');
}

/** Sync Inventory: from the WMS at the default location with tracking enabled on the fly, and at location 2. */
export async function syncFlows(rw: RecordedWorld): Promise<void> {
	const wmsParams = { source: 'wms', wmsType: 'extensiv', locationId: 1, options: { untracked: 'enable' } };
	ok((await runNode('syncInventory', wmsParams, [{}], { credentials: rw.credentials })).result, 'Sync Inventory');
	const skus = rw.world.bc.getVariants().slice(0, 20).map((v) => v.sku).filter(Boolean);
	const input = skus.map((sku, i) => ({ sku, available: 5 + i }));
	ok((await runNode('syncInventory', { source: 'inputItems', locationId: 2 }, input, { credentials: rw.credentials })).result, 'Sync Inventory (location 2)');
}

/**
 * Order changes after hand-off: the change trigger starts watching, then one delivered order is cancelled in
 * BigCommerce and another's address is edited; WMS Order Changes cancels the one and updates the other (3PL WM
 * canceler and PUT /orders/{id}, each with If-Match).
 */
export async function changesFlow(rw: RecordedWorld, orders: IDataObject[]): Promise<void> {
	const wf = triggerWorkflow(
		{ event: 'changes', options: { referencePrefix: PREFIX } },
		{
			nodes: [{ id: 'changes', name: 'WMS Order Changes', type: `${PACKAGE_NAME}.wmsOrderChanges`, typeVersion: 1, position: [200, 0], parameters: { wmsType: 'extensiv' } }],
			connections: { [TRIGGER]: { main: [[{ node: 'WMS Order Changes', type: 'main' as never, index: 0 }]] } },
		},
	);
	const staticData: IDataObject = {};
	const [cancelled, edited] = [orders[1], orders[2]].map((o) => Number(o.orderId));
	await pollAndRun(wf, { credentials: rw.credentials, staticData, triggerNode: TRIGGER });
	// Edits are recognised on orders the trigger has seen since it started watching: a person re-saves this one.
	rw.world.bc.setOrderStatus(edited, 9);
	await pollAndRun(wf, { credentials: rw.credentials, staticData, triggerNode: TRIGGER });
	rw.world.bc.setOrderStatus(cancelled, 5);
	rw.world.bc.editOrder(edited, { address: { street1: '9 New Road', city: 'Dallas' } });
	const { result } = await pollAndRun(wf, { credentials: rw.credentials, staticData, triggerNode: TRIGGER });
	if (!result) throw new Error('the change trigger emitted no change');
	ok(result, 'WMS Order Changes');
	const outcomes = result.output('WMS Order Changes').map((i) => `${String(i.orderId)}:${String(i.outcome)}`);
	for (const want of [`${cancelled}:cancelled`, `${edited}:updated`]) {
		if (!outcomes.includes(want)) throw new Error(`WMS Order Changes: expected ${want}, got ${outcomes.join(', ')}`);
	}
}

/** Reconcile: report and repair (re-deliver, confirm, cancel, re-sync) on whatever the other flows left different. */
export async function reconcileFlow(rw: RecordedWorld): Promise<void> {
	const params = { wmsType: 'extensiv', referencePrefix: PREFIX, neverDeliveredHours: 0, repair: true };
	ok((await runNode('reconcile', params, [{}], { credentials: rw.credentials })).result, 'Reconcile');
}

/** The three bundled workflow files as shipped. */
export async function bundledFlows(rw: RecordedWorld): Promise<void> {
	const world = { ...rw.world, credentials: rw.credentials };
	await downloadAll(world, loadBundled(BUNDLED.orderDownload), {});
	rw.world.wms.shipAll();
	const confirm = loadBundled(BUNDLED.shipmentConfirmation);
	ok(await runWorkflow(confirm.json, { credentials: rw.credentials, staticData: {}, startNode: confirm.trigger }), 'shipment-confirmation.json');
	const sync = loadBundled(BUNDLED.inventorySync);
	ok(await runWorkflow(sync.json, { credentials: rw.credentials, staticData: {}, startNode: sync.trigger }), 'inventory-sync.json');
}

/**
 * A test-only node calling transport functions no flow reaches with the sandbox: the shipping-address read used
 * when BigCommerce leaves consignments out of an order, and the Extensiv adapter's cancel (no node cancels yet).
 */
const conformanceProbe = {
	name: 'conformanceProbe',
	credentials: [{ name: 'bigCommerceApi' }, { name: 'extensivWarehouseManagerApi' }],
};
const probeNodeType = probeNode(conformanceProbe, async (ctx) => {
	const { orderId, wmsOrderId } = ctx.getInputData()[0].json as { orderId: number; wmsOrderId: string };
	await fetchShippingAddresses.call(ctx, orderId);
	await (await createWmsAdapter(ctx, 'extensiv')).cancelOrder(wmsOrderId, 'Cancelled by the conformance test.');
});

/**
 * The probe (see above) cancels the WMS order of the first downloaded order; delivering that order again then takes
 * the adapter's "only cancelled orders with this reference" path (the split-order lookup) before creating it anew.
 */
export async function probeFlow(rw: RecordedWorld, orders: IDataObject[]): Promise<void> {
	const order = orders[0];
	const [record] = rw.world.wms.findByReference(String(order.reference)).filter((o) => o.status === 'open');
	if (!record) throw new Error(`no open WMS order for ${String(order.reference)}`);
	const result = await runWorkflow(singleNodeWorkflow('test.conformanceProbe', {}, 'Probe'), {
		credentials: rw.credentials,
		extraNodeTypes: { 'test.conformanceProbe': probeNodeType },
		startNode: 'Start',
		startItems: [{ json: { orderId: Number(order.orderId), wmsOrderId: String(record.orderId) } }],
	});
	ok(result, 'probe');
	// A person puts the order back to Awaiting Fulfillment (WMS Deliver re-checks the status before creating).
	rw.world.bc.setOrderStatus(Number(order.orderId), 11);
	const again = await runNode('wmsDeliver', { wmsType: 'extensiv' }, [order], { credentials: rw.credentials, staticData: {} });
	ok(again.result, 'WMS Deliver after a cancel');
	if (rw.world.wms.findByReference(String(order.reference)).filter((o) => o.status === 'open').length !== 1) {
		throw new Error(`WMS Deliver did not re-create the cancelled order ${String(order.reference)}`);
	}
}

export interface Recording {
	bc: RecordedRequest[];
	wms: RecordedRequest[];
}

/**
 * Every flow: the node flows on one seeded world, the bundled workflows on a fresh one (so their download, confirm
 * and sync have work to do). Returns what each API received.
 */
export async function recordEverything(): Promise<Recording> {
	const nodes = await startRecordedWorld(5);
	const bundled = await startRecordedWorld(6);
	try {
		const orders = await triggerFlows(nodes);
		await deliverFlow(nodes, orders);
		await probeFlow(nodes, orders);
		await changesFlow(nodes, orders);
		await confirmFlow(nodes);
		await syncFlows(nodes);
		await reconcileFlow(nodes);
		await bundledFlows(bundled);
		return {
			bc: [...nodes.bcRecorder.requests, ...bundled.bcRecorder.requests],
			wms: [...nodes.wmsRecorder.requests, ...bundled.wmsRecorder.requests],
		};
	} finally {
		await nodes.close();
		await bundled.close();
	}
}
