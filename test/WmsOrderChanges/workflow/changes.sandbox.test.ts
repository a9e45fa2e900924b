/**
 * WMS Order Changes through n8n's engine over both sandboxes: the Orders Trigger (Event = Order Changes After
 * Hand-Off) feeding the node, after WMS Deliver put the orders in the warehouse. Cancelled before picking ->
 * cancelled there exactly once; after picking -> needsAttention, not cancelled; an address edit before allocation
 * updates the warehouse order, after allocation it is reported old vs new; a rerun sends no second cancel; 20%
 * faults with lost responses change no outcome; at most 3 warehouse requests per change event.
 */
import type { IDataObject } from 'n8n-workflow';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { PACKAGE_NAME, pollAndRun, runNode, type TestCredentials } from '../../helpers/harness';
import { TRIGGER, triggerWorkflow } from '../../helpers/triggerWorkflow';
import { useWorld } from '../../helpers/useWorld';
import { fetchOrderItems, PREFIX } from '../../WmsDeliver/workflow/setup';

type WmsType = 'extensiv' | 'http';

class World {
	constructor(
		readonly bc: BcSandbox,
		readonly wms: WmsSandbox,
	) {}
	static async start(): Promise<World> {
		const bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false }, quota: 100000, windowMs: 1000 });
		const wms = await startWmsSandbox();
		return new World(bc, wms);
	}
	credentials(type: WmsType): TestCredentials {
		const wmsCred = type === 'extensiv' ? { extensivWarehouseManagerApi: { ...this.wms.extensivCredentials, userLogin: this.wms.extensivCredentials.userLogin } } : { wmsHttpApi: { ...this.wms.httpCredentials } };
		return { bigCommerceApi: { ...this.bc.credentials }, ...wmsCred } as unknown as TestCredentials;
	}
	async close(): Promise<void> {
		await this.bc.close();
		await this.wms.close();
	}
}

const CHANGES = 'WMS Order Changes';

function changesWorkflow(type: WmsType) {
	return triggerWorkflow(
		{ event: 'changes', holdStatuses: [12], options: { referencePrefix: PREFIX } },
		{
			nodes: [{ id: 'changes', name: CHANGES, type: `${PACKAGE_NAME}.wmsOrderChanges`, typeVersion: 1, position: [200, 0], parameters: { wmsType: type }, onError: 'continueRegularOutput' }],
			connections: { [TRIGGER]: { main: [[{ node: CHANGES, type: 'main' as never, index: 0 }]] } },
		},
	);
}

