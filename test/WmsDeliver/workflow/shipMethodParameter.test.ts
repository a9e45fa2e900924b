/**
 * WMS Deliver's Ship Method Mapping through n8n's engine with both stored shapes of "BigCommerce Shipping Method":
 * the resource locator the editor now stores (From Recent Orders / By Name) and the plain text of older workflows.
 * Each order must reach the warehouse with the routing of its mapping; an unmapped method is held.
 */
import { parseShipMethodMap } from '../../../nodes/WmsDeliver/shipMethodParameter';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { runNode } from '../../helpers/harness';
import { catalogItems, fastRetries, fetchOrderItems, restoreRetries } from './setup';

const SHIP_MAP = {
	mappings: [
		{ shippingMethod: { __rl: true, mode: 'list', value: 'UPS Ground', cachedResultName: 'UPS Ground' }, carrier: 'UPS', mode: '03', billingCode: 'Prepaid' },
		{ shippingMethod: { __rl: true, mode: 'name', value: ' usps priority ' }, carrier: 'USPS', mode: 'PRIORITY', billingCode: 'Prepaid' },
		{ shippingMethod: 'Free Shipping', carrier: 'FedEx', mode: 'GROUND', billingCode: 'Collect' },
		{ shippingMethod: { __rl: true, mode: 'list', value: '' }, carrier: 'Ignored' },
	],
};

it('reads every stored shape of the shipping method name, and skips empty rows', () => {
	expect(parseShipMethodMap(SHIP_MAP as never)).toEqual([
		{ shippingMethod: 'UPS Ground', routing: { carrier: 'UPS', mode: '03', billingCode: 'Prepaid' } },
		{ shippingMethod: ' usps priority ', routing: { carrier: 'USPS', mode: 'PRIORITY', billingCode: 'Prepaid' } },
		{ shippingMethod: 'Free Shipping', routing: { carrier: 'FedEx', mode: 'GROUND', billingCode: 'Collect' } },
	]);
});

describe('engine + sandboxes', () => {
	let bc: BcSandbox;
	let wms: WmsSandbox;
	beforeAll(() => fastRetries());
	afterAll(() => restoreRetries());
	afterEach(async () => {
		await bc?.close();
		await wms?.close();
	});

	it('routes each order by its mapping, whichever shape stored it, and holds the unmapped one', async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, specialOrders: false } });
		const product = bc.getProducts().find((p) => p.sku && p.type === 'physical')!;
		const methods = ['UPS Ground', 'USPS Priority', 'Free Shipping', 'Pigeon Post'];
		for (const shippingMethod of methods) {
			bc.addOrder({ lines: [{ sku: product.sku, productId: product.id, quantity: 1 }], addresses: [{ shippingMethod }] });
		}
		wms = await startWmsSandbox({ items: catalogItems(bc) });
		const orders = await fetchOrderItems(bc);
		expect(orders).toHaveLength(4);
		const { items, result } = await runNode('wmsDeliver', { wmsType: 'http', shipMethodMap: SHIP_MAP, unmappedShipMethods: 'hold' }, orders as never[], {
			credentials: { wmsHttpApi: { ...wms.httpCredentials }, bigCommerceApi: bc.credentials },
		});
		expect(result.error).toBeUndefined();
		const byMethod = new Map(orders.map((o) => [o.destinations[0].shippingMethod, o]));
		const routing = (method: string) => wms.findByReference(byMethod.get(method)!.reference)[0]?.routing;
		expect(routing('UPS Ground')).toMatchObject({ carrier: 'UPS', mode: '03', billingCode: 'Prepaid' });
		expect(routing('USPS Priority')).toMatchObject({ carrier: 'USPS', mode: 'PRIORITY', billingCode: 'Prepaid' });
		expect(routing('Free Shipping')).toMatchObject({ carrier: 'FedEx', mode: 'GROUND', billingCode: 'Collect' });
		expect(wms.findByReference(byMethod.get('Pigeon Post')!.reference)).toEqual([]);
		expect(items.map((i) => i.outcome).sort()).toEqual(['created', 'created', 'created', 'held']);
	});
});
