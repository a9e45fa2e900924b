/**
 * Pure planning for Sync Inventory: validates the incoming stock levels, resolves each SKU to the identity
 * BigCommerce tracks its stock by, and decides what to write. No I/O here.
 */
import type { IDataObject } from 'n8n-workflow';
import type { BcAbsoluteAdjustmentItem, BcInventoryTracking } from '../bigcommerce/types';
import { skuKey, type SkuIndex, type SkuTarget } from '../bigcommerce/catalog';
import type { Outcome } from '../model';

export const MAX_STOCK = 2_147_483_647;

export interface StockInput {
	sku: unknown;
	available: unknown;
	/** Index of the input item it came from (0 when read from the WMS). */
	itemIndex: number;
	/** What `available` holds, for messages (default "available quantity"). */
	quantityName?: string;
}

export interface DesiredLevel {
	sku: string;
	warehouseAvailable: number;
	target: number;
	itemIndex: number;
	notes: readonly string[];
}

export interface SkuResult extends IDataObject {
	sku: string;
	outcome: Outcome;
	reason?: string;
	before?: number;
	after?: number;
	warehouseAvailable?: number;
	productId?: number;
	variantId?: number;
	tracking?: BcInventoryTracking;
	itemIndex: number;
}

export interface PlanOptions {
	safetyBuffer: number;
	untracked: 'report' | 'enable';
	unknownSkus: 'report' | 'ignore';
	locationId: number;
	/** Stock at a non-default location keyed `p:<id>`/`v:<id>`; undefined = use the catalog's default-location levels. */
	locationLevels?: Map<string, number>;
}

export interface PlannedWrite {
	key: string;
	item: BcAbsoluteAdjustmentItem;
}

export interface Plan {
	results: Map<string, SkuResult>;
	writes: PlannedWrite[];
	/** Products whose tracking must be turned on first (product id -> mode). */
	enable: Map<number, 'product' | 'variant'>;
}

function parseQuantity(value: unknown, what = 'available quantity'): number | string {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
	if (typeof value === 'number' && Number.isNaN(value)) return `the warehouse sent no valid ${what}`;
	if (!Number.isFinite(n)) return `the ${what} ${JSON.stringify(value ?? null)} is not a number`;
	if (!Number.isInteger(n)) return `the ${what} ${n} is not a whole number`;
	return n;
}

/** One shared empty list for the SKUs without notes (almost all of them). */
const NO_NOTES: readonly string[] = Object.freeze([]);

/**
 * Validates and de-duplicates (case-insensitively, last one wins) the stock levels; invalid ones become results.
 * `inputs` is read once, so a warehouse's levels can be passed as they are converted (no second 50,000-entry list).
 */
export function normalizeStock(
	inputs: Iterable<StockInput>,
	safetyBuffer: number,
): { levels: Map<string, DesiredLevel>; invalid: SkuResult[]; received: number } {
	let received = 0;
	const levels = new Map<string, DesiredLevel>();
	const invalid: SkuResult[] = [];
	// How often a SKU was given, kept only for SKUs given more than once (a 50,000-SKU input has few or none).
	const repeats = new Map<string, number>();
	for (const input of inputs) {
		received++;
		const sku = typeof input.sku === 'number' ? String(input.sku) : typeof input.sku === 'string' ? input.sku.trim() : '';
		if (!sku) {
			invalid.push({ sku: '', outcome: 'failed', reason: `Item ${input.itemIndex + 1} has no SKU: map the SKU field to the column that holds it.`, itemIndex: input.itemIndex });
			continue;
		}
		const quantity = parseQuantity(input.available, input.quantityName);
		if (typeof quantity === 'string') {
			invalid.push({ sku, outcome: 'failed', reason: `SKU ${sku}: ${quantity}; stock was left unchanged. Fix the quantity at the source.`, itemIndex: input.itemIndex });
			continue;
		}
		const key = skuKey(sku);
		const notes: string[] = [];
		const count = levels.has(key) ? (repeats.get(key) ?? 1) + 1 : 1;
		if (count > 1) repeats.set(key, count);
		if (count > 1) notes.push(`SKU ${sku} appeared ${count} times in the input; the last value (${quantity}) was used`);
		if (quantity < 0) notes.push(`the warehouse reported ${quantity}; stock was set to 0`);
		const capped = Math.min(Math.max(quantity, 0), MAX_STOCK);
		if (quantity > MAX_STOCK) notes.push(`${quantity} is above BigCommerce's maximum; ${MAX_STOCK} was used`);
		levels.set(key, {
			sku,
			warehouseAvailable: quantity,
			target: Math.max(0, capped - safetyBuffer),
			itemIndex: input.itemIndex,
			notes: notes.length ? notes : NO_NOTES,
		});
	}
	// A value that was invalid but later given validly is not a failure any more.
	return { levels, invalid: invalid.filter((r) => !r.sku || !levels.has(skuKey(r.sku))), received };
}

