/**
 * One bench scenario in its own process (started by bench/run.ts), so its peak RSS is its own. Prints its rows as
 * one JSON line after RESULT_MARKER.
 */
import { runChanges } from './scenarios/changes';
import { runConfirm } from './scenarios/confirm';
import { runDeliver } from './scenarios/deliver';
import { runInventory, runInventory50k } from './scenarios/inventory';
import { runOrders } from './scenarios/orders';
import { runReconcile } from './scenarios/reconcile';
import { RESULT_MARKER, type BenchConfig, type ScenarioRow } from './lib/types';

export const SCENARIOS: Record<string, (cfg: BenchConfig, command: string) => Promise<ScenarioRow[]>> = {
	orders: runOrders,
	inventory: runInventory,
	inventory50k: runInventory50k,
	deliver: runDeliver,
	confirm: runConfirm,
	reconcile: runReconcile,
	changes: runChanges,
};

async function main(): Promise<void> {
	const [name, configJson, command] = process.argv.slice(2);
	const run = SCENARIOS[name];
	if (!run) throw new Error(`unknown scenario ${name}; one of ${Object.keys(SCENARIOS).join(', ')}`);
	const rows = await run(JSON.parse(configJson) as BenchConfig, command);
	process.stdout.write(`${RESULT_MARKER}${JSON.stringify({ rows })}\n`);
}

if (require.main === module) {
	main().then(
		() => process.exit(0),
		(error: Error) => {
			process.stderr.write(`${error.stack ?? error.message}\n`);
			process.exit(1);
		},
	);
}
