import type { Execution, N8nApi } from './n8n-api';
import { sleep } from './n8n-process';

export function executionStatus(e: Execution): string {
	if (e.status) return e.status;
	if (e.finished) return 'success';
	return e.stoppedAt ? 'error' : 'running';
}

export function executionError(e: Execution): string {
	const err = e.data?.resultData?.error;
	if (!err) return `execution ${e.id} ended with status ${executionStatus(e)}`;
	return `execution ${e.id} failed${err.node?.name ? ` in node "${err.node.name}"` : ''}: ${err.message ?? 'no message'}`;
}

const FAILED = new Set(['error', 'crashed', 'canceled']);

/** Throws when any execution of the workflow failed as a whole (per-item failures are routed, not errors). */
export async function assertNoFailedExecution(api: N8nApi, workflowId: string): Promise<Execution[]> {
	const list = await api.executions(workflowId);
	const failed = list.find((e) => FAILED.has(executionStatus(e)));
	if (failed) throw new Error(executionError(failed));
	return list;
}

const FINE = new Set(['created', 'exists', 'updated', 'unchanged']);

/** Items our nodes reported as not done (held, skipped, failed) in the latest executions, with their reasons. */
export function notDone(executions: Execution[], max = 8): string[] {
	const lines = new Set<string>();
	for (const e of executions.slice(0, 3)) {
		for (const [node, runs] of Object.entries(e.data?.resultData?.runData ?? {})) {
			for (const run of runs ?? []) {
				for (const item of (run?.data?.main ?? []).flat()) {
					const json = item?.json ?? {};
					if (typeof json.outcome === 'string' && !FINE.has(json.outcome)) {
						lines.add(`${node}: ${json.outcome}: ${String(json.reason ?? '').slice(0, 200)}`);
					}
				}
			}
		}
	}
	return [...lines].slice(0, max);
}

export async function countSuccesses(api: N8nApi, workflowId: string): Promise<number> {
	return (await assertNoFailedExecution(api, workflowId)).filter((e) => executionStatus(e) === 'success').length;
}

/**
 * Polls `check` every second until it returns true; fails on timeout with `describe()` (what is still missing)
 * or as soon as an execution of the workflow fails.
 */
export async function waitUntil(
	what: string,
	timeoutMs: number,
	check: () => boolean | Promise<boolean>,
	opts: { api: N8nApi; workflowId: string; describe?: () => string },
): Promise<number> {
	const started = Date.now();
	for (;;) {
		const finished = await assertNoFailedExecution(opts.api, opts.workflowId);
		if (await check()) return Date.now() - started;
		if (Date.now() - started > timeoutMs) {
			const running = await opts.api.executions(opts.workflowId, 'running').catch(() => []);
			const stuck = running.length
				? `; ${running.length} execution(s) still running, the oldest since ${running.map((e) => e.startedAt).sort()[0]}`
				: '';
			const reported = notDone(finished);
			throw new Error(
				`timed out after ${timeoutMs / 1000} s waiting for ${what}${opts.describe ? `: ${opts.describe()}` : ''}${stuck}` +
					(reported.length ? `\nitems the nodes reported as not done:\n${reported.map((l) => `  - ${l}`).join('\n')}` : ''),
			);
		}
		await sleep(1000);
	}
}

/** Waits until `n` more executions than `after` finished successfully. */
export async function waitForRuns(api: N8nApi, workflowId: string, after: number, n: number, timeoutMs: number): Promise<number> {
	let count = after;
	await waitUntil(`${n} more successful execution(s)`, timeoutMs, async () => {
		count = await countSuccesses(api, workflowId);
		return count >= after + n;
	}, { api, workflowId, describe: () => `${count - after} so far` });
	return count;
}
