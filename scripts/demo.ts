/**
 * `npm run demo`: the whole BigCommerce <-> warehouse cycle on this machine, with no store and no warehouse needed.
 * Starts both sandboxes in-process, runs the bundled workflow files as shipped through n8n's engine (order download
 * until nothing new, the warehouse ships, shipment confirmation, inventory sync), prints progress and a summary,
 * and checks every number against the sandboxes' own state: exit code 1 on any mismatch or failure.
 */
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { checkAttention, checkInventory, checkShipments } from './demo/checks';
import { runCycle } from './demo/cycle';
import { formatSummary, summarize } from './demo/summary';
import { catalogSkus, startDemoWorld } from './demo/world';
import { runOrderChanges } from './demo/changes';
import { runReconciliation } from './demo/reconcile';

async function main(): Promise<number> {
	const started = Date.now();
	const log = (line: string) => console.log(line);
	log('Starting the BigCommerce and warehouse sandboxes on 127.0.0.1...');
	const world = await startDemoWorld();
	try {
		const skus = catalogSkus(world.bc);
		const ordersAwaitingBefore = world.bc.listOrderIds({ statusId: 11 }).length;
		log(
			`  Store: ${world.bc.listOrderIds().length} orders (${world.bc.listOrderIds({ statusId: 11 }).length} awaiting fulfillment), ` +
				`${world.bc.getProducts().length} products. Warehouse: ${skus.length} SKUs in stock.`,
		);
		const report = await runCycle(world, log);
		const summary = summarize(report, {
			skusInWarehouse: skus.length,
			ordersAwaitingBefore,
			peakWindow: { requests: world.bc.maxRequestsInWindow(), quota: world.quota },
		});
		log('');
		for (const line of formatSummary(summary)) log(line);

		const mismatches = [
			...report.downloadMismatches,
			...checkAttention('Order download', report.download.results, report.download.attention, ['held', 'failed']),
			...checkShipments(world, report.shipped, report.confirmation.results, report.settings.referencePrefix),
			...checkAttention('Shipment confirmation', report.confirmation.results, report.confirmation.attention, ['failed', 'skipped']),
			...checkInventory(world, skus, report.inventory.results),
			...checkAttention('Inventory sync', report.inventory.results, report.inventory.attention, ['failed', 'skipped']),
			...(await runOrderChanges(world, log)),
			...(await runReconciliation(world, report.settings.referencePrefix, log)),
		];
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		if (mismatches.length) {
			log('');
			log(`The numbers above do not match the sandboxes (${mismatches.length} differences):`);
			for (const m of mismatches.slice(0, 30)) log(`  - ${m}`);
			return 1;
		}
		log('');
		log(`Every number above matches the sandboxes' state. Done in ${seconds} s.`);
		return 0;
	} finally {
		await world.close();
	}
}

main()
	.catch((error: Error) => {
		console.error(`Demo failed: ${error.message}`);
		return 1;
	})
	.then((code) => {
		// n8n-core keeps an interval for SSH clients; stop it so the process can end on its own.
		if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
		process.exitCode = code;
	});