type Identity = { product_id: number } | { variant_id: number };

/** How an adjustment must name this SKU, or why it cannot hold stock. */
function identityFor(t: SkuTarget, tracking: BcInventoryTracking): Identity | string {
	if (!t.hasOptions) return { product_id: t.productId };
	if (tracking === 'variant') {
		return t.isProductSku
			? `BigCommerce tracks product ${t.productId}'s stock per variant, so its parent SKU ${t.sku} holds none: send stock for the variant SKUs instead`
			: { variant_id: t.variantId };
	}
	return t.isProductSku
		? { product_id: t.productId }
		: `BigCommerce tracks product ${t.productId}'s stock for the whole product, not per variant: send stock for the product SKU, or switch the product to track inventory by variant`;
}

const identityKey = (id: Identity) => ('variant_id' in id ? `v:${id.variant_id}` : `p:${id.product_id}`);

/*
 * Results and write items are built as single object literals of one shape: a copy made with spread syntax takes
 * about three times the memory, which at 50,000 SKUs is some 16 MB more.
 */
function unmatchedResult(level: DesiredLevel, reason: string): SkuResult {
	return { sku: level.sku, outcome: 'skipped', warehouseAvailable: level.warehouseAvailable, itemIndex: level.itemIndex, reason };
}

function matchedResult(level: DesiredLevel, t: SkuTarget, outcome: Outcome, reason: string | undefined): SkuResult {
	return {
		sku: level.sku,
		outcome,
		warehouseAvailable: level.warehouseAvailable,
		itemIndex: level.itemIndex,
		productId: t.productId,
		variantId: t.variantId,
		tracking: t.tracking,
		reason,
	};
}

function levelResult(level: DesiredLevel, t: SkuTarget, before: number | undefined): SkuResult {
	const unchanged = before === level.target;
	const result: SkuResult = {
		sku: level.sku,
		outcome: unchanged ? 'unchanged' : 'updated',
		warehouseAvailable: level.warehouseAvailable,
		itemIndex: level.itemIndex,
		productId: t.productId,
		variantId: t.variantId,
		tracking: t.tracking,
		before,
		after: level.target,
	};
	if (unchanged || level.notes.length) result.reason = level.notes.length ? level.notes.join('; ') : undefined;
	return result;
}

function adjustmentItem(locationId: number, quantity: number, identity: Identity): BcAbsoluteAdjustmentItem {
	return 'variant_id' in identity
		? { location_id: locationId, quantity, variant_id: identity.variant_id }
		: { location_id: locationId, quantity, product_id: identity.product_id };
}

export function planChanges(levels: Map<string, DesiredLevel>, index: SkuIndex, options: PlanOptions): Plan {
	const results = new Map<string, SkuResult>();
	const writes: PlannedWrite[] = [];
	const enable = new Map<number, 'product' | 'variant'>();
	if (options.untracked === 'enable') {
		// A product gets variant tracking when any variant SKU of it is synced, product tracking otherwise.
		for (const level of levels.values()) {
			const t = index.get(level.sku);
			if (!t || t.tracking !== 'none') continue;
			const mode = t.hasOptions && !t.isProductSku ? 'variant' : 'product';
			if (enable.get(t.productId) !== 'variant') enable.set(t.productId, mode);
		}
	}

	for (const [key, level] of levels) {
		const note = level.notes.length ? ` (${level.notes.join('; ')})` : '';
		const target = index.get(level.sku);
		if (!target) {
			if (options.unknownSkus === 'report') {
				results.set(key, unmatchedResult(level, `SKU ${level.sku} was not found in BigCommerce: check the SKU on the product or variant${note}.`));
			}
			continue;
		}
		let tracking = target.tracking;
		if (tracking === 'none') {
			if (options.untracked === 'report') {
				const reason = `SKU ${level.sku}: product ${target.productId} does not track inventory in BigCommerce, so its stock was not set. Turn inventory tracking on, or set "SKUs Not Tracked in BigCommerce" to "Enable Tracking"${note}.`;
				results.set(key, matchedResult(level, target, 'skipped', reason));
				continue;
			}
			tracking = enable.get(target.productId)!;
		}
		const identity = identityFor(target, tracking);
		if (typeof identity === 'string') {
			results.set(key, matchedResult(level, target, 'skipped', `SKU ${level.sku}: ${identity}${note}.`));
			continue;
		}
		const before =
			target.tracking === 'none'
				? undefined
				: options.locationLevels
					? options.locationLevels.get(identityKey(identity))
					: target.level;
		const result = levelResult(level, target, before);
		results.set(key, result);
		if (result.outcome === 'updated') writes.push({ key, item: adjustmentItem(options.locationId, level.target, identity) });
	}
	return { results, writes, enable };
}
