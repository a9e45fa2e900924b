/** V3 catalog: products (list, update, batch update) and variants (list). */
import type { Ctx, Reply } from './http';
import { ApiError, intListParam, listParam } from './http';
import { renderProduct, renderVariant } from './render';
import type { ProductRec, SandboxState, VariantRec } from './state';
import { DEFAULT_LOCATION_ID } from './state';
import { isInt, isPlainObject, nowSeconds } from './util';
import { v3List } from './v3';

export const PRODUCT_BATCH_MAX = 10;
const TRACKING = ['none', 'product', 'variant'];
const MAX_STOCK = 2147483647;

function includes(ctx: Ctx): string[] {
	return listParam(ctx.query, 'include') ?? [];
}

/** "When you specify `options` or `modifiers`, results are limited to 10 per page" (IncludeParamGetProducts). */
export const PRODUCTS_WITH_OPTIONS_MAX = 10;

/**
 * A product as `GET /v3/catalog/products` lists it with `include`: `variants` embeds every variant (full objects;
 * `include_fields` filters the product's own fields only), `options` the product's one variant option with a value
 * per variant, `modifiers` an empty list (the sandbox models none).
 */
function renderListed(state: SandboxState, p: ProductRec, include: string[]): Record<string, unknown> {
	const product: Record<string, unknown> = renderProduct(state, p, include.includes('variants'));
	if (include.includes('options')) {
		const values = p.variantIds.map((id, i) => ({ id, label: state.variants.get(id)!.optionLabel ?? '', sort_order: i, is_default: i === 0 }));
		product.options = p.hasOptions ? [{ id: p.id, product_id: p.id, name: 'Option', display_name: 'Option', type: 'dropdown', sort_order: 0, option_values: values }] : [];
	}
	if (include.includes('modifiers')) product.modifiers = [];
	return product;
}

export function listProducts(state: SandboxState, ctx: Ctx): Reply {
	const ids = intListParam(ctx.query, 'id:in');
	const id = ctx.query.get('id');
	const sku = ctx.query.get('sku')?.toLowerCase();
	const skus = listParam(ctx.query, 'sku:in')?.map((s) => s.toLowerCase());
	const idSet = ids ? new Set(ids) : undefined;
	const skuSet = skus ? new Set(skus) : undefined;
	const result: ProductRec[] = [];
	for (const p of state.products.values()) {
		if (idSet && !idSet.has(p.id)) continue;
		if (id && String(p.id) !== id) continue;
		const lower = p.sku.toLowerCase();
		// `sku` filters by the main (product / base variant) SKU only, as documented.
		if (sku !== undefined && lower !== sku) continue;
		if (skuSet && !skuSet.has(lower)) continue;
		result.push(p);
	}
	const include = includes(ctx);
	const max = include.includes('options') || include.includes('modifiers') ? PRODUCTS_WITH_OPTIONS_MAX : 250;
	return v3List(ctx, result, (p) => renderListed(state, p, include), max);
}

export function listVariants(state: SandboxState, ctx: Ctx): Reply {
	const ids = intListParam(ctx.query, 'id:in');
	const productIds = intListParam(ctx.query, 'product_id:in');
	const sku = ctx.query.get('sku')?.toLowerCase();
	const skus = listParam(ctx.query, 'sku:in')?.map((s) => s.toLowerCase());
	const idSet = ids ? new Set(ids) : undefined;
	const productSet = productIds ? new Set(productIds) : undefined;
	const skuSet = skus ? new Set(skus) : undefined;
	const result: VariantRec[] = [];
	for (const v of state.variants.values()) {
		if (idSet && !idSet.has(v.id)) continue;
		if (productSet && !productSet.has(v.productId)) continue;
		const lower = v.sku.toLowerCase();
		if (sku !== undefined && lower !== sku) continue;
		if (skuSet && !skuSet.has(lower)) continue;
		result.push(v);
	}
	return v3List(ctx, result, (v) => renderVariant(state, v));
}

