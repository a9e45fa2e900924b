/**
 * Maps BigCommerce failures (V2 `[{status, message}]`, V3 `{status, title, errors}`, empty or HTML bodies, network
 * errors) into NodeApiError with the API's own message, the HTTP code, the resource concerned and what to do.
 * Errors are built from a sanitized object only, so no request options (and no X-Auth-Token) can leak into them.
 */
import { plainText } from '../http/plainText';
import { NodeApiError } from 'n8n-workflow';
import type { IHttpRequestMethods, INode, JsonObject } from 'n8n-workflow';
import { describeError } from '../errors';
import { networkCodeOf } from '../http/networkErrors';

export interface BcFailure {
	method: IHttpRequestMethods;
	version: 'v2' | 'v3';
	path: string;
	/** What the request concerned, in words (e.g. `order 1001`). */
	resource?: string;
	/** HTTP status, when a response arrived. */
	status?: number;
	body?: unknown;
	/** Network error code (ECONNRESET, ETIMEDOUT...) or message when no response arrived. */
	networkError?: string;
	/** HTTP attempts made for this call. */
	attempts: number;
	/** A POST that failed after it was sent: BigCommerce may have applied it. */
	outcomeUnknown?: boolean;
	/** Secrets to scrub from anything the error carries. */
	secrets: string[];
	/** A 3xx answer: the URL that redirected and its Location (never followed). */
	redirect?: { from: string; to?: string };
	/** Host of the API URL, named when no response arrived. */
	host?: string;
}

/** Context fields set on every error from the transport (read them with `bcErrorInfo`). */
export interface BcErrorContext {
	bigCommerce: true;
	httpStatus?: number;
	method: string;
	endpoint: string;
	resource?: string;
	attempts: number;
	outcomeUnknown: boolean;
	/** Field-level details from a V3 `errors` object or V2 `details`. */
	details?: string[];
}

const STATUS_TEXT: Record<number, string> = {
	301: 'Moved Permanently',
	302: 'Found',
	303: 'See Other',
	307: 'Temporary Redirect',
	308: 'Permanent Redirect',
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
	507: 'Insufficient Storage',
};

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim()) return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

/** Flattens a V3 `errors` object (`{ "items.0.sku": "not found" }`, nested objects or arrays) into lines. */
function flattenErrors(errors: unknown, prefix = ''): string[] {
	if (typeof errors === 'string') return [prefix ? `${prefix}: ${errors}` : errors];
	if (Array.isArray(errors)) return errors.flatMap((e, i) => flattenErrors(e, errors.length > 1 ? `${prefix}[${i}]` : prefix));
	if (!isRecord(errors)) return [];
	return Object.entries(errors).flatMap(([key, value]) => flattenErrors(value, prefix ? `${prefix}.${key}` : key));
}

/** The API's own message and field details, from any BigCommerce error body. */
export function parseBcErrorBody(body: unknown): { message?: string; details: string[] } {
	let parsed = body;
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (!trimmed) return { details: [] };
		try {
			parsed = JSON.parse(trimmed);
		} catch {
			// HTML error pages and plain text: keep a short, tag-free excerpt.
			const plain = plainText(trimmed);
			return { message: plain || undefined, details: [] };
		}
	}
	if (Array.isArray(parsed)) {
		// V2: [{ status, message, details? }]
		const messages = parsed.map((e) => (isRecord(e) ? text(e.message) : text(e))).filter((m): m is string => !!m);
		const details = parsed.flatMap((e) => (isRecord(e) && e.details !== undefined ? flattenErrors(e.details) : []));
		return { message: messages.length ? [...new Set(messages)].join(' | ') : undefined, details };
	}
	if (isRecord(parsed)) {
		// V3: { status, title, type, detail?, errors? }; the variants batch: { batch_errors: [...] }; 207: { errors: {...} }
		const nested = isRecord(parsed.errors) && (parsed.errors.title || parsed.errors.errors) ? parsed.errors : parsed;
		const message = text(nested.title) ?? text(nested.message) ?? text(nested.detail) ?? text(parsed.error);
		const batch = Array.isArray(parsed.batch_errors)
			? parsed.batch_errors.flatMap((e) => {
					const inner = parseBcErrorBody(e);
					return inner.message ? [inner.message, ...inner.details] : inner.details;
				})
			: [];
		const details = [...flattenErrors(nested.errors), ...batch];
		if (text(nested.detail) && text(nested.detail) !== message) details.unshift(text(nested.detail)!);
		return { message, details };
	}
	return { details: [] };
}

