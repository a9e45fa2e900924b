/**
 * Issue 13, items 1 and 2, through n8n's engine against both sandboxes: the WMS sandbox's facility holds a second
 * customer with the same SKUs at other levels, and on-hold units. BigCommerce must get the credential customer's
 * sellable stock only; "Quantity to Publish" chooses another figure on purpose.
 */
import type { IDataObject } from 'n8n-workflow';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { DEFAULT_OTHER_CUSTOMERS, startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { runNode } from '../../helpers/harness';

let bc: BcSandbox;
let wms: WmsSandbox;

beforeEach(async () => {
	bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
	for (const sku of ['MUG-RED', 'MUG-BLUE', 'TSHIRT-S', 'POSTER-A2', 'GADGET-X']) bc.addProduct({ sku, tracking: 'product', level: 0 });
	// Sandbox defaults: customer 1 (the credential's) MUG-RED 120, MUG-BLUE 80, TSHIRT-S 40 + 6 on hold, POSTER-A2 300;
	// customer 2 MUG-RED 500, TSHIRT-S 300 + 10 on hold, POSTER-A2 7, GADGET-X 999.
	wms = await startWmsSandbox();
});
afterEach(async () => {
	await bc.close();
	await wms.close();
});

const sync = async (wmsType: 'extensiv' | 'http', options: IDataObject = {}) =>
	await runNode('syncInventory', { source: 'wms', wmsType, options: { output: 'all', ...options } }, [{}], {
		credentials: {
			bigCommerceApi: bc.credentials,
			...(wmsType === 'extensiv' ? { extensivWarehouseManagerApi: wms.extensivCredentials } : { wmsHttpApi: wms.httpCredentials }),
		},
	});

const levels = () => Object.fromEntries(['MUG-RED', 'MUG-BLUE', 'TSHIRT-S', 'POSTER-A2', 'GADGET-X'].map((sku) => [sku, bc.getInventory(sku)!.level]));

async function facilitySummaries(): Promise<Array<{ itemIdentifier: { sku: string; id: number }; available: number; onHold: number }>> {
	const c = wms.extensivCredentials;
	const basic = Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64');
	const tokenRes = await fetch(`${wms.url}/AuthServer/api/Token`, {
		method: 'POST',
		headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ grant_type: 'client_credentials', user_login: c.userLogin }),
	});
	const { access_token: token } = (await tokenRes.json()) as { access_token: string };
	const res = await fetch(`${wms.url}/inventory/stocksummaries?pgsiz=500&pgnum=1&rql=facilityId==${c.facilityId}`, { headers: { Authorization: `Bearer ${token}` } });
	return ((await res.json()) as { summaries: never[] }).summaries;
}

it('the sandbox facility really holds two customers sharing SKUs, and on-hold units', async () => {
	expect(DEFAULT_OTHER_CUSTOMERS[0].customerId).not.toBe(wms.extensivCredentials.customerId);
	const rows = await facilitySummaries();
	const mugRows = rows.filter((r) => r.itemIdentifier.sku === 'MUG-RED');
	expect(mugRows.map((r) => r.available).sort((a, b) => a - b)).toEqual([120, 500]);
	expect(new Set(mugRows.map((r) => r.itemIdentifier.id)).size).toBe(2);
	// What summing the facility's summaries (the old read) would have published: 620 mugs, 356 T-shirts.
	const sum = (sku: string) => rows.filter((r) => r.itemIdentifier.sku === sku).reduce((n, r) => n + r.available, 0);
	expect([sum('MUG-RED'), sum('TSHIRT-S')]).toEqual([620, 356]);
});

it("3PL WM: BigCommerce gets the credential customer's sellable stock only (no other customer, no on-hold units)", async () => {
	const { items } = await sync('extensiv');
	expect(levels()).toEqual({ 'MUG-RED': 120, 'MUG-BLUE': 80, 'TSHIRT-S': 40, 'POSTER-A2': 300, 'GADGET-X': 0 });
	expect(items.find((i) => i.sku === 'TSHIRT-S')).toMatchObject({ outcome: 'updated', warehouseAvailable: 40, after: 40 });
	// The other customer's own SKU is not even read.
	expect(items.find((i) => i.sku === 'GADGET-X')).toBeUndefined();
	expect(wms.requestLog().filter((r) => r.path.startsWith('/inventory')).map((r) => r.path)).toEqual(['/inventory/stockdetails']);
});

it('3PL WM: levels follow changes of the credential customer, never of the other one', async () => {
	await sync('extensiv');
	wms.setOtherCustomerStock(2, 'MUG-BLUE', 1000);
	wms.setOtherCustomerStock(2, 'MUG-RED', 0);
	wms.setStock('MUG-RED', 9);
	wms.setStock('TSHIRT-S', 40, 40);
	await sync('extensiv');
	expect(levels()).toMatchObject({ 'MUG-RED': 9, 'MUG-BLUE': 80, 'TSHIRT-S': 40 });
});

it.each([
	['extensiv', 'available', 0, 40],
	['extensiv', 'available', 5, 35],
	['extensiv', 'availableWithHeld', 0, 46],
	['extensiv', 'onHand', 0, 46],
	['extensiv', 'onHand', 10, 36],
	['http', 'available', 0, 40],
	['http', 'availableWithHeld', 0, 46],
	['http', 'onHand', 2, 44],
] as const)('%s, Quantity to Publish %s, Safety Buffer %i: TSHIRT-S (40 sellable + 6 on hold) is set to %i', async (wmsType, quantityToPublish, safetyBuffer, expected) => {
	await sync(wmsType, { quantityToPublish, safetyBuffer });
	expect(bc.getInventory('TSHIRT-S')!.level).toBe(expected);
	expect(bc.getInventory('MUG-RED')!.level).toBe(Math.max(0, 120 - safetyBuffer));
});

it('the default is Available: a workflow saved without the option never publishes on-hold units', async () => {
	await runNode('syncInventory', { source: 'wms', wmsType: 'http' }, [{}], { credentials: { bigCommerceApi: bc.credentials, wmsHttpApi: wms.httpCredentials } });
	expect(bc.getInventory('TSHIRT-S')!.level).toBe(40);
});
