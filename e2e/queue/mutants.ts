/**
 * QUEUE_MUTANT: removes one cross-process guarantee from the INSTALLED copy of the package (the n8n user folder,
 * never the repo), to prove that `npm run test:queue` catches it.
 *
 * - local-guard: WMS Deliver keeps only its process-local guards (the in-process lock per reference and the
 *                delivered marks in the workflow's static data) and no longer asks the system of record: no warehouse
 *                look-up before a create and none after it (no twin clean-up). One n8n process passes with that
 *                (the lock and the marks live in it); in queue mode a worker's lock and marks are invisible to the
 *                other worker and to the poller on the main process.
 */
import * as fs from 'fs';
import * as path from 'path';

export const MUTANTS = ['local-guard'] as const;
export type Mutant = (typeof MUTANTS)[number];

export function mutantFromEnv(): Mutant | undefined {
	const m = (process.env.QUEUE_MUTANT ?? '').trim();
	if (!m) return undefined;
	if (!(MUTANTS as readonly string[]).includes(m)) throw new Error(`QUEUE_MUTANT=${m} is unknown (known: ${MUTANTS.join(', ')})`);
	return m as Mutant;
}

/** Applies every replacement that matches; fails when none does (the compiled code changed). */
function replaceSome(file: string, pairs: Array<[RegExp, string]>): void {
	let text = fs.readFileSync(file, 'utf8');
	let applied = 0;
	for (const [from, to] of pairs) {
		const next = text.replace(from, to);
		if (next !== text) applied++;
		text = next;
	}
	if (!applied) throw new Error(`mutant: none of its patterns is in ${file} (the compiled code changed: update e2e/queue/mutants.ts)`);
	fs.writeFileSync(file, text);
}

/** Applies the mutant to the installed package; returns what was changed. */
export function applyMutant(m: Mutant | undefined, installed: string): string | undefined {
	if (m !== 'local-guard') return undefined;
	const file = path.join(installed, 'dist', 'nodes', 'shared', 'wms', 'createOnce.js');
	replaceSome(file, [
		// One reference at a time: no look-up before the create, no keep-one after it.
		[/const existing = await steps\.find\(steps\.reference\);/, 'const existing = null;'],
		[/return await \(0, duplicates_1\.keepOne\)\(steps\.reference, ours, steps, found\);/, "return { wmsOrderId: ours ?? found, outcome: ours !== undefined ? 'created' : 'exists' };"],
		[/return await \(0, duplicates_1\.keepOne\)\(steps\.reference, attempted\.ours, steps, attempted\.found\);/, "return { wmsOrderId: attempted.ours ?? attempted.found, outcome: attempted.ours !== undefined ? 'created' : 'exists' };"],
		// Batches (WMS Deliver): the batched look-ups before and after the creates find nothing.
		[/findMany: async \(refs\) => await adapter\.findOrdersByReferences\(refs\),/, 'findMany: async () => new Map(),'],
		[/activeMany: async \(refs\) => await adapter\.activeOrdersByReferences\(refs\),/, 'activeMany: async () => new Map(),'],
	]);
	return 'WMS Deliver without the warehouse look-ups (process-local lock and delivered marks only)';
}