describe.each(['extensiv', 'http'] as const)('WMS Order Changes over the sandboxes (%s)', (type) => {
	const world = useWorld(() => World.start());
	const staticData: IDataObject = {};

	/** New orders, delivered by WMS Deliver, seen once by the change trigger (so edits are recognised). */
	async function delivered(count: number): Promise<number[]> {
		const ids = Array.from({ length: count }, () => world.bc.addOrder({ lines: [{ sku: 'MUG-RED', quantity: 2 }, { sku: 'POSTER-A2', quantity: 1 }] }));
		const orders = (await fetchOrderItems(world.bc)).filter((o) => ids.includes(o.orderId));
		const { items } = await runNode('wmsDeliver', { wmsType: type }, orders as unknown as IDataObject[], { credentials: world.credentials(type) });
		expect(items.map((i) => i.outcome)).toEqual(ids.map(() => 'created'));
		await poll();
		return ids;
	}

	let lastEmitted: IDataObject[] = [];
	async function poll() {
		const { emitted, result } = await pollAndRun(changesWorkflow(type), { credentials: world.credentials(type), staticData, triggerNode: TRIGGER });
		lastEmitted = emitted;
		return result ? result.output(CHANGES) : [];
	}

	const wmsOrder = (orderId: number) => world.wms.findByReference(`${PREFIX}${orderId}`)[0];
	const cancels = () => world.wms.requestLog().filter((r) => r.method === 'POST' && /cancel/.test(r.path) && r.status < 300).length;

	beforeAll(async () => {
		await poll(); // first activation: the trigger starts watching now
	});

	it('cancels an order cancelled before picking exactly once, reports one cancelled after picking; a rerun cancels nothing', async () => {
		const [early, late] = await delivered(2);
		world.wms.setStage(wmsOrder(late).orderId, 'picking');
		world.wms.resetRequestLog();
		world.bc.setOrderStatus(early, 5);
		world.bc.setOrderStatus(late, 5);
		const out = await poll();
		const items = lastEmitted;
		const byOrder = Object.fromEntries(out.map((r) => [r.orderId as number, r]));
		expect(byOrder[early]).toMatchObject({ outcome: 'cancelled', needsAttention: false, change: 'cancelled' });
		expect(byOrder[late]).toMatchObject({ outcome: 'needsAttention', needsAttention: true, warehouseStage: 'picking' });
		expect(byOrder[late].reason).toMatch(new RegExp(`Order ${late} is Cancelled in BigCommerce, but the warehouse can no longer cancel ${PREFIX}${late}.*goods may leave`));
		expect(wmsOrder(early).status).toBe('cancelled');
		expect(wmsOrder(late).status).toBe('open');
		expect(cancels()).toBe(1);
		// Requests per change event (look-up, read, write): at most 3.
		const requests = world.wms.requestLog().filter((r) => !/token/i.test(r.path)).length;
		expect(requests).toBeLessThanOrEqual(3 * 2);

		// Nothing new: no item. A rerun of the same change items: no second cancel.
		expect(await poll()).toEqual([]);
		const again = await runNode('wmsOrderChanges', { wmsType: type }, items, { credentials: world.credentials(type), continueOnFail: true });
		const rerun = Object.fromEntries(again.items.map((r) => [r.orderId as number, r]));
		expect(rerun[early]).toMatchObject({ outcome: 'exists', needsAttention: false });
		expect(rerun[late]).toMatchObject({ outcome: 'needsAttention' });
		expect(cancels()).toBe(1);
	});

	it('updates an address edited before allocation; reports one edited after allocation with old and new', async () => {
		const [before, after] = await delivered(2);
		world.wms.setStage(wmsOrder(after).orderId, 'allocated');
		world.bc.editOrder(before, { address: { street1: '9 New Road', city: 'Dallas' } });
		world.bc.editOrder(after, { address: { street1: '7 Late Lane' } });
		const out = await poll();
		const byOrder = Object.fromEntries(out.map((r) => [r.orderId as number, r]));
		expect(byOrder[before]).toMatchObject({ outcome: 'updated', change: 'edited', needsAttention: false });
		expect(JSON.stringify(wmsOrder(before).shipTo)).toContain('9 New Road');
		expect(byOrder[after]).toMatchObject({ outcome: 'needsAttention', needsAttention: true, warehouseStage: 'allocated' });
		expect(byOrder[after].reason).toMatch(/7 Late Lane/);
		expect((byOrder[after].before as IDataObject).address).toBeDefined();
		expect(JSON.stringify(wmsOrder(after).shipTo)).not.toContain('7 Late Lane');
		expect(world.wms.listOrders().filter((o) => o.referenceNum === `${PREFIX}${before}`)).toHaveLength(1);
	});

	it('20% faults with lost responses change none of the outcomes, and cancel once', async () => {
		const [early, late] = await delivered(2);
		world.wms.setStage(wmsOrder(late).orderId, 'packed');
		world.wms.setFaults({ rate: 0.2, kinds: ['500', 'lost-response', 'drop', '429'], seed: 7 });
		world.bc.setFaults({ rate: 0.2, kinds: ['500', 'drop'], seed: 7 } as never);
		world.bc.setOrderStatus(early, 6);
		world.bc.setOrderStatus(late, 4);
		let out: IDataObject[] = [];
		for (let i = 0; i < 5 && out.filter((r) => r.outcome !== 'failed').length < 2; i++) {
			try {
				out = out.concat(await poll());
			} catch {
				// a failed poll changes nothing; the next one reads the same changes
			}
		}
		world.wms.setFaults(null);
		world.bc.setFaults(null);
		const final = Object.fromEntries(out.filter((r) => r.outcome !== 'failed').map((r) => [r.orderId as number, r]));
		expect(final[early]?.outcome).toMatch(/^(cancelled|exists)$/);
		expect(final[late]?.outcome).toBe('needsAttention');
		expect(wmsOrder(early).status).toBe('cancelled');
		expect(wmsOrder(late).status).toBe('open');
		expect(world.wms.listOrders().filter((o) => o.referenceNum === `${PREFIX}${early}`)).toHaveLength(1);
	});
});
