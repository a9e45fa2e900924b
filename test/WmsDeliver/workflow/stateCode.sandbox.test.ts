/**
 * State codes on the warehouse order (issue 13, item 3): orders read from the BigCommerce sandbox carry full state
 * names ("Texas", "Québec", "New South Wales"); WMS Deliver sends 3PL Warehouse Manager the label code in
 * `shipTo.state` ("TX") and the generic WMS the name in `state` plus `stateCode`. A state without a known code
 * keeps its name.
 */
import type { Order } from '../../../nodes/shared/model';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import type { SandboxAddressInput } from '../../../sandbox/bigcommerce/types';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { runNode, type TestCredentials } from '../../helpers/harness';
import { catalogItems, fastRetries, fetchOrderItems, restoreRetries } from './setup';

type Target = 'extensiv' | 'http';

const place = (city: string, state: string, zip: string, country: string, countryIso2: string): SandboxAddressInput => ({
	firstName: 'Jane',
	lastName: 'Doe',
	street1: '1 Main St',
	city,
	state,
	zip,
	country,
	countryIso2,
	email: 'jane@example.com',
	phone: '555-0100',
	shippingMethod: 'Flat Rate',
});

/** [address as BigCommerce has it, the state the Extensiv label gets, the generic stateCode (undefined: none)] */
const CASES: Array<[SandboxAddressInput, string, string | undefined]> = [
	[place('Austin', 'Texas', '78701', 'United States', 'US'), 'TX', 'TX'],
	[place('Montréal', 'Québec', 'H2Y 1C6', 'Canada', 'CA'), 'QC', 'QC'],
	[place('Sydney', 'New South Wales', '2000', 'Australia', 'AU'), 'NSW', 'NSW'],
	[place('Monterrey', 'Nuevo León', '64000', 'Mexico', 'MX'), 'NLE', 'NLE'],
	[place('München', 'Bayern', '80331', 'Germany', 'DE'), 'Bayern', undefined],
	[place('Springfield', 'Atlantis', '12345', 'United States', 'US'), 'Atlantis', undefined],
];

function wmsCredentials(wms: WmsSandbox, target: Target): TestCredentials {
	return target === 'extensiv' ? { extensivWarehouseManagerApi: { ...wms.extensivCredentials } } : { wmsHttpApi: { ...wms.httpCredentials } };
}

describe.each<Target>(['extensiv', 'http'])('state codes to the %s WMS (engine + sandboxes)', (target) => {
	let bc: BcSandbox;
	let wms: WmsSandbox;

	beforeAll(() => fastRetries());
	afterAll(() => restoreRetries());
	afterEach(async () => {
		await bc?.close();
		await wms?.close();
	});

	it('sends the code where one is known and the name otherwise', async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, specialOrders: false } });
		const variant = bc.getVariants().find((v) => v.sku)!;
		const ids = CASES.map(([addr]) =>
			bc.addOrder({ lines: [{ sku: variant.sku, productId: variant.product_id, variantId: variant.id, quantity: 1 }], addresses: [addr] }),
		);
		wms = await startWmsSandbox({ items: catalogItems(bc) });
		const orders = (await fetchOrderItems(bc)).filter((o) => ids.includes(o.orderId));
		expect(orders).toHaveLength(CASES.length);
		// What BigCommerce gives: full names.
		expect(orders.map((o) => o.destinations[0].address.state)).toEqual(CASES.map(([a]) => a.state));

		const { items, result } = await runNode('wmsDeliver', { wmsType: target }, orders as never[], {
			credentials: { ...wmsCredentials(wms, target), bigCommerceApi: bc.credentials },
		});
		expect(result.error).toBeUndefined();
		expect(items.map((i) => i.outcome)).toEqual(Array(CASES.length).fill('created'));

		CASES.forEach(([addr, label, code], i) => {
			const order = orders.find((o) => o.orderId === ids[i]) as Order;
			const [record] = wms.findByReference(order.reference);
			expect({ state: addr.state, record: record.shipTo.state }).toEqual({
				state: addr.state,
				record: target === 'extensiv' ? label : addr.state,
			});
			const body = record.body as { shipTo?: { state?: string }; destination?: { address: Record<string, unknown> } };
			if (target === 'extensiv') {
				expect(body.shipTo?.state).toBe(label);
			} else {
				expect(body.destination?.address.state).toBe(addr.state);
				expect(body.destination?.address.stateCode).toBe(code);
				if (code === undefined) expect(body.destination?.address).not.toHaveProperty('stateCode');
			}
		});
	});
});
