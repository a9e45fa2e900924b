/**
 * Bad input through the engine (3PL Warehouse Manager sandbox): each problem order gets a held or failed item with
 * a reason, and every other order still goes through, while the WMS token expires mid-run.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Order } from '../../../nodes/shared/model';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { runNode, type TestCredentials } from '../../helpers/harness';
import { assertWmsHasExactly, catalogItems, fastRetries, fetchOrderItems, restoreRetries } from './setup';

const SEED_METHODS = ['Flat Rate', 'Free Shipping', 'UPS Ground', 'USPS Priority'];
const PARAMS = {
	wmsType: 'extensiv',
	shipMethodMap: { mappings: SEED_METHODS.map((m) => ({ shippingMethod: m, carrier: 'UPS', mode: '03', billingCode: 'Prepaid' })) },
	unmappedShipMethods: 'hold',
};

describe('WMS Deliver with bad input (engine + sandboxes)', () => {
	let bc: BcSandbox;
	let wms: WmsSandbox;

	beforeAll(() => fastRetries());
	afterAll(async () => {
		restoreRetries();
		await bc?.close();
		await wms?.close();
	});

	it('holds or fails only the bad orders, with reasons, and renews an expired token', async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 25, awaitingFulfillmentShare: 1, specialOrders: true }, quota: 150, windowMs: 1000 });
		bc.generateCatalog({ products: 300, variantsPer: 0, seed: 3 });
		const stocked = catalogItems(bc);
		const unknown = bc.addProduct({ sku: 'NOT-IN-WMS', name: 'Discontinued mug' });
		const catalog = bc.getProducts().filter((p) => p.sku.startsWith('GEN3-'));
		const some = (n: number, quantity = 1) => catalog.slice(0, n).map((p) => ({ sku: p.sku, productId: p.id, quantity }));

		const ids = {
			unknownSku: bc.addOrder({ lines: [...some(1), { sku: 'NOT-IN-WMS', productId: unknown.id, quantity: 1 }] }),
			noStreet: bc.addOrder({ lines: some(1), addresses: [{ street1: '' }] }),
			noZip: bc.addOrder({ lines: some(1), addresses: [{ zip: '' }] }),
			unmapped: bc.addOrder({ lines: some(1), addresses: [{ shippingMethod: 'Pigeon Post' }] }),
			nonAscii: bc.addOrder({
				lines: some(2),
				addresses: [{ firstName: 'José', lastName: 'Müller-Łukasiewicz 山田', street1: 'ul. Świętokrzyska 1', city: 'Kraków', zip: '00-001', country: 'Poland', countryIso2: 'PL' }],
			}),
			big: bc.addOrder({ lines: catalog.map((p, i) => ({ sku: p.sku, productId: p.id, quantity: 1 + (i % 4) })) }),
		};
		wms = await startWmsSandbox({ items: stocked });
		const orders = await fetchOrderItems(bc);
		const byId = new Map(orders.map((o) => [o.orderId, o]));
		const noSku = orders.find((o) => o.problems?.some((p) => p.code === 'missing-sku'))!;
		const digital = orders.find((o) => o.destinations.length === 0)!;
		expect(byId.get(ids.big)!.destinations[0].lines).toHaveLength(300);

		const expected = new Map<number, { outcome: string; says: string[] }>([
			[ids.unknownSku, { outcome: 'failed', says: [`Order ${ids.unknownSku} could not be created`, 'Sku NOT-IN-WMS not assigned to Customer 1'] }],
			[ids.noStreet, { outcome: 'held', says: ['the shipping address has no street address'] }],
			[ids.noZip, { outcome: 'held', says: ['the shipping address has no postal code'] }],
			[ids.unmapped, { outcome: 'held', says: ['shipping method "Pigeon Post" is not in the Ship Method Mapping'] }],
			[noSku.orderId, { outcome: 'held', says: ['Gift wrapping (custom)', 'has no SKU'] }],
			[digital.orderId, { outcome: 'held', says: ['no physical lines to ship'] }],
		]);
		const good = orders.filter((o) => !expected.has(o.orderId));

		// A first run gets a token; the warehouse then expires it, and again in the middle of the next run (after 8
		// requests: with batched look-ups the run makes about one request per order).
		// The harness stores a renewed token in this map, as n8n saves it to the credential.
		const credentials: TestCredentials = { extensivWarehouseManagerApi: { ...wms.extensivCredentials }, bigCommerceApi: bc.credentials };
		const token = () => credentials.extensivWarehouseManagerApi.accessToken;
		const staticData: IDataObject = {};
		const first = await runNode('wmsDeliver', PARAMS, good.slice(0, 3) as never[], { credentials, staticData });
		expect(first.items.map((i) => i.outcome)).toEqual(['created', 'created', 'created']);
		const tokenBefore = token();
		expect(tokenBefore).toBeTruthy();
		wms.expireTokens();
		wms.resetRequestLog();
		let expiredAt = 0;
		const midRun = setInterval(() => {
			if (!expiredAt && wms.countRequests() >= 8) {
				expiredAt = wms.countRequests();
				wms.expireTokens();
			}
		}, 1);

		const rest = orders.filter((o) => !good.slice(0, 3).includes(o));
		const { items, result } = await runNode('wmsDeliver', PARAMS, rest as never[], { credentials, staticData, continueOnFail: true });
		clearInterval(midRun);
		expect(result.error).toBeUndefined();
		expect(expiredAt).toBeGreaterThan(0);
		expect(wms.countRequests()).toBeGreaterThan(expiredAt + 10);
		const log = wms.requestLog();
		expect(log.slice(0, 5).some((e) => e.status === 401)).toBe(true);
		expect(log.slice(expiredAt - 5).some((e) => e.status === 401)).toBe(true);
		expect(token()).not.toBe(tokenBefore);

		const outcomeOf = (id: number) => items.filter((i) => i.orderId === id);
		for (const [id, want] of expected) {
			const got = outcomeOf(id);
			expect(got.length).toBeGreaterThan(0);
			for (const item of got) {
				expect({ id, outcome: item.outcome }).toEqual({ id, outcome: want.outcome });
				for (const text of want.says) expect(String(item.reason)).toContain(text);
			}
			expect(bc.getOrder(id)?.status_id).toBe(11);
		}
		const goodOutcomes = items.filter((i) => !expected.has(Number(i.orderId))).map((i) => i.outcome);
		expect(new Set(goodOutcomes)).toEqual(new Set(['created']));
		for (const o of good) expect({ id: o.orderId, status: bc.getOrder(o.orderId)?.status_id }).toEqual({ id: o.orderId, status: 9 });

		// The good orders, and only they, are in the WMS once each, with their lines and address.
		assertWmsHasExactly(wms, good as Order[]);
		expect(wms.findByReference(`BC-${ids.big}`)[0].lines).toHaveLength(300);
		const polish = wms.findByReference(`BC-${ids.nonAscii}`)[0].shipTo;
		expect(JSON.stringify(polish)).toContain('Müller-Łukasiewicz 山田');
		expect(polish).toMatchObject({ address1: 'ul. Świętokrzyska 1', city: 'Kraków' });
		const twoAddress = good.find((o) => o.destinations.length === 2)!;
		expect(JSON.stringify(wms.findByReference(`${twoAddress.reference}/2`)[0].shipTo)).toContain('Ørsted');
	});
});
