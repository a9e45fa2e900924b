/**
 * n8n queue mode end to end (see e2e/queue/README.md). Run through `bash e2e/queue.sh`, which starts Redis and
 * PostgreSQL and exports their ports.
 *
 * n8n 2.x on Node 24: main + 2 workers on PostgreSQL and Redis, the package installed as a community package, the
 * three bundled workflows imported and activated; 1,000 orders in bursts, the warehouse shipping as orders arrive,
 * one worker killed (SIGKILL) while it delivers orders and restarted; then: 0 lost, 0 duplicate warehouse orders,
 * 0 duplicate shipments, stock exact, the store's quota held. QUEUE_BENCH=1: the same without the kill, with 1 and
 * with 2 workers, printing orders/minute against the quota's ceiling.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import type { BcSandbox, StartBigCommerceSandbox } from '../../sandbox/bigcommerce/types';
import type { StartWmsSandbox, WmsSandbox } from '../../sandbox/wms/types';
import { printSummary, runMain, timed, type Check } from '../lib/harness';
import { N8nApi, type WorkflowJson } from '../lib/n8n-api';
import { freePort, killAllSync, runCli, sleep, type Instance, type Server } from '../lib/n8n-process';
import { installPackage, readPackage, type PackageInfo } from '../lib/package';
import { getRuntime, installedVersion, type Runtime } from '../lib/runtimes';
import { loadNodeHelpers, neededCredentials, type NodeHelpersLike } from '../lib/validate';
import { killWorker, killWorkersSync, queueRuntime, startMain, startWorker, stopWorker, workerOf, type Worker } from './cluster';
import { applyMutant, mutantFromEnv } from './mutants';
import {
	AWAITING_FULFILLMENT,
	createdNotMoved,
	duplicateReferences,
	endState,
	executionSummary,
	missingShipments,
	shipOpen,
	stockDiffs,
	trackedLines,
	undelivered,
	until,
	type Facts,
	type Line,
} from './scenario';

const ROOT = path.resolve(__dirname, '..', '..');
const ORDERS = Number(process.env.QUEUE_ORDERS ?? 1000);
/** BigCommerce's 150 requests per window, in a window 10 times shorter than a real store's 30 s. */
const QUOTA = { quota: Number(process.env.QUEUE_QUOTA ?? 150), windowMs: Number(process.env.QUEUE_WINDOW_MS ?? 3000) };
/** Inventory sync every 5 s; shipment confirmation every 30 s (a run must not outlast the schedule by much: see README). */
const SCHEDULE_SECONDS = { inventory: 5, confirm: 30 };
const REDELIVERY_MINUTES = 0.5;
/** The warehouse ships the orders of the first burst (about 1.5 packages each). */
const SHIPPED_ORDERS = Number(process.env.QUEUE_SHIPPED ?? 400);
const BURSTS = [0.4, 0.3, 0.3];
const BURST_GAP_MS = 20_000;
const SCENARIO_TIMEOUT = 8 * 60_000;
/** The kill comes when this many orders are in the warehouse but not yet moved in BigCommerce. */
const KILL_AFTER_HALF_DONE = 5;
const IDS = { download: 'qOrderDownload01', confirm: 'qShipmentConf001', inventory: 'qInventorySync01' };
const WORKFLOWS: Array<[keyof typeof IDS, string]> = [
	['download', 'workflows/order-download.json'],
	['confirm', 'workflows/shipment-confirmation.json'],
	['inventory', 'workflows/inventory-sync.json'],
];

