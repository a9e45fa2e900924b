/**
 * Client-side view of BigCommerce's per-store quota (fixed windows; `X-Rate-Limit-*` headers on every response).
 * State is module-level and keyed by store (API URL + store hash), so every node and execution in this n8n
 * process shares it, as they share the store's quota.
 *
 * - Every request takes a slot before it is sent (`acquireSlot`), which lowers the known `left`; when `left` is at
 *   or below the low watermark, callers wait until the window resets.
 * - Each response (`releaseSlot`) corrects `left` from the headers, never upwards within a window.
 * - Until the quota of a store is known, one request at a time goes out (the first response teaches the quota).
 * - A 429 blocks the store until the reset time it names (or an exponential backoff without headers) and is
 *   retried up to `transportSettings.max429Retries` times, POSTs included (`after429`).
 * - Other clients of the same store (queue-mode workers, other apps) are seen in the headers: a `Requests-Left` below
 *   what this process alone can have used means someone else is spending the quota. For the next two windows the
 *   process then keeps a larger reserve (`SHARED_RESERVE` of the quota) untouched, so the clients' requests in
 *   flight together do not overrun the window (docs/architecture.md, "Queue mode").
 *
 * The settings it reads (`max429Retries`, `rateLimitMarginMs`, `lowWatermark`, `maxWaitMs`) are fields of the
 * transport's one live settings object, `transportSettings` in retry.ts, so tests scale every wait in one place.
 */
import { backoffMs } from '../http/backoff';
import { transportBackoff, transportSettings } from './retry';

export interface RateHeaders {
	left?: number;
	quota?: number;
	resetMs?: number;
	windowMs?: number;
	/** `Retry-After` / `X-Retry-After`, in ms. */
	retryAfterMs?: number;
}

interface StoreRateState {
	quota?: number;
	windowMs?: number;
	/** Requests we may still send in the current window (our conservative estimate). */
	left?: number;
	/** When the current window ends (epoch ms), per the last headers. */
	resetAt?: number;
	/** No request before this time (after a 429). */
	blockedUntil: number;
	inFlight: number;
	/** Responses came without rate headers (e.g. a proxy strips them): do not serialize requests. */
	headerless: boolean;
	/** Until this time another client is known to share the quota (see `watermark`). */
	sharedUntil?: number;
	/** A first request is teaching the quota; others wait for it. */
	learning?: Promise<void>;
	endLearning?: () => void;
}

const states = new Map<string, StoreRateState>();

/** Share of the quota left untouched while another client uses the same store. */
export const SHARED_RESERVE = 0.1;

/** Requests left at which this process waits for the next window: more while the quota is shared. */
function watermark(state: StoreRateState, now: number): number {
	const shared = state.sharedUntil !== undefined && now < state.sharedUntil && state.quota !== undefined;
	return shared ? Math.max(transportSettings.lowWatermark, Math.ceil(state.quota! * SHARED_RESERVE)) : transportSettings.lowWatermark;
}

function stateFor(key: string): StoreRateState {
	let state = states.get(key);
	if (!state) {
		state = { blockedUntil: 0, inFlight: 0, headerless: false };
		states.set(key, state);
	}
	return state;
}

/** Forget every store's state (tests). */
export function resetRateLimitState(): void {
	states.clear();
}

/** Snapshot of a store's state (tests and diagnostics). */
export function rateLimitSnapshot(key: string): Readonly<Omit<StoreRateState, 'learning' | 'endLearning'>> | undefined {
	const state = states.get(key);
	if (!state) return undefined;
	const { learning: _l, endLearning: _e, ...rest } = state;
	return { ...rest };
}

function num(value: unknown): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const n = Number(raw);
	return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Reads the rate-limit headers case-insensitively. */
export function parseRateHeaders(headers: unknown): RateHeaders {
	const lower: Record<string, unknown> = {};
	if (headers && typeof headers === 'object') {
		for (const [k, v] of Object.entries(headers as Record<string, unknown>)) lower[k.toLowerCase()] = v;
	}
	const retryAfter = num(lower['x-retry-after']) ?? num(lower['retry-after']);
	return {
		left: num(lower['x-rate-limit-requests-left']),
		quota: num(lower['x-rate-limit-requests-quota']),
		resetMs: num(lower['x-rate-limit-time-reset-ms']),
		windowMs: num(lower['x-rate-limit-time-window-ms']),
		retryAfterMs: retryAfter !== undefined ? retryAfter * 1000 : undefined,
	};
}

