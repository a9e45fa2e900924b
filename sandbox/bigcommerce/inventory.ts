/** V3 inventory: locations, items, absolute adjustments (all-or-nothing, tracking-mode aware). */
import type { Ctx, Reply } from './http';
import { ApiError, intListParam, listParam } from './http';
import type { ProductRec, SandboxState, VariantRec } from './state';
import { isInt, isPlainObject } from './util';
import { v3List } from './v3';

export const ADJUSTMENT_MAX_ITEMS = 2000;
const MAX_STOCK = 2147483647;

export function listLocations(state: SandboxState, ctx: Ctx): Reply {
	const ids = intListParam(ctx.query, 'location_id:in');
	const codes = listParam(ctx.query, 'location_code:in');
	const isDefault = ctx.query.get('is_default');
	const isActive = ctx.query.get('is_active');
	const locations = state.locations.filter(
		(l) =>
			(!ids || ids.includes(l.id)) &&
			(!codes || codes.includes(l.code)) &&
			(isDefault === null || (isDefault === 'true') === (l.id === 1)) &&
			(isActive === null || (isActive === 'true') === l.enabled),
	);
	return v3List(ctx, locations, (l) => ({
		id: l.id,
		code: l.code,
		label: l.label,
		description: '',
		managed_by_external_source: false,
		type_id: 'PHYSICAL',
		enabled: l.enabled,
		operating_hours: {},
		time_zone: 'Etc/UTC',
		address: null,
		storefront_visibility: true,
		special_hours: [],
	}));
}

/** Inventory items: one per variant of variant-tracked products, one per product otherwise. */
interface ItemRef {
	product: ProductRec;
	variant: VariantRec | undefined;
}

function itemRefs(state: SandboxState): ItemRef[] {
	const refs: ItemRef[] = [];
	for (const product of state.products.values()) {
		if (product.tracking === 'variant') {
			for (const id of product.variantIds) refs.push({ product, variant: state.variants.get(id) });
		} else {
			refs.push({ product, variant: product.hasOptions ? undefined : state.variants.get(product.variantIds[0]) });
		}
	}
	return refs;
}

export function listInventoryItems(state: SandboxState, ctx: Ctx): Reply {
	const skus = listParam(ctx.query, 'sku:in')?.map((s) => s.toLowerCase());
	const variantIds = intListParam(ctx.query, 'variant_id:in');
	const productIds = intListParam(ctx.query, 'product_id:in');
	const locationIds = intListParam(ctx.query, 'location_id:in');
	const locations = state.locations.filter((l) => !locationIds || locationIds.includes(l.id));
	const refs = itemRefs(state).filter((r) => {
		const sku = (r.variant?.sku ?? r.product.sku).toLowerCase();
		if (skus && !skus.includes(sku)) return false;
		if (variantIds && !(r.variant && variantIds.includes(r.variant.id))) return false;
		if (productIds && !productIds.includes(r.product.id)) return false;
		return true;
	});
	return v3List(
		ctx,
		refs,
		(r) => ({
			identity: {
				sku: r.variant?.sku ?? r.product.sku,
				variant_id: r.variant?.id ?? null,
				product_id: r.product.id,
				sku_id: r.variant?.skuId ?? null,
			},
			locations: locations.map((l) => {
				const onHand = state.levelOf(r.product, r.variant, l.id);
				return {
					location_id: l.id,
					location_code: l.code,
					location_name: l.label,
					available_to_sell: onHand,
					total_inventory_onhand: onHand,
					location_enabled: l.enabled,
					settings: { safety_stock: 0, is_in_stock: onHand > 0, warning_level: 0, bin_picking_number: '' },
				};
			}),
		}),
		1000,
	);
}

/** `GET /v3/inventory/locations/{location_id}/items`: the same items, at one location. */
export function listLocationItems(state: SandboxState, ctx: Ctx): Reply {
	const location = state.locations.find((l) => l.id === Number(ctx.params.locationId));
	if (!location) throw new ApiError(404, `Location ${ctx.params.locationId} not found`);
	const skus = listParam(ctx.query, 'sku:in')?.map((s) => s.toLowerCase());
	const variantIds = intListParam(ctx.query, 'variant_id:in');
	const productIds = intListParam(ctx.query, 'product_id:in');
	const refs = itemRefs(state).filter(
		(r) =>
			(!skus || skus.includes((r.variant?.sku ?? r.product.sku).toLowerCase())) &&
			(!variantIds || (r.variant && variantIds.includes(r.variant.id))) &&
			(!productIds || productIds.includes(r.product.id)),
	);
	return v3List(
		ctx,
		refs,
		(r) => {
			const onHand = state.levelOf(r.product, r.variant, location.id);
			return {
				identity: { sku: r.variant?.sku ?? r.product.sku, variant_id: r.variant?.id ?? null, product_id: r.product.id, sku_id: r.variant?.skuId ?? null },
				available_to_sell: onHand,
				total_inventory_onhand: onHand,
				settings: { safety_stock: 0, is_in_stock: onHand > 0, warning_level: 0, bin_picking_number: '' },
			};
		},
		1000,
	);
}

