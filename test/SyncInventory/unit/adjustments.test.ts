import nock from 'nock';
import { runNode } from '../../helpers/harness';

const API = 'https://api.bigcommerce.com';
const STORE = '/stores/abc123';
const credentials = { bigCommerceApi: { storeHash: 'abc123', accessToken: 'tok-secret-1', apiUrl: API } };

function catalog(products: Array<{ id: number; sku: string; tracking: string; level: number }>) {
	nock(API)
		.get(`${STORE}/v3/catalog/products`)
		.query(true)
		.reply(200, {
			// One listing: `include=variants` embeds each product's variants (a simple product's base variant here).
			data: products.map((p) => ({
				id: p.id,
				sku: p.sku,
				inventory_tracking: p.tracking,
				inventory_level: p.level,
				base_variant_id: p.id * 10,
				variants: [{ id: p.id * 10, product_id: p.id, sku: p.sku, inventory_level: p.level, option_values: [] }],
			})),
			meta: { pagination: { total: products.length, count: products.length, per_page: 250, current_page: 1, total_pages: 1 } },
		});
}

describe('Sync Inventory writes (nock)', () => {
	afterEach(() => nock.cleanAll());

	it('sends documented absolute adjustments and retries a batch without the item BigCommerce rejects', async () => {
		catalog([
			{ id: 1, sku: 'A', tracking: 'product', level: 0 },
			{ id: 2, sku: 'B', tracking: 'product', level: 0 },
			{ id: 3, sku: 'C', tracking: 'product', level: 0 },
		]);
		const bodies: unknown[] = [];
		nock(API)
			.put(`${STORE}/v3/inventory/adjustments/absolute`)
			.reply(422, (_u, body) => {
				bodies.push(body);
				return { status: 422, title: '[Item with product_id 2 is tracked by variant, please update stock by variant id]', type: 'about:blank', errors: {} };
			})
			.put(`${STORE}/v3/inventory/adjustments/absolute`)
			.reply(200, (_u, body) => {
				bodies.push(body);
				return { transaction_id: 'abc' };
			});
		const { items } = await runNode('syncInventory', { source: 'inputItems', locationId: 1, options: { reason: 'test' } }, [
			{ sku: 'a', available: 1 },
			{ sku: 'B', available: 2 },
			{ sku: 'C', available: 3 },
		], { credentials });
		expect(bodies[0]).toEqual({
			reason: 'test',
			items: [
				{ location_id: 1, quantity: 1, product_id: 1 },
				{ location_id: 1, quantity: 2, product_id: 2 },
				{ location_id: 1, quantity: 3, product_id: 3 },
			],
		});
		expect(bodies[1]).toEqual({ reason: 'test', items: [{ location_id: 1, quantity: 1, product_id: 1 }, { location_id: 1, quantity: 3, product_id: 3 }] });
		expect(items.find((i) => i.sku === 'B')).toMatchObject({ outcome: 'failed', after: 0 });
		expect(String(items.find((i) => i.sku === 'B')!.reason)).toMatch(/SKU B.*tracked by variant/);
		expect(items.filter((i) => i.outcome === 'updated').map((i) => i.sku)).toEqual(['a', 'C']);
		expect(JSON.stringify(items)).not.toContain('tok-secret-1');
		expect(nock.isDone()).toBe(true);
	});

	it('isolates an unnamed bad item by halving the batch', async () => {
		catalog([1, 2, 3, 4].map((id) => ({ id, sku: `S${id}`, tracking: 'product', level: 0 })));
		const seen: number[][] = [];
		nock(API)
			.put(`${STORE}/v3/inventory/adjustments/absolute`)
			.times(6)
			.reply((_u, body) => {
				const ids = (body as { items: Array<{ product_id: number }> }).items.map((i) => i.product_id);
				seen.push(ids);
				return ids.includes(3) ? [422, { status: 422, title: 'Invalid quantity', type: 'about:blank', errors: {} }] : [200, { transaction_id: 'x' }];
			});
		const { items } = await runNode('syncInventory', { source: 'inputItems' }, [1, 2, 3, 4].map((id) => ({ sku: `S${id}`, available: id })), { credentials });
		expect(seen).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]);
		expect(items.filter((i) => i.outcome === 'failed').map((i) => i.sku)).toEqual(['S3']);
		expect(items.filter((i) => i.outcome === 'updated')).toHaveLength(3);
	});
});

describe('Sync Inventory from a generic HTTP WMS (nock)', () => {
	afterEach(() => nock.cleanAll());

	it('reports a SKU whose warehouse quantity is not a number instead of writing 0', async () => {
		catalog([
			{ id: 1, sku: 'A', tracking: 'product', level: 5 },
			{ id: 2, sku: 'B', tracking: 'product', level: 5 },
		]);
		nock('https://wms.example.test')
			.get('/inventory')
			.query({ page: 1 })
			.reply(200, { items: [{ sku: 'A', available: 'n/a' }, { sku: 'B', available: '7' }], nextPage: null });
		const bodies: unknown[] = [];
		nock(API)
			.put(`${STORE}/v3/inventory/adjustments/absolute`)
			.reply(200, (_u, body) => {
				bodies.push(body);
				return { transaction_id: 't' };
			});
		const { items } = await runNode('syncInventory', { source: 'wms', wmsType: 'http' }, [{}], {
			credentials: { ...credentials, wmsHttpApi: { baseUrl: 'https://wms.example.test', headerName: 'X-Api-Key', headerValue: 'k' } },
		});
		expect(items.find((i) => i.sku === 'A')).toMatchObject({ outcome: 'failed' });
		expect(String(items.find((i) => i.sku === 'A')!.reason)).toMatch(/no valid available quantity/);
		expect(bodies).toEqual([{ reason: 'Warehouse stock sync (n8n)', items: [{ location_id: 1, quantity: 7, product_id: 2 }] }]);
	});
});
