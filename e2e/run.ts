/**
 * End-to-end test in real n8n installations (see e2e/README.md). Run through `bash e2e/run.sh`, which builds the
 * package and installs the runtimes first.
 *
 * Per runtime: a fresh n8n user folder with the built package installed as a community package, both sandboxes,
 * credentials and the bundled workflows imported through n8n's CLI, then `n8n start` on 127.0.0.1, headless owner
 * + API key, a check that n8n loaded every node and credential of the package, a check that every workflow opens
 * without editor issues, and each workflow run by n8n's own activation with its end state asserted in the sandboxes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { BcSandbox } from '../sandbox/bigcommerce/types';
import type { WmsSandbox } from '../sandbox/wms/types';
import { printSummary, runMain, startSandboxes, tearDown, timed, type Check } from './lib/harness';
import { N8nApi, type WorkflowJson } from './lib/n8n-api';
import { freePort, killAllSync, runCli, startServer, type Instance, type Server } from './lib/n8n-process';
import { installPackage, readPackage, type PackageInfo } from './lib/package';
import { getRuntime, installedVersion, type Runtime } from './lib/runtimes';
import { bundledScenarios, fixtureScenarios, type Scenario, type ScenarioContext } from './lib/scenarios';
import { loadNodeHelpers, neededCredentials, TypeCatalog, validateWorkflow, type NodeHelpersLike } from './lib/validate';

const ROOT = path.resolve(__dirname, '..');
const FAST_SCHEDULE_SECONDS = 5;

const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s`;
const logFor = (id: string) => (msg: string) => console.log(`[e2e ${stamp()} ${id}] ${msg}`);

interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

function credentialsFor(bc: BcSandbox, wms: WmsSandbox): Credential[] {
	return [
		{ id: 'e2eBigCommerce01', name: 'BigCommerce sandbox', type: 'bigCommerceApi', data: { ...bc.credentials } },
		{
			id: 'e2eExtensivWms01',
			name: 'Extensiv sandbox',
			type: 'extensivWarehouseManagerApi',
			data: { tplGuid: '', ...wms.extensivCredentials },
		},
		{ id: 'e2eWmsHttpApi001', name: 'WMS HTTP sandbox', type: 'wmsHttpApi', data: { ...wms.httpCredentials } },
	];
}

interface WorkflowUnderTest {
	file: string;
	workflowId: string;
	scenario?: Scenario;
}

function readWorkflowFile(file: string, bc: BcSandbox): WorkflowJson {
	const text = fs
		.readFileSync(path.join(ROOT, file), 'utf8')
		.replace(/__BC_API_URL__/g, bc.url)
		.replace(/__BC_STORE_HASH__/g, bc.storeHash);
	return JSON.parse(text) as WorkflowJson;
}

/**
 * The workflow as shipped, with three test-only changes: a fixed id, our test credentials selected (as a user does
 * after import), and faster trigger times (polling triggers as often as the runtime allows, schedules every 5 s).
 */
function prepareWorkflow(
	raw: WorkflowJson,
	workflowId: string,
	pkg: PackageInfo,
	creds: Credential[],
	helpers: NodeHelpersLike,
	rt: Runtime,
): WorkflowJson {
	const wf = JSON.parse(JSON.stringify(raw)) as WorkflowJson;
	wf.id = workflowId;
	wf.active = false;
	const byType = new Map(creds.map((c) => [c.type, { id: c.id, name: c.name }]));
	for (const node of wf.nodes) {
		const desc = pkg.nodes.find(
			(d) =>
				`${pkg.name}.${d.name}` === node.type &&
				(Array.isArray(d.version) ? d.version : [d.version]).includes(node.typeVersion),
		);
		if (desc) {
			const values = helpers.getNodeParameters(desc.properties, node.parameters ?? {}, true, false, node, desc) ?? {};
			for (const type of neededCredentials({ ...node, parameters: values }, desc, helpers)) {
				if (byType.has(type)) node.credentials = { ...node.credentials, [type]: byType.get(type)! };
			}
			if (desc.polling) node.parameters = { ...node.parameters, pollTimes: rt.pollTimes };
		}
		for (const type of Object.keys(node.credentials ?? {})) {
			if (byType.has(type)) node.credentials![type] = byType.get(type)!;
		}
		if (node.type === 'n8n-nodes-base.scheduleTrigger') {
			node.parameters = { ...node.parameters, rule: { interval: [{ field: 'seconds', secondsInterval: FAST_SCHEDULE_SECONDS }] } };
		}
	}
	return wf;
}

