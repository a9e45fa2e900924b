/** Syncing 10,000 SKUs from the 3PL WM sandbox into BigCommerce with Sync Inventory: full, then with 1% changed. */
import { runNode } from '../../test/helpers/harness';
import type { BcProduct, BcVariant } from '../../nodes/shared/bigcommerce/types';
import type { InventoryRecord } from '../../sandbox/bigcommerce';
import { peakRssMb, rssMb, timed, wallAtQuotaMs } from '../lib/measure';
import { NaiveBigCommerce, naiveInventory } from '../lib/naive';
import type { Call } from '../lib/sandboxHost';
import type { BenchConfig, NaiveFigure, ScenarioRow } from '../lib/types';
import { startWorld, type World } from '../lib/world';
import { measureNaive, pages } from './common';

const SIMPLE = 5000;
const WITH_VARIANTS = 1250;
const VARIANTS_PER = 4;
/** The naive flow runs on 1/150 of the catalog (about 65 SKUs: one quota window). */
const NAIVE_SCALE = 150;

interface Catalog {
	world: World;
	/** BigCommerce SKU -> the SKU as the warehouse stores it (every third one lower-case). */
	wmsSku: Map<string, string>;
	/** Warehouse available stock by BigCommerce SKU (kept here as the scenario sets it). */
	available: Map<string, number>;
	variants: number;
	products: number;
}

async function catalogWorld(cfg: BenchConfig, scale: number): Promise<Catalog> {
	const world = await startWorld(cfg);
	const [, , products, variants] = await world.host.batch([
		{ target: 'bc', method: 'generateCatalog', args: [{ products: Math.round(SIMPLE / scale), variantsPer: 0, seed: 1 }] },
		{ target: 'bc', method: 'generateCatalog', args: [{ products: Math.round(WITH_VARIANTS / scale), variantsPer: VARIANTS_PER, seed: 2 }] },
		{ target: 'bc', method: 'getProducts', args: [] },
		{ target: 'bc', method: 'getVariants', args: [] },
	]) as [unknown, unknown, BcProduct[], BcVariant[]];
	// SKUs that carry stock: simple products (tracked by product) and the variants of variant-tracked products.
	const withOptions = new Set(variants.filter((v) => v.option_values.length).map((v) => v.product_id));
	const skus = [
		...products.filter((p) => p.inventory_tracking === 'product' && !withOptions.has(p.id)).map((p) => p.sku),
		...variants.filter((v) => v.option_values.length).map((v) => v.sku),
	];
	const levels = await levelsOf(world, skus);
	const wmsSku = new Map(skus.map((sku, i) => [sku, i % 3 ? sku : sku.toLowerCase()]));
	// Every SKU differs from BigCommerce at first.
	const available = new Map(skus.map((sku, i) => [sku, levels[i] + 1 + (i % 40)]));
	await setStock(world, wmsSku, available, skus);
	return { world, wmsSku, available, variants: variants.length, products: products.length };
}

async function levelsOf(world: World, skus: string[]): Promise<number[]> {
	const records = await world.host.batch<InventoryRecord | undefined>(skus.map((sku): Call => ({ target: 'bc', method: 'getInventory', args: [sku] })));
	return records.map((r) => r?.level ?? -1);
}

async function setStock(world: World, wmsSku: Map<string, string>, available: Map<string, number>, skus: string[]): Promise<void> {
	await world.host.batch(skus.map((sku): Call => ({ target: 'wms', method: 'setStock', args: [wmsSku.get(sku)!, available.get(sku)!] })));
}

async function wrong(c: Catalog): Promise<number> {
	const skus = [...c.available.keys()];
	const levels = await levelsOf(c.world, skus);
	return skus.filter((sku, i) => levels[i] !== c.available.get(sku)).length;
}

/** Changes 1% of the warehouse's SKUs; returns how many. */
async function changeOnePercent(c: Catalog): Promise<number> {
	const changed = [...c.available.keys()].filter((_, i) => i % 100 === 7);
	for (const sku of changed) c.available.set(sku, c.available.get(sku)! + 5);
	await setStock(c.world, c.wmsSku, c.available, changed);
	return changed.length;
}

async function naive(cfg: BenchConfig, full: number, changedFull: number, onePercent: boolean): Promise<NaiveFigure> {
	const c = await catalogWorld(cfg, NAIVE_SCALE);
	const stock = () => [...c.available].map(([sku, available]) => ({ sku: c.wmsSku.get(sku)!, available }));
	if (onePercent) {
		await naiveInventory(new NaiveBigCommerce(c.world.host, c.world.info.bc), stock());
		await changeOnePercent(c);
	}
	const { value: writes, requests, ms } = await measureNaive(c.world, (client) => naiveInventory(client, stock()));
	const lookups = requests - writes;
	const subset = c.available.size;
	const total = Math.round((lookups / subset) * full + (writes ? changedFull : 0));
	return {
		subset,
		subsetRequests: requests,
		requests: total,
		wallMs: wallAtQuotaMs(total, cfg.quota, cfg.windowMs, cfg.latencyMs),
		formula:
			`measured on ${subset} SKUs: ${lookups} look-ups (GET /v3/catalog/variants?sku=) + ${writes} one-item writes in ${(ms / 1000).toFixed(1)} s; ` +
			`full size: ${full} look-ups + ${changedFull} writes; time = ceil(requests/${cfg.quota}) windows (estimate)`,
	};
}

export async function runInventory(cfg: BenchConfig, command: string): Promise<ScenarioRow[]> {
	const c = await catalogWorld(cfg, 1);
	const { world } = c;
	const total = c.available.size;
	const params = { source: 'wms', wmsType: 'extensiv', options: { output: 'summary' } };
	const sync = async () => {
		await world.measure();
		const run = await timed(() => runNode('syncInventory', params, [{}], { credentials: world.credentials }));
		const bc = await world.host.bc('countRequests');
		const wms = await world.host.wms('countRequests');
		const counts = JSON.stringify(run.value.items[0]?.counts ?? run.value.result.error?.message);
		return { run, bc, wms, counts, wrong: await wrong(c), error: run.value.result.error };
	};
	const baselineRssMb = rssMb();
	const full = await sync();
	const changed = await changeOnePercent(c);
	const delta = await sync();
	const peak = peakRssMb();
	await world.close();

	const lb = (n: number) => pages(c.variants) + pages(c.products) + pages(n, 2000);
	const lbText = (n: number) => `ceil(${c.variants} variants/250) + ceil(${c.products} products/250) + ceil(${n} changed/2000)`;
	const row = (id: string, title: string, run: typeof full, changedSkus: number, naiveFigure: NaiveFigure, notes?: string[]): ScenarioRow => ({
		id,
		title,
		bcRequests: run.bc,
		wmsRequests: run.wms,
		lowerBound: lb(changedSkus),
		lowerBoundFormula: lbText(changedSkus),
		naive: naiveFigure,
		wallMs: run.run.ms,
		peakRssMb: peak,
		baselineRssMb,
		check: `${total - run.wrong}/${total} SKUs at the WMS level; summary ${run.counts}`,
		checkOk: run.wrong === 0 && !run.error,
		...(notes ? { notes } : {}),
		command,
	});
	return [
		row('inventory-full', `Sync ${total.toLocaleString('en-US')} SKUs, all changed (Sync Inventory)`, full, total, await naive(cfg, total, total, false)),
		row('inventory-1pct', `Sync ${total.toLocaleString('en-US')} SKUs, ${changed} (1%) changed`, delta, changed, await naive(cfg, total, changed, true), [
			'same process as the full sync (peak RSS covers both runs)',
		]),
	];
}
