/**
 * The exactly-once create of one WMS order per reference, for every warehouse type (docs/architecture.md, "Exactly
 * once"). Under a process-wide lock per warehouse + reference: look the reference up; POST once per attempt (never
 * retried blindly); after a failure that may have created the order, look again before the next attempt; after a
 * create, look again and keep one order (duplicates.ts). Each adapter supplies only its POST, its lookup, how it
 * recognises "already exists" and its error messages.
 *
 * createMany does the same for a batch of references with the look-ups batched: one look-up of every reference
 * before creating and one of the references it created after (REFERENCE_BATCH_SIZE per request), so a batch of 100
 * orders costs 100 POSTs + 2 look-ups instead of 300 requests. Only a lost response or a 5xx on a POST adds a single
 * look-up of that reference before its retry, as createOnce does.
 */
import { sleep } from 'n8n-workflow';
import { withKeyLock } from '../keyedLock';
import type { WmsAdapter, WmsBatchCreateResult, WmsCreateOrdersOptions, WmsCreateResult, WmsOrderInput, WmsOrderRef } from './adapter';
import { keepOne, referenceKey, type GuardedCreateResult, type KeepOneDeps } from './duplicates';
import { isTransient, retryDelayMs, type HttpFailure, type RetryPolicy, type SendResult } from './request';

export interface CreateOnceSteps extends KeepOneDeps {
	/** The warehouse the reference is unique in (base URL, customer...), for the lock key. */
	warehouse: string;
	reference: string;
	policy: RetryPolicy;
	/** The adapter's lookup: the active order with the reference, or null. */
	find(reference: string): Promise<WmsOrderRef | null>;
	/** One POST of the order, not retried by the sender. May throw before sending (nothing to ship). */
	post(): Promise<SendResult>;
	/** The WMS order id in a successful create answer, or '' when it names none. */
	createdId(body: unknown): string;
	/**
	 * The adapter's duplicate detection: undefined when the failure is no "already exists" answer; otherwise the WMS
	 * order id the answer names ('' when none: the lookup finds it).
	 */
	duplicateOf(failure: HttpFailure): string | undefined;
	/** Accepted, but neither the answer nor the lookup names the order. */
	noIdError(): Error;
	/** `duplicate`: the WMS says it exists but the lookup finds no active order; `rejected`: any other failure. */
	createError(failure: HttpFailure, kind: 'duplicate' | 'rejected'): Error;
}

/** After the POST loop: a final answer, or an order this run created (`ours`) or found after a lost response. */
type Attempted = { settled: WmsCreateResult } | { ours?: string; found?: string };

export async function createOnce(steps: CreateOnceSteps): Promise<WmsCreateResult> {
	return await withKeyLock(referenceKey(steps.warehouse, steps.reference), async () => await createUnlocked(steps));
}

async function createUnlocked(steps: CreateOnceSteps): Promise<WmsCreateResult> {
	const existing = await steps.find(steps.reference);
	if (existing) return { wmsOrderId: existing.wmsOrderId, outcome: 'exists' };
	const attempted = await attempt(steps);
	if ('settled' in attempted) return attempted.settled;
	return await keepOne(steps.reference, attempted.ours, steps, attempted.found);
}

/** The POSTs of one reference known not to be in the warehouse: at most policy.attempts, a look-up before each retry. */
async function attempt(steps: CreateOnceSteps): Promise<Attempted> {
	for (let n = 1; ; n++) {
		const res = await steps.post();
		if (res.ok) {
			// Accepted: the id from the answer or, without one, from the lookup; then look for twins of overlapping runs.
			const id = steps.createdId(res.response.body) || (await steps.find(steps.reference))?.wmsOrderId;
			if (!id) throw steps.noIdError();
			return { ours: id };
		}
		const failure = res.failure;
		const duplicate = steps.duplicateOf(failure);
		if (duplicate !== undefined) {
			const id = duplicate || (await steps.find(steps.reference))?.wmsOrderId;
			if (id) return { settled: { wmsOrderId: id, outcome: 'exists' } };
			throw steps.createError(failure, 'duplicate');
		}
		if (!isTransient(failure)) throw steps.createError(failure, 'rejected');
		await sleep(retryDelayMs(n, steps.policy, failure));
		// A 429 was refused before any work; anything else may have created the order: look before retrying.
		if (failure.status !== 429) {
			const found = await steps.find(steps.reference);
			if (found) return { found: found.wmsOrderId };
		}
		if (n >= steps.policy.attempts) throw steps.createError(failure, 'rejected');
	}
}

/** The batch look-ups of one warehouse, for createMany. */
export interface BatchLookups {
	warehouse: string;
	/** Before creating: reference -> its order (findOrderByReference's answer) or null. */
	findMany(references: string[]): Promise<Map<string, WmsOrderRef | null>>;
	/** After creating: reference -> every active order carrying it. */
	activeMany(references: string[]): Promise<Map<string, WmsOrderRef[]>>;
	/** Creates in flight at once. */
	parallel: number;
	/** References only to report when already there (never created). */
	lookOnly?: ReadonlySet<string>;
}

/**
 * An adapter's createOrders: createMany with the adapter's batch look-ups and its createOnce steps per input (an
 * input whose steps cannot be built, e.g. a line without SKU, fails alone).
 */
