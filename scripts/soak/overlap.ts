/**
 * The soak's overlapping-runs phase (issue 17): WMS Deliver and Confirm Shipment each started several times at
 * once over the same orders, against a warehouse that ACCEPTS a repeated reference, with a few ms of latency on both
 * sandboxes. Half the runs use the node as loaded by this process (they share its process-wide locks), the other
 * half a copy of the node from fresh modules each ("other n8n processes": no shared memory), so both the in-process
 * lock and the cross-process guards (re-read after each write, lowest id kept, twins cancelled/deleted) are proven.
 * Asserted: 0 duplicate warehouse orders, 0 duplicate shipments, every WMS package in BigCommerce, nothing
 * over-shipped, no `failed` result.
 */
import * as path from 'path';
import type { IDataObject, INodeType } from 'n8n-workflow';
import { transportSettings } from '../../nodes/shared/bigcommerce/retry';
import { parseReference } from '../../nodes/shared/reference';
import { DEFAULT_RETRY } from '../../nodes/shared/wms/request';
import { PACKAGE_NAME, runNode } from '../../test/helpers/harness';
import { fetchOrderItems } from '../../test/WmsDeliver/workflow/setup';
import { fastRetries, restoreRetries, startSoakWorld } from './world';

const ROOT = path.resolve(__dirname, '..', '..');
const PREFIX = 'BC-';

/** A copy of nodes/<Name>/<Name>.node.ts (and everything of ours it imports) from fresh modules: "another process". */
function nodeFromFreshModules(name: string): INodeType {
	const dir = name.charAt(0).toUpperCase() + name.slice(1);
	const ours = (key: string) => key.startsWith(path.join(ROOT, 'nodes') + path.sep);
	const saved = Object.entries(require.cache).filter(([key]) => ours(key));
	for (const [key] of saved) delete require.cache[key];
	try {
		const mod = require(path.join(ROOT, 'nodes', dir, `${dir}.node.ts`)) as Record<string, new () => INodeType>;
		Object.assign((require(path.join(ROOT, 'nodes/shared/bigcommerce/retry')) as { transportSettings: object }).transportSettings, transportSettings);
		Object.assign((require(path.join(ROOT, 'nodes/shared/wms/request')) as { DEFAULT_RETRY: object }).DEFAULT_RETRY, DEFAULT_RETRY);
		return new mod[dir]();
	} finally {
		for (const key of Object.keys(require.cache)) if (ours(key)) delete require.cache[key];
		for (const [key, mod] of saved) require.cache[key] = mod;
	}
}

export interface OverlapReport {
	lines: string[];
	failures: number;
}

