/** Reading response headers the way both HTTP clients need them (names case-insensitive). */
import type { IN8nHttpFullResponse } from 'n8n-workflow';

type Headers = IN8nHttpFullResponse['headers'] | undefined;

/** One header's value (the first one when repeated); undefined when absent. */
export function headerValue(headers: Headers, name: string): string | undefined {
	const wanted = name.toLowerCase();
	const value = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date (how long until then); undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
	const raw = headerValue(headers, 'retry-after');
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return seconds * 1000;
	const at = Date.parse(raw);
	return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
