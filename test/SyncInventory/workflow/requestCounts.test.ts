/**
 * Sync Inventory's BigCommerce requests, counted by path in the sandbox's request log, against BigCommerce's lower
 * bound (issue 13, item 5): the fewest calls that return each SKU's identity, tracking mode and level together are
 * ceil(products/250) pages of `GET /v3/catalog/products?include=variants`, then ceil(changed/2000) absolute
 * adjustments, plus the location's item pages only for a location other than the default.
 */
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { runNode } from '../../helpers/harness';
import { get } from '../../sandbox/bigcommerceClient';
import { requestsByPath, trackedTargets } from './catalog';

const PRODUCTS = 'GET /v3/catalog/products';
const ADJUST = 'PUT /v3/inventory/adjustments/absolute';
const pages = (n: number, per: number) => Math.ceil(n / per);

describe('Sync Inventory requests at the lower bound (10,000 SKUs: 5,000 simple + 1,250 products x 4 variants)', () => {
	let bc: BcSandbox;
	let skus: string[];
	const available = new Map<string, number>();
	const sync = () =>
		runNode('syncInventory', { source: 'inputItems', options: { output: 'summary' } }, skus.map((sku) => ({ sku, available: available.get(sku) })), {
			credentials: { bigCommerceApi: bc.credentials },
		});

	beforeAll(async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false }, quota: 150, windowMs: 30000 });
		bc.generateCatalog({ products: 5000, variantsPer: 0, seed: 1 });
		bc.generateCatalog({ products: 1250, variantsPer: 4, seed: 2 });
		skus = trackedTargets(bc);
		for (const sku of skus) available.set(sku, bc.getInventory(sku)!.level + 1);
	});
	afterAll(async () => await bc.close());

	it('full sync: one listing with include=variants (no variant listing), then writes of 2,000', async () => {
		expect(skus).toHaveLength(10000);
		const products = bc.getProducts().length;
		bc.resetRequestLog();
		const { items } = await sync();
		const bound = pages(products, 250) + pages(10000, 2000);
		expect(requestsByPath(bc)).toEqual({ [PRODUCTS]: pages(products, 250), [ADJUST]: 5 });
		expect(bc.countRequests()).toBe(bound);
		expect(bc.countRequests()).toBeLessThanOrEqual(1.2 * bound);
		expect(items[0]).toMatchObject({ counts: { updated: 10000, failed: 0 }, bigCommerceRequests: bound });
		// Every page asks for the variants inside each product, 250 products a page, and only the fields needed.
		for (const r of bc.requestLog().filter((e) => e.method === 'GET')) {
			const q = new URLSearchParams(r.query);
			expect([q.get('include'), q.get('limit'), q.get('include_fields')]).toEqual(['variants', '250', 'sku,inventory_tracking,inventory_level,base_variant_id']);
		}
		for (const sku of skus) expect(bc.getInventory(sku)!.level).toBe(available.get(sku));
	});

	it('1% re-sync: the same listing and one write', async () => {
		const changed = skus.filter((_, i) => i % 100 === 7);
		for (const sku of changed) available.set(sku, available.get(sku)! + 5);
		bc.resetRequestLog();
		const { items } = await sync();
		const bound = pages(bc.getProducts().length, 250) + pages(changed.length, 2000);
		expect(requestsByPath(bc)).toEqual({ [PRODUCTS]: pages(bc.getProducts().length, 250), [ADJUST]: 1 });
		expect(bc.countRequests()).toBe(bound);
		expect(items[0]).toMatchObject({ counts: { updated: 100, unchanged: 9900, failed: 0 } });
		for (const sku of changed) expect(bc.getInventory(sku)!.level).toBe(available.get(sku));
	});
});

describe('Sync Inventory requests at a location other than the default', () => {
	it('adds only the location item pages', async () => {
		const bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
		try {
			bc.generateCatalog({ products: 400, variantsPer: 0, seed: 1 });
			bc.generateCatalog({ products: 50, variantsPer: 4, seed: 2 });
			const skus = trackedTargets(bc);
			// The location lists one item per SKU, 250 a page (loadLocationLevels).
			const items = (await get(bc, '/v3/inventory/locations/2/items?limit=1')).body.meta.pagination.total as number;
			bc.resetRequestLog();
			const stock = skus.map((sku, i) => ({ sku, available: i % 2 ? 3 : 0 }));
			await runNode('syncInventory', { source: 'inputItems', locationId: 2 }, stock, { credentials: { bigCommerceApi: bc.credentials } });
			expect(requestsByPath(bc)).toEqual({ [PRODUCTS]: pages(bc.getProducts().length, 250), 'GET /v3/inventory/locations/2/items': pages(items, 250), [ADJUST]: 1 });
			for (const [i, sku] of skus.entries()) expect(bc.getInventory(sku, 2)!.level).toBe(i % 2 ? 3 : 0);
		} finally {
			await bc.close();
		}
	});
});

describe('BigCommerce sandbox: GET /v3/catalog/products with include (as documented)', () => {
	let bc: BcSandbox;
	beforeAll(async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false }, quota: 100000 });
		bc.generateCatalog({ products: 300, variantsPer: 0, seed: 1 });
		bc.addProduct({ sku: 'TEE', tracking: 'variant', variants: [{ sku: 'TEE-S', level: 2 }, { sku: 'TEE-M', level: 5 }] });
	});
	afterAll(async () => await bc.close());

	it('include=variants embeds each product\'s variants; include_fields filters the product fields only; 250 a page', async () => {
		const total = bc.getProducts().length;
		const first = (await get(bc, '/v3/catalog/products?include=variants&include_fields=sku,inventory_tracking&limit=250')).body;
		expect(first.meta.pagination).toMatchObject({ per_page: 250, count: 250, total, total_pages: 2 });
		expect(Object.keys(first.data[0]).sort()).toEqual(['id', 'inventory_tracking', 'sku', 'variants']);
		expect(first.data[0].variants).toEqual([expect.objectContaining({ product_id: first.data[0].id, sku: first.data[0].sku, inventory_level: expect.any(Number), option_values: [] })]);
		const last = (await get(bc, '/v3/catalog/products?include=variants&include_fields=sku,base_variant_id&limit=250&page=2')).body.data;
		const tee = last.find((p: { sku: string }) => p.sku === 'TEE');
		expect(tee.base_variant_id).toBeNull();
		expect(tee.variants.map((v: { sku: string; inventory_level: number }) => [v.sku, v.inventory_level])).toEqual([['TEE-S', 2], ['TEE-M', 5]]);
		expect((await get(bc, '/v3/catalog/products?limit=1000')).body.meta.pagination.per_page).toBe(250);
	});

	it.each(['options', 'modifiers', 'variants,options'])('include=%s limits the page to 10', async (include) => {
		const r = (await get(bc, `/v3/catalog/products?include=${include}&limit=250&include_fields=sku`)).body;
		expect(r.meta.pagination).toMatchObject({ per_page: 10, count: 10, total_pages: pages(bc.getProducts().length, 10) });
		for (const name of include.split(',')) expect(r.data[0]).toHaveProperty(name);
	});
});