/** Runs the phase on its own small world (`orders` orders, `runs` runs of each node at once). */
export async function overlapPhase(opts: { orders: number; runs: number; seed: number }): Promise<OverlapReport> {
	const started = Date.now();
	fastRetries();
	const world = await startSoakWorld({ orders: opts.orders, faultRate: 0, crashRate: 0, seed: opts.seed + 7, maxRounds: 1, quota: 1_000_000, windowMs: 1000 });
	const lines: string[] = [];
	let failures = 0;
	try {
		world.wms.setAllowDuplicateReferences(true);
		world.wms.setLatency(2);
		world.bc.setLatency(2);
		const other = (name: string) => ({ [`${PACKAGE_NAME}.${name}`]: nodeFromFreshModules(name) });
		const processOf = (i: number, name: string) => (i % 2 === 1 ? other(name) : undefined);

		// Delivery: every run gets every order.
		const items = await fetchOrderItems(world.bc);
		const deliveries = await Promise.all(
			Array.from({ length: opts.runs }, async (_, i) =>
				await runNode('wmsDeliver', { wmsType: 'extensiv' }, items as never[], {
					credentials: world.credentials,
					staticData: {},
					continueOnFail: true,
					extraNodeTypes: processOf(i, 'wmsDeliver'),
				}),
			),
		);
		const delivered = deliveries.flatMap((d) => d.items);
		const deliverFailed = delivered.filter((i) => i.outcome !== 'created' && i.outcome !== 'exists').length;
		const records = world.wms.listOrders();
		const active = records.filter((r) => r.status !== 'cancelled').map((r) => r.referenceNum.toLowerCase());
		const wmsDuplicates = active.length - new Set(active).size;
		const twinsCancelled = records.length - active.length;
		const references = new Set(items.flatMap((o) => o.destinations.map((_, d) => (d === 0 ? o.reference : `${o.reference}/${d + 1}`).toLowerCase())));
		const missing = [...references].filter((r) => !active.includes(r)).length;

		// Every WMS order shipped (a mix of plans incl. several packages per order), then confirmed by overlapping runs.
		world.wms.shipAll({ plans: [{ kind: 'packages', count: 4 }, { kind: 'single' }, { kind: 'packages', count: 2 }, { kind: 'split' }] });
		const shared: IDataObject = {};
		const confirms = await Promise.all(
			Array.from({ length: opts.runs }, async (_, i) =>
				await runNode('confirmShipment', { source: 'wms', wmsType: 'extensiv', referencePrefix: PREFIX }, [{}], {
					credentials: world.credentials,
					staticData: i < opts.runs / 2 ? shared : {},
					continueOnFail: true,
					extraNodeTypes: processOf(i, 'confirmShipment'),
				}),
			),
		);
		const confirmed = confirms.flatMap((c) => c.items);
		const notConfirmed = confirmed.filter((i) => i.outcome !== 'created' && i.outcome !== 'exists');
		const confirmFailed = notConfirmed.length;
		for (const i of notConfirmed.slice(0, 3)) lines.push(`  e.g. ${String(i.reference)} package ${String(i.packageNumber)}: ${String(i.outcome)} ${String(i.reason)}`);
		let duplicateShipments = 0;
		let missingPackages = 0;
		let overShipped = 0;
		const wanted = new Map<number, string[]>();
		for (const r of world.wms.listOrders()) {
			const orderId = parseReference(r.referenceNum, PREFIX)?.orderId;
			if (r.status !== 'closed' || orderId === undefined) continue;
			wanted.set(orderId, [...(wanted.get(orderId) ?? []), ...r.packages.map((p) => p.trackingNumber)]);
		}
		for (const [orderId, trackings] of wanted) {
			const shipments = world.bc.getShipments(orderId);
			const have = shipments.map((s) => s.tracking_number);
			duplicateShipments += have.length - new Set(have).size;
			missingPackages += trackings.filter((t) => !have.includes(t)).length;
			const shipped = new Map<number, number>();
			for (const s of shipments) for (const i of s.items) shipped.set(i.order_product_id, (shipped.get(i.order_product_id) ?? 0) + i.quantity);
			overShipped += world.bc.getOrderProducts(orderId).filter((p) => (shipped.get(p.id) ?? 0) > p.quantity).length;
		}
		const packages = [...wanted.values()].reduce((n, t) => n + t.length, 0);
		const twinsDeleted = world.bc.requestLog().filter((r) => r.method === 'DELETE').length;

		lines.push(
			`overlap phase: ${opts.runs} WMS Deliver runs at once over ${items.length} orders (${references.size} references, warehouse accepting repeated references; ${Math.ceil(opts.runs / 2)} in this process, ${Math.floor(opts.runs / 2)} as other processes): ${twinsCancelled} twin WMS orders cancelled by the guard`,
			`overlap phase: ${opts.runs} Confirm Shipment runs at once over ${packages} packages: ${twinsDeleted} twin shipments deleted by the guard (${((Date.now() - started) / 1000).toFixed(1)} s)`,
		);
		const checks: Array<[string, number]> = [
			['duplicate WMS orders', wmsDuplicates],
			['references not in the warehouse', missing],
			['WMS Deliver results failed', deliverFailed],
			['duplicate shipments', duplicateShipments],
			['WMS packages missing in BigCommerce', missingPackages],
			['over-shipped order lines', overShipped],
			['Confirm Shipment results failed', confirmFailed],
		];
		for (const [label, n] of checks) {
			lines.push(`  overlap ${label}: ${n}`);
			failures += n;
		}
		if (packages === 0) {
			lines.push('  overlap phase shipped nothing: the phase is broken');
			failures++;
		}
	} finally {
		restoreRetries();
		await world.close();
	}
	return { lines, failures };
}