function itemError(title: string): ApiError {
	return new ApiError(422, `[${title}]`);
}

/** Resolves one adjustment item to the stock record it may change, or throws the 422 BigCommerce gives. */
function resolveItem(state: SandboxState, item: unknown, index: number): { levels: number[]; locationId: number; quantity: number } {
	if (!isPlainObject(item)) throw itemError(`Item ${index} must be an object`);
	const identities = (['sku', 'variant_id', 'product_id'] as const).filter((k) => item[k] !== undefined && item[k] !== null);
	if (identities.length !== 1) {
		throw itemError(`Item ${index} must have exactly one of sku, variant_id or product_id (got ${identities.length === 0 ? 'none' : identities.join(', ')})`);
	}
	for (const key of Object.keys(item)) {
		if (!['sku', 'variant_id', 'product_id', 'location_id', 'quantity'].includes(key)) throw itemError(`Item ${index} has an unknown field '${key}'`);
	}
	const identity = identities[0];
	const label = `${identity} ${String(item[identity])}`;
	const { location_id: locationId, quantity } = item;
	if (!isInt(locationId)) throw itemError(`Item with ${label} needs an integer location_id`);
	if (!state.locations.some((l) => l.id === locationId)) throw itemError(`Location with id ${locationId} does not exist (item with ${label})`);
	if (!isInt(quantity) || quantity < 0 || quantity > MAX_STOCK) {
		throw itemError(`Item with ${label} has an invalid quantity ${JSON.stringify(quantity)}: it must be an integer from 0 to ${MAX_STOCK}`);
	}
	let product: ProductRec | undefined;
	let variant: VariantRec | undefined;
	if (identity === 'sku') {
		if (typeof item.sku !== 'string') throw itemError(`Item ${index} has a non-string sku`);
		const hit = state.findBySku(item.sku);
		product = hit?.product;
		variant = hit?.variant;
	} else if (identity === 'variant_id') {
		variant = isInt(item.variant_id) ? state.variants.get(item.variant_id) : undefined;
		product = variant ? state.products.get(variant.productId) : undefined;
	} else {
		product = isInt(item.product_id) ? state.products.get(item.product_id) : undefined;
	}
	if (!product) throw itemError(`Item with ${label} does not exist`);
	if (product.tracking === 'none') throw itemError(`Item with ${label} has inventory tracking disabled, please enable inventory tracking first`);
	if (product.tracking === 'product') {
		if (identity !== 'product_id') throw itemError(`Item with ${label} is tracked by product, please update stock by product id`);
		return { levels: product.levels, locationId, quantity };
	}
	if (identity === 'product_id' || !variant) throw itemError(`Item with ${label} is tracked by variant, please update stock by variant id or sku`);
	return { levels: variant.levels, locationId, quantity };
}

export function absoluteAdjustment(state: SandboxState, ctx: Ctx): Reply {
	const body = ctx.body;
	if (!isPlainObject(body)) throw new ApiError(422, 'The request body must be a JSON object {reason?, items}.');
	for (const key of Object.keys(body)) if (key !== 'reason' && key !== 'items') throw new ApiError(422, `[Unknown field '${key}']`);
	if (body.reason !== undefined && typeof body.reason !== 'string') throw new ApiError(422, "[The field 'reason' must be a string]");
	const items = body.items;
	if (!Array.isArray(items) || items.length === 0) throw new ApiError(422, "[The field 'items' is required and must be a non-empty array]");
	if (items.length > ADJUSTMENT_MAX_ITEMS) {
		throw new ApiError(413, `The request payload is too large. The maximum items allowed in the array is ${ADJUSTMENT_MAX_ITEMS} (got ${items.length}).`);
	}
	// All or nothing: validate every item before changing any stock.
	const resolved = items.map((item, index) => resolveItem(state, item, index));
	for (const r of resolved) r.levels[r.locationId] = r.quantity;
	return { status: 200, body: { transaction_id: `sandbox-${String(state.nextTransactionId++).padStart(8, '0')}` } };
}
