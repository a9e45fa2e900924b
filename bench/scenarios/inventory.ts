/**
 * Syncing a store's stock from the 3PL WM sandbox into BigCommerce with Sync Inventory: full, then with 1% changed.
 * Two sizes of the same shape: 10,000 SKUs (5,000 simple products + 1,250 products x 4 variants) and 50,000 SKUs
 * (x5). The scenario process keeps only SKU strings and numbers (the SKUs are the sandbox's generated names, the
 * levels are read back in chunks), so its RSS is n8n's engine plus the node.
 */
import { runNode } from '../../test/helpers/harness';
import type { InventoryRecord } from '../../sandbox/bigcommerce';
import { peakRssMb, rssMb, settle, timedWithRss, wallAtQuotaMs } from '../lib/measure';
import { NaiveBigCommerce, naiveInventory } from '../lib/naive';
import type { Call } from '../lib/sandboxHost';
import type { BenchConfig, NaiveFigure, ScenarioRow } from '../lib/types';
import { startWorld, type World } from '../lib/world';
import { measureNaive, pages } from './common';

interface Shape {
	/** Row ids start with this. */
	id: string;
	simple: number;
	withVariants: number;
	/** The naive flow runs on 1/naiveScale of the catalog (about 65 SKUs: one quota window). */
	naiveScale: number;
	/** The figures before the single listing (issue 13, item 5), for the notes. */
	old?: { full: number; onePercent: number };
}

const VARIANTS_PER = 4;
export const INVENTORY_10K: Shape = { id: 'inventory', simple: 5000, withVariants: 1250, naiveScale: 150, old: { full: 72, onePercent: 68 } };
export const INVENTORY_50K: Shape = { id: 'inventory-50k', simple: 25000, withVariants: 6250, naiveScale: 750 };
/** Sandbox calls per IPC message when reading levels back or setting stock (keeps messages small). */
const CHUNK = 5000;

interface Catalog {
	world: World;
	/** The SKUs that carry stock: simple products (tracked by product), variants of variant-tracked products. */
	skus: string[];
	/** Warehouse available stock, by index into `skus`. */
	available: number[];
	products: number;
}

/** generateCatalog's SKU names: `GEN{seed}-000000`, and `-V0`.. for the variants of a product with options. */
const generated = (seed: number, i: number) => `GEN${seed}-${String(i).padStart(6, '0')}`;
/** The warehouse spells every third SKU in lower case (SKUs match regardless of case). */
const wmsSku = (sku: string, i: number) => (i % 3 ? sku : sku.toLowerCase());

/** Sends the calls CHUNK at a time; `each` sees every result with its index (nothing is kept here). */
async function chunked<T>(world: World, calls: Call[], each: (value: T, index: number) => void = () => undefined): Promise<void> {
	for (let i = 0; i < calls.length; i += CHUNK) (await world.host.batch<T>(calls.slice(i, i + CHUNK))).forEach((v, j) => each(v, i + j));
}

async function catalogWorld(cfg: BenchConfig, shape: Shape, scale: number): Promise<Catalog> {
	const world = await startWorld(cfg);
	const simple = Math.round(shape.simple / scale);
	const withVariants = Math.round(shape.withVariants / scale);
	await world.host.batch([
		{ target: 'bc', method: 'generateCatalog', args: [{ products: simple, variantsPer: 0, seed: 1 }] },
		{ target: 'bc', method: 'generateCatalog', args: [{ products: withVariants, variantsPer: VARIANTS_PER, seed: 2 }] },
	]);
	const skus = [
		...Array.from({ length: simple }, (_, i) => generated(1, i)),
		...Array.from({ length: withVariants * VARIANTS_PER }, (_, i) => `${generated(2, Math.floor(i / VARIANTS_PER))}-V${i % VARIANTS_PER}`),
	];
	const [first, last] = await world.host.batch<InventoryRecord | undefined>([skus[0], skus[skus.length - 1]].map((sku): Call => ({ target: 'bc', method: 'getInventory', args: [sku] })));
	if (!first || last?.tracking !== 'variant') throw new Error('the sandbox no longer generates the SKU names this scenario expects (generateCatalog)');
	const { data } = await new NaiveBigCommerce(world.host, world.info.bc).request<{ meta: { pagination: { total: number } } }>('GET', '/v3/catalog/products', { params: { limit: 1 } });
	// Generated levels are 0-99: every SKU differs from BigCommerce at first.
	const available = skus.map((_, i) => 100 + (i % 40));
	await setStock(world, skus, available, skus.map((_, i) => i));
	return { world, skus, available, products: data.meta.pagination.total };
}

async function setStock(world: World, skus: string[], available: number[], which: number[]): Promise<void> {
	await chunked(world, which.map((i): Call => ({ target: 'wms', method: 'setStock', args: [wmsSku(skus[i], i), available[i]] })));
}

