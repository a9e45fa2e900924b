/** Turning any error into what n8n shows (a node error) or into words for a result item's reason. */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Keeps an n8n node error as it is (HTTP code and API message intact); wraps anything else. */
export function toNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof Error || (error && typeof error === 'object')) return new NodeApiError(node, error as JsonObject);
	return new NodeOperationError(node, String(error));
}

/**
 * An error in words for a result's reason: the message, then (as its own sentence) the description when it adds
 * something, e.g. "The WMS rejected order BC-1: SKU X unknown. Add the item in the WMS or fix the SKU".
 * No trailing full stop, so callers can continue the sentence.
 */
export function describeError(error: unknown): string {
	if (!(error instanceof Error)) return typeof error === 'string' ? error : 'unknown error';
	const message = error.message.trim().replace(/\.$/, '');
	const description = (error as { description?: unknown }).description;
	const detail = typeof description === 'string' ? description.trim().replace(/\.$/, '') : '';
	if (!detail || message.includes(detail)) return message || detail || 'unknown error';
	if (!message || detail.includes(message)) return detail;
	return `${message}. ${detail}`;
}

const NETWORK_CODES = [
	'ENOTFOUND',
	'EAI_AGAIN',
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPIPE',
	'CERT_HAS_EXPIRED',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'ERR_INVALID_URL',
];

/** The network error code (ENOTFOUND, ECONNREFUSED...) an error from n8n's request helpers carries, if any. */
export function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const e = current as { code?: unknown; httpCode?: unknown; message?: unknown; cause?: unknown };
		if (typeof e.code === 'string' && NETWORK_CODES.includes(e.code)) return e.code;
		// n8n's NodeApiError keeps a network error's code as its httpCode (and rewrites the message).
		if (typeof e.httpCode === 'string' && NETWORK_CODES.includes(e.httpCode)) return e.httpCode;
		const message = typeof e.message === 'string' ? e.message : '';
		const named = NETWORK_CODES.find((code) => message.includes(code));
		if (named) return named;
		if (/timeout of \d+ms exceeded|timed out/i.test(message)) return 'ETIMEDOUT';
		if (/socket hang up/i.test(message)) return 'ECONNRESET';
		if (/invalid url/i.test(message)) return 'ERR_INVALID_URL';
		current = e.cause;
	}
	return undefined;
}

/** What a network error code means, in words (for "No response from <host> (...)"). */
export function networkCodeText(code: string | undefined): string {
	switch (code) {
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'the host name does not resolve';
		case 'ECONNREFUSED':
			return 'connection refused';
		case 'ETIMEDOUT':
		case 'ESOCKETTIMEDOUT':
		case 'ECONNABORTED':
			return 'no answer in time';
		case 'ECONNRESET':
		case 'EPIPE':
			return 'the connection was dropped';
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return 'the host is unreachable';
		case 'ERR_INVALID_URL':
			return 'the URL is not valid';
		case undefined:
			return 'network error';
		default:
			return /CERT/.test(code) ? 'its TLS certificate is not valid' : code;
	}
}

/** True when the network failure points at a wrong address (not a passing outage). */
export function isAddressProblem(code: string | undefined): boolean {
	return code === 'ENOTFOUND' || code === 'ERR_INVALID_URL' || (code !== undefined && /CERT/.test(code));
}

/** The host of a URL, or the text itself when it does not parse. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host || url;
	} catch {
		return url;
	}
}
