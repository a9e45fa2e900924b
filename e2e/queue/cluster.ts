/**
 * n8n in queue mode for the test: one main process (`n8n start`: triggers, REST, public API) and N workers
 * (`n8n worker`), all on the same user folder (the community package, the encryption key), PostgreSQL as the
 * database and Redis for the Bull queue. Redis and PostgreSQL are started by e2e/queue.sh.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { freePort, n8nEnv, sleep, startServer, tail, type Instance, type Server } from '../lib/n8n-process';
import { n8nBin, type Runtime } from '../lib/runtimes';

export interface QueueServices {
	redisPort: number;
	pgPort: number;
	database: string;
}

/** The runtime with the queue-mode environment every n8n process of the cluster gets. */
export function queueRuntime(rt: Runtime, svc: QueueServices): Runtime {
	return {
		...rt,
		env: {
			...rt.env,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(svc.redisPort),
			QUEUE_BULL_PREFIX: `bull-${svc.database}`,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(svc.pgPort),
			DB_POSTGRESDB_DATABASE: svc.database,
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			// Shared by every process (they also share the user folder's config file).
			N8N_ENCRYPTION_KEY: 'n8n-queue-e2e-encryption-key-0001',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_LOG_LEVEL: 'info',
			N8N_RUNNERS_ENABLED: 'true',
		},
	};
}

export interface Worker {
	name: string;
	logFile: string;
	child: ChildProcess;
	pid: number;
	exited: boolean;
	/** Resolves when the process has exited. */
	closed: Promise<void>;
}

const workers = new Set<Worker>();

/** Kills every worker process group still running (exit handler). */
export function killWorkersSync(): void {
	for (const w of workers) {
		try {
			if (!w.exited) process.kill(-w.pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
}

/** Starts `n8n worker` and waits until its health endpoint reports it ready. */
export async function startWorker(base: Instance, name: string, concurrency: number, timeoutMs = 120_000): Promise<Worker> {
	const healthPort = await freePort();
	const inst: Instance = { ...base, port: await freePort(), brokerPort: await freePort() };
	const logFile = path.join(base.userFolder, `${name}.log`);
	const env = {
		...n8nEnv(inst),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
	const out = fs.openSync(logFile, 'a');
	fs.writeSync(out, `\n$ n8n worker --concurrency=${concurrency}  (${new Date().toISOString()})\n`);
	const child = spawn(inst.runtime.nodeExe, [n8nBin(inst.runtime), 'worker', `--concurrency=${concurrency}`], {
		env,
		cwd: base.userFolder,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const w: Worker = { name, logFile, child, pid: child.pid!, exited: false, closed: Promise.resolve() };
	w.closed = new Promise<void>((resolve) =>
		child.on('close', () => {
			w.exited = true;
			workers.delete(w);
			resolve();
		}),
	);
	workers.add(w);
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (w.exited) throw new Error(`${name} ended before it was ready:\n${tail(fs.readFileSync(logFile, 'utf8'), 30)}`);
		try {
			const res = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`);
			if (res.status === 200) return w;
		} catch {
			// not listening yet
		}
		await sleep(300);
	}
	await stopWorker(w);
	throw new Error(`${name} was not ready after ${timeoutMs / 1000} s:\n${tail(fs.readFileSync(logFile, 'utf8'), 30)}`);
}

/** SIGKILL of the worker's whole process group (n8n and its task runner): a crash, nothing is cleaned up. */
export async function killWorker(w: Worker): Promise<void> {
	try {
		process.kill(-w.pid, 'SIGKILL');
	} catch {
		// gone
	}
	await w.closed;
}

/** SIGTERM (n8n waits for running executions), SIGKILL after 20 s. */
export async function stopWorker(w: Worker): Promise<void> {
	if (w.exited) return;
	try {
		process.kill(-w.pid, 'SIGTERM');
	} catch {
		return;
	}
	const timer = setTimeout(() => {
		try {
			process.kill(-w.pid, 'SIGKILL');
		} catch {
			// gone
		}
	}, 20_000);
	await w.closed;
	clearTimeout(timer);
}

/** The worker whose log says it started this execution. */
export function workerOf(list: Worker[], executionId: string): Worker | undefined {
	const re = new RegExp(`started execution ${executionId}\\b`);
	return list.find((w) => !w.exited && re.test(fs.readFileSync(w.logFile, 'utf8')));
}

export async function startMain(inst: Instance): Promise<Server> {
	return await startServer(inst, 180_000);
}
