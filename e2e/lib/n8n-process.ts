import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

import { n8nBin, type Runtime } from './runtimes';

/** Every process group we started, so that nothing survives the test (see killAllSync). */
const running = new Set<ChildProcess>();

export function killAllSync(): void {
	for (const child of running) {
		try {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	running.clear();
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

export interface Instance {
	runtime: Runtime;
	userFolder: string;
	port: number;
	brokerPort: number;
	logFile: string;
}

/** The environment of one n8n instance; inherited N8N_* / DB_* settings of the caller are dropped. */
export function n8nEnv(inst: Instance): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_OPTIONS$)/.test(key)) env[key] = value;
	}
	const rt = inst.runtime;
	if (rt.binDir) env.PATH = `${rt.binDir}${path.delimiter}${env.PATH ?? ''}`;
	return {
		...env,
		N8N_USER_FOLDER: inst.userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(inst.port),
		N8N_RUNNERS_BROKER_PORT: String(inst.brokerPort),
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		GENERIC_TIMEZONE: 'UTC',
		...rt.env,
	};
}

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

function runOnce(inst: Instance, args: string[], timeoutMs: number): Promise<CliResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(inst.runtime.nodeExe, [n8nBin(inst.runtime), ...args], {
			env: n8nEnv(inst),
			cwd: inst.userFolder,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		running.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => {
			stderr += `\n[e2e] n8n ${args[0]} timed out after ${timeoutMs} ms, killed`;
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// gone
			}
		}, timeoutMs);
		child.on('error', (err) => {
			clearTimeout(timer);
			running.delete(child);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			running.delete(child);
			fs.appendFileSync(inst.logFile, `\n$ n8n ${args.join(' ')}  -> exit ${code ?? signal}\n${stdout}\n${stderr}\n`);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/**
 * Runs one n8n CLI command. n8n 2.x sometimes dies with SIGSEGV (exit 139) while shutting down after it finished
 * its work; such a run is retried once.
 */
export async function runCli(inst: Instance, args: string[], timeoutMs = 180_000): Promise<CliResult> {
	let res = await runOnce(inst, args, timeoutMs);
	if (res.code === 139 || res.signal === 'SIGSEGV') res = await runOnce(inst, args, timeoutMs);
	if (res.code !== 0) {
		throw new Error(
			`"n8n ${args.join(' ')}" failed (exit ${res.code ?? res.signal}):\n${tail(res.stdout + '\n' + res.stderr, 25)}`,
		);
	}
	return res;
}

export function tail(text: string, lines: number): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface Server {
	baseUrl: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** Starts `n8n start` on 127.0.0.1 and waits until its REST API answers. */
export async function startServer(inst: Instance, timeoutMs = 120_000): Promise<Server> {
	const out = fs.openSync(inst.logFile, 'a');
	fs.writeSync(out, '\n$ n8n start\n');
	const child = spawn(inst.runtime.nodeExe, [n8nBin(inst.runtime), 'start'], {
		env: n8nEnv(inst),
		cwd: inst.userFolder,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	running.add(child);
	let exited: string | undefined;
	const closed = new Promise<void>((resolve) =>
		child.on('close', (code, signal) => {
			exited = `exit ${code ?? signal}`;
			running.delete(child);
			resolve();
		}),
	);
	const baseUrl = `http://127.0.0.1:${inst.port}`;
	const stop = async () => {
		if (exited) return;
		try {
			process.kill(-child.pid!, 'SIGTERM');
		} catch {
			return;
		}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// gone
			}
		}, 15_000);
		await closed;
		clearTimeout(timer);
	};
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited) {
			throw new Error(`n8n start ended (${exited}) before it was ready:\n${tail(fs.readFileSync(inst.logFile, 'utf8'), 30)}`);
		}
		try {
			// Readiness turns 200 when the database is ready, before the REST routes exist; /rest/settings answers
			// JSON only once they do.
			const ready = await fetch(`${baseUrl}/healthz/readiness`);
			if (ready.status === 200) {
				const res = await fetch(`${baseUrl}/rest/settings`);
				if (res.status === 200 && res.headers.get('content-type')?.includes('json')) return { baseUrl, child, stop };
			}
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	await stop();
	throw new Error(`n8n start was not ready after ${timeoutMs / 1000} s:\n${tail(fs.readFileSync(inst.logFile, 'utf8'), 30)}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
