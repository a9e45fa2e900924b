/**
 * WMS Deliver through n8n's engine against the BigCommerce and WMS sandboxes, for both WMS targets: 200+ orders
 * each land in the WMS exactly once with their lines and address and move 11 -> 9; with 20% faults on both sides
 * (including creates whose response is lost) reruns of the undelivered orders end with zero duplicates and zero
 * missing orders.
 */
import type { IDataObject } from 'n8n-workflow';
import { DELIVERED_STATIC_KEY, type Order } from '../../../nodes/shared/model';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { runNode, type TestCredentials } from '../../helpers/harness';
import { transportSettings } from '../../../nodes/shared/bigcommerce/retry';
import { DEFAULT_RETRY } from '../../../nodes/shared/wms/request';
import { assertWmsHasExactly, catalogItems, fastRetries, fetchOrderItems, restoreRetries } from './setup';

type Target = 'extensiv' | 'http';

const SHIP_MAP = {
	mappings: [
		{ shippingMethod: 'ups ground', carrier: 'UPS', mode: '03', billingCode: 'Prepaid' },
		{ shippingMethod: 'USPS Priority', carrier: 'USPS', mode: 'PRIORITY', billingCode: 'Prepaid' },
	],
};

function wmsCredentials(wms: WmsSandbox, target: Target): TestCredentials {
	return target === 'extensiv'
		? { extensivWarehouseManagerApi: { ...wms.extensivCredentials } }
		: { wmsHttpApi: { ...wms.httpCredentials } };
}

const delivered = (staticData: IDataObject): Record<string, string> =>
	((staticData.global as IDataObject | undefined)?.[DELIVERED_STATIC_KEY] as Record<string, string>) ?? {};