/** The last lines of the n8n log that are neither stack frames nor start-up notices. */
function n8nLogExcerpt(logFile: string, lines = 8): string {
	const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
	const server = text.slice(text.lastIndexOf('$ n8n start'));
	const useful = server.split('\n').filter((l) => l.trim() && !/^\s+at |^ - |deprecat/i.test(l));
	return useful.slice(-lines).map((l) => `  | ${l.slice(0, 300)}`).join('\n');
}

async function runRuntime(rt: Runtime, pkg: PackageInfo, workflows: WorkflowUnderTest[]): Promise<{ checks: Check[]; header: string }> {
	const log = logFor(rt.id);
	const checks: Check[] = [];
	let header = `${rt.id}: ${rt.label}`;
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${rt.id}-`));
	const inst: Instance = {
		runtime: rt,
		userFolder,
		port: await freePort(),
		brokerPort: await freePort(),
		logFile: path.join(userFolder, 'n8n.log'),
	};
	let server: Server | undefined;
	let sandboxes: { bc: BcSandbox; wms: WmsSandbox } | undefined;
	try {
		const version = installedVersion(rt);
		header = `${rt.id}: n8n ${version} (${rt.label})`;
		const { helpers, from } = loadNodeHelpers(rt.dir);
		log(`user folder ${userFolder}; n8n-workflow helpers from ${from.includes(rt.dir) ? 'the runtime' : 'the repo'}`);
		installPackage(ROOT, userFolder);

		const setUp = await timed(checks, 'set up (sandboxes, import credentials + workflows, n8n start, owner)', async () => {
			sandboxes = await startSandboxes();
			const { bc, wms } = sandboxes;
			log(`sandboxes: BigCommerce ${bc.url}, WMS ${wms.url}`);
			const creds = credentialsFor(bc, wms);
			const credFile = path.join(userFolder, 'e2e-credentials.json');
			fs.writeFileSync(credFile, JSON.stringify(creds, null, 2));
			await runCli(inst, ['import:credentials', `--input=${credFile}`]);
			const wfDir = path.join(userFolder, 'e2e-workflows');
			fs.mkdirSync(wfDir);
			for (const w of workflows) {
				const wf = prepareWorkflow(readWorkflowFile(w.file, bc), w.workflowId, pkg, creds, helpers, rt);
				fs.writeFileSync(path.join(wfDir, `${w.workflowId}.json`), JSON.stringify(wf, null, 2));
			}
			if (workflows.length) await runCli(inst, ['import:workflow', '--separate', `--input=${wfDir}`]);
			log(`imported ${creds.length} credentials and ${workflows.length} workflows; starting n8n on port ${inst.port}`);
			server = await startServer(inst);
			return `n8n ready at ${server.baseUrl}`;
		});
		if (!setUp || !server || !sandboxes) return { checks, header };
		const api = new N8nApi(server.baseUrl);
		await api.setUp();
		const catalog = new TypeCatalog(await api.nodeTypes(), await api.credentialTypes());

		await timed(checks, 'package loads: every node and credential of package.json is known to n8n', async () => {
			const missing: string[] = [];
			for (const d of pkg.nodes) {
				const versions = Array.isArray(d.version) ? d.version : [d.version];
				for (const v of versions) if (!catalog.find(`${pkg.name}.${d.name}`, v)) missing.push(`node ${pkg.name}.${d.name} v${v}`);
			}
			for (const c of pkg.credentials) if (!catalog.credentials.has(c)) missing.push(`credential ${c}`);
			if (missing.length) throw new Error(`n8n did not load: ${missing.join(', ')} (see ${inst.logFile})`);
			if (!pkg.nodes.length && !pkg.credentials.length) throw new Error('package.json lists no nodes and no credentials');
			return `${pkg.nodes.length} node types (${pkg.nodes.map((d) => d.name).join(', ') || 'none yet'}), ${pkg.credentials.length} credential types`;
		});

		const passed = new Set<string>();
		const shared: ScenarioContext['shared'] = {};
		for (const w of workflows) {
			const opens = await timed(checks, `${w.file}: imported, opens without editor issues`, async () => {
				const stored = await api.getWorkflow(w.workflowId);
				const problems = validateWorkflow(stored, catalog, helpers);
				if (problems.length) throw new Error(problems.join('\n'));
				return `${stored.nodes.length} nodes, all known, parameters valid`;
			});
			if (!w.scenario) continue;
			if (!opens) {
				checks.push({ name: `${w.file}: run`, status: 'SKIP', detail: 'not run: the workflow has issues', ms: 0 });
				continue;
			}
			if (w.scenario.requires && !passed.has(w.scenario.requires)) {
				checks.push({ name: `${w.file}: run`, status: 'SKIP', detail: `needs ${w.scenario.requires} to pass first`, ms: 0 });
				continue;
			}
			const ctx: ScenarioContext = { api, workflowId: w.workflowId, bc: sandboxes.bc, wms: sandboxes.wms, shared, log };
			log(`running ${w.file}`);
			if (await timed(checks, `${w.file}: run by n8n, sandbox end state`, () => w.scenario!.run(ctx))) {
				passed.add(w.file);
			} else {
				checks[checks.length - 1].detail += `\nlast n8n log lines:\n${n8nLogExcerpt(inst.logFile)}`;
			}
		}
	} catch (e) {
		checks.push({ name: 'runtime', status: 'FAIL', detail: (e as Error).message, ms: 0 });
	} finally {
		await tearDown({ checks, server, sandboxes, userFolder, logFile: inst.logFile, log });
	}
	return { checks, header };
}

function selectWorkflows(): { list: WorkflowUnderTest[]; notes: string[]; fatal?: string } {
	const notes: string[] = [];
	const list: WorkflowUnderTest[] = [];
	for (const s of bundledScenarios) {
		if (fs.existsSync(path.join(ROOT, s.file))) list.push({ file: s.file, workflowId: s.workflowId, scenario: s });
		else notes.push(`SKIP ${s.file}: file not found`);
	}
	const dir = path.join(ROOT, 'workflows');
	const known = new Set(bundledScenarios.map((s) => s.file));
	const extra = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !known.has(`workflows/${f}`)) : [];
	extra.sort().forEach((f, i) => {
		list.push({ file: `workflows/${f}`, workflowId: `e2eExtraWorkfl${String(i).padStart(2, '0')}` });
		notes.push(`workflows/${f}: no scenario, checked for editor issues only`);
	});
	if (!list.length && process.env.E2E_REQUIRE_WORKFLOWS === '1') {
		return { list, notes, fatal: 'E2E_REQUIRE_WORKFLOWS=1 but workflows/ has none of the bundled workflows' };
	}
	if (!list.length || process.env.E2E_FIXTURES === '1') {
		for (const s of fixtureScenarios) list.push({ file: s.file, workflowId: s.workflowId, scenario: s });
		notes.push(`using the smoke fixture(s): ${fixtureScenarios.map((s) => s.file).join(', ')}`);
	}
	return { list, notes };
}

async function main(): Promise<number> {
	const runtimeIds = (process.env.E2E_RUNTIMES || 'n8n-1,n8n-2').split(',').map((s) => s.trim()).filter(Boolean);
	const pkg = readPackage(ROOT);
	const { list, notes, fatal } = selectWorkflows();
	notes.forEach((n) => console.log(`[e2e] ${n}`));
	if (fatal) {
		console.log(`\nFAIL: ${fatal}`);
		return 1;
	}
	const results: Array<{ header: string; checks: Check[] }> = [];
	for (const id of runtimeIds) {
		const rt = getRuntime(id);
		const started = Date.now();
		const r = await runRuntime(rt, pkg, list);
		r.header += ` in ${((Date.now() - started) / 1000).toFixed(0)} s`;
		results.push(r);
	}
	const failed = printSummary('n8n end-to-end summary', results);
	console.log(`\n${failed ? 'FAIL' : 'PASS'}: ${results.length} runtime(s) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	return failed ? 1 : 0;
}

runMain(main, killAllSync, 'e2e');
