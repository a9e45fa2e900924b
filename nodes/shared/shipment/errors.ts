import { describeError } from '../errors';
import { bcErrorInfo } from '../bigcommerce/errors';

/**
 * Reading errors for shipment decisions. The BigCommerce transport's errors carry their facts in `context`
 * (`bcErrorInfo`); anything else (a raw axios error, a NodeApiError around one) is read defensively.
 */

interface ErrorLike {
	httpCode?: string | number | null;
	statusCode?: number;
	status?: number;
	code?: string;
	message?: string;
	description?: string | null;
	outcomeUnknown?: boolean;
	context?: { outcomeUnknown?: boolean; [key: string]: unknown };
	response?: { status?: number; data?: unknown };
	cause?: unknown;
	errorResponse?: unknown;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

function chain(error: unknown): ErrorLike[] {
	const list: ErrorLike[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && list.length < 5) {
		list.push(current as ErrorLike);
		current = (current as ErrorLike).cause ?? (current as ErrorLike).errorResponse;
	}
	return list;
}

/** The HTTP status of a failed request, or undefined when no response came back. */
export function httpStatusOf(error: unknown): number | undefined {
	const info = bcErrorInfo(error);
	if (info) return info.httpStatus;
	for (const e of chain(error)) {
		const candidates = [e.response?.status, e.httpCode, e.statusCode];
		for (const value of candidates) {
			const n = Number(value);
			if (value !== null && value !== undefined && Number.isInteger(n) && n >= 100 && n < 600) return n;
		}
	}
	return undefined;
}

/**
 * Whether a write may have been applied although no success came back: a 5xx, a dropped connection or a timeout
 * (or the transport said so explicitly). The caller must look before it retries.
 */
export function isOutcomeUnknown(error: unknown): boolean {
	const info = bcErrorInfo(error);
	if (info) return info.outcomeUnknown;
	const links = chain(error);
	if (links.some((e) => e.outcomeUnknown === true || e.context?.outcomeUnknown === true)) return true;
	const status = httpStatusOf(error);
	if (status !== undefined) return status >= 500;
	return links.some(
		(e) =>
			(e.code !== undefined && NETWORK_CODES.has(e.code)) ||
			/socket hang up|network|timeout|ECONNRESET/i.test(e.message ?? ''),
	);
}

/** The API's own words: a V2 error array `[{status, message}]`, a V3 `{title}`, else the error's message. */
export function apiMessageOf(error: unknown): string {
	// The transport's errors carry BigCommerce's message plus what to do (e.g. the scope the API account lacks).
	if (bcErrorInfo(error)) return describeError(error);
	for (const e of chain(error)) {
		const data = e.response?.data;
		if (Array.isArray(data) && data.length && typeof data[0]?.message === 'string') {
			return data.map((d: { message?: string }) => d.message).join('; ');
		}
		if (data && typeof data === 'object' && typeof (data as { title?: unknown }).title === 'string') {
			return (data as { title: string }).title;
		}
	}
	const first = chain(error)[0];
	const parts = [first?.message, first?.description].filter((p): p is string => typeof p === 'string' && p !== '');
	return parts.length ? [...new Set(parts)].join(': ') : String(error);
}

/** The error as an n8n node error (unchanged when it already is one). */
