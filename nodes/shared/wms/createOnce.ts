/**
 * The exactly-once create of one WMS order per reference, for every warehouse type (docs/architecture.md, "Exactly
 * once"). Under a process-wide lock per warehouse + reference: look the reference up; POST once per attempt (never
 * retried blindly); after a failure that may have created the order, look again before the next attempt; after a
 * create, look again and keep one order (duplicates.ts). Each adapter supplies only its POST, its lookup, how it
 * recognises "already exists" and its error messages.
 */
import { sleep } from 'n8n-workflow';
import { withKeyLock } from '../keyedLock';
import type { WmsCreateResult, WmsOrderRef } from './adapter';
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

export async function createOnce(steps: CreateOnceSteps): Promise<WmsCreateResult> {
	return await withKeyLock(referenceKey(steps.warehouse, steps.reference), async () => await createUnlocked(steps));
}

async function createUnlocked(steps: CreateOnceSteps): Promise<WmsCreateResult> {
	const existing = await steps.find(steps.reference);
	if (existing) return { wmsOrderId: existing.wmsOrderId, outcome: 'exists' };
	for (let attempt = 1; ; attempt++) {
		const res = await steps.post();
		if (res.ok) return await settleCreated(steps, res.response.body);
		const failure = res.failure;
		const duplicate = steps.duplicateOf(failure);
		if (duplicate !== undefined) {
			const id = duplicate || (await steps.find(steps.reference))?.wmsOrderId;
			if (id) return { wmsOrderId: id, outcome: 'exists' };
			throw steps.createError(failure, 'duplicate');
		}
		if (!isTransient(failure)) throw steps.createError(failure, 'rejected');
		await sleep(retryDelayMs(attempt, steps.policy, failure));
		// A 429 was refused before any work; anything else may have created the order: look before retrying.
		if (failure.status !== 429) {
			const found = await steps.find(steps.reference);
			if (found) return await settle(steps, undefined, found.wmsOrderId);
		}
		if (attempt >= steps.policy.attempts) throw steps.createError(failure, 'rejected');
	}
}

/** Accepted: the id from the answer or, without one, from the lookup; then look for twins of overlapping runs. */
async function settleCreated(steps: CreateOnceSteps, body: unknown): Promise<GuardedCreateResult> {
	const id = steps.createdId(body) || (await steps.find(steps.reference))?.wmsOrderId;
	if (!id) throw steps.noIdError();
	return await settle(steps, id);
}

async function settle(steps: CreateOnceSteps, ours: string | undefined, found?: string): Promise<GuardedCreateResult> {
	return await keepOne(steps.reference, ours, steps, found);
}
