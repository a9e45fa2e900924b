/** Catalog helpers shared by the Sync Inventory workflow tests. */
import type { BcSandbox } from '../../../sandbox/bigcommerce';

/** The SKUs that hold stock in the sandbox: simple products tracked by product, variants of variant-tracked products. */
export function trackedTargets(bc: BcSandbox): string[] {
	const products = bc.getProducts();
	const variants = bc.getVariants();
	const hasOptions = new Set(variants.filter((v) => v.option_values.length > 0).map((v) => v.product_id));
	const tracking = new Map(products.map((p) => [p.id, p.inventory_tracking]));
	const skus: string[] = [];
	for (const p of products) {
		if (p.inventory_tracking === 'none') continue;
		if (!hasOptions.has(p.id)) skus.push(p.sku);
	}
	for (const v of variants) {
		if (tracking.get(v.product_id) === 'variant' && v.option_values.length) skus.push(v.sku);
	}
	return skus;
}

/** BigCommerce requests since the last reset, counted by `METHOD /path` (query excluded). */
export function requestsByPath(bc: BcSandbox): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const r of bc.requestLog()) counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1;
	return counts;
}
