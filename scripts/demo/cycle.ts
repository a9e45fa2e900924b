/**
 * The full cycle through n8n's engine with the bundled workflow files as shipped: orders downloaded and delivered
 * (the orders trigger polled until it has nothing new), the warehouse ships them, shipments confirmed, stock synced.
 * Returns what the nodes output and how many API calls each step made; progress goes to `log`.
 */
import type { IDataObject } from 'n8n-workflow';
import type { WmsOrderRecord } from '../../sandbox/wms';
import { pollAndRun, runWorkflow, type RunResult } from '../../test/helpers/harness';
import { checkDownload, deliveredOrderIds, type DownloadSettings } from './checks';
import { BUNDLED, loadBundled, type BundledWorkflow } from './workflows';
import type { DemoWorld } from './world';

export interface ApiCalls {
	bigCommerce: number;
	wms: number;
}

export interface StepReport {
	workflow: BundledWorkflow;
	/** Result items of the action node, over all runs. */
	results: IDataObject[];
	/** Items that reached the "needs attention" node, over all runs. */
	attention: IDataObject[];
	calls: ApiCalls;
	ms: number;
}

export interface CycleReport {
	/** Orders the trigger emitted, over all polls. */
	emitted: IDataObject[];
	polls: number;
	download: StepReport;
	/** WMS order records the warehouse closed. */
	shipped: WmsOrderRecord[];
	confirmation: StepReport;
	inventory: StepReport;
	settings: DownloadSettings;
	/** Differences between the order download's results and the sandboxes, checked before the warehouse ships. */
	downloadMismatches: string[];
}

/** Upper bound on polls: the trigger emits at most 250 orders per poll, the demo store has far fewer. */
const MAX_POLLS = 20;

function fail(step: string, result: RunResult): never {
	const e = result.error;
	throw new Error(`${step} stopped: ${e?.message ?? result.status}${e?.description ? ` (${e.description})` : ''}`);
}

function meter(world: DemoWorld): () => ApiCalls {
	const bc0 = world.bc.requestLog().length;
	const wms0 = world.wms.requestLog().length;
	return () => ({ bigCommerce: world.bc.requestLog().length - bc0, wms: world.wms.requestLog().length - wms0 });
}

/** The settings of the order download as shipped (n8n's defaults where the file leaves a parameter out). */
function downloadSettings(wf: BundledWorkflow): DownloadSettings {
	const node = (name: string) => wf.json.nodes.find((n) => n.name === name)!.parameters as IDataObject;
	const options = (node(wf.trigger).options ?? {}) as IDataObject;
	const status = node(wf.action).statusAfterDelivery;
	const statusAfterDelivery = status === undefined ? 9 : status === 'dontChange' ? undefined : Number(status);
	return { referencePrefix: String(options.referencePrefix ?? ''), statusAfterDelivery };
}

const count = (items: IDataObject[], outcome: string) => items.filter((i) => i.outcome === outcome).length;

export async function runCycle(world: DemoWorld, log: (line: string) => void): Promise<CycleReport> {
	const { credentials } = world;

	// 1. Order download: poll, run the workflow with what the poll emitted, until nothing new comes.
	const download = loadBundled(BUNDLED.orderDownload);
	log(`Order download (${download.file}): polling BigCommerce for orders awaiting fulfillment...`);
	let calls = meter(world);
	let started = Date.now();
	const staticData: IDataObject = {};
	const emitted: IDataObject[] = [];
	const downloadResults: IDataObject[] = [];
	const downloadAttention: IDataObject[] = [];
	let polls = 0;
	for (;;) {
		if (++polls > MAX_POLLS) throw new Error(`the orders trigger still emitted orders after ${MAX_POLLS} polls`);
		const { emitted: batch, result } = await pollAndRun(download.json, { triggerNode: download.trigger, credentials, staticData });
		if (!batch.length) {
			log(`  poll ${polls}: nothing new`);
			break;
		}
		if (!result || result.status !== 'success') fail('Order download', result!);
		const results = result.output(download.action);
		emitted.push(...batch);
		downloadResults.push(...results);
		downloadAttention.push(...result.output(download.attention));
		const held = new Set(results.filter((r) => r.outcome === 'held').map((r) => r.orderId)).size;
		const failed = new Set(results.filter((r) => r.outcome === 'failed').map((r) => r.orderId)).size;
		log(
			`  poll ${polls}: ${batch.length} new orders: ${deliveredOrderIds(results).length} delivered ` +
				`(${count(results, 'created')} warehouse orders created, ${count(results, 'exists')} already there), ${held} held, ${failed} failed`,
		);
	}
	const downloadStep: StepReport = {
		workflow: download,
		results: downloadResults,
		attention: downloadAttention,
		calls: calls(),
		ms: Date.now() - started,
	};
	const settings = downloadSettings(download);
	const downloadMismatches = checkDownload(world, emitted, downloadResults, settings);

	// 2. The warehouse picks, packs and ships every open order (a seeded mix of single, multi-package, split,
	//    short-shipped and closed-without-package-detail shipments).
	const shipped = world.wms.shipAll();
	const closed = shipped.filter((r) => r.status === 'closed');
	const packages = closed.reduce((n, r) => n + r.packages.length, 0);
	const splits = shipped.filter((r) => r.status === 'cancelled').length;
	const bare = closed.filter((r) => !r.packages.length).length;
	log(
		`The warehouse shipped ${closed.length} warehouse orders in ${packages} packages ` +
			`(${splits} orders split in two, ${bare} closed without package detail).`,
	);

	// 3. Shipment confirmation and 4. inventory sync: one scheduled run each.
	const scheduled = async (file: string, title: string): Promise<StepReport> => {
		const wf = loadBundled(file);
		log(`${title} (${wf.file}): scheduled run...`);
		calls = meter(world);
		started = Date.now();
		const result = await runWorkflow(wf.json, { credentials, staticData: {}, startNode: wf.trigger });
		if (result.status !== 'success') fail(title, result);
		return { workflow: wf, results: result.output(wf.action), attention: result.output(wf.attention), calls: calls(), ms: Date.now() - started };
	};
	const confirmation = await scheduled(BUNDLED.shipmentConfirmation, 'Shipment confirmation');
	const c = confirmation.results;
	log(`  ${count(c, 'created')} shipments created in BigCommerce, ${count(c, 'exists')} already there, ${count(c, 'skipped')} skipped, ${count(c, 'failed')} failed`);
	const inventory = await scheduled(BUNDLED.inventorySync, 'Inventory sync');
	const s = inventory.results;
	log(`  ${count(s, 'updated')} SKUs updated, ${count(s, 'skipped')} skipped, ${count(s, 'failed')} failed`);

	return { emitted, polls, download: downloadStep, shipped, confirmation, inventory, settings, downloadMismatches };
}