export async function createOrdersOf(
	adapter: Pick<WmsAdapter, 'findOrdersByReferences' | 'activeOrdersByReferences'>,
	warehouse: string,
	inputs: WmsOrderInput[],
	options: WmsCreateOrdersOptions,
	stepsFor: (input: WmsOrderInput) => CreateOnceSteps,
): Promise<WmsBatchCreateResult[]> {
	const lookups: BatchLookups = {
		warehouse,
		findMany: async (refs) => await adapter.findOrdersByReferences(refs),
		activeMany: async (refs) => await adapter.activeOrdersByReferences(refs),
		parallel: options.parallel ?? DEFAULT_PARALLEL_CREATES,
		lookOnly: options.lookOnly,
	};
	const items = inputs.map((input): BatchItem => {
		try {
			return { reference: input.reference, steps: stepsFor(input) };
		} catch (error) {
			return { reference: input.reference, error };
		}
	});
	return await createMany(lookups, items);
}

/** A batch item: its createOnce steps, or why they could not be built (e.g. a line without SKU). */
export type BatchItem = { reference: string; steps: CreateOnceSteps } | { reference: string; error: unknown };

/**
 * Exactly once for a batch, under the locks of all its references (taken in one global order, so two batches never
 * wait on each other in a cycle). One result per item, in order. A reference repeated in the batch is created once;
 * its repeats report `exists`.
 */
export async function createMany(lookups: BatchLookups, items: BatchItem[]): Promise<WmsBatchCreateResult[]> {
	const keys = [...new Set(items.map((i) => referenceKey(lookups.warehouse, i.reference)))].sort();
	return await withKeyLocks(keys, async () => await createManyUnlocked(lookups, items));
}

async function withKeyLocks<T>(keys: string[], work: () => Promise<T>): Promise<T> {
	if (!keys.length) return await work();
	const [first, ...rest] = keys;
	return await withKeyLock(first, async () => await withKeyLocks(rest, work));
}

type Pending = { item: BatchItem; first?: number } & ({ done: WmsBatchCreateResult } | { attempted: { ours?: string; found?: string } });

async function createManyUnlocked(lookups: BatchLookups, items: BatchItem[]): Promise<WmsBatchCreateResult[]> {
	const references = [...new Set(items.map((i) => i.reference))];
	let known: Map<string, WmsOrderRef | null>;
	try {
		known = references.length ? await lookups.findMany(references) : new Map();
	} catch (error) {
		return items.map((i) => ({ reference: i.reference, ok: false, error }));
	}
	const firstIndex = new Map<string, number>();
	items.forEach((item, index) => {
		if (!firstIndex.has(item.reference.trim().toLowerCase())) firstIndex.set(item.reference.trim().toLowerCase(), index);
	});
	const pending = await mapLimited(items, lookups.parallel, async (item, index): Promise<Pending> => {
		const first = firstIndex.get(item.reference.trim().toLowerCase())!;
		if (first !== index) return { item, first, done: { reference: item.reference, ok: false, error: undefined } };
		const { reference } = item;
		if ('error' in item) return { item, done: { reference, ok: false, error: item.error } };
		const existing = known.get(reference);
		if (existing) return { item, done: { reference, ok: true, result: { wmsOrderId: existing.wmsOrderId, outcome: 'exists' } } };
		if (lookups.lookOnly?.has(reference)) return { item, done: { reference, ok: true, result: null } };
		try {
			const attempted = await attempt(item.steps);
			if ('settled' in attempted) return { item, done: { reference, ok: true, result: attempted.settled } };
			return { item, attempted };
		} catch (error) {
			return { item, done: { reference, ok: false, error } };
		}
	});
	const results = await settleMany(lookups, pending);
	// Repeats of a reference: the first one's order, as `exists` (it is in the warehouse once).
	return results.map((result, index) => {
		const first = pending[index].first;
		if (first === undefined) return result;
		const original = results[first];
		return original.ok && original.result ? { reference: result.reference, ok: true, result: { wmsOrderId: original.result.wmsOrderId, outcome: 'exists' } } : { ...original, reference: result.reference };
	});
}

/** One look-up of every reference this batch created or found after a lost response; then keepOne for each. */
async function settleMany(lookups: BatchLookups, pending: Pending[]): Promise<WmsBatchCreateResult[]> {
	const toCheck = pending.filter((p) => 'attempted' in p).map((p) => p.item.reference);
	let active: Map<string, WmsOrderRef[]> | undefined;
	let lookupError: unknown;
	if (toCheck.length) {
		try {
			active = await lookups.activeMany([...new Set(toCheck)]);
		} catch (error) {
			lookupError = error;
		}
	}
	const results: WmsBatchCreateResult[] = [];
	for (const p of pending) {
		if ('done' in p) {
			results.push(p.done);
			continue;
		}
		const { reference } = p.item;
		const steps = (p.item as { steps: CreateOnceSteps }).steps;
		try {
			const kept: GuardedCreateResult = await keepOne(reference, p.attempted.ours, readOnce(steps, active?.get(reference) ?? [], lookupError), p.attempted.found);
			results.push({ reference, ok: true, result: kept });
		} catch (error) {
			results.push({ reference, ok: false, error });
		}
	}
	return results;
}

/** keepOne's deps whose first look-up is the batch's answer (or its failure); later ones re-read this reference. */
function readOnce(steps: KeepOneDeps, batchAnswer: WmsOrderRef[], batchError: unknown): KeepOneDeps {
	let first = true;
	return {
		activeOrders: async (reference) => {
			if (!first) return await steps.activeOrders(reference);
			first = false;
			if (batchError !== undefined) throw batchError;
			return batchAnswer;
		},
		cancelOrder: async (id, reason) => await steps.cancelOrder(id, reason),
		cannotCancel: (reference, kept, twin, error) => steps.cannotCancel(reference, kept, twin, error),
	};
}

/** `work` over every item with at most `limit` in flight; results in item order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	return results;
}

/** Creates in flight at once in a batch when the caller does not say. */
export const DEFAULT_PARALLEL_CREATES = 4;

/** The text as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits a list into chunks of at most `size` (batch look-ups). */
export function chunked<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}