function rollWindow(state: StoreRateState, now: number): void {
	if (state.resetAt === undefined || now < state.resetAt) return;
	if (state.windowMs) {
		const windows = Math.floor((now - state.resetAt) / state.windowMs) + 1;
		state.resetAt += windows * state.windowMs;
	} else {
		state.resetAt = undefined;
	}
	state.left = state.quota;
}

/** Waits until a request to this store may be sent, then takes a slot. Pair with `releaseSlot`. */
export async function acquireSlot(key: string): Promise<void> {
	const state = stateFor(key);
	for (;;) {
		const now = Date.now();
		if (now < state.blockedUntil) {
			await transportSettings.sleep(Math.min(state.blockedUntil - now, transportSettings.maxWaitMs));
			continue;
		}
		rollWindow(state, now);
		if (state.quota === undefined && !state.headerless) {
			if (state.learning) {
				await state.learning;
				continue;
			}
			state.learning = new Promise<void>((resolve) => (state.endLearning = resolve));
			state.inFlight++;
			return;
		}
		if (
			state.left !== undefined &&
			state.left <= watermark(state, now) &&
			state.resetAt !== undefined &&
			now < state.resetAt
		) {
			const wait = state.resetAt - now + transportSettings.rateLimitMarginMs;
			await transportSettings.sleep(Math.min(wait, transportSettings.maxWaitMs));
			continue;
		}
		if (state.left !== undefined) state.left--;
		state.inFlight++;
		return;
	}
}

/**
 * Gives the slot back and learns from the response headers (undefined when no response arrived).
 * Returns the parsed headers.
 */
export function releaseSlot(key: string, headers: unknown, status?: number, receivedAt = Date.now()): RateHeaders {
	const state = stateFor(key);
	state.inFlight = Math.max(0, state.inFlight - 1);
	const rate = parseRateHeaders(headers);
	if (rate.left !== undefined && rate.resetMs !== undefined) {
		state.quota = rate.quota ?? state.quota ?? rate.left + 1;
		if (rate.windowMs) state.windowMs = rate.windowMs;
		const resetAt = receivedAt + rate.resetMs;
		// Other requests may be in flight that the server had not yet counted: assume it had not.
		const serverLeft = Math.max(0, (status === 429 ? 0 : rate.left) - state.inFlight);
		const sameWindow =
			state.resetAt !== undefined && Math.abs(resetAt - state.resetAt) < Math.max(50, (state.windowMs ?? 1000) / 2);
		if (sameWindow) {
			// Alone, the server's count can only lag ours (our requests still on the way); a lower count is someone else's.
			if (status !== 429 && state.left !== undefined && rate.left < state.left - 1) {
				state.sharedUntil = receivedAt + 2 * (state.windowMs ?? rate.resetMs);
			}
			state.left = Math.min(state.left ?? serverLeft, serverLeft);
		} else if (state.resetAt === undefined || resetAt > state.resetAt) {
			state.left = serverLeft;
			state.resetAt = resetAt;
		}
		// else: a late answer from an earlier window; it tells nothing about the current one.
	} else if (status !== undefined && status !== 429 && state.quota === undefined) {
		state.headerless = true;
	}
	if (state.endLearning) {
		state.endLearning();
		state.endLearning = undefined;
		state.learning = undefined;
	}
	return rate;
}

/** After a 429: no request to this store before `ms` from now (extends, never shortens, a block). */
export function blockStore(key: string, ms: number, now = Date.now()): void {
	const state = stateFor(key);
	state.blockedUntil = Math.max(state.blockedUntil, now + Math.min(ms, transportSettings.maxWaitMs));
}

/** What `after429` needs of a `bcRequest` call: the store's key, its 429 retries so far, and how it fails. */
export interface RateLimitedCall {
	key: string;
	retries429: number;
	fail: (extra: { attempts: number; status: number; body: unknown }) => Error;
}

/**
 * A 429: BigCommerce did not process the request, so even a POST may be repeated after the wait. Waits the reset
 * time the headers name (plus the margin), else `Retry-After`, else the shared backoff, holding every other request
 * to this store as long; throws the 429 error once `max429Retries` retries are used.
 */
export async function after429(call: RateLimitedCall, attempt: number, body: unknown, rate: RateHeaders): Promise<void> {
	if (call.retries429 >= transportSettings.max429Retries) throw call.fail({ attempts: attempt, status: 429, body });
	const wait =
		rate.resetMs !== undefined
			? rate.resetMs + transportSettings.rateLimitMarginMs
			: (rate.retryAfterMs ?? backoffMs(call.retries429, transportBackoff()));
	// Hold every other request to this store too, then wait here ourselves.
	blockStore(call.key, wait);
	call.retries429++;
	await transportSettings.sleep(Math.min(wait, transportSettings.maxWaitMs));
}
