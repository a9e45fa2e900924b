/**
 * workflows/inventory-sync.json as shipped, through n8n's engine against both sandboxes: after one scheduled run,
 * every warehouse SKU that BigCommerce tracks at that level shows the warehouse's quantity; SKUs BigCommerce cannot
 * take stock for (untracked products, variants of products tracked as a whole) are skipped and routed to "Needs
 * attention"; a second run writes nothing.
 */
import type { IDataObject } from 'n8n-workflow';
import { catalogSkus } from '../../scripts/demo/world';
import { runWorkflow } from '../helpers/harness';
import { BUNDLED, loadBundled, startWorld, type DemoWorld } from './setup';

const ADJUST = '/v3/inventory/adjustments/absolute';

describe('bundled workflow: inventory-sync.json', () => {
	let world: DemoWorld;
	const wf = loadBundled(BUNDLED.inventorySync);

	beforeAll(async () => {
		world = await startWorld(4);
	});
	afterAll(async () => {
		await world?.close();
	});

	/** Whether BigCommerce keeps stock for this SKU itself (not for its product as a whole, and tracked at all). */
	function settable(sku: string): boolean {
		const variant = world.bc.getVariants().find((v) => v.sku === sku)!;
		const product = world.bc.getProducts().find((p) => p.id === variant.product_id)!;
		if (product.inventory_tracking === 'none') return false;
		return product.inventory_tracking === 'variant' || variant.option_values.length === 0;
	}

	it('sets every trackable SKU to the warehouse level, skips and routes the rest, and writes nothing the second time', async () => {
		const { bc, wms } = world;
		const skus = catalogSkus(bc);
		const good = skus.filter(settable);
		const bad = skus.filter((sku) => !settable(sku));
		expect(bad.length).toBeGreaterThan(0);
		const differing = good.filter((sku) => bc.getInventory(sku)?.level !== wms.getStock(sku));
		expect(differing.length).toBeGreaterThan(10);

		const staticData: IDataObject = {};
		const result = await runWorkflow(wf.json, { credentials: world.credentials, staticData, startNode: wf.trigger });
		expect(result.error).toBeUndefined();
		for (const sku of good) expect({ sku, level: bc.getInventory(sku)?.level }).toEqual({ sku, level: wms.getStock(sku) });

		const items = result.output(wf.action);
		expect(items.filter((i) => i.outcome === 'updated').map((i) => i.sku).sort()).toEqual([...differing].sort());
		expect(items.filter((i) => i.outcome === 'skipped').map((i) => i.sku).sort()).toEqual([...bad].sort());
		expect(result.output(wf.attention).map((i) => `${i.sku}:${i.outcome}`).sort()).toEqual(bad.map((sku) => `${sku}:skipped`).sort());

		// The warehouse changes two levels: the next run writes exactly those, in one request.
		wms.setStock(good[0], (wms.getStock(good[0]) ?? 0) + 5);
		wms.setStock(good[1], 0);
		bc.resetRequestLog();
		const second = await runWorkflow(wf.json, { credentials: world.credentials, staticData, startNode: 'Run now' });
		expect(second.error).toBeUndefined();
		expect(second.output(wf.action).filter((i) => i.outcome === 'updated').map((i) => i.sku).sort()).toEqual([good[0], good[1]].sort());
		expect(bc.countRequests({ method: 'PUT', pathPrefix: ADJUST })).toBe(1);
		for (const sku of good) expect({ sku, level: bc.getInventory(sku)?.level }).toEqual({ sku, level: wms.getStock(sku) });

		// Nothing changed: nothing written.
		bc.resetRequestLog();
		const third = await runWorkflow(wf.json, { credentials: world.credentials, staticData, startNode: wf.trigger });
		expect(third.output(wf.action).filter((i) => i.outcome === 'updated')).toEqual([]);
		expect(bc.countRequests({ method: 'PUT' })).toBe(0);
	});
});
