/**
 * Absolute inventory writes (`PUT /v3/inventory/adjustments/absolute`): up to 2000 items a request, one request at
 * a time (BigCommerce asks for that), and a batch rejected for a bad item retried without it.
 */
import type { INode } from 'n8n-workflow';
import { toNodeError } from '../errors';
import type { BcAbsoluteAdjustmentItem, BcAbsoluteAdjustmentRequest } from './types';
import { bcPagesV3, bcRequest, type BcContext } from './transport';

export const MAX_ADJUSTMENT_ITEMS = 2000;

export interface AdjustmentFailure {
	item: BcAbsoluteAdjustmentItem;
	message: string;
}

export interface AdjustmentResult {
	written: BcAbsoluteAdjustmentItem[];
	failed: AdjustmentFailure[];
	requests: number;
}

function errorText(error: unknown): { status: number; text: string } {
	const e = error as { httpCode?: string | number; message?: string; description?: string | null };
	return { status: Number(e?.httpCode ?? 0), text: `${e?.message ?? ''} ${e?.description ?? ''}` };
}

/** Identities BigCommerce names in a 422, e.g. "[Item with variant_id 106 is tracked by product ...]". */
function namedItems(batch: BcAbsoluteAdjustmentItem[], text: string): BcAbsoluteAdjustmentItem[] {
	const named = new Set<string>();
	for (const m of text.matchAll(/\b(variant_id|product_id|sku)[\s:=]+["']?([^\s,\]"']+)/gi)) named.add(`${m[1].toLowerCase()}:${m[2].toLowerCase()}`);
	if (!named.size) return [];
	return batch.filter((i) =>
		(['variant_id', 'product_id', 'sku'] as const).some((k) => i[k] !== undefined && named.has(`${k}:${String(i[k]).toLowerCase()}`)),
	);
}

async function put(this: BcContext, body: BcAbsoluteAdjustmentRequest) {
	await bcRequest.call(this, {
		method: 'PUT',
		version: 'v3',
		path: '/inventory/adjustments/absolute',
		body,
		resource: `an inventory update of ${body.items.length} item(s)`,
	});
}

/**
 * Writes one batch; on a 422 drops the items BigCommerce names (or, when it names none, splits the batch in
 * halves) until every good item is written and every bad one is isolated with BigCommerce's message.
 */
async function writeBatch(this: BcContext, items: BcAbsoluteAdjustmentItem[], reason: string, result: AdjustmentResult): Promise<void> {
	if (!items.length) return;
	try {
		result.requests++;
		await put.call(this, { reason, items });
		result.written.push(...items);
	} catch (error) {
		const { status, text } = errorText(error);
		if (status !== 422 && status !== 400) throw toNodeError(this.getNode() as INode, error);
		const bad = namedItems(items, text);
		if (bad.length && bad.length < items.length) {
			for (const item of bad) result.failed.push({ item, message: text.trim() });
			await writeBatch.call(this, items.filter((i) => !bad.includes(i)), reason, result);
		} else if (items.length === 1 || bad.length === items.length) {
			for (const item of items) result.failed.push({ item, message: text.trim() });
		} else {
			const half = Math.ceil(items.length / 2);
			await writeBatch.call(this, items.slice(0, half), reason, result);
			await writeBatch.call(this, items.slice(half), reason, result);
		}
	}
}

export async function writeAbsoluteAdjustments(
	this: BcContext,
	items: BcAbsoluteAdjustmentItem[],
	reason: string,
): Promise<AdjustmentResult> {
	const result: AdjustmentResult = { written: [], failed: [], requests: 0 };
	for (let i = 0; i < items.length; i += MAX_ADJUSTMENT_ITEMS) {
		await writeBatch.call(this, items.slice(i, i + MAX_ADJUSTMENT_ITEMS), reason, result);
	}
	return result;
}

/** Stock on hand at a non-default location, keyed `p:<productId>` / `v:<variantId>`. */
export async function loadLocationLevels(this: BcContext, locationId: number): Promise<Map<string, number>> {
	const levels = new Map<string, number>();
	type LocationItem = { identity: { product_id?: number; variant_id?: number }; total_inventory_onhand: number };
	for await (const page of bcPagesV3.call<BcContext, Parameters<typeof bcPagesV3>, AsyncGenerator<LocationItem[]>>(this, {
		method: 'GET',
		version: 'v3',
		path: `/inventory/locations/${locationId}/items`,
		resource: `inventory at location ${locationId}`,
	})) {
		for (const it of page) {
			if (it.identity.variant_id) levels.set(`v:${it.identity.variant_id}`, it.total_inventory_onhand);
			if (it.identity.product_id) levels.set(`p:${it.identity.product_id}`, it.total_inventory_onhand);
		}
	}
	return levels;
}

/** Turns inventory tracking on (`product` for simple products, `variant` for products with options), 10 a request. */
export async function enableTracking(
	this: BcContext,
	products: Array<{ id: number; tracking: 'product' | 'variant' }>,
): Promise<{ enabled: number[]; failed: Array<{ id: number; message: string }> }> {
	const enabled: number[] = [];
	const failed: Array<{ id: number; message: string }> = [];
	for (let i = 0; i < products.length; i += 10) {
		const batch = products.slice(i, i + 10);
		try {
			await bcRequest.call(this, {
				method: 'PUT',
				version: 'v3',
				path: '/catalog/products',
				body: batch.map((p) => ({ id: p.id, inventory_tracking: p.tracking })),
				resource: `inventory tracking of product(s) ${batch.map((p) => p.id).join(', ')}`,
			});
			enabled.push(...batch.map((p) => p.id));
		} catch (error) {
			for (const p of batch) failed.push({ id: p.id, message: errorText(error).text.trim() });
		}
	}
	return { enabled, failed };
}