const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s`;
const log = (msg: string) => console.log(`[queue ${stamp()}] ${msg}`);

interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

async function startSandboxes(): Promise<{ bc: BcSandbox; wms: WmsSandbox; lines: Line[] }> {
	const { startBigCommerceSandbox } = require(path.join(ROOT, 'sandbox', 'bigcommerce')) as { startBigCommerceSandbox: StartBigCommerceSandbox };
	const { startWmsSandbox } = require(path.join(ROOT, 'sandbox', 'wms')) as { startWmsSandbox: StartWmsSandbox };
	const bc = await startBigCommerceSandbox({ seed: { seed: 11, orders: 0, specialOrders: false }, ...QUOTA });
	const lines = trackedLines(bc).slice(0, 40);
	const skus = [...new Set([...bc.getProducts().map((p) => p.sku), ...bc.getVariants().map((v) => v.sku)].filter(Boolean))];
	const wms = await startWmsSandbox({ items: skus.map((sku) => ({ sku, available: 5000 })) });
	// The test must not rely on the warehouse refusing a repeated reference (the real API's behaviour is unclear).
	wms.setAllowDuplicateReferences(true);
	return { bc, wms, lines };
}

function credentialsFor(bc: BcSandbox, wms: WmsSandbox): Credential[] {
	return [
		{ id: 'qBigCommerce0001', name: 'BigCommerce sandbox', type: 'bigCommerceApi', data: { ...bc.credentials } },
		{ id: 'qExtensivWms001', name: 'Extensiv sandbox', type: 'extensivWarehouseManagerApi', data: { tplGuid: '', ...wms.extensivCredentials } },
		{ id: 'qWmsHttpApi0001', name: 'WMS HTTP sandbox', type: 'wmsHttpApi', data: { ...wms.httpCredentials } },
	];
}

/**
 * The bundled workflow with test-only changes: fixed id, our credentials, the orders trigger every minute (n8n 2.x's
 * shortest poll) taking up to all test orders per poll and offering an undelivered order again after 1 minute
 * (default 30), the schedules every 5 s.
 */
function prepareWorkflow(file: string, id: string, pkg: PackageInfo, creds: Credential[], helpers: NodeHelpersLike, bc: BcSandbox): WorkflowJson {
	const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/__BC_API_URL__/g, bc.url).replace(/__BC_STORE_HASH__/g, bc.storeHash);
	const wf = JSON.parse(text) as WorkflowJson;
	wf.id = id;
	wf.active = false;
	const byType = new Map(creds.map((c) => [c.type, { id: c.id, name: c.name }]));
	for (const node of wf.nodes) {
		const desc = pkg.nodes.find((d) => `${pkg.name}.${d.name}` === node.type);
		if (desc) {
			const values = helpers.getNodeParameters(desc.properties, node.parameters ?? {}, true, false, node, desc) ?? {};
			for (const type of neededCredentials({ ...node, parameters: values }, desc, helpers)) {
				if (byType.has(type)) node.credentials = { ...node.credentials, [type]: byType.get(type)! };
			}
			if (desc.polling) {
				node.parameters = {
					...node.parameters,
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					options: { ...(node.parameters.options ?? {}), maxOrders: Math.max(ORDERS, 250), redeliveryMinutes: REDELIVERY_MINUTES },
				};
			}
		}
		if (node.type === 'n8n-nodes-base.scheduleTrigger') {
			node.parameters = { ...node.parameters, rule: { interval: [{ field: 'seconds', secondsInterval: id === IDS.confirm ? SCHEDULE_SECONDS.confirm : SCHEDULE_SECONDS.inventory }] } };
		}
	}
	return wf;
}

interface RunOptions {
	label: string;
	workers: number;
	kill: boolean;
	database: string;
}

interface RunResult {
	header: string;
	checks: Check[];
	facts?: Facts;
	requests?: number;
	tooMany?: number;
	maxInWindow?: number;
}

function createDatabase(name: string): void {
	if (name === 'n8n') return; // created by e2e/queue.sh
	const bin = process.env.QUEUE_TEST_PG_BIN ?? '';
	execFileSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(process.env.QUEUE_TEST_PG_PORT), '-U', 'n8n', name]);
}

async function runCluster(opts: RunOptions, pkg: PackageInfo): Promise<RunResult> {
	const checks: Check[] = [];
	const rt0 = getRuntime('n8n-2');
	const version = installedVersion(rt0);
	const header = `${opts.label}: n8n ${version} queue mode, main + ${opts.workers} worker(s), ${ORDERS} orders` + (opts.kill ? ', one worker killed mid-run' : '');
	const work = process.env.QUEUE_TEST_WORK ?? fs.mkdtempSync('/tmp/n8n-queue-');
	const userFolder = path.join(work, `n8n-${opts.database}`);
	fs.mkdirSync(userFolder, { recursive: true });
	createDatabase(opts.database);
	const rt: Runtime = queueRuntime(rt0, {
		redisPort: Number(process.env.QUEUE_TEST_REDIS_PORT),
		pgPort: Number(process.env.QUEUE_TEST_PG_PORT),
		database: opts.database,
	});
	const inst: Instance = { runtime: rt, userFolder, port: await freePort(), brokerPort: await freePort(), logFile: path.join(userFolder, 'main.log') };
	// QUEUE_PACKAGE_ROOT: install package.json + dist from another folder (a build of work in progress).
	const installed = installPackage(process.env.QUEUE_PACKAGE_ROOT || ROOT, userFolder);
	const mutant = mutantFromEnv();
	const mutated = applyMutant(mutant, installed);
	if (mutated) log(`QUEUE_MUTANT=${mutant}: ${mutated}`);

	let server: Server | undefined;
	const workers: Worker[] = [];
	let sandboxes: Awaited<ReturnType<typeof startSandboxes>> | undefined;
	const facts: Facts = { placed: [], placedAt: [], expected: [] };
	let stopShipper = false;
	let shipper: Promise<void> | undefined;
	let api: N8nApi | undefined;
	try {
		const ok = await timed(checks, 'set up (sandboxes, import into PostgreSQL, n8n main + workers, owner, API key)', async () => {
			sandboxes = await startSandboxes();
			const { bc, wms } = sandboxes;
			log(`sandboxes: BigCommerce ${bc.url} (quota ${QUOTA.quota} per ${QUOTA.windowMs} ms), WMS ${wms.url}; user folder ${userFolder}`);
			const creds = credentialsFor(bc, wms);
			const credFile = path.join(userFolder, 'credentials.json');
			fs.writeFileSync(credFile, JSON.stringify(creds, null, 2));
			await runCli(inst, ['import:credentials', `--input=${credFile}`]);
			const wfDir = path.join(userFolder, 'workflows');
			fs.mkdirSync(wfDir, { recursive: true });
			const { helpers } = loadNodeHelpers(rt.dir);
			for (const [key, file] of WORKFLOWS) {
				fs.writeFileSync(path.join(wfDir, `${IDS[key]}.json`), JSON.stringify(prepareWorkflow(file, IDS[key], pkg, creds, helpers, bc), null, 2));
			}
			await runCli(inst, ['import:workflow', '--separate', `--input=${wfDir}`]);
			log(`imported; starting n8n main on port ${inst.port} and ${opts.workers} worker(s)`);
			const started = await Promise.all([
				startMain(inst),
				...Array.from({ length: opts.workers }, (_, i) => startWorker(inst, `worker-${i + 1}`, 10)),
			]);
			server = started[0] as Server;
			workers.push(...(started.slice(1) as Worker[]));
			api = new N8nApi(server.baseUrl);
			await api.setUp();
			return `main ${server.baseUrl}, workers pid ${workers.map((w) => w.pid).join(', ')}, PostgreSQL database ${opts.database}`;
		});
		if (!ok || !sandboxes || !api) return { header, checks };
		const { bc, wms, lines } = sandboxes;
		const placedSet = new Set<number>();
		let n = 0;
		const placeBurst = (count: number) => {
			for (let i = 0; i < count; i++, n++) {
				const line = lines[n % lines.length];
				const id = bc.addOrder({ statusId: AWAITING_FULFILLMENT, email: `queue-${n}@example.com`, lines: [{ ...line, quantity: 1 + (n % 3) }] });
				facts.placed.push(id);
				facts.placedAt.push(Date.now());
				placedSet.add(id);
			}
			facts.firstOrderAt ??= Date.now();
		};
		const sizes = BURSTS.map((share, i) => (i === BURSTS.length - 1 ? ORDERS - BURSTS.slice(0, -1).reduce((a, s) => a + Math.round(s * ORDERS), 0) : Math.round(share * ORDERS)));
		bc.resetRequestLog();

		await timed(checks, `run: ${ORDERS} orders in ${sizes.length} bursts (${sizes.join(' + ')}), the warehouse ships the first ${SHIPPED_ORDERS} as they arrive`, async () => {
			placeBurst(sizes[0]);
			// Until the kill, BigCommerce answers status changes with 503 (the transport retries them with back-off), so
			// orders created in the warehouse stay Awaiting Fulfillment: the crash leaves them half done for sure.
			if (opts.kill) bc.setFaults({ rate: 1, kinds: ['503'], methods: ['PUT'], pathPattern: /^\/v2\/orders\/\d+$/ });
			log(`burst 1: ${sizes[0]} orders; activating the three workflows`);
			for (const key of ['download', 'confirm', 'inventory'] as const) await api!.activate(IDS[key]);
			const activatedAt = Date.now();
			// The warehouse ships every few seconds whatever it received.
			const shipSet = new Set(facts.placed.slice(0, SHIPPED_ORDERS));
			shipper = (async () => {
				while (!stopShipper) {
					facts.expected.push(...shipOpen(bc, wms, shipSet));
					await sleep(4000);
				}
			})();
			const bursts = (async () => {
				for (let b = 1; b < sizes.length; b++) {
					await sleep(Math.max(0, activatedAt + b * BURST_GAP_MS - Date.now()));
					placeBurst(sizes[b]);
					log(`burst ${b + 1}: ${sizes[b]} orders`);
				}
			})();
			if (opts.kill) await killOneWorker(api!, bc, wms, placedSet, workers, inst, facts);
			await bursts;
			facts.allDeliveredAt = await until('every order in the WMS and moved out of Awaiting Fulfillment', SCENARIO_TIMEOUT, () => undelivered(bc, wms, facts.placed).length === 0, () => {
				const left = undelivered(bc, wms, facts.placed);
				return `${left.length} not delivered: ${left.slice(0, 10).join(', ')}`;
			}, 1000);
			log(`all ${facts.placed.length} orders delivered ${((facts.allDeliveredAt - facts.firstOrderAt!) / 1000).toFixed(0)} s after the first was placed`);
			// Fail fast: duplicates make the shipments wait for a timeout (a second warehouse order ships the lines again).
			const dup = duplicateReferences(wms, placedSet);
			if (dup.length) throw new Error(`${dup.length} duplicate warehouse order(s) after delivery: ${dup.slice(0, 10).join(', ')}`);
			stopShipper = true;
			await shipper;
			facts.expected.push(...shipOpen(bc, wms, shipSet));
			facts.allConfirmedAt = await until('every shipped package as a BigCommerce shipment', SCENARIO_TIMEOUT, () => missingShipments(bc, facts.expected).length === 0, () => {
				const m = missingShipments(bc, facts.expected);
				return `${m.length} missing: ${m.slice(0, 6).map((e) => `order ${e.orderId} ${e.tracking}`).join('; ')}`;
			}, 1000);
			log(`all ${facts.expected.length} packages confirmed ${((facts.allConfirmedAt - facts.firstOrderAt!) / 1000).toFixed(0)} s after the first order`);
			facts.stockExactAt = await until('BigCommerce stock equal to the WMS', 120_000, () => stockDiffs(bc, wms, lines).length === 0, () => stockDiffs(bc, wms, lines).slice(0, 6).join('; '), 1000);
			for (const key of ['download', 'confirm', 'inventory'] as const) await api!.deactivate(IDS[key]).catch(() => undefined);
			// Let executions still queued or running finish before the end state is read.
			await sleep(8000);
			const end = endState(bc, wms, facts, lines, QUOTA);
			if (end.problems.length) throw new Error([...end.problems, '', ...end.lines].join('\n'));
			const kill = facts.kill
				? `${facts.kill.worker} (pid killed) while it ran execution ${facts.kill.executionId}, with ${facts.kill.createdNotMoved.length} order(s) in the WMS but not yet moved in BigCommerce (${facts.kill.createdNotMoved.slice(0, 5).join(', ')}); restarted in ${(facts.kill.restartedInMs / 1000).toFixed(1)} s`
				: 'no worker killed';
			return [...end.lines, kill].join('\n');
		});
		const summaries: string[] = [];
		for (const [key] of WORKFLOWS) {
			const s = await executionSummary(api, IDS[key]).catch((e) => ({ total: 0, byStatus: { unreadable: 1 }, errors: [(e as Error).message] }));
			summaries.push(`${key}: ${s.total} executions ${JSON.stringify(s.byStatus)}${s.errors.length ? `; errors: ${s.errors.slice(0, 3).join(' | ')}` : ''}`);
		}
		checks.push({ name: 'executions (information)', status: 'PASS', detail: summaries.join('\n'), ms: 0 });
		const reqLog = bc.requestLog();
		return { header, checks, facts, requests: reqLog.length, tooMany: reqLog.filter((r) => r.status === 429).length, maxInWindow: bc.maxRequestsInWindow() };
	} catch (e) {
		checks.push({ name: 'runtime', status: 'FAIL', detail: (e as Error).stack ?? String(e), ms: 0 });
		return { header, checks };
	} finally {
		stopShipper = true;
		await shipper?.catch(() => undefined);
		await Promise.all([server?.stop(), ...workers.map((w) => stopWorker(w))]);
		await sandboxes?.bc.close().catch(() => undefined);
		await sandboxes?.wms.close().catch(() => undefined);
		if (checks.some((c) => c.status === 'FAIL') || process.env.E2E_KEEP === '1') log(`kept ${userFolder} (main.log, worker-*.log)`);
	}
}

/**
 * Waits until an order download execution runs on a worker while at least one order is in the WMS but not yet
 * moved out of Awaiting Fulfillment in BigCommerce, SIGKILLs that worker and starts a new one.
 */
async function killOneWorker(api: N8nApi, bc: BcSandbox, wms: WmsSandbox, placed: Set<number>, workers: Worker[], inst: Instance, facts: Facts): Promise<void> {
	const deadline = Date.now() + 150_000;
	while (Date.now() < deadline) {
		const running = await api.executions(IDS.download, 'running').catch(() => []);
		for (const e of running) {
			const w = workerOf(workers, e.id);
			if (!w) continue;
			const between = createdNotMoved(bc, wms, placed);
			if (between.length < KILL_AFTER_HALF_DONE) continue;
			await killWorker(w);
			bc.setFaults(null);
			const at = Date.now();
			log(`SIGKILL ${w.name} (pid ${w.pid}) during order download execution ${e.id}; ${between.length} order(s) created in the WMS, not yet moved in BigCommerce`);
			const replacement = await startWorker(inst, `${w.name}b`, 10);
			workers[workers.indexOf(w)] = replacement;
			facts.kill = { worker: w.name, executionId: e.id, at, createdNotMoved: between, restartedInMs: Date.now() - at };
			log(`${replacement.name} (pid ${replacement.pid}) started in ${((Date.now() - at) / 1000).toFixed(1)} s`);
			return;
		}
		await sleep(25);
	}
	bc.setFaults(null);
	throw new Error('no moment to kill a worker: no order download execution was seen running with an order between WMS create and status change');
}

function benchLine(r: RunResult): string {
	const f = r.facts;
	if (!f?.firstOrderAt || !f.allDeliveredAt || !f.allConfirmedAt || !r.requests) return `${r.header}: no figures (the run failed)`;
	const min = (ms: number) => ms / 60_000;
	const delivered = f.placed.length / min(f.allDeliveredAt - f.firstOrderAt);
	const confirmed = f.placed.length / min(f.allConfirmedAt - f.firstOrderAt);
	const perOrder = r.requests / f.placed.length;
	const ceiling = (QUOTA.quota * 60_000) / QUOTA.windowMs / perOrder;
	return (
		`${r.header}: delivered ${delivered.toFixed(0)} orders/min, delivered+shipped+confirmed ${confirmed.toFixed(0)} orders/min; ` +
		`${r.requests} BigCommerce requests (${perOrder.toFixed(1)} per order, all three workflows), quota ceiling ${ceiling.toFixed(0)} orders/min; ` +
		`busiest window ${r.maxInWindow}/${QUOTA.quota}, ${r.tooMany} x 429`
	);
}

async function main(): Promise<number> {
	for (const v of ['QUEUE_TEST_REDIS_PORT', 'QUEUE_TEST_PG_PORT']) {
		if (!process.env[v]) {
			console.error(`[queue] ${v} is not set: run "npm run test:queue" (bash e2e/queue.sh), which starts Redis and PostgreSQL`);
			return 1;
		}
	}
	const pkg = readPackage(ROOT);
	const results: RunResult[] = [];
	if (process.env.QUEUE_BENCH === '1') {
		for (const workers of [1, 2]) {
			const started = Date.now();
			const r = await runCluster({ label: `bench-${workers}`, workers, kill: false, database: `n8n_bench${workers}` }, pkg);
			r.header += ` in ${((Date.now() - started) / 1000).toFixed(0)} s`;
			results.push(r);
		}
	} else {
		const started = Date.now();
		const r = await runCluster({ label: 'queue', workers: 2, kill: true, database: 'n8n' }, pkg);
		r.header += ` in ${((Date.now() - started) / 1000).toFixed(0)} s`;
		results.push(r);
	}
	const failed = printSummary('n8n queue mode summary', results);
	if (process.env.QUEUE_BENCH === '1') {
		console.log('\nBench (quota ' + `${QUOTA.quota} requests per ${QUOTA.windowMs / 1000} s):`);
		for (const r of results) console.log(`  ${benchLine(r)}`);
	} else {
		console.log(`\n${benchLine(results[0])}`);
	}
	console.log(`\n${failed ? 'FAIL' : 'PASS'}: queue mode in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	return failed ? 1 : 0;
}

runMain(
	main,
	() => {
		killWorkersSync();
		killAllSync();
	},
	'queue',
);