describe.each<Target>(['extensiv', 'http'])('WMS Deliver to the %s WMS (engine + sandboxes)', (target) => {
	let bc: BcSandbox;
	let wms: WmsSandbox;
	let orders: Order[];

	beforeAll(() => fastRetries());
	afterAll(() => restoreRetries());

	/** `count` generated orders in Awaiting Fulfillment (plus a two-address order), a warehouse stocking the catalog. */
	async function start(count: number) {
		bc = await startBigCommerceSandbox({
			seed: { orders: 15 + count, awaitingFulfillmentShare: 1, specialOrders: false },
			quota: 150,
			windowMs: 1000,
		});
		const variants = bc.getVariants().filter((v) => v.sku);
		bc.addOrder({
			lines: [
				{ sku: variants[0].sku, productId: variants[0].product_id, variantId: variants[0].id, quantity: 2, addressIndex: 0 },
				{ sku: variants[1].sku, productId: variants[1].product_id, variantId: variants[1].id, quantity: 3, addressIndex: 1 },
			],
			addresses: [
				{ shippingMethod: 'UPS Ground' },
				{ firstName: 'Zoë', lastName: 'Ørsted-日本', city: 'København', country: 'Denmark', countryIso2: 'DK', state: '', zip: '1050' },
			],
		});
		wms = await startWmsSandbox({ items: catalogItems(bc) });
		orders = await fetchOrderItems(bc);
	}

	afterEach(async () => {
		fastRetries();
		await bc?.close();
		await wms?.close();
	});

	it('creates every order once with its lines and address, sets status 9, and reports exists on a rerun', async () => {
		await start(200);
		expect(orders.length).toBeGreaterThanOrEqual(200);
		const destinations = orders.reduce((n, o) => n + o.destinations.length, 0);
		const staticData: IDataObject = {};
		const credentials = { ...wmsCredentials(wms, target), bigCommerceApi: bc.credentials };
		const started = Date.now();
		const { items, result } = await runNode('wmsDeliver', { wmsType: target, shipMethodMap: SHIP_MAP }, orders as never[], {
			credentials,
			staticData,
		});
		const ms = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(items).toHaveLength(destinations);
		expect(items.filter((i) => i.outcome !== 'created')).toEqual([]);
		assertWmsHasExactly(wms, orders);
		for (const o of orders) expect({ id: o.orderId, status: bc.getOrder(o.orderId)?.status_id }).toEqual({ id: o.orderId, status: 9 });
		expect(Object.keys(delivered(staticData)).sort()).toEqual(orders.map((o) => String(o.orderId)).sort());

		const two = orders.find((o) => o.destinations.length === 2)!;
		const second = wms.findByReference(`${two.reference}/2`);
		expect(second).toHaveLength(1);
		expect(JSON.stringify(second[0].shipTo)).toContain('Ørsted-日本');
		const ups = orders.find((o) => o.destinations[0].shippingMethod === 'UPS Ground')!;
		expect(wms.findByReference(ups.reference)[0].routing).toMatchObject({ carrier: 'UPS', mode: '03', billingCode: 'Prepaid' });

		// The customer message goes to the warehouse (default), staff notes do not.
		const withNote = orders.find((o) => o.notes.customer)!;
		expect(wms.findByReference(withNote.reference)[0].notes).toBe(withNote.notes.customer);

		const wmsRequests = wms.countRequests();
		const bcRequests = bc.countRequests({ method: 'PUT' });
		console.log(
			`${target}: ${orders.length} orders / ${destinations} WMS orders in ${ms} ms; WMS requests ${wmsRequests}, BigCommerce PUTs ${bcRequests}`,
		);
		expect(bcRequests).toBe(orders.length);

		// A rerun of the same items (e.g. the trigger re-emitting after a failed run): nothing is created twice.
		const rerun = orders.slice(0, 40);
		wms.resetRequestLog();
		bc.resetRequestLog();
		const again = await runNode('wmsDeliver', { wmsType: target, shipMethodMap: SHIP_MAP }, rerun as never[], { credentials, staticData });
		expect(again.items.map((i) => i.outcome)).toEqual(Array(rerun.reduce((n, o) => n + o.destinations.length, 0)).fill('exists'));
		expect(wms.countRequests({ method: 'POST' })).toBe(0);
		// The items still say status 11, so the status is written again (a PUT of the same value), not skipped.
		expect(bc.countRequests({ method: 'PUT' })).toBe(rerun.length);
		assertWmsHasExactly(wms, orders);
	});

	it('with 20% faults on both sandboxes, rerunning the undelivered orders ends with zero duplicates and zero missing', async () => {
		await start(100);
		// Fewer retries inside a run, so that some orders fail and only a later run (as the trigger re-emits them) gets them in.
		Object.assign(DEFAULT_RETRY, { attempts: 2 });
		Object.assign(transportSettings, { maxRetries: 1, max429Retries: 1 });
		const staticData: IDataObject = {};
		const credentials = { ...wmsCredentials(wms, target), bigCommerceApi: bc.credentials };
		// Lost responses are listed three times so that several creates surely lose theirs (kinds are picked evenly).
		const kinds = ['500', '503', '429', 'drop', 'lost-response', 'lost-response', 'lost-response', 'slow'] as const;
		wms.setFaults({ rate: 0.2, kinds: [...kinds], slowMs: 30, seed: 8 });
		bc.setFaults({ rate: 0.2, kinds: ['500', '503', '429-no-headers', 'drop', 'lost-response'], seed: 11 });
		let pending = orders;
		let runs = 0;
		const outcomes: Record<string, number> = {};
		while (pending.length && runs < 12) {
			runs++;
			const { items } = await runNode('wmsDeliver', { wmsType: target }, pending as never[], {
				credentials,
				staticData,
				continueOnFail: true,
			});
			for (const i of items) outcomes[String(i.outcome)] = (outcomes[String(i.outcome)] ?? 0) + 1;
			const done = delivered(staticData);
			pending = orders.filter((o) => !done[String(o.orderId)]);
		}
		const wmsFaults = wms.requestLog().filter((e) => e.fault).length;
		const bcFaults = bc.requestLog().filter((e) => e.fault).length;
		console.log(
			`${target} with faults: ${runs} runs, outcomes ${JSON.stringify(outcomes)}, injected WMS faults ${wmsFaults}, BigCommerce faults ${bcFaults}`,
		);
		expect(wms.requestLog().some((e) => e.fault === 'lost-response' && e.method === 'POST')).toBe(true);
		expect(runs).toBeGreaterThan(1);
		expect(pending.map((o) => o.orderId)).toEqual([]);
		wms.setFaults(null);
		bc.setFaults(null);
		assertWmsHasExactly(wms, orders);
		for (const o of orders) expect({ id: o.orderId, status: bc.getOrder(o.orderId)?.status_id }).toEqual({ id: o.orderId, status: 9 });
	});
});
