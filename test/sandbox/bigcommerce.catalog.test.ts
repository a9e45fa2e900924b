import { startBigCommerceSandbox } from '../../sandbox/bigcommerce';
import type { BcSandbox } from '../../sandbox/bigcommerce';
import { call, get } from './bigcommerceClient';

describe('BigCommerce sandbox: catalog, inventory, admin', () => {
	let sb: BcSandbox;
	beforeAll(async () => {
		sb = await startBigCommerceSandbox({ quota: 100000 });
	});
	afterAll(async () => {
		await sb.close();
	});

	const adjust = (items: unknown[]) => call(sb, 'PUT', '/v3/inventory/adjustments/absolute', { reason: 'WMS sync', items });

	describe('catalog', () => {
		it('has >=1 variant per product; simple products have a base variant with the product SKU; products with options have base_variant_id null', async () => {
			const products = (await get(sb, '/v3/catalog/products?include=variants&limit=250')).body.data;
			expect(products.length).toBe(sb.getProducts().length);
			for (const p of products) {
				expect(p.variants.length).toBeGreaterThanOrEqual(1);
				if (p.base_variant_id === null) {
					expect(p.variants.every((v: any) => v.option_values.length > 0)).toBe(true);
				} else {
					expect(p.variants).toHaveLength(1);
					expect(p.variants[0]).toMatchObject({ id: p.base_variant_id, sku: p.sku, option_values: [] });
				}
			}
			expect(new Set(products.map((p: any) => p.inventory_tracking))).toEqual(new Set(['none', 'product', 'variant']));
			expect(products.some((p: any) => p.sku !== p.sku.toUpperCase())).toBe(true);
		});

		it('pages with meta.pagination and clamps limit to 250', async () => {
			const r = await get(sb, '/v3/catalog/products?limit=10&page=2');
			expect(r.body.data).toHaveLength(10);
			expect(r.body.meta.pagination).toMatchObject({ total: sb.getProducts().length, count: 10, per_page: 10, current_page: 2, total_pages: Math.ceil(sb.getProducts().length / 10) });
			expect(r.body.meta.pagination.links.next).toContain('page=3');
			expect((await get(sb, '/v3/catalog/products?limit=1000')).body.meta.pagination.per_page).toBe(250);
		});

		it('filters by sku (main SKU, case-insensitive), sku:in, id:in and include_fields', async () => {
			const simple = sb.getProducts().find((p) => p.base_variant_id !== null && /[a-z]/.test(p.sku))!;
			const r = await get(sb, `/v3/catalog/products?sku=${encodeURIComponent(simple.sku.toUpperCase())}&include_fields=sku,inventory_tracking`);
			expect(r.body.data).toEqual([{ id: simple.id, sku: simple.sku, inventory_tracking: simple.inventory_tracking }]);
			const variant = sb.getVariants().find((v) => v.option_values.length > 0)!;
			expect((await get(sb, `/v3/catalog/products?sku=${encodeURIComponent(variant.sku)}`)).body.data).toHaveLength(0);
			const v = await get(sb, `/v3/catalog/variants?sku:in=${encodeURIComponent(variant.sku.toLowerCase())},${encodeURIComponent(simple.sku)}&include_fields=sku,product_id`);
			expect(v.body.data.map((x: any) => x.sku).sort()).toEqual([variant.sku, simple.sku].sort());
			const ids = sb.getProducts().slice(0, 3).map((p) => p.id);
			expect((await get(sb, `/v3/catalog/products?id:in=${ids.join(',')}`)).body.data.map((p: any) => p.id)).toEqual(ids);
			const byProduct = await get(sb, `/v3/catalog/variants?product_id:in=${variant.product_id}`);
			expect(byProduct.body.data.every((x: any) => x.product_id === variant.product_id)).toBe(true);
		});

		it('updates inventory_tracking one by one and in batches of at most 10', async () => {
			const p = sb.addProduct({ sku: 'TRK-1', tracking: 'none' });
			const one = await call(sb, 'PUT', `/v3/catalog/products/${p.id}`, { inventory_tracking: 'product' });
			expect(one.status).toBe(200);
			expect(one.body.data.inventory_tracking).toBe('product');
			expect((await call(sb, 'PUT', `/v3/catalog/products/${p.id}`, { inventory_tracking: 'sometimes' })).status).toBe(422);
			const batch = await call(sb, 'PUT', '/v3/catalog/products', [{ id: p.id, inventory_tracking: 'variant' }]);
			expect(batch.body.data[0].inventory_tracking).toBe('variant');
			const tooMany = await call(sb, 'PUT', '/v3/catalog/products', Array.from({ length: 11 }, () => ({ id: p.id, inventory_tracking: 'none' })));
			expect(tooMany.status).toBe(413);
			expect(tooMany.body.title).toBe('The request payload is too large. The maximum items allowed in the array is 10.');
			expect(sb.getInventory('trk-1')!.tracking).toBe('variant');
		});

		it('keeps SKUs unique regardless of case', () => {
			expect(() => sb.addProduct({ sku: 'trk-1' })).toThrow(/already exists/);
		});

		it('generates 10,000 SKUs in under a second', () => {
			const t = Date.now();
			sb.generateCatalog({ products: 10000, seed: 3 });
			const ms = Date.now() - t;
			expect(ms).toBeLessThan(1000);
			expect(sb.getInventory('gen3-009999')).toMatchObject({ tracking: 'product' });
		});
	});

	describe('inventory', () => {
		let productTracked: ReturnType<BcSandbox['addProduct']>;
		let variantTracked: ReturnType<BcSandbox['addProduct']>;
		let untracked: ReturnType<BcSandbox['addProduct']>;
		beforeAll(() => {
			productTracked = sb.addProduct({ sku: 'Inv-Simple', tracking: 'product', level: 5 });
			variantTracked = sb.addProduct({ sku: 'Inv-Shirt', tracking: 'variant', variants: [{ sku: 'Inv-Shirt-S', level: 1 }, { sku: 'Inv-Shirt-M', level: 2 }] });
			untracked = sb.addProduct({ sku: 'Inv-None', tracking: 'none' });
		});

		it('lists locations and items with identities', async () => {
			const locations = (await get(sb, '/v3/inventory/locations')).body.data;
			expect(locations.map((l: any) => l.id)).toEqual([1, 2]);
			const items = (await get(sb, '/v3/inventory/items?sku:in=inv-shirt-s,Inv-Simple&location_id:in=1')).body.data;
			expect(items).toHaveLength(2);
			const shirt = items.find((i: any) => i.identity.sku === 'Inv-Shirt-S');
			expect(shirt.identity.product_id).toBe(variantTracked.id);
			expect(shirt.locations).toEqual([expect.objectContaining({ location_id: 1, total_inventory_onhand: 1, available_to_sell: 1 })]);
		});

		it('sets absolute stock by the identity that matches the tracking mode, SKUs case-insensitive', async () => {
			const m = sb.getVariants().find((v) => v.sku === 'Inv-Shirt-M')!;
			const r = await adjust([
				{ location_id: 1, product_id: productTracked.id, quantity: 40 },
				{ location_id: 1, sku: 'INV-SHIRT-S', quantity: 7 },
				{ location_id: 2, variant_id: m.id, quantity: 9 },
			]);
			expect(r.status).toBe(200);
			expect(typeof r.body.transaction_id).toBe('string');
			expect(sb.getInventory('inv-simple')!.level).toBe(40);
			expect(sb.getInventory('Inv-Shirt-S')!.level).toBe(7);
			expect(sb.getInventory('Inv-Shirt-M', 2)!.level).toBe(9);
			expect(sb.getInventory('Inv-Shirt-M', 1)!.level).toBe(2);
			expect((await get(sb, `/v3/catalog/products?id:in=${productTracked.id}`)).body.data[0].inventory_level).toBe(40);
		});

		it('rejects the whole batch with 422 naming the item when one identity is wrong', async () => {
			const base = productTracked.base_variant_id!;
			const cases: Array<[unknown, string]> = [
				[{ location_id: 1, variant_id: base, quantity: 3 }, `[Item with variant_id ${base} is tracked by product, please update stock by product id]`],
				[{ location_id: 1, sku: 'Inv-Simple', quantity: 3 }, '[Item with sku Inv-Simple is tracked by product, please update stock by product id]'],
				[{ location_id: 1, product_id: variantTracked.id, quantity: 3 }, `[Item with product_id ${variantTracked.id} is tracked by variant, please update stock by variant id or sku]`],
			];
			for (const [bad, title] of cases) {
				const r = await adjust([{ location_id: 1, sku: 'Inv-Shirt-S', quantity: 99 }, bad]);
				expect(r.status).toBe(422);
				expect(r.body.title).toBe(title);
			}
			const more: unknown[] = [
				{ location_id: 1, product_id: untracked.id, quantity: 1 },
				{ location_id: 77, sku: 'Inv-Shirt-M', quantity: 1 },
				{ location_id: 1, sku: 'NO-SUCH-SKU', quantity: 1 },
				{ location_id: 1, sku: 'Inv-Shirt-M', variant_id: 1, quantity: 1 },
				{ location_id: 1, sku: 'Inv-Shirt-M', quantity: -1 },
				{ location_id: 1, sku: 'Inv-Shirt-M', quantity: 2147483648 },
				{ location_id: 1, sku: 'Inv-Shirt-M', quantity: 1.5 },
			];
			for (const bad of more) {
				const r = await adjust([{ location_id: 1, sku: 'Inv-Shirt-S', quantity: 99 }, bad]);
				expect({ bad, status: r.status }).toEqual({ bad, status: 422 });
			}
			expect(sb.getInventory('Inv-Shirt-S')!.level).toBe(7);
		});

		it('accepts 2000 items and rejects 2001', async () => {
			const ok = Array.from({ length: 2000 }, (_, i) => ({ location_id: 1, sku: `GEN3-${String(i).padStart(6, '0')}`, quantity: i }));
			// Generated simple products are product-tracked: address them by product id.
			const byProduct = ok.map((item) => ({ location_id: 1, product_id: sb.getInventory(item.sku)!.productId, quantity: item.quantity }));
			expect((await adjust(byProduct)).status).toBe(200);
			expect(sb.getInventory('GEN3-001999')!.level).toBe(1999);
			const tooMany = await adjust([...byProduct, byProduct[0]]);
			expect(tooMany.status).toBe(413);
			expect(tooMany.body.title).toMatch(/2000/);
		});

		it('answers 409 to a second adjustment while one is in flight', async () => {
			sb.setLatency(200);
			try {
				const [a, b] = await Promise.all([
					adjust([{ location_id: 1, sku: 'Inv-Shirt-S', quantity: 11 }]),
					new Promise((r) => setTimeout(r, 50)).then(() => adjust([{ location_id: 1, sku: 'Inv-Shirt-S', quantity: 12 }])),
				]);
				expect([a.status, b.status]).toEqual([200, 409]);
				expect(sb.getInventory('Inv-Shirt-S')!.level).toBe(11);
			} finally {
				sb.setLatency(0);
			}
		});
	});

	describe('seed', () => {
		it('is deterministic for a seed and differs for another seed', async () => {
			const shape = (x: BcSandbox) =>
				x.listOrderIds().map((id) => {
					const o = x.getOrder(id)!;
					return [o.status_id, o.billing_address.last_name, x.getOrderProducts(id).map((l) => `${l.sku}x${l.quantity}`).join(',')].join('|');
				});
			const [a, b, c] = await Promise.all([
				startBigCommerceSandbox({ seed: { seed: 5, orders: 30, products: 20 } }),
				startBigCommerceSandbox({ seed: { seed: 5, orders: 30, products: 20 } }),
				startBigCommerceSandbox({ seed: { seed: 6, orders: 30, products: 20 } }),
			]);
			try {
				expect(shape(a)).toEqual(shape(b));
				expect(a.getVariants().map((v) => v.sku)).toEqual(b.getVariants().map((v) => v.sku));
				expect(shape(a)).not.toEqual(shape(c));
				expect(a.listOrderIds()).toHaveLength(34);
			} finally {
				await Promise.all([a.close(), b.close(), c.close()]);
			}
		});
	});

	describe('admin over HTTP', () => {
		it('adds orders, changes status, shows state, counts requests, sets faults', async () => {
			const created = await call(sb, 'POST', '/__admin/orders', { lines: [{ sku: 'ADM-1', quantity: 2 }], dateCreated: '2026-01-02T03:04:05Z' });
			expect(created.status).toBe(201);
			const id = created.body.id;
			expect((await call(sb, 'PUT', `/__admin/orders/${id}/status`, { statusId: 9 })).status).toBe(200);
			const state = await get(sb, `/__admin/orders/${id}`);
			expect(state.body.order).toMatchObject({ id, status_id: 9, date_created: 'Fri, 02 Jan 2026 03:04:05 +0000' });
			expect(state.body.products[0]).toMatchObject({ sku: 'ADM-1', quantity: 2 });
			expect(state.body.shipping_addresses).toHaveLength(1);
			expect(state.body.shipments).toEqual([]);
			expect((await call(sb, 'DELETE', '/__admin/requests')).status).toBe(204);
			await get(sb, `/v2/orders/${id}`);
			await get(sb, `/v2/orders/${id}`);
			const log = (await get(sb, '/__admin/requests')).body;
			expect(log.counts).toEqual({ [`GET /v2/orders/${id}`]: 2 });
			expect(sb.countRequests({ pathPrefix: '/v2/orders' })).toBe(2);
			expect((await call(sb, 'PUT', '/__admin/faults', { rate: 1, kinds: ['503'], pathPattern: '^/v2/time' })).status).toBe(204);
			expect((await get(sb, '/v2/time')).status).toBe(503);
			expect((await get(sb, '/v2/store')).status).toBe(200);
			expect((await call(sb, 'PUT', '/__admin/faults', null)).status).toBe(204);
			expect((await get(sb, '/v2/time')).status).toBe(200);
			expect((await get(sb, '/__admin/inventory?sku=inv-shirt-s')).body).toMatchObject({ sku: 'Inv-Shirt-S', tracking: 'variant' });
			expect((await get(sb, `/__admin/shipments?orderId=${id}`)).body).toEqual([]);
		});
	});
});
