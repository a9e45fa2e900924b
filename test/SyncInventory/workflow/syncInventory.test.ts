/**
 * Sync Inventory through n8n's engine against the BigCommerce sandbox (and the WMS sandbox for the WMS source).
 */
import type { IDataObject } from 'n8n-workflow';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { runNode } from '../../helpers/harness';
import { trackedTargets } from './catalog';

const ADJUST = '/v3/inventory/adjustments/absolute';

describe('Sync Inventory (engine + sandbox)', () => {
	let bc: BcSandbox;

	afterEach(async () => {
		await bc?.close();
	});

	it('syncs a 10,000-SKU catalog exactly, in the fewest requests, and writes nothing the second time', async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false }, quota: 150, windowMs: 30000 });
		bc.generateCatalog({ products: 5000, variantsPer: 0, seed: 1 });
		bc.generateCatalog({ products: 1250, variantsPer: 4, seed: 2 });
		const skus = trackedTargets(bc);
		expect(skus).toHaveLength(10000);
		// Mixed-case SKUs from the warehouse; about 70% of the levels differ from BigCommerce's.
		const stock = skus.map((sku, i) => ({ sku: i % 3 === 0 ? sku.toLowerCase() : sku, available: i % 10 < 7 ? (i * 7) % 500 : bc.getInventory(sku)!.level + 3 }));
		const buffer = 3;
		const expected = new Map(skus.map((sku, i) => [sku, Math.max(0, stock[i].available - buffer)]));
		const changed = skus.filter((sku) => bc.getInventory(sku)!.level !== expected.get(sku)).length;

		bc.resetRequestLog();
		const { items } = await runNode('syncInventory', { source: 'inputItems', options: { safetyBuffer: buffer, output: 'summary' } }, stock, {
			credentials: { bigCommerceApi: bc.credentials },
		});
		// BigCommerce's bound: one listing of the products with their variants, then absolute writes of 2,000.
		const products = bc.getProducts().length;
		const bound = Math.ceil(products / 250) + Math.ceil(changed / 2000);
		const used = bc.countRequests();
		console.log(`10,000-SKU sync: ${used} requests (bound ${bound}; naive per-SKU approach: ${2 * 10000}+)`);
		expect(used).toBeLessThanOrEqual(bound);
		expect(items[0]).toMatchObject({ counts: { updated: changed, unchanged: 10000 - changed, failed: 0 }, bigCommerceRequests: used });
		for (const sku of skus) expect(bc.getInventory(sku)!.level).toBe(expected.get(sku));

		bc.resetRequestLog();
		const again = await runNode('syncInventory', { source: 'inputItems', options: { safetyBuffer: buffer } }, stock, {
			credentials: { bigCommerceApi: bc.credentials },
		});
		expect(again.items).toEqual([]);
		expect(bc.countRequests({ method: 'PUT', pathPrefix: ADJUST })).toBe(0);
	});

	it('gives each bad input a clear per-SKU outcome and still syncs the rest', async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
		bc.addProduct({ sku: 'Mug-Red', tracking: 'product', level: 5 });
		bc.addProduct({ sku: 'SHIRT', tracking: 'variant', variants: [{ sku: 'SHIRT-S', level: 1 }, { sku: 'SHIRT-M', level: 2 }] });
		bc.addProduct({ sku: 'POSTER', tracking: 'none', level: 0 });
		bc.addProduct({ sku: 'CAP', tracking: 'product', level: 9 });
		const input: IDataObject[] = [
			{ sku: 'mug-red', available: 4 },
			{ sku: 'SHIRT-S', available: -2 },
			{ sku: 'SHIRT-M', available: 'lots' },
			{ sku: 'POSTER', available: 3 },
			{ sku: 'NOPE-1', available: 3 },
			{ sku: 'CAP', available: 1 },
			{ sku: 'cap', available: 7 },
			{ sku: '', available: 2 },
			{ sku: 'SHIRT', available: 10 },
		];
		const { items } = await runNode('syncInventory', { source: 'inputItems', options: { output: 'all' } }, input, {
			credentials: { bigCommerceApi: bc.credentials },
		});
		const by = (sku: string) => items.find((i) => i.sku === sku)!;
		expect(by('mug-red')).toMatchObject({ outcome: 'updated', before: 5, after: 4 });
		expect(by('SHIRT-S')).toMatchObject({ outcome: 'updated', after: 0 });
		expect(by('SHIRT-S').reason).toMatch(/-2.*set to 0/);
		expect(by('SHIRT-M')).toMatchObject({ outcome: 'failed' });
		expect(by('SHIRT-M').reason).toMatch(/SHIRT-M.*"lots" is not a number/);
		expect(by('POSTER')).toMatchObject({ outcome: 'skipped' });
		expect(by('POSTER').reason).toMatch(/does not track inventory/);
		expect(by('NOPE-1').reason).toMatch(/not found in BigCommerce/);
		expect(by('cap')).toMatchObject({ outcome: 'updated', before: 9, after: 7 });
		expect(by('cap').reason).toMatch(/appeared 2 times.*last value \(7\)/);
		expect(items.find((i) => i.sku === '')!.reason).toMatch(/Item 8 has no SKU/);
		expect(by('SHIRT')).toMatchObject({ outcome: 'skipped' });
		expect(by('SHIRT').reason).toMatch(/per variant/);
		expect(bc.getInventory('MUG-RED')!.level).toBe(4);
		expect(bc.getInventory('SHIRT-S')!.level).toBe(0);
		expect(bc.getInventory('SHIRT-M')!.level).toBe(2);
		expect(bc.getInventory('CAP')!.level).toBe(7);
		expect(bc.getInventory('POSTER')!.tracking).toBe('none');
	});

	it('enables tracking when asked, and dry run writes nothing', async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
		bc.addProduct({ sku: 'POSTER', tracking: 'none', level: 0 });
		bc.addProduct({ sku: 'MUG', tracking: 'product', level: 1 });
		const credentials = { bigCommerceApi: bc.credentials };
		const dry = await runNode('syncInventory', { source: 'inputItems', options: { dryRun: true, untracked: 'enable' } }, [{ sku: 'MUG', available: 6 }, { sku: 'POSTER', available: 3 }], { credentials });
		expect(dry.items.find((i) => i.sku === 'MUG')).toMatchObject({ outcome: 'updated', dryRun: true, before: 1, after: 6 });
		expect(bc.getInventory('MUG')!.level).toBe(1);
		expect(bc.getInventory('POSTER')!.tracking).toBe('none');
		await runNode('syncInventory', { source: 'inputItems', options: { untracked: 'enable' } }, [{ sku: 'MUG', available: 6 }, { sku: 'POSTER', available: 3 }], { credentials });
		expect(bc.getInventory('POSTER')).toMatchObject({ tracking: 'product', level: 3 });
		expect(bc.getInventory('MUG')!.level).toBe(6);
	});

	it('writes to another location, comparing with that location\'s stock', async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
		bc.addProduct({ sku: 'MUG', tracking: 'product', level: 5 });
		bc.addProduct({ sku: 'TEE', tracking: 'variant', variants: [{ sku: 'TEE-S', level: 2 }] });
		const credentials = { bigCommerceApi: bc.credentials };
		const first = await runNode('syncInventory', { source: 'inputItems', locationId: 2 }, [{ sku: 'MUG', available: 5 }, { sku: 'TEE-S', available: 2 }], { credentials });
		expect(first.items.map((i) => [i.sku, i.outcome, i.before, i.after])).toEqual([['MUG', 'updated', 0, 5], ['TEE-S', 'updated', 0, 2]]);
		expect(bc.getInventory('MUG', 2)!.level).toBe(5);
		expect(bc.getInventory('MUG', 1)!.level).toBe(5);
		bc.resetRequestLog();
		const second = await runNode('syncInventory', { source: 'inputItems', locationId: 2 }, [{ sku: 'MUG', available: 5 }, { sku: 'TEE-S', available: 2 }], { credentials });
		expect(second.items).toEqual([]);
		expect(bc.countRequests({ method: 'PUT' })).toBe(0);
	});

	it('reaches exactly the right end state under 20% faults (absolute writes are safe to repeat)', async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
		bc.generateCatalog({ products: 1500, variantsPer: 0, seed: 3 });
		bc.generateCatalog({ products: 400, variantsPer: 3, seed: 4 });
		const skus = trackedTargets(bc);
		const stock = skus.map((sku, i) => ({ sku, available: (i * 13) % 97 }));
		bc.setFaults({ rate: 0.2, kinds: ['500', '503', '429-no-headers', 'drop', 'lost-response'], seed: 11 });
		let runs = 0;
		for (; runs < 10; runs++) {
			const { result } = await runNode('syncInventory', { source: 'inputItems', options: { output: 'summary' } }, stock, {
				credentials: { bigCommerceApi: bc.credentials },
			});
			if (result.status === 'success') break;
		}
		bc.setFaults(null);
		expect(runs).toBeLessThan(10);
		expect(bc.requestLog().filter((r) => r.fault).length).toBeGreaterThan(0);
		for (const [i, sku] of skus.entries()) expect(bc.getInventory(sku)!.level).toBe(stock[i].available);
	});

	describe('from the warehouse', () => {
		let wms: WmsSandbox;
		afterEach(async () => wms?.close());

		it('reads available stock from 3PL Warehouse Manager and the generic HTTP WMS', async () => {
			bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
			bc.addProduct({ sku: 'MUG', tracking: 'product', level: 1 });
			bc.addProduct({ sku: 'TEE', tracking: 'variant', variants: [{ sku: 'TEE-S', level: 0 }, { sku: 'TEE-L', level: 0 }] });
			wms = await startWmsSandbox({ items: [{ sku: 'MUG', available: 12 }, { sku: 'TEE-S', available: 4 }, { sku: 'TEE-L', available: 8 }, { sku: 'WMS-ONLY', available: 1 }] });
			const { items } = await runNode('syncInventory', { source: 'wms', wmsType: 'extensiv' }, [{}], {
				credentials: { bigCommerceApi: bc.credentials, extensivWarehouseManagerApi: wms.extensivCredentials },
			});
			expect(bc.getInventory('MUG')!.level).toBe(12);
			expect(bc.getInventory('TEE-S')!.level).toBe(4);
			expect(bc.getInventory('TEE-L')!.level).toBe(8);
			expect(items.find((i) => i.sku === 'WMS-ONLY')).toMatchObject({ outcome: 'skipped' });

			wms.setStock('MUG', 2);
			await runNode('syncInventory', { source: 'wms', wmsType: 'http' }, [{}], {
				credentials: { bigCommerceApi: bc.credentials, wmsHttpApi: wms.httpCredentials },
			});
			expect(bc.getInventory('MUG')!.level).toBe(2);
		});
	});
});
