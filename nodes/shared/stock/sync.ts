/**
 * One Sync Inventory run: desired levels in, BigCommerce stock written, one result per SKU out.
 * Requests: ceil(products/250) catalog reads (products with their variants), then ceil(changed/2000) writes (+ the
 * location's item pages for a location other than the default).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { loadSkuIndex } from '../bigcommerce/catalog';
import { getBcRequestCount } from '../bigcommerce/transport';
import { enableTracking, loadLocationLevels, writeAbsoluteAdjustments } from '../bigcommerce/inventory';
import type { Outcome } from '../model';
import { normalizeStock, planChanges, type Plan, type PlanOptions, type SkuResult, type StockInput } from './plan';

export interface SyncSettings extends Omit<PlanOptions, 'locationLevels'> {
	dryRun: boolean;
	reason: string;
}

export interface SyncSummary {
	skusReceived: number;
	counts: Record<Outcome, number>;
	writeRequests: number;
	/** Every BigCommerce request this run made, retries included. */
	bigCommerceRequests: number;
	dryRun: boolean;
	locationId: number;
}

export async function syncInventory(
	this: IExecuteFunctions,
	inputs: Iterable<StockInput>,
	settings: SyncSettings,
): Promise<{ results: SkuResult[]; summary: SyncSummary }> {
	const { levels, invalid, received } = normalizeStock(inputs, settings.safetyBuffer);
	const index = await loadSkuIndex.call(this);
	const locationLevels = settings.locationId === 1 ? undefined : await loadLocationLevels.call(this, settings.locationId);
	const plan = planChanges(levels, index, { ...settings, locationLevels });
	let writeRequests = 0;
	if (!settings.dryRun) {
		writeRequests += await turnOnTracking.call(this, plan);
		writeRequests += await writeLevels.call(this, plan, settings.reason);
	} else {
		for (const w of plan.writes) {
			const result = plan.results.get(w.key)!;
			result.reason = ['Dry run: not written', result.reason].filter(Boolean).join('; ');
			result.dryRun = true;
		}
	}

	const results = [...invalid, ...plan.results.values()];
	const counts = { created: 0, exists: 0, updated: 0, unchanged: 0, skipped: 0, held: 0, failed: 0 } as Record<Outcome, number>;
	for (const r of results) counts[r.outcome]++;
	return {
		results,
		summary: {
			skusReceived: received,
			counts,
			writeRequests,
			bigCommerceRequests: getBcRequestCount(this),
			dryRun: settings.dryRun,
			locationId: settings.locationId,
		},
	};
}

/**
 * Turns on inventory tracking where the plan needs it; a SKU whose product refused is `failed` and not written.
 * Returns the write requests made.
 */
async function turnOnTracking(this: IExecuteFunctions, plan: Plan): Promise<number> {
	if (!plan.enable.size) return 0;
	const { failed } = await enableTracking.call(
		this,
		[...plan.enable].map(([id, tracking]) => ({ id, tracking })),
	);
	const failedIds = new Map(failed.map((f) => [f.id, f.message]));
	plan.writes = plan.writes.filter((w) => {
		const result = plan.results.get(w.key)!;
		const message = failedIds.get(result.productId!);
		if (message === undefined) return true;
		Object.assign(result, { outcome: 'failed', after: undefined, reason: `SKU ${result.sku}: BigCommerce refused to turn on inventory tracking for product ${result.productId}: ${message}` });
		return false;
	});
	return Math.ceil(plan.enable.size / 10);
}

/** Writes the planned absolute levels; a rejected SKU is `failed` with its level unchanged. Returns the requests made. */
async function writeLevels(this: IExecuteFunctions, plan: Plan, reason: string): Promise<number> {
	const written = await writeAbsoluteAdjustments.call(this, plan.writes.map((w) => w.item), reason);
	const byItem = new Map(written.failed.length ? plan.writes.map((w) => [w.item, w.key]) : []);
	for (const { item, message } of written.failed) {
		const result = plan.results.get(byItem.get(item)!)!;
		Object.assign(result, {
			outcome: 'failed',
			after: result.before,
			reason: `SKU ${result.sku}: BigCommerce rejected the stock update: ${message}. The other SKUs were updated.`,
		});
	}
	return written.requests;
}