/** The API-account scope a path needs, in BigCommerce's UI words and as the OAuth scope name. */
export function scopeFor(method: string, version: string, path: string): string {
	const write = method.toUpperCase() !== 'GET';
	const level = write ? 'modify' : 'read-only';
	const id = (base: string) => (write ? base : `${base}_read_only`);
	const p = `/${version}${path}`;
	if (/^\/v[23]\/orders|^\/v2\/order_statuses/.test(p)) return `Orders: ${level} (${id('store_v2_orders')})`;
	if (p.startsWith('/v3/catalog')) return `Products: ${level} (${id('store_v2_products')})`;
	if (/^\/v3\/inventory\/locations(\/\d+)?\/?$/.test(p)) return `Store Locations: ${level} (${id('store_locations')})`;
	if (p.startsWith('/v3/inventory')) return `Store Inventory: ${level} (${id('store_inventory')})`;
	if (/^\/v2\/(store|time)/.test(p)) return `Information & Settings: ${level} (${id('store_v2_information')})`;
	return `the scope for ${p}`;
}

function whatToDo(f: BcFailure, subject: string): string {
	const s = f.status;
	if (f.outcomeUnknown) {
		return `The ${f.method} request for ${subject} was sent but no clear answer came back, so BigCommerce may or may not have applied it. Check ${subject} in BigCommerce before running again, so nothing is created twice.`;
	}
	if (s === undefined) {
		return `No response from ${f.host ?? 'BigCommerce'} after ${f.attempts} attempt(s). Run again later; if it keeps failing, check the API URL of the BigCommerce API credential and this server's network.`;
	}
	if (f.redirect) {
		return 'Check API URL in the BigCommerce API credential (https://api.bigcommerce.com for a real store). API calls never follow redirects, so the access token was not sent to the redirect target.';
	}
	if (s === 401) {
		return 'BigCommerce did not accept the access token. Check the Access Token of the BigCommerce API credential (deleting an API account revokes its token).';
	}
	if (s === 403) {
		return `The API account lacks the scope "${scopeFor(f.method, f.version, f.path)}" needed for ${subject}. Scopes of an existing API account cannot be changed: create a store-level API account with that scope and put its token in the credential.`;
	}
	if (s === 404) return `${capitalize(subject)} does not exist in this store (or the Store Hash of the credential points to another store).`;
	if (s === 409) return `${capitalize(subject)} conflicts with the current state in BigCommerce; re-read it and run again.`;
	if (s === 413) return `The request for ${subject} was too large for BigCommerce; send fewer items per request.`;
	if (s === 422 || s === 400) return `BigCommerce rejected the data sent for ${subject}; fix the value named in the message and run again.`;
	if (s === 429) {
		return `BigCommerce's rate limit was still exceeded after ${f.attempts} attempt(s). The quota is shared by every app on the store: run again later or lower this workflow's concurrency.`;
	}
	if (s >= 500) return `BigCommerce failed with a server error after ${f.attempts} attempt(s) for ${subject}; run again later.`;
	return `BigCommerce answered HTTP ${s} for ${subject}.`;
}

function capitalize(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}

/** Replaces every secret (and nothing else) in a string. */
export function redact(value: string, secrets: string[]): string {
	let out = value;
	for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
	return out;
}