/** Validates one product update; returns the function applying it (so batches are all-or-nothing). */
function prepareUpdate(state: SandboxState, product: ProductRec, body: Record<string, unknown>): () => void {
	const changes: Array<() => void> = [];
	if (body.inventory_tracking !== undefined) {
		if (!TRACKING.includes(body.inventory_tracking as string)) {
			throw new ApiError(422, `The field 'inventory_tracking' must be one of none, product, variant (product ${product.id}).`, { inventory_tracking: 'invalid value' });
		}
		changes.push(() => (product.tracking = body.inventory_tracking as ProductRec['tracking']));
	}
	if (body.inventory_level !== undefined) {
		const level = body.inventory_level;
		if (!isInt(level) || level < 0 || level > MAX_STOCK) throw new ApiError(422, `The field 'inventory_level' must be an integer from 0 to ${MAX_STOCK}.`, { inventory_level: 'invalid value' });
		changes.push(() => {
			product.levels[DEFAULT_LOCATION_ID] = level;
			if (!product.hasOptions) state.variants.get(product.variantIds[0])!.levels[DEFAULT_LOCATION_ID] = level;
		});
	}
	if (body.name !== undefined) {
		if (typeof body.name !== 'string' || body.name === '') throw new ApiError(422, "The field 'name' must be a non-empty string.", { name: 'invalid value' });
		changes.push(() => (product.name = body.name as string));
	}
	if (body.sku !== undefined) {
		const sku = body.sku;
		if (typeof sku !== 'string' || sku.length > 255) throw new ApiError(422, "The field 'sku' must be a string of at most 255 characters.", { sku: 'invalid value' });
		const owner = state.skuIndex.get(sku.toLowerCase());
		if (owner && owner.productId !== product.id) throw new ApiError(409, `The SKU '${sku}' is already in use (SKUs are unique regardless of case).`, { sku: 'duplicate' });
		changes.push(() => {
			state.skuIndex.delete(product.sku.toLowerCase());
			product.sku = sku;
			const base = product.hasOptions ? null : product.variantIds[0];
			if (base !== null) state.variants.get(base)!.sku = sku;
			state.skuIndex.set(sku.toLowerCase(), { productId: product.id, variantId: base });
		});
	}
	return () => {
		for (const change of changes) change();
		product.modifiedMs = nowSeconds();
	};
}

function productById(state: SandboxState, id: unknown): ProductRec {
	const product = isInt(id) ? state.products.get(id) : undefined;
	if (!product) throw new ApiError(404, `The product ${String(id)} was not found.`);
	return product;
}

export function updateProduct(state: SandboxState, ctx: Ctx): Reply {
	if (!isPlainObject(ctx.body)) throw new ApiError(422, 'The request body must be a JSON object.');
	const product = productById(state, Number(ctx.params.productId));
	prepareUpdate(state, product, ctx.body)();
	return { status: 200, body: { data: renderProduct(state, product, false), meta: {} } };
}

export function updateProducts(state: SandboxState, ctx: Ctx): Reply {
	const body = ctx.body;
	if (!Array.isArray(body)) throw new ApiError(422, 'The request body must be a JSON array of products.');
	if (body.length > PRODUCT_BATCH_MAX) {
		throw new ApiError(413, `The request payload is too large. The maximum items allowed in the array is ${PRODUCT_BATCH_MAX}.`);
	}
	const prepared = body.map((item, index) => {
		if (!isPlainObject(item) || !isInt(item.id)) throw new ApiError(422, `Product ${index}: the field 'id' is required.`, { id: 'required' });
		const product = state.products.get(item.id);
		if (!product) throw new ApiError(422, `Product ${index}: product ${item.id} does not exist.`, { id: 'not found' });
		return { product, apply: prepareUpdate(state, product, item) };
	});
	for (const p of prepared) p.apply();
	return { status: 200, body: { data: prepared.map((p) => renderProduct(state, p.product, false)), meta: {} } };
}
