/**
 * Overlapping Confirm Shipment runs through n8n's engine against both sandboxes (issue 17 item 1): 2, 3 and 5 runs
 * of the same node started at once over an order shipped as 4 packages and the two-address order, for both WMS
 * types, 0 ms and 3 ms sandbox latency, shared and separate static data, in one process (the process-wide order lock)
 * and as separate processes (each run's node from its own module registry: no shared memory, only the re-reads
 * around every POST and the deterministic clean-up of twins). Every package exactly once, no line over-shipped, no
 * false `failed`, exactly one run reports each package `created`.
 */
import type { IDataObject, INodeType } from 'n8n-workflow';
import { runNode } from '../../helpers/harness';
import { nodeInOtherProcess } from '../../helpers/isolated';
import { PACKAGE_NAME } from '../../helpers/harness';
import {
	SCENARIOS,
	confirmParams,
	fastRetries,
	overShipped,
	restoreRetries,
	shipScenarios,
	shippedByWms,
	shipmentsInBc,
	startWorld,
	type Scenario,
	type Target,
} from './setup';

const FOUR: Scenario = {
	name: 'four packages',
	order: { lines: [{ sku: 'MUG-RED', quantity: 4 }] },
	plans: [{ kind: 'packages', count: 4 }],
	status: 2,
};
const TWO_ADDRESSES = SCENARIOS.find((s) => s.name === 'two addresses')!;
const OVERLAP_SCENARIOS = [FOUR, TWO_ADDRESSES];

type Mode = 'one process' | 'separate processes';
const CASES: Array<[Target, number, number, 'shared' | 'separate', Mode]> = [];
for (const target of ['extensiv', 'http'] as Target[])
	for (const runs of [2, 3, 5])
		for (const latency of [0, 3])
			for (const statics of ['shared', 'separate'] as const)
				for (const mode of ['one process', 'separate processes'] as Mode[]) CASES.push([target, runs, latency, statics, mode]);

/** Five "worker processes", each with its own copy of the node and its module state (reused across cases). */
let processes: INodeType[] = [];
const totals = { cases: 0, runs: 0, packages: 0, twinsDeleted: 0, separateProcessTwins: 0, finalDuplicates: 0 };

beforeAll(() => {
	fastRetries();
	processes = Array.from({ length: 5 }, () => nodeInOtherProcess('confirmShipment'));
});
afterAll(() => {
	restoreRetries();
	console.log(`[confirm overlap] ${totals.cases} cases, ${totals.runs} runs, ${totals.packages} packages: ${totals.twinsDeleted} twin shipments created by overlapping runs and deleted, ${totals.finalDuplicates} duplicates left`);
});

describe('Confirm Shipment: overlapping runs create every package exactly once', () => {
	it.each(CASES)('%s WMS, %i runs at once, %i ms latency, %s static data, %s', async (target, runs, latency, statics, mode) => {
		const world = await startWorld(target, OVERLAP_SCENARIOS);
		try {
			shipScenarios(world, OVERLAP_SCENARIOS);
			world.bc.setLatency(latency);
			world.bc.resetRequestLog();
			const shared: IDataObject = {};
			const results = await Promise.all(
				Array.from({ length: runs }, async (_, i) =>
					await runNode('confirmShipment', confirmParams(target), [{}], {
						credentials: world.credentials,
						staticData: statics === 'shared' ? shared : {},
						continueOnFail: true,
						extraNodeTypes: mode === 'separate processes' ? { [`${PACKAGE_NAME}.confirmShipment`]: processes[i] } : undefined,
					}),
				),
			);
			const items = results.flatMap((r) => r.items);
			for (const r of results) expect(r.result.error).toBeUndefined();
			// No false alarm: every package of every run is created or exists.
			expect(items.filter((i) => i.outcome !== 'created' && i.outcome !== 'exists').map((i) => `${i.orderId} ${i.trackingNumber}: ${i.outcome} ${i.reason}`)).toEqual([]);

			let packages = 0;
			for (const s of OVERLAP_SCENARIOS) {
				const orderId = world.orderIds[s.name];
				const wanted = shippedByWms(world.wms, orderId);
				packages += wanted.length;
				const have = shipmentsInBc(world.bc, orderId);
				totals.finalDuplicates += have.length - new Set(have).size;
				expect({ scenario: s.name, shipments: have }).toEqual({ scenario: s.name, shipments: wanted });
				expect(overShipped(world.bc, orderId)).toEqual([]);
				expect({ scenario: s.name, status: world.bc.getOrder(orderId)?.status_id }).toEqual({ scenario: s.name, status: s.status });
				// Exactly one run reports each package as created.
				for (const line of wanted) {
					const tracking = line.split(' => ')[0];
					const created = items.filter((i) => i.orderId === orderId && i.trackingNumber === tracking && i.outcome === 'created');
					expect({ scenario: s.name, tracking, created: created.length }).toEqual({ scenario: s.name, tracking, created: 1 });
				}
			}
			totals.cases++;
			totals.runs += runs;
			totals.packages += packages;
			totals.twinsDeleted += world.bc.countRequests({ method: 'DELETE' });
			if (mode === 'one process') expect(world.bc.countRequests({ method: 'DELETE' })).toBe(0);
			else totals.separateProcessTwins += world.bc.countRequests({ method: 'DELETE' });

			// A later run from a fresh cursor finds every package: all exist, nothing posted or deleted.
			world.bc.resetRequestLog();
			const again = await runNode('confirmShipment', confirmParams(target), [{}], { credentials: world.credentials, staticData: {} });
			expect(again.items.map((i) => i.outcome)).toEqual(Array(packages).fill('exists'));
			expect(world.bc.countRequests({ method: 'POST' }) + world.bc.countRequests({ method: 'DELETE' })).toBe(0);
		} finally {
			await world.close();
		}
	});

	it('the separate-process cases did race: twins were created and deleted, none left', () => {
		expect(totals.cases).toBe(CASES.length);
		expect(totals.separateProcessTwins).toBeGreaterThan(0);
		expect(totals.finalDuplicates).toBe(0);
	});
});
