/**
 * Shared setup for the tests of the bundled workflow files: the demo's sandboxes (a seeded store and a warehouse
 * stocking its SKUs), the files as shipped, and the order download run until the trigger has nothing new.
 */
import type { IDataObject } from 'n8n-workflow';
import { BUNDLED, loadBundled, type BundledWorkflow } from '../../scripts/demo/workflows';
import { startDemoWorld, type DemoWorld } from '../../scripts/demo/world';
import { pollAndRun, type RunResult } from '../helpers/harness';

export { BUNDLED, loadBundled, type BundledWorkflow, type DemoWorld };

export const AWAITING_FULFILLMENT = 11;
export const AWAITING_SHIPMENT = 9;

export async function startWorld(seed: number): Promise<DemoWorld> {
	return await startDemoWorld({ seed, orders: 40 });
}

export interface DownloadRuns {
	emitted: IDataObject[];
	runs: RunResult[];
}

/** Polls and runs the order download until a poll emits nothing (at most `maxPolls`). */
export async function downloadAll(world: DemoWorld, wf: BundledWorkflow, staticData: IDataObject, maxPolls = 10): Promise<DownloadRuns> {
	const emitted: IDataObject[] = [];
	const runs: RunResult[] = [];
	for (let poll = 0; poll < maxPolls; poll++) {
		const { emitted: batch, result } = await pollAndRun(wf.json, { triggerNode: wf.trigger, credentials: world.credentials, staticData });
		if (!batch.length) return { emitted, runs };
		emitted.push(...batch);
		runs.push(result!);
	}
	throw new Error(`the orders trigger still emitted orders after ${maxPolls} polls`);
}

/** Physical order lines (what a warehouse ships) per shipping address id. */
export function physicalLines(world: DemoWorld, orderId: number) {
	return world.bc.getOrderProducts(orderId).filter((p) => p.type === 'physical');
}