export function bcApiError(node: INode, f: BcFailure): NodeApiError {
	const endpoint = `${f.method} /${f.version}${f.path}`;
	const subject = f.resource ?? endpoint;
	const parsed = f.status !== undefined ? parseBcErrorBody(f.body) : { message: undefined, details: [] as string[] };
	const statusLabel = f.status !== undefined ? `HTTP ${f.status}${STATUS_TEXT[f.status] ? ` ${STATUS_TEXT[f.status]}` : ''}` : '';
	const redirectMessage = f.redirect
		? `BigCommerce API URL ${f.redirect.from} answered with a redirect (${statusLabel || 'HTTP 3xx'}) to ${f.redirect.to ?? 'an unnamed location'}`
		: undefined;
	const message = redact(
		redirectMessage ??
			parsed.message ??
			(f.status !== undefined
				? `BigCommerce returned ${statusLabel} with no error message`
				: `No response from BigCommerce (${f.networkError ?? 'network error'})`),
		f.secrets,
	);
	const detailText = !f.redirect && parsed.details.length ? ` Details: ${parsed.details.join('; ')}.` : '';
	const description = redact(
		`${f.resource ? `${capitalize(f.resource)} (${endpoint})` : endpoint}${statusLabel ? `, ${statusLabel}` : ''}.${detailText} ${whatToDo(f, subject)}`,
		f.secrets,
	);
	const context: BcErrorContext = {
		bigCommerce: true,
		httpStatus: f.status,
		method: f.method,
		endpoint,
		resource: f.resource,
		attempts: f.attempts,
		outcomeUnknown: !!f.outcomeUnknown,
		details: parsed.details.length ? parsed.details.map((d) => redact(d, f.secrets)) : undefined,
	};
	// A plain object as the "response": NodeApiError keeps it as errorResponse, so it holds only safe fields.
	const safeResponse: JsonObject = { message, httpCode: f.status !== undefined ? String(f.status) : null, description };
	const error = new NodeApiError(node, safeResponse, {
		message,
		description,
		httpCode: f.status !== undefined ? String(f.status) : undefined,
	});
	// NodeApiError rewrites some messages (status-code defaults, network-code phrases); keep the API's own words.
	error.message = message;
	error.description = description;
	error.messages = [];
	Object.assign(error.context, context);
	return error;
}

/** The transport's context on an error it threw, or undefined for other errors. */
export function bcErrorInfo(error: unknown): BcErrorContext | undefined {
	const context = (error as { context?: Partial<BcErrorContext> } | undefined)?.context;
	return context?.bigCommerce ? (context as BcErrorContext) : undefined;
}

/**
 * True when the transport reported that a POST failed after it was sent, so BigCommerce may have applied it: re-read
 * before retrying. Only the transport's own verdict; a caller holding errors of other origins reads them itself.
 */
export function isUnconfirmedPost(error: unknown): boolean {
	return bcErrorInfo(error)?.outcomeUnknown === true;
}

/**
 * Reading any error for a decision (was it a 404, may the write have been applied, what did the API say). The
 * transport's errors carry their facts in `context` (`bcErrorInfo`); anything else (a raw axios error, a NodeApiError
 * around one) is read defensively along its `cause` / `errorResponse` chain.
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

function errorChain(error: unknown): ErrorLike[] {
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
	for (const e of errorChain(error)) {
		const candidates = [e.response?.status, e.httpCode, e.statusCode];
		for (const value of candidates) {
			const n = Number(value);
			if (value !== null && value !== undefined && Number.isInteger(n) && n >= 100 && n < 600) return n;
		}
	}
	return undefined;
}

/**
 * Whether a write may have been applied although no success came back, for an error of any origin. For the
 * transport's errors this is `isUnconfirmedPost` (it retries everything else itself); for other errors: an explicit
 * `outcomeUnknown` flag, a 5xx, or a network failure without an answer (`networkCodeOf`). The caller must look before
 * it writes again.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
	if (bcErrorInfo(error)) return isUnconfirmedPost(error);
	const links = errorChain(error);
	if (links.some((e) => e.outcomeUnknown === true || e.context?.outcomeUnknown === true)) return true;
	const status = httpStatusOf(error);
	if (status !== undefined) return status >= 500;
	return links.some((e) => networkCodeOf(e) !== undefined || /network|timeout/i.test(e.message ?? ''));
}

/** The API's own words: a V2 error array `[{status, message}]`, a V3 `{title}`, else the error's message. */
export function apiMessageOf(error: unknown): string {
	// The transport's errors carry BigCommerce's message plus what to do (e.g. the scope the API account lacks).
	if (bcErrorInfo(error)) return describeError(error);
	for (const e of errorChain(error)) {
		const data = e.response?.data;
		if (Array.isArray(data) && data.length && typeof data[0]?.message === 'string') {
			return data.map((d: { message?: string }) => d.message).join('; ');
		}
		if (data && typeof data === 'object' && typeof (data as { title?: unknown }).title === 'string') {
			return (data as { title: string }).title;
		}
	}
	const first = errorChain(error)[0];
	const parts = [first?.message, first?.description].filter((p): p is string => typeof p === 'string' && p !== '');
	return parts.length ? [...new Set(parts)].join(': ') : String(error);
}
