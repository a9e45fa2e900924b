/**
 * workflows/shipment-confirmation.json as shipped, through n8n's engine against both sandboxes, after the bundled
 * order download delivered the store's orders: the warehouse ships them with every kind of plan (one package,
 * several, split in two, a short-shipped line, closed without package detail); one scheduled run creates exactly
 * one BigCommerce shipment per package with its tracking number and lines, orders end Shipped or Partially
 * Shipped, the order without package detail goes to "Needs attention"; running again ("Run now") adds nothing.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ShipPlan, WmsOrderRecord } from '../../sandbox/wms';
import { runWorkflow } from '../helpers/harness';
import { AWAITING_SHIPMENT, BUNDLED, downloadAll, loadBundled, startWorld, type DemoWorld } from './setup';

const SHIPPED = 2;
const PARTIALLY_SHIPPED = 3;

/** BigCommerce order id of a warehouse reference (`1001`, `1001/2`, split parts `1001-1`). */
const orderIdOf = (ref: string) => Number(/^(\d+)/.exec(ref)![1]);

describe('bundled workflow: shipment-confirmation.json', () => {
	let world: DemoWorld;
	const wf = loadBundled(BUNDLED.shipmentConfirmation);

	beforeAll(async () => {
		world = await startWorld(3);
		const { runs } = await downloadAll(world, loadBundled(BUNDLED.orderDownload), {});
		if (!runs.length || runs.some((r) => r.error)) throw new Error('the order download did not deliver the orders this test ships');
	});
	afterAll(async () => {
		await world?.close();
	});

	it('creates one BigCommerce shipment per warehouse package, with tracking and lines; statuses 2/3; reruns add nothing', async () => {
		const { bc, wms } = world;
		const open = wms.listOrders().filter((r) => r.status === 'open');
		const plans = (r: WmsOrderRecord, i: number): ShipPlan =>
			[
				{ kind: 'single' } as const,
				{ kind: 'packages', count: 2 } as const,
				{ kind: 'split' } as const,
				{ kind: 'short', sku: r.lines[0].sku, shortBy: 1 } as const,
				{ kind: 'no-packages' } as const,
			][i % 5];
		open.forEach((r, i) => wms.ship(r.orderId, plans(r, i)));
		const closed = wms.listOrders().filter((r) => r.status === 'closed');
		const withPackages = closed.filter((r) => r.packages.length > 0);
		const bare = closed.filter((r) => r.packages.length === 0);
		expect(bare.length).toBeGreaterThan(0);
		const orderIds = [...new Set(closed.map((r) => orderIdOf(r.referenceNum)))];
		const before = new Map(orderIds.map((id) => [id, bc.getShipments(id).length]));

		const staticData: IDataObject = {};
		const result = await runWorkflow(wf.json, { credentials: world.credentials, staticData, startNode: wf.trigger });
		expect(result.error).toBeUndefined();
		const items = result.output(wf.action);

		// Every package is one new shipment on its order, with the same tracking number and the same lines.
		const packages = withPackages.flatMap((r) => r.packages.map((p) => ({ record: r, p })));
		expect(items.filter((i) => i.outcome === 'created')).toHaveLength(packages.length);
		for (const { record, p } of packages) {
			const orderId = orderIdOf(record.referenceNum);
			const skuOf = new Map(record.lines.map((l) => [l.orderItemId, l.sku.toLowerCase()]));
			const productSku = new Map(bc.getOrderProducts(orderId).map((l) => [l.id, l.sku.toLowerCase()]));
			const shipments = bc.getShipments(orderId).filter((s) => s.tracking_number === p.trackingNumber);
			expect({ tracking: p.trackingNumber, count: shipments.length }).toEqual({ tracking: p.trackingNumber, count: 1 });
			const lines = (pairs: Array<[string, number]>) => {
				const totals = new Map<string, number>();
				for (const [sku, qty] of pairs) totals.set(sku, (totals.get(sku) ?? 0) + qty);
				return [...totals].map(([sku, qty]) => `${sku}:${qty}`).sort();
			};
			expect({ tracking: p.trackingNumber, lines: lines(shipments[0].items.map((i) => [productSku.get(i.order_product_id)!, i.quantity])) }).toEqual({
				tracking: p.trackingNumber,
				lines: lines(p.contents.map((c) => [skuOf.get(c.orderItemId)!, c.qty])),
			});
		}
		for (const id of orderIds) {
			const shipped = bc.getShipments(id).length - before.get(id)!;
			const expected = packages.filter(({ record }) => orderIdOf(record.referenceNum) === id).length;
			expect({ id, shipped }).toEqual({ id, shipped: expected });
		}

		// Statuses: everything shipped -> Shipped; a short line or an unconfirmed part -> Partially Shipped; nothing
		// confirmed -> still Awaiting Shipment.
		for (const id of orderIds) {
			const lines = bc.getOrderProducts(id).filter((l) => l.type === 'physical');
			const allShipped = lines.every((l) => l.quantity_shipped === l.quantity);
			const noneShipped = lines.every((l) => l.quantity_shipped === 0);
			const want = allShipped ? SHIPPED : noneShipped ? AWAITING_SHIPMENT : PARTIALLY_SHIPPED;
			expect({ id, status: bc.getOrder(id)?.status_id }).toEqual({ id, status: want });
			for (const l of lines) expect(l.quantity_shipped).toBeLessThanOrEqual(l.quantity);
		}
		const statuses = orderIds.map((id) => bc.getOrder(id)?.status_id);
		expect(statuses).toContain(SHIPPED);
		expect(statuses).toContain(PARTIALLY_SHIPPED);

		// Orders closed without package detail: skipped, on the "Needs attention" branch, nothing sent.
		const attention = result.output(wf.attention);
		expect(attention.map((a) => `${a.reference}:${a.outcome}`).sort()).toEqual(bare.map((r) => `${r.referenceNum}:skipped`).sort());
		expect(items.filter((i) => !['created', 'skipped'].includes(String(i.outcome)))).toEqual([]);

		// Again, through the Manual Trigger "Run now": nothing new in BigCommerce.
		const counts = orderIds.map((id) => bc.getShipments(id).length);
		bc.resetRequestLog();
		const again = await runWorkflow(wf.json, { credentials: world.credentials, staticData, startNode: 'Run now' });
		expect(again.error).toBeUndefined();
		expect(again.executedNodes).toContain(wf.action);
		expect(again.output(wf.action).filter((i) => i.outcome === 'created')).toEqual([]);
		expect(orderIds.map((id) => bc.getShipments(id).length)).toEqual(counts);
		expect(bc.countRequests({ method: 'POST' })).toBe(0);
	});
});
