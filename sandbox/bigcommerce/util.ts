/** Small helpers shared by the BigCommerce sandbox modules. */
import { createRng as createSeededRng } from '../rng';

/** Deterministic PRNG: same seed, same sequence (seed 0 behaves as 1). */
export function createRng(seed: number): () => number {
	return createSeededRng(seed >>> 0 || 1);
}

export function pick<T>(rng: () => number, list: readonly T[]): T {
	return list[Math.floor(rng() * list.length)];
}

export function randInt(rng: () => number, min: number, max: number): number {
	return min + Math.floor(rng() * (max - min + 1));
}

/** BigCommerce V2 date: RFC 2822, always UTC, e.g. `Wed, 05 Dec 2018 20:16:55 +0000`. */
export function rfc2822(ms: number): string {
	return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** Whole seconds: V2 dates have second resolution, so state keeps the same resolution. */
export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000) * 1000;
}

/** V2 money: decimal string with 4 places, e.g. "12.5000". */
export function money(value: number): string {
	return value.toFixed(4);
}

const RFC2822_RE =
	/^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC|UT|Z)$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a V2 date filter: RFC 2822 or ISO 8601 (or a unix timestamp in seconds).
 * Returns undefined for anything else, e.g. an RFC 2822 value whose `+` was not URL-encoded.
 */
export function parseDateFilter(value: string): number | undefined {
	const v = value.trim();
	if (/^\d{9,11}$/.test(v)) return Number(v) * 1000;
	if (!RFC2822_RE.test(v) && !ISO_RE.test(v)) return undefined;
	const ms = Date.parse(v);
	return Number.isNaN(ms) ? undefined : ms;
}

export function isInt(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
