/**
 * SKU resolution for inventory writes: every variant and product listed once per run (250 per page), indexed by
 * SKU case-insensitively (BigCommerce SKUs are unique regardless of case), with how BigCommerce tracks its stock.
 */
import type { BcInventoryTracking, BcProduct, BcVariant } from './types';
import { bcPagesV3, type BcContext } from './transport';
import { skuKey } from '../sku';

/** Where a SKU's stock lives in BigCommerce, and how an inventory adjustment must identify it. */
export interface SkuTarget {
	sku: string;
	productId: number;
	/** The variant the SKU belongs to (the base variant for a simple product). */
	variantId: number;
	/** The product's tracking mode. */
	tracking: BcInventoryTracking;
	/** Whether this SKU is the product-level SKU (simple products, and parents of products with options). */
	isProductSku: boolean;
	/** Whether the product has option variants (then product-level tracking covers all of them). */
	hasOptions: boolean;
	/** Stock at the default location, as the catalog reports it. */
	level: number;
}

export interface SkuIndex {
	get(sku: string): SkuTarget | undefined;
	size: number;
	/** Products' tracking modes by product id. */
	trackingByProduct: Map<number, BcInventoryTracking>;
}

/** SKUs are compared by the shared rule (nodes/shared/sku.ts). */
export { skuKey };

export async function loadSkuIndex(this: BcContext): Promise<SkuIndex> {
	const products = new Map<number, Pick<BcProduct, 'id' | 'sku' | 'inventory_tracking' | 'inventory_level' | 'base_variant_id'>>();
	for await (const page of bcPagesV3.call<BcContext, Parameters<typeof bcPagesV3>, AsyncGenerator<BcProduct[]>>(this, {
		method: 'GET',
		version: 'v3',
		path: '/catalog/products',
		qs: { include_fields: 'sku,inventory_tracking,inventory_level,base_variant_id' },
		resource: 'the product list',
	})) {
		for (const p of page) products.set(p.id, p);
	}

	// A product with options has no base variant (`base_variant_id` null); its variants carry the option SKUs.
	const hasOptions = (productId: number) => products.get(productId)?.base_variant_id === null;
	const index = new Map<string, SkuTarget>();
	for await (const page of bcPagesV3.call<BcContext, Parameters<typeof bcPagesV3>, AsyncGenerator<BcVariant[]>>(this, {
		method: 'GET',
		version: 'v3',
		path: '/catalog/variants',
		qs: { include_fields: 'product_id,sku,inventory_level' },
		resource: 'the variant list',
	})) {
		for (const v of page) {
			const product = products.get(v.product_id);
			if (!product || !v.sku) continue;
			const options = hasOptions(v.product_id);
			const isBase = !options;
			index.set(skuKey(v.sku), {
				sku: v.sku,
				productId: v.product_id,
				variantId: v.id,
				tracking: product.inventory_tracking,
				isProductSku: isBase,
				hasOptions: options,
				level: isBase || product.inventory_tracking === 'product' ? product.inventory_level : v.inventory_level,
			});
		}
	}

	// Parents of products with options carry a product SKU that no variant has.
	for (const p of products.values()) {
		const key = skuKey(p.sku ?? '');
		if (!key || index.has(key)) continue;
		index.set(key, {
			sku: p.sku,
			productId: p.id,
			variantId: p.base_variant_id ?? 0,
			tracking: p.inventory_tracking,
			isProductSku: true,
			hasOptions: hasOptions(p.id),
			level: p.inventory_level,
		});
	}

	const trackingByProduct = new Map<number, BcInventoryTracking>();
	for (const p of products.values()) trackingByProduct.set(p.id, p.inventory_tracking);
	return { get: (sku) => index.get(skuKey(sku)), size: index.size, trackingByProduct };
}
