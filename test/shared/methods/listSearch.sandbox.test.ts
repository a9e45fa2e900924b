/**
 * The list methods against the BigCommerce sandbox (which answers as the OpenAPI files say, scopes included):
 * the store's locations, the shipping methods of its orders, and the 403 fallback when the API account lacks the
 * scope, read the way the editor reads them.
 */
import { NodeApiError } from 'n8n-workflow';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { SCOPES } from '../../../sandbox/bigcommerce/router';
import { rejectionOf, useTransportSettings } from '../bigcommerce/bcProbe';
import { callListSearch } from './listContext';

let bc: BcSandbox;
beforeAll(async () => {
	bc = await startBigCommerceSandbox({ seed: { orders: 30, products: 3 } });
});
afterAll(async () => await bc.close());
afterEach(() => bc.setScopes(null));
useTransportSettings({ sleep: async () => {} });

const locations = (filter?: string) =>
	callListSearch({ nodeType: 'syncInventory', method: 'searchLocations', credentials: { bigCommerceApi: bc.credentials }, filter });
const shippingMethods = (filter?: string) =>
	callListSearch({
		nodeType: 'wmsDeliver',
		method: 'searchShippingMethods',
		credentials: { bigCommerceApi: bc.credentials },
		parameters: { wmsType: 'extensiv', statusAfterDelivery: 9 },
		filter,
	});
const allBut = (group: keyof typeof SCOPES) => Object.entries(SCOPES).filter(([g]) => g !== group).map(([, s]) => s.modify);

it('lists the store locations', async () => {
	expect((await locations()).results).toEqual([
		{ name: 'Default location (ID 1, default)', value: '1' },
		{ name: 'Overflow warehouse (ID 2)', value: '2' },
	]);
	expect((await locations('overflow')).results.map((r) => r.value)).toEqual(['2']);
});

it('without Store Locations, says which scope to add; with only the read-only scope it works', async () => {
	bc.setScopes(allBut('locations'));
	const error = await rejectionOf<NodeApiError>(locations());
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.httpCode).toBe('403');
	expect(error.description).toContain('store_locations_read_only');
	bc.setScopes([...allBut('locations'), SCOPES.locations.read]);
	expect((await locations()).results).toHaveLength(2);
});

it('lists the shipping methods of the recent orders, once each, sorted, and finds a new one', async () => {
	const names = (await shippingMethods()).results.map((r) => r.name);
	expect(names.length).toBeGreaterThan(0);
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
	expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
	for (const n of names) expect(['Flat Rate', 'Free Shipping', 'UPS Ground', 'USPS Priority']).toContain(n);
	bc.addOrder({ lines: [{ sku: 'X', quantity: 1 }], addresses: [{ shippingMethod: 'Pigeon Post' }] });
	expect((await shippingMethods('pigeon')).results).toEqual([expect.objectContaining({ name: 'Pigeon Post', value: 'Pigeon Post' })]);
});

it('without the Orders scope, says which scope to add and to type the name', async () => {
	bc.setScopes(allBut('orders'));
	const error = await rejectionOf<NodeApiError>(shippingMethods());
	expect(error.httpCode).toBe('403');
	expect(error.description).toContain('store_v2_orders_read_only');
	expect(error.description).toContain('"By Name"');
});
