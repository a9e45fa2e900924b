/**
 * Sync Inventory's Location through n8n's engine: the resource locator the editor now stores (list or By ID) and
 * the plain number older workflows store must both set stock at that location; a bad value fails with a clear
 * message before anything is written.
 */
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { runNode } from '../../helpers/harness';

let bc: BcSandbox;
beforeEach(async () => {
	bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
	bc.addProduct({ sku: 'MUG', tracking: 'product', level: 0 });
});
afterEach(async () => await bc.close());

const run = (locationId: unknown, available: number) =>
	runNode('syncInventory', { source: 'inputItems', locationId: locationId as never }, [{ sku: 'MUG', available }], {
		credentials: { bigCommerceApi: bc.credentials },
	});

it.each([
	['a location chosen from the list', { __rl: true, mode: 'list', value: '2', cachedResultName: 'Overflow warehouse (ID 2)' }, 2],
	['a location typed By ID', { __rl: true, mode: 'id', value: ' 2 ' }, 2],
	['a legacy plain number', 2, 2],
	['the legacy default 1', 1, 1],
	['the new default', { __rl: true, mode: 'list', value: '1', cachedResultName: 'Default location (ID 1)' }, 1],
])('sets stock at %s', async (_label, locationId, expected) => {
	const { items } = await run(locationId, 7);
	expect(items).toEqual([expect.objectContaining({ sku: 'MUG', outcome: 'updated' })]);
	expect(bc.getInventory('MUG', expected)!.level).toBe(7);
	const other = expected === 1 ? 2 : 1;
	expect(bc.getInventory('MUG', other)!.level).toBe(0);
});

it('uses location 1 when the parameter is missing (defaults of the node)', async () => {
	await runNode('syncInventory', { source: 'inputItems' }, [{ sku: 'MUG', available: 4 }], { credentials: { bigCommerceApi: bc.credentials } });
	expect(bc.getInventory('MUG', 1)!.level).toBe(4);
});

it.each([
	['typed By ID that is not a number', { __rl: true, mode: 'id', value: 'two' }],
	['an empty list choice', { __rl: true, mode: 'list', value: '' }],
])('n8n itself refuses to run with %s (the parameter shows an issue in the panel)', async (_label, locationId) => {
	bc.resetRequestLog();
	await expect(run(locationId, 7)).rejects.toThrow('The workflow has issues');
	expect(bc.countRequests()).toBe(0);
});

it.each([
	[{ __rl: true, mode: 'id', value: '={{ "two" }}' }, 'The Location is "two", not a BigCommerce location ID'],
	[{ __rl: true, mode: 'id', value: '={{ "" }}' }, 'The Location is empty, not a BigCommerce location ID'],
	['={{ 0 }}', 'The Location is "0", not a BigCommerce location ID'],
])('an expression giving %j fails clearly, before writing anything', async (locationId, message) => {
	bc.resetRequestLog();
	const { result } = await run(locationId, 7);
	expect(result.error?.message).toBe(message);
	expect(result.error?.description).toContain('By ID');
	expect(bc.countRequests({ method: 'PUT' })).toBe(0);
});

it('an expression giving a location ID works in either shape', async () => {
	await run({ __rl: true, mode: 'id', value: '={{ 1 + 1 }}' }, 5);
	expect(bc.getInventory('MUG', 2)!.level).toBe(5);
	await run('={{ 2 }}', 6);
	expect(bc.getInventory('MUG', 2)!.level).toBe(6);
});
