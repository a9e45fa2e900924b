/**
 * npm run bench: each scenario in a fresh child process against in-process sandboxes at the Standard-plan quota
 * (150 requests / 30 s) and 80 ms latency; prints the table and the done-when targets, writes JSON + HTML to
 * bench/results/.
 *
 *   npm run bench                        all scenarios (about 8 minutes: delivery and confirmation write once per
 *                                        order / package, and BigCommerce allows 150 requests per 30 s)
 *   npm run bench -- --only orders,inventory
 *   npm run bench -- --only inventory50k   50,000 SKUs (issue 13): full sync and 1% re-sync
 *   npm run bench -- --quick             3 s windows instead of 30 s (same request counts, wall times not Standard)
 *   npm run bench -- --sequential        one scenario at a time (default: delivery and confirmation side by side)
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { precompile, ROOT } from './lib/precompile';
import { html, markdown, table, targets } from './lib/report';
import { RESULT_MARKER, STANDARD, type BenchConfig, type ScenarioOutput, type ScenarioRow } from './lib/types';

const ALL = ['orders', 'inventory', 'inventory50k', 'deliver', 'confirm', 'changes', 'reconcile'];
/** Scenarios that spend most of their time waiting for the quota run side by side (their own sandboxes, own quota). */
const WAITING = new Set(['deliver', 'confirm']);

interface Args {
	only: string[];
	quick: boolean;
	sequential: boolean;
	out: string;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { only: ALL, quick: false, sequential: false, out: path.join(ROOT, 'bench', 'results') };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--only') args.only = argv[++i].split(',').map((s) => s.trim());
		else if (a === '--quick') args.quick = true;
		else if (a === '--sequential') args.sequential = true;
		else if (a === '--out') args.out = path.resolve(argv[++i]);
		else throw new Error(`unknown argument ${a} (use --only a,b  --quick  --sequential  --out dir)`);
	}
	for (const s of args.only) if (!ALL.includes(s)) throw new Error(`unknown scenario ${s}; one of ${ALL.join(', ')}`);
	return args;
}

function commandFor(name: string, quick: boolean): string {
	return `npm run bench -- --only ${name}${quick ? ' --quick' : ''}`;
}

function runChild(loader: string, name: string, cfg: BenchConfig, command: string): Promise<ScenarioRow[]> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', '-r', loader, path.join(ROOT, 'bench', 'scenario.ts'), name, JSON.stringify(cfg), command], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d.toString()}`));
		child.on('close', (code) => {
			const line = out.split('\n').find((l) => l.startsWith(RESULT_MARKER));
			if (code !== 0 || !line) return reject(new Error(`scenario ${name} failed (exit ${code})\n${out.slice(-2000)}`));
			resolve((JSON.parse(line.slice(RESULT_MARKER.length)) as ScenarioOutput).rows);
		});
	});
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const cfg: BenchConfig = args.quick ? { ...STANDARD, windowMs: 3000 } : STANDARD;
	const loader = precompile();
	console.log(`bench: quota ${cfg.quota} requests / ${cfg.windowMs / 1000} s, ${cfg.latencyMs} ms latency, scenarios: ${args.only.join(', ')}`);
	const started = Date.now();
	const results = new Map<string, ScenarioRow[]>();
	const run = async (name: string) => {
		const t = Date.now();
		console.log(`  running ${name}...`);
		results.set(name, await runChild(loader, name, cfg, commandFor(name, args.quick)));
		console.log(`  ${name} done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
	};
	for (const name of args.only.filter((s) => !WAITING.has(s))) await run(name);
	const waiting = args.only.filter((s) => WAITING.has(s));
	if (args.sequential) for (const name of waiting) await run(name);
	else await Promise.all(waiting.map(run));

	const rows = args.only.flatMap((name) => results.get(name) ?? []);
	const standard = cfg.quota === 150 && cfg.windowMs === 30000;
	const checks = targets(rows, cfg, standard);
	console.log(`\n${table(rows)}\n`);
	for (const r of rows) {
		console.log(`${r.id}: ${r.title}`);
		console.log(`  lower bound: ${r.lowerBoundFormula}`);
		if (r.naive) console.log(`  naive: ${r.naive.formula}`);
		console.log(`  check: ${r.check}`);
		for (const note of r.notes ?? []) console.log(`  note: ${note}`);
		console.log(`  baseline RSS before the work ${r.baselineRssMb} MB, peak ${r.peakRssMb} MB (the process running n8n's engine and our nodes; the sandboxes run in a separate process)`);
	}
	console.log('\nTargets:');
	for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.target}: ${c.value}    (${c.command})`);

	fs.mkdirSync(args.out, { recursive: true });
	const meta = { config: cfg, date: new Date().toISOString(), machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`, totalMs: Date.now() - started };
	fs.writeFileSync(path.join(args.out, 'bench.json'), `${JSON.stringify({ ...meta, rows, targets: checks }, null, '\t')}\n`);
	fs.writeFileSync(path.join(args.out, 'bench.md'), `${markdown(rows)}\n`);
	fs.writeFileSync(path.join(args.out, 'bench.html'), html(rows, checks, meta));
	console.log(`\nWrote ${path.relative(ROOT, args.out)}/bench.json, bench.md, bench.html (total ${((Date.now() - started) / 1000).toFixed(0)} s)`);
	return checks.every((c) => c.pass) ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error.stack ?? error.message);
		process.exit(2);
	},
);