/** SKUs whose BigCommerce level is not the warehouse's. */
async function wrong(c: Catalog): Promise<number> {
	let count = 0;
	const calls = c.skus.map((sku): Call => ({ target: 'bc', method: 'getInventory', args: [sku] }));
	await chunked<InventoryRecord | undefined>(c.world, calls, (r, i) => (count += r?.level === c.available[i] ? 0 : 1));
	return count;
}

/** Changes 1% of the warehouse's SKUs; returns how many. */
async function changeOnePercent(c: Catalog): Promise<number> {
	const changed = c.skus.map((_, i) => i).filter((i) => i % 100 === 7);
	for (const i of changed) c.available[i] += 5;
	await setStock(c.world, c.skus, c.available, changed);
	return changed.length;
}

async function naive(cfg: BenchConfig, shape: Shape, full: number, changedFull: number, onePercent: boolean): Promise<NaiveFigure> {
	const c = await catalogWorld(cfg, shape, shape.naiveScale);
	const stock = () => c.skus.map((sku, i) => ({ sku: wmsSku(sku, i), available: c.available[i] }));
	if (onePercent) {
		await naiveInventory(new NaiveBigCommerce(c.world.host, c.world.info.bc), stock());
		await changeOnePercent(c);
	}
	const { value: writes, requests, ms } = await measureNaive(c.world, (client) => naiveInventory(client, stock()));
	const lookups = requests - writes;
	const subset = c.skus.length;
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

/** BigCommerce's bound: the fewest calls that return each SKU's identity, tracking mode and level together, then the writes. */
const bound = (products: number, changed: number) => pages(products) + pages(changed, 2000);
const boundText = (products: number, changed: number) =>
	`ceil(${products} products/250) pages of GET /v3/catalog/products?include=variants + ceil(${changed} changed/2000) absolute adjustments ` +
	'(+ location item pages for a non-default location; /v3/inventory/items is not the bound: it carries no tracking mode and no product-level SKU of a product with options)';

async function runShape(cfg: BenchConfig, command: string, shape: Shape): Promise<ScenarioRow[]> {
	const c = await catalogWorld(cfg, shape, 1);
	const { world } = c;
	const total = c.skus.length;
	const params = { source: 'wms', wmsType: 'extensiv', options: { output: 'summary' } };
	const sync = async () => {
		await world.measure();
		// The set-up's (and the previous run's) garbage is not the node's: as in n8n between two scheduled runs.
		settle();
		const run = await timedWithRss(() => runNode('syncInventory', params, [{}], { credentials: world.credentials }));
		// The process's high-water mark so far, before the checks below read the levels back.
		const peak = peakRssMb();
		const bc = await world.host.bc('countRequests');
		const wms = await world.host.wms('countRequests');
		const counts = JSON.stringify(run.value.items[0]?.counts ?? run.value.result.error?.message);
		return { run, peak, bc, wms, counts, wrong: await wrong(c), error: run.value.result.error };
	};
	settle();
	const baselineRssMb = rssMb();
	const full = await sync();
	const changed = await changeOnePercent(c);
	const delta = await sync();
	const peak = delta.peak;
	await world.close();

	const size = total.toLocaleString('en-US');
	const row = (id: string, title: string, run: typeof full, changedSkus: number, naiveFigure: NaiveFigure, old: number | undefined, notes: string[]): ScenarioRow => ({
		id,
		title,
		bcRequests: run.bc,
		wmsRequests: run.wms,
		lowerBound: bound(c.products, changedSkus),
		lowerBoundFormula: boundText(c.products, changedSkus),
		naive: naiveFigure,
		wallMs: run.run.ms,
		peakRssMb: peak,
		baselineRssMb,
		addedRssMb: run.run.peakMb - run.run.startMb,
		check: `${total - run.wrong}/${total} SKUs at the WMS level; summary ${run.counts}`,
		checkOk: run.wrong === 0 && !run.error,
		notes: [
			...(old === undefined ? [] : [`before the single listing (products, then variants): ${old} BigCommerce requests`]),
			`RSS while the node ran: ${run.run.startMb} MB before, ${run.run.peakMb} MB at most (+${run.run.peakMb - run.run.startMb} MB); ` +
				`process high-water after this run ${run.peak} MB = engine baseline ${baselineRssMb} MB + ${run.peak - baselineRssMb} MB`,
			...notes,
		],
		command,
	});
	return [
		row(`${shape.id}-full`, `Sync ${size} SKUs, all changed (Sync Inventory)`, full, total, await naive(cfg, shape, total, total, false), shape.old?.full, []),
		row(`${shape.id}-1pct`, `Sync ${size} SKUs, ${changed} (1%) changed`, delta, changed, await naive(cfg, shape, total, changed, true), shape.old?.onePercent, [
			'same process as the full sync (peak RSS covers both runs)',
		]),
	];
}

export const runInventory = (cfg: BenchConfig, command: string) => runShape(cfg, command, INVENTORY_10K);
export const runInventory50k = (cfg: BenchConfig, command: string) => runShape(cfg, command, INVENTORY_50K);
