/**
 * Failures without an HTTP response, for every client of the package (BigCommerce transport, WMS sender, token
 * request, credential tests): the one list of network error codes with what each means, where an error from n8n's
 * request helpers carries its code, and whether the request may have reached the server.
 */

interface NetworkCode {
	code: string;
	/** `no`: the request never left (refused, no such host); `maybe`: the connection broke after it may have been sent. */
	sent: 'no' | 'maybe';
	/** In words, for "No response from <host> (...)". */
	text: string;
	/** Points at a wrong address (Base URL / API URL), not at a passing outage. */
	wrongAddress?: true;
	/** Repeating cannot help (certificate, malformed URL). */
	permanent?: true;
}

const RESOLVE = 'the host name does not resolve';
const IN_TIME = 'no answer in time';
const DROPPED = 'the connection was dropped';
const UNREACHABLE = 'the host is unreachable';
const CERTIFICATE = 'its TLS certificate is not valid';

const certificate = (code: string): NetworkCode => ({ code, sent: 'no', text: CERTIFICATE, wrongAddress: true, permanent: true });

/** Every network error code the package recognises, in the order they are looked for in a message. */
export const NETWORK_CODES: readonly NetworkCode[] = [
	{ code: 'ENOTFOUND', sent: 'no', text: RESOLVE, wrongAddress: true },
	{ code: 'EAI_AGAIN', sent: 'no', text: RESOLVE },
	{ code: 'ECONNREFUSED', sent: 'no', text: 'connection refused' },
	{ code: 'ECONNRESET', sent: 'maybe', text: DROPPED },
	{ code: 'ETIMEDOUT', sent: 'maybe', text: IN_TIME },
	{ code: 'ECONNABORTED', sent: 'maybe', text: IN_TIME },
	{ code: 'ESOCKETTIMEDOUT', sent: 'maybe', text: IN_TIME },
	{ code: 'EHOSTUNREACH', sent: 'no', text: UNREACHABLE },
	{ code: 'ENETUNREACH', sent: 'no', text: UNREACHABLE },
	{ code: 'EPIPE', sent: 'maybe', text: DROPPED },
	{ code: 'ERR_SOCKET_CONNECTION_TIMEOUT', sent: 'maybe', text: IN_TIME },
	certificate('CERT_HAS_EXPIRED'),
	certificate('DEPTH_ZERO_SELF_SIGNED_CERT'),
	certificate('SELF_SIGNED_CERT_IN_CHAIN'),
	certificate('UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
	certificate('ERR_TLS_CERT_ALTNAME_INVALID'),
	{ code: 'ERR_INVALID_URL', sent: 'no', text: 'the URL is not valid', wrongAddress: true, permanent: true },
];

const BY_CODE = new Map(NETWORK_CODES.map((entry) => [entry.code, entry]));
const CODES = NETWORK_CODES.map((entry) => entry.code);

/** The network error code (ENOTFOUND, ECONNREFUSED...) an error from n8n's request helpers carries, if any. */
export function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const e = current as { code?: unknown; httpCode?: unknown; message?: unknown; cause?: unknown };
		if (typeof e.code === 'string' && BY_CODE.has(e.code)) return e.code;
		// n8n's NodeApiError keeps a network error's code as its httpCode (and rewrites the message).
		if (typeof e.httpCode === 'string' && BY_CODE.has(e.httpCode)) return e.httpCode;
		const message = typeof e.message === 'string' ? e.message : '';
		const named = CODES.find((code) => message.includes(code));
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
	if (code === undefined) return 'network error';
	const known = BY_CODE.get(code);
	if (known) return known.text;
	return /CERT/.test(code) ? CERTIFICATE : code;
}

/** True when the network failure points at a wrong address (not a passing outage). */
export function isAddressProblem(code: string | undefined): boolean {
	if (code === undefined) return false;
	return BY_CODE.get(code)?.wrongAddress === true || /CERT/.test(code);
}

/** The host of a URL, or the text itself when it does not parse. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host || url;
	} catch {
		return url;
	}
}

export type NetworkFailure =
	/** The request never reached the server (connection refused, DNS): safe to repeat for any method. */
	| 'not-sent'
	/** The connection failed after the request may have been sent (reset, hang up, timeout). */
	| 'maybe-sent'
	/** The execution was cancelled: never retry. */
	| 'cancelled';

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

const RETRYABLE = NETWORK_CODES.filter((entry) => !entry.permanent);
const NOT_SENT = RETRYABLE.filter((entry) => entry.sent === 'no').map((entry) => entry.code);
const MAYBE_SENT = RETRYABLE.filter((entry) => entry.sent === 'maybe').map((entry) => entry.code);

/**
 * Whether a failed request may be repeated (the BigCommerce transport's question): undefined when the error is no
 * passing network failure (an HTTP answer, a certificate or URL problem, anything else).
 */
export function classifyNetworkError(error: unknown): { kind: NetworkFailure; code: string } | undefined {
	const joined = errorSignals(error).join(' | ');
	if (/ERR_CANCELED|CanceledError|aborted by user|ExecutionCancelled/i.test(joined)) return { kind: 'cancelled', code: 'ERR_CANCELED' };
	for (const code of NOT_SENT) if (joined.includes(code)) return { kind: 'not-sent', code };
	for (const code of MAYBE_SENT) if (joined.includes(code)) return { kind: 'maybe-sent', code };
	if (/socket hang up/i.test(joined)) return { kind: 'maybe-sent', code: 'ECONNRESET' };
	if (/timeout of \d+ms exceeded|timed out/i.test(joined)) return { kind: 'maybe-sent', code: 'ETIMEDOUT' };
	return undefined;
}
