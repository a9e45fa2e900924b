/**
 * SKU resolution for inventory writes: the catalog listed once per run, products with their variants embedded
 * (`GET /v3/catalog/products?include=variants`, 250 products a page, so ceil(products/250) requests), indexed by SKU
 * case-insensitively (BigCommerce SKUs are unique regardless of case), with how BigCommerce tracks its stock.
 * Pages are consumed as they arrive: only one small entry per SKU is kept.
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
	/** Every SKU once (Reconcile lists the SKUs only BigCommerce has). */
	values(): IterableIterator<SkuTarget>;
}

/** SKUs are compared by the shared rule (nodes/shared/sku.ts). */
export { skuKey };

/** The product fields the index needs (`include_fields`); `include=variants` adds each product's variants. */
export const SKU_INDEX_PRODUCT_FIELDS = 'sku,inventory_tracking,inventory_level,base_variant_id';

type ListedVariant = Pick<BcVariant, 'id' | 'sku' | 'inventory_level'>;
type ListedProduct = Pick<BcProduct, 'id' | 'sku' | 'inventory_tracking' | 'inventory_level' | 'base_variant_id'> & {
	variants?: ListedVariant[];
};

function variantTarget(p: ListedProduct, v: ListedVariant, hasOptions: boolean): SkuTarget {
	return {
		sku: v.sku,
		productId: p.id,
		variantId: v.id,
		tracking: p.inventory_tracking,
		isProductSku: !hasOptions,
		hasOptions,
		level: !hasOptions || p.inventory_tracking === 'product' ? p.inventory_level : v.inventory_level,
	};
}

function productTarget(p: ListedProduct, hasOptions: boolean): SkuTarget {
	return {
		sku: p.sku,
		productId: p.id,
		variantId: p.base_variant_id ?? 0,
		tracking: p.inventory_tracking,
		isProductSku: true,
		hasOptions,
		level: p.inventory_level,
	};
}

export async function loadSkuIndex(this: BcContext): Promise<SkuIndex> {
	const index = new Map<string, SkuTarget>();
	// Product SKUs no variant of the product carries: parents of products with options (and a simple product listed
	// without its variant). Added after the listing, where no variant anywhere has the SKU.
	const productSkus: SkuTarget[] = [];
	for await (const page of bcPagesV3.call<BcContext, Parameters<typeof bcPagesV3>, AsyncGenerator<ListedProduct[]>>(this, {
		method: 'GET',
		version: 'v3',
		path: '/catalog/products',
		qs: { include: 'variants', include_fields: SKU_INDEX_PRODUCT_FIELDS },
		resource: 'the product list (with variants)',
	})) {
		for (const p of page) {
			// A product with options has no base variant (`base_variant_id` null); its variants carry the option SKUs.
			const hasOptions = p.base_variant_id === null;
			const productKey = skuKey(p.sku ?? '');
			let productSkuSeen = false;
			for (const v of p.variants ?? []) {
				const key = skuKey(v.sku ?? '');
				if (!key) continue;
				if (key === productKey) productSkuSeen = true;
				index.set(key, variantTarget(p, v, hasOptions));
			}
			if (productKey && !productSkuSeen) productSkus.push(productTarget(p, hasOptions));
		}
	}
	for (const t of productSkus) {
		const key = skuKey(t.sku);
		if (!index.has(key)) index.set(key, t);
	}
	return { get: (sku) => index.get(skuKey(sku)), size: index.size, values: () => index.values() };
}
