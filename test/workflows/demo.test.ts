/**
 * The demo's cycle (scripts/demo): on another seed than `npm run demo` uses, the whole cycle runs, its summary
 * numbers add up, and its cross-checks against the sandboxes find nothing; when the sandboxes are changed behind
 * the nodes' back, the cross-checks say so (so the demo's "matches" line can fail).
 */
import { checkAttention, checkInventory, checkShipments } from '../../scripts/demo/checks';
import { runCycle, type CycleReport } from '../../scripts/demo/cycle';
import { formatSummary, summarize } from '../../scripts/demo/summary';
import { catalogSkus, startDemoWorld, type DemoWorld } from '../../scripts/demo/world';

describe('npm run demo: the cycle and its cross-checks', () => {
	let world: DemoWorld;
	let report: CycleReport;
	let awaitingBefore: number;
	const lines: string[] = [];

	beforeAll(async () => {
		world = await startDemoWorld({ seed: 5, orders: 40 });
		awaitingBefore = world.bc.listOrderIds({ statusId: 11 }).length;
		report = await runCycle(world, (line) => lines.push(line));
	});
	afterAll(async () => {
		await world?.close();
	});

	it('runs the full cycle with numbers that match the sandboxes', () => {
		const skus = catalogSkus(world.bc);
		expect(report.downloadMismatches).toEqual([]);
		expect(checkShipments(world, report.shipped, report.confirmation.results, report.settings.referencePrefix)).toEqual([]);
		expect(checkInventory(world, skus, report.inventory.results)).toEqual([]);
		expect(checkAttention('download', report.download.results, report.download.attention, ['held', 'failed'])).toEqual([]);

		const s = summarize(report, {
			skusInWarehouse: skus.length,
			ordersAwaitingBefore: awaitingBefore,
			peakWindow: { requests: world.bc.maxRequestsInWindow(), quota: world.quota },
		});
		expect(s.ordersDelivered).toBeGreaterThan(5);
		expect(s.ordersDelivered + new Set(s.held.map((h) => h.orderId)).size).toBe(s.ordersDownloaded);
		// The one digital-only special order is the only order awaiting fulfillment that is not downloaded.
		expect(s.ordersAwaitingBefore - s.ordersDownloaded).toBe(1);
		expect(s.warehouseOrdersCreated).toBe(world.wms.listOrders().filter((r) => !/-\d+$/.test(r.referenceNum)).length);
		expect(s.shipmentsCreated).toBe(s.packagesShipped);
		expect(s.skusUpdated + s.skusUnchanged + s.skuProblems.length).toBe(skus.length);
		expect(s.calls.reduce((n, c) => n + c.bigCommerce, 0)).toBe(world.bc.requestLog().length);
		expect(s.calls.reduce((n, c) => n + c.wms, 0)).toBe(world.wms.requestLog().length);
		expect(s.peakWindow.requests).toBeLessThanOrEqual(s.peakWindow.quota);
		expect(formatSummary(s).join('\n')).toMatch(/orders downloaded[\s\S]*shipments created[\s\S]*updated in BigCommerce[\s\S]*API calls used/);
		expect(lines.join('\n')).toMatch(/poll 1: \d+ new orders[\s\S]*poll \d+: nothing new/);
	});

	it('reports stock, shipment and routing differences the nodes did not cause', () => {
		const skus = catalogSkus(world.bc);
		const updated = report.inventory.results.find((r) => r.outcome === 'updated')!;
		world.wms.setStock(String(updated.sku), Number(updated.after) + 3);
		expect(checkInventory(world, skus, report.inventory.results).join('\n')).toContain(`SKU ${updated.sku}: BigCommerce has`);

		const created = report.confirmation.results.filter((r) => r.outcome === 'created');
		expect(checkShipments(world, report.shipped, created.slice(1), report.settings.referencePrefix).join('\n')).toMatch(/created \d+ shipments, the warehouse shipped/);

		expect(report.download.attention.length).toBeGreaterThan(0);
		expect(checkAttention('download', report.download.results, [], ['held', 'failed'])).toHaveLength(1);
		expect(checkAttention('sync', report.inventory.results, [...report.inventory.attention, report.inventory.results[0]], ['skipped'])).toHaveLength(1);
	});
});
