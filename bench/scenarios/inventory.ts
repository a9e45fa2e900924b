/** Syncing 10,000 SKUs from the 3PL WM sandbox into BigCommerce with Sync Inventory: full, then with 1% changed. */
import { runNode } from '../../test/helpers/harness';
import type { BcSandbox } from '../../sandbox/bigcommerce';
import { peakRssMb, rssMb, timed, wallAtQuotaMs } from '../lib/measure';
import { NaiveBigCommerce, naiveInventory } from '../lib/naive';
import type { BenchConfig, NaiveFigure, ScenarioRow } from '../lib/types';
import { startWorld, type World } from '../lib/world';
import { pages } from './common';

const SIMPLE = 5000;
const WITH_VARIANTS = 1250;
const VARIANTS_PER = 4;
const NAIVE_SCALE = 100;

/** SKUs that carry stock: simple products (tracked by product) and variants of variant-tracked products. */
function stockSkus(bc: BcSandbox): string[] {
	const withOptions = new Set(bc.getVariants().filter((v) => v.option_values.length).map((v) => v.product_id));
	return [
		...bc.getProducts().filter((p) => p.inventory_tracking === 'product' && !withOptions.has(p.id)).map((p) => p.sku),
		...bc.getVariants().filter((v) => v.option_values.length).map((v) => v.sku),
	];
}

async function catalogWorld(cfg: BenchConfig, scale: number): Promise<{ world: World; skus: string[] }> {
	const world = await startWorld(cfg);
	world.bc.generateCatalog({ products: Math.round(SIMPLE / scale), variantsPer: 0, seed: 1 });
	world.bc.generateCatalog({ products: Math.round(WITH_VARIANTS / scale), variantsPer: VARIANTS_PER, seed: 2 });
	const skus = stockSkus(world.bc);
	// Every SKU differs from BigCommerce at first; mixed case as warehouses often store them.
	skus.forEach((sku, i) => world.wms.setStock(i % 3 ? sku : sku.toLowerCase(), world.bc.getInventory(sku)!.level + 1 + (i % 40)));
	return { world, skus };
}

function wrong(world: World, skus: string[]): number {
	return skus.filter((sku, i) => world.bc.getInventory(sku)!.level !== world.wms.getStock(i % 3 ? sku : sku.toLowerCase())).length;
}

/** Changes 1% of the warehouse's SKUs; returns how many. */
function changeOnePercent(world: World, skus: string[]): number {
	let changed = 0;
	skus.forEach((sku, i) => {
		if (i % 100 !== 7) return;
		const key = i % 3 ? sku : sku.toLowerCase();
		world.wms.setStock(key, world.wms.getStock(key)! + 5);
		changed++;
	});
	return changed;
}

async function naive(cfg: BenchConfig, full: number, changedFull: number, onePercent: boolean): Promise<NaiveFigure> {
	const { world, skus } = await catalogWorld(cfg, NAIVE_SCALE);
	const stock = () => skus.map((sku, i) => ({ sku, available: world.wms.getStock(i % 3 ? sku : sku.toLowerCase())! }));
	if (onePercent) {
		await naiveInventory(new NaiveBigCommerce(world.bc), stock());
		changeOnePercent(world, skus);
	}
	world.measure();
	const client = new NaiveBigCommerce(world.bc);
	const { value: writes, ms } = await timed(() => naiveInventory(client, stock()));
	const requests = client.count();
	const lookups = requests - writes;
	const total = Math.round((lookups / skus.length) * full + (writes ? changedFull : 0));
	await world.close();
	return {
		subset: skus.length,
		subsetRequests: requests,
		requests: total,
		wallMs: wallAtQuotaMs(total, cfg.quota, cfg.windowMs, cfg.latencyMs),
		formula:
			`measured on ${skus.length} SKUs: ${lookups} look-ups (GET /v3/catalog/variants?sku=) + ${writes} one-item writes in ${(ms / 1000).toFixed(1)} s; ` +
			`full size: ${full} look-ups + ${changedFull} writes; time = ceil(requests/${cfg.quota}) windows (estimate)`,
	};
}

export async function runInventory(cfg: BenchConfig, command: string): Promise<ScenarioRow[]> {
	const { world, skus } = await catalogWorld(cfg, 1);
	const variants = world.bc.getVariants().length;
	const products = world.bc.getProducts().length;
	const params = { source: 'wms', wmsType: 'extensiv', options: { output: 'summary' } };
	world.measure();
	const baselineRssMb = rssMb();
	const full = await timed(() => runNode('syncInventory', params, [{}], { credentials: world.credentials }));
	const fullBc = world.bc.countRequests();
	const fullWms = world.wms.countRequests();
	const fullWrong = wrong(world, skus);
	const fullCounts = JSON.stringify(full.value.items[0]?.counts ?? full.value.result.error?.message);

	const changed = changeOnePercent(world, skus);
	world.measure();
	const delta = await timed(() => runNode('syncInventory', params, [{}], { credentials: world.credentials }));
	const deltaBc = world.bc.countRequests();
	const deltaWms = world.wms.countRequests();
	const deltaWrong = wrong(world, skus);
	const deltaCounts = JSON.stringify(delta.value.items[0]?.counts ?? delta.value.result.error?.message);
	const peak = peakRssMb();
	await world.close();

	const lb = (n: number) => pages(variants) + pages(products) + pages(n, 2000);
	const lbText = (n: number) => `ceil(${variants} variants/250) + ceil(${products} products/250) + ceil(${n} changed/2000)`;
	const rows: ScenarioRow[] = [
		{
			id: 'inventory-full',
			title: `Sync ${skus.length.toLocaleString('en-US')} SKUs, all changed (Sync Inventory)`,
			bcRequests: fullBc,
			wmsRequests: fullWms,
			lowerBound: lb(skus.length),
			lowerBoundFormula: lbText(skus.length),
			naive: await naive(cfg, skus.length, skus.length, false),
			wallMs: full.ms,
			peakRssMb: peak,
			baselineRssMb,
			check: `${skus.length - fullWrong}/${skus.length} SKUs at the WMS level; summary ${fullCounts}`,
			checkOk: fullWrong === 0 && !full.value.result.error,
			command,
		},
		{
			id: 'inventory-1pct',
			title: `Sync ${skus.length.toLocaleString('en-US')} SKUs, ${changed} (1%) changed`,
			bcRequests: deltaBc,
			wmsRequests: deltaWms,
			lowerBound: lb(changed),
			lowerBoundFormula: lbText(changed),
			naive: await naive(cfg, skus.length, changed, true),
			wallMs: delta.ms,
			peakRssMb: peak,
			baselineRssMb,
			check: `${skus.length - deltaWrong}/${skus.length} SKUs at the WMS level; summary ${deltaCounts}`,
			checkOk: deltaWrong === 0 && !delta.value.result.error,
			notes: ['same process as the full sync (peak RSS covers both runs)'],
			command,
		},
	];
	return rows;
}
