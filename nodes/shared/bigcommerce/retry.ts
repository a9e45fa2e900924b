/**
 * Retry and wait settings of the BigCommerce transport (the backoff rule and network error codes are the shared
 * ones in nodes/shared/http/). Every wait goes through `transportSettings.sleep` (n8n's
 * `sleep` by default), so tests can scale the delays down.
 */
import { sleep } from 'n8n-workflow';
import type { IHttpRequestMethods } from 'n8n-workflow';
import type { BackoffPolicy } from '../http/backoff';

export interface TransportSettings {
	/** Retries after the first attempt for 5xx and network errors on safe requests. */
	maxRetries: number;
	/** Retries after a 429 (each waits for the reset time, or backs off when the headers are missing; rateLimit.ts `after429`). */
	max429Retries: number;
	/** First backoff delay; doubles per attempt up to `backoffCapMs`. */
	backoffBaseMs: number;
	backoffCapMs: number;
	/** Added to every rate-limit wait so the window has surely rolled over. */
	rateLimitMarginMs: number;
	/** Wait for the window reset once `X-Rate-Limit-Requests-Left` is at or below this. */
	lowWatermark: number;
	/** Upper bound of a single rate-limit wait (BigCommerce windows are 30 s). */
	maxWaitMs: number;
	/** Per-request timeout. */
	timeoutMs: number;
	sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_TRANSPORT_SETTINGS: Readonly<TransportSettings> = Object.freeze({
	maxRetries: 4,
	max429Retries: 6,
	backoffBaseMs: 1000,
	backoffCapMs: 30000,
	rateLimitMarginMs: 150,
	lowWatermark: 2,
	maxWaitMs: 60000,
	timeoutMs: 120000,
	sleep,
});

/** Live settings; tests may lower the delays (restore with `resetTransportSettings`). */
export const transportSettings: TransportSettings = { ...DEFAULT_TRANSPORT_SETTINGS };

export function resetTransportSettings(): void {
	Object.assign(transportSettings, DEFAULT_TRANSPORT_SETTINGS);
}

/** The transport's backoff (nodes/shared/http/backoff.ts) with the live settings. */
export function transportBackoff(): BackoffPolicy {
	return { baseMs: transportSettings.backoffBaseMs, capMs: transportSettings.backoffCapMs };
}

/** Requests BigCommerce applies the same way however often they are repeated. */
export function isIdempotent(method: IHttpRequestMethods): boolean {
	return ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method.toUpperCase());
}
