/**
 * Retry and wait policy of the BigCommerce transport. Every wait goes through `transportSettings.sleep` (n8n's
 * `sleep` by default), so tests can scale the delays down.
 */
import { sleep } from 'n8n-workflow';
import type { IHttpRequestMethods } from 'n8n-workflow';

export interface TransportSettings {
	/** Retries after the first attempt for 5xx and network errors on safe requests. */
	maxRetries: number;
	/** Retries after a 429 (each waits for the reset time, or backs off when the headers are missing). */
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

/** Capped exponential backoff for retry number `retry` (0-based): base, 2*base, 4*base... */
export function backoffMs(retry: number): number {
	return Math.min(transportSettings.backoffCapMs, transportSettings.backoffBaseMs * 2 ** Math.max(0, retry));
}

/** Requests BigCommerce applies the same way however often they are repeated. */
export function isIdempotent(method: IHttpRequestMethods): boolean {
	return ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method.toUpperCase());
}

export type NetworkFailure =
	/** The request never reached BigCommerce (connection refused, DNS): safe to repeat for any method. */
	| 'not-sent'
	/** The connection failed after the request may have been sent (reset, hang up, timeout). */
	| 'maybe-sent'
	/** The execution was cancelled: never retry. */
	| 'cancelled';

const NOT_SENT = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];
const MAYBE_SENT = ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT'];

/** Collects the codes and messages an error thrown by n8n's request helpers may carry. */
function errorSignals(error: unknown): string[] {
	const out: string[] = [];
	const visit = (e: unknown, depth: number) => {
		if (!e || typeof e !== 'object' || depth > 3) return;
		const r = e as Record<string, unknown>;
		for (const key of ['code', 'httpCode', 'message', 'name']) if (typeof r[key] === 'string') out.push(r[key] as string);
		if (Array.isArray(r.messages)) for (const m of r.messages) if (typeof m === 'string') out.push(m);
		visit(r.cause, depth + 1);
		visit(r.reason, depth + 1);
	};
	visit(error, 0);
	return out;
}

/** Classifies an error that came without an HTTP response, or undefined when it is no network error. */
export function classifyNetworkError(error: unknown): { kind: NetworkFailure; code: string } | undefined {
	const signals = errorSignals(error);
	const joined = signals.join(' | ');
	if (/ERR_CANCELED|CanceledError|aborted by user|ExecutionCancelled/i.test(joined)) return { kind: 'cancelled', code: 'ERR_CANCELED' };
	for (const code of NOT_SENT) if (joined.includes(code)) return { kind: 'not-sent', code };
	for (const code of MAYBE_SENT) if (joined.includes(code)) return { kind: 'maybe-sent', code };
	if (/socket hang up/i.test(joined)) return { kind: 'maybe-sent', code: 'ECONNRESET' };
	if (/timeout of \d+ms exceeded|timed out/i.test(joined)) return { kind: 'maybe-sent', code: 'ETIMEDOUT' };
	return undefined;
}
