/**
 * Confirm Shipment with Source "Input Items" through n8n's engine against the BigCommerce sandbox: a hand-written
 * list of Shipment items, including every bad input of the issue, each with its own clear outcome while the others
 * go through; a rerun creates nothing.
 */
import type { IDataObject } from 'n8n-workflow';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { runNode } from '../../helpers/harness';
import { fastRetries, restoreRetries } from './setup';

const pkg = (trackingNumber: string, carrier: string, lines: Array<[string, number]>) => ({
	trackingNumber,
	carrier,
	service: '',
	shippedAt: '2026-01-02T10:00:00Z',
	lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
});

describe('Confirm Shipment from input items (engine + BigCommerce sandbox)', () => {
	let bc: BcSandbox;
	const id: Record<string, number> = {};

	beforeAll(async () => {
		fastRetries();
		bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
		const add = (name: string, lines: Array<[string, number]>, statusId = 9) =>
			(id[name] = bc.addOrder({
				statusId,
				lines: lines.map(([sku, quantity]) => ({ sku, quantity, type: sku === 'EBOOK' ? ('digital' as const) : undefined })),
			}));
		add('good', [['MUG-RED', 2], ['TEE', 1]]);
		add('ghost', [['MUG-RED', 1]]);
		add('zero', [['MUG-RED', 1]]);
		add('above', [['MUG-RED', 2]]);
		add('long', [['MUG-RED', 1]]);
		add('cancelled', [['MUG-RED', 1]]);
		bc.setOrderStatus(id.cancelled, 5);
		add('royal', [['CAP', 1], ['EBOOK', 1]]);
	});
	afterAll(async () => {
		restoreRetries();
		await bc?.close();
	});

	it('confirms the good items and gives every bad one its own outcome', async () => {
		const list: IDataObject[] = [
			{ reference: `BC-${id.good}`, wmsOrderId: 'H1', packages: [pkg('1ZGOOD', 'UPS', [['mug-red', 2]]), pkg('', 'UPS', [['TEE', 1]])] },
			{ reference: 'PO-555', packages: [pkg('1ZX', 'UPS', [['MUG-RED', 1]])] },
			{ reference: `BC-${id.ghost}`, packages: [pkg('1ZGHOST', 'UPS', [['NOT-ON-ORDER', 1]])] },
			{ reference: `BC-${id.zero}`, packages: [pkg('1ZZERO', 'UPS', [['MUG-RED', 0]]), pkg('1ZNEG', 'UPS', [['MUG-RED', -1]])] },
			{ reference: `BC-${id.above}`, packages: [pkg('1ZABOVE', 'UPS', [['MUG-RED', 5]])] },
			{ reference: `BC-${id.long}`, packages: [pkg('L'.repeat(200), 'UPS', [['MUG-RED', 1]])] },
			{ reference: `BC-${id.cancelled}`, packages: [pkg('1ZCANCEL', 'UPS', [['MUG-RED', 1]])] },
			{ orderId: id.royal, reference: '', packages: [pkg('RM123456785GB', 'Royal Mail', [['CAP', 1]])] },
			{ reference: `BC-${id.good}`, packages: 'not a list' },
		];
		const params = { source: 'inputItems', referencePrefix: 'BC-' };
		const { items, result } = await runNode('confirmShipment', params, list, { credentials: { bigCommerceApi: bc.credentials }, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const summary = items.map((i) => [i.reference || i.orderId, i.outcome]);
		expect(summary).toEqual([
			[`BC-${id.good}`, 'created'],
			[`BC-${id.good}`, 'created'],
			['PO-555', 'skipped'],
			[`BC-${id.ghost}`, 'failed'],
			[`BC-${id.zero}`, 'failed'],
			[`BC-${id.zero}`, 'failed'],
			[`BC-${id.above}`, 'created'],
			[`BC-${id.long}`, 'failed'],
			[`BC-${id.cancelled}`, 'skipped'],
			[id.royal, 'created'],
			[`BC-${id.good}`, 'failed'],
		]);
		const reason = (n: number) => String(items[n].reason);
		expect(reason(1)).toMatch(/No tracking number/);
		expect(reason(2)).toMatch(/PO-555 is not a BigCommerce order reference/);
		expect(reason(3)).toMatch(/SKU NOT-ON-ORDER is not on order/);
		expect(reason(4)).toMatch(/got 0/);
		expect(reason(5)).toMatch(/got -1/);
		expect(reason(6)).toMatch(/only 2 remain unshipped.*3 not sent \(over-shipment\)/);
		expect(reason(7)).toMatch(/200 characters long; BigCommerce accepts at most 50/);
		expect(reason(8)).toMatch(/Cancelled in BigCommerce \(status 5\)/);
		expect(reason(10)).toMatch(/Input item 9 is not a valid Shipment/);
		expect(items.map((i) => (i as any).pairedItem)).toBeDefined();

		// What BigCommerce has.
		const shipments = (name: string) => bc.getShipments(id[name]).map((s) => [s.tracking_number, s.items.map((x) => x.quantity)]);
		expect(shipments('good')).toEqual([['1ZGOOD', [2]], ['', [1]]]);
		expect(bc.getOrder(id.good)?.status_id).toBe(2);
		expect(shipments('above')).toEqual([['1ZABOVE', [2]]]);
		expect(bc.getOrder(id.above)?.status_id).toBe(2);
		for (const name of ['ghost', 'zero', 'long', 'cancelled']) expect({ name, shipments: shipments(name) }).toEqual({ name, shipments: [] });
		expect(bc.getOrder(id.cancelled)?.status_id).toBe(5);
		const [royal] = bc.getShipments(id.royal);
		expect(royal).toMatchObject({ shipping_provider: 'royalmail', tracking_carrier: '', shipping_method: 'Royal Mail' });
		// A digital line next to a physical one: the order is Shipped once the physical line is.
		expect(bc.getOrder(id.royal)?.status_id).toBe(2);
		expect(items[9].orderStatus).toEqual({ id: 2, name: 'Shipped' });

		// The same list again: the created ones exist, nothing is posted.
		bc.resetRequestLog();
		const again = await runNode('confirmShipment', params, list, { credentials: { bigCommerceApi: bc.credentials }, continueOnFail: true });
		expect(bc.countRequests({ method: 'POST' })).toBe(0);
		expect(again.items.filter((i) => i.outcome === 'created')).toEqual([]);
		expect([0, 1, 9].map((n) => again.items[n].outcome)).toEqual(['exists', 'exists', 'exists']);
		expect(again.items[6]).toMatchObject({ outcome: 'exists', shipmentId: bc.getShipments(id.above)[0].id });
	});
});
