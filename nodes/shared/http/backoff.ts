/** The one backoff rule of both HTTP clients (BigCommerce transport, WMS sender): capped exponential. */

export interface BackoffPolicy {
	/** Delay before the first retry. */
	baseMs: number;
	/** No delay is longer than this. */
	capMs: number;
}

/** Delay before retry number `retry` (0-based): base, 2*base, 4*base... up to the cap. */
export function backoffMs(retry: number, policy: BackoffPolicy): number {
	return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry));
}

/**
 * The same delay spread over its upper half (`[delay/2, delay]`), so clients retrying at once do not hit the server
 * at the same moment; `random` is Math.random (tests pass their own).
 */
export function jitteredBackoffMs(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
	const delay = backoffMs(retry, policy);
	return delay / 2 + random() * (delay / 2);
}
