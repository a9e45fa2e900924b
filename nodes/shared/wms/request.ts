/**
 * The one place WMS adapters send HTTP: authenticated through n8n (so token handling and refresh-on-401 are n8n's),
 * with capped exponential backoff for transient failures, and failures reduced to a plain description that never
 * carries request headers (tokens, keys).
 */
import type {
	IAdditionalCredentialOptions,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';
import { jitteredBackoffMs } from '../http/backoff';
import { headerValue, retryAfterMs } from '../http/headers';
import { hostOf, isAddressProblem, networkCodeOf, networkCodeText } from '../http/networkErrors';
import { USER_AGENT } from '../http/userAgent';

export type WmsContext = IExecuteFunctions | IPollFunctions;

export interface RetryPolicy {
	/** Total tries of a safe request (first try included). */
	attempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Per-request timeout. */
	timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8000, timeoutMs: 60000 };

/** What went wrong with one request, without any of the request itself. */
export interface HttpFailure {
	/** HTTP status; undefined for network errors, timeouts, lost responses and token failures. */
	status?: number;
	body?: unknown;
	retryAfterMs?: number;
	/** For failures without a status: whether another try can help (false e.g. when no token could be had). */
	retryable?: boolean;
	message: string;
	/** No access token could be had: `message` is the token endpoint's answer in words, with the field to check. */
	token?: boolean;
	/** A 3xx answer (never followed): the URL that answered and its Location. */
	redirect?: { from: string; to?: string };
	/** Host the request went to (named when nothing came back). */
	host?: string;
}

interface ErrorLike {
	message?: string;
	httpCode?: string | null;
	context?: { data?: unknown };
	cause?: unknown;
	extensivToken?: { retryable?: boolean };
}

/** The credential's token error (see extensivTokenError in ExtensivWarehouseManagerApi.credentials.ts), if any. */
function tokenErrorOf(error: unknown): { message: string; retryable: boolean } | undefined {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		const e = current as ErrorLike;
		if (e.extensivToken) return { message: String(e.message ?? ''), retryable: e.extensivToken.retryable === true };
		current = e.cause;
	}
	// n8n's NodeApiError around the credential's error keeps only its message: the words tell (see extensivTokenFailure).
	const message = String((error as ErrorLike | undefined)?.message ?? '');
	if (/access[- ]token|token (URL|requests?|endpoint)/.test(message)) return { message, retryable: /Run again later/.test(message) };
	return undefined;
}

/** n8n wraps failures in a NodeApiError that keeps only the status code, a JSON body and the message. */
export function describeFailure(error: unknown): HttpFailure {
	const token = tokenErrorOf(error);
	if (token) return { message: token.message, token: true, retryable: token.retryable };
	const err = (error ?? {}) as ErrorLike;
	const status = err.httpCode ? Number(err.httpCode) : undefined;
	if (status && Number.isFinite(status) && status >= 100) return { status, body: err.context?.data, message: String(err.message ?? `HTTP ${status}`) };
	const code = networkCodeOf(error);
	return { message: code ? networkCodeText(code) : String(err.message ?? 'unknown error'), retryable: !isAddressProblem(code) };
}

/** No HTTP status: the request may or may not have reached the WMS. */
export function isNetworkFailure(failure: HttpFailure): boolean {
	return failure.status === undefined;
}

/** Worth another try: 5xx, 429, or a network-level failure. */
export function isTransient(failure: HttpFailure): boolean {
	if (failure.status === undefined) return failure.retryable !== false;
	return failure.status === 429 || failure.status >= 500;
}

/** Wait before try `attempt + 1` (1-based): the shared jittered backoff, at least the server's Retry-After. */
export function retryDelayMs(attempt: number, policy: RetryPolicy, failure?: HttpFailure): number {
	const jittered = jitteredBackoffMs(attempt - 1, { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs });
	if (failure?.retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, Math.max(jittered, failure.retryAfterMs));
	return jittered;
}

/** What happened, in a few words: "HTTP 422", a redirect, the token failure, or that no response came. */
export function failureSummary(failure: HttpFailure): string {
	if (failure.token) return failure.message.replace(/\.$/, '');
	if (failure.redirect) {
		return `${failure.redirect.from} answered with a redirect (HTTP ${failure.status}) to ${failure.redirect.to ?? 'an unnamed location'}`;
	}
	if (failure.status) return `HTTP ${failure.status}`;
	return `no response from ${failure.host ?? 'the warehouse system'} (${failure.message})`;
}

/** Who the advice speaks about. */
export interface AdviceTarget {
	/** The credential's name in messages, e.g. `"WMS HTTP API" credential`. */
	credential: string;
	/** Field(s) to check after a 401, e.g. "Header Name and Header Value (the API key)". */
	authFields: string;
	/** What to do after a 403. */
	forbidden: string;
}

/**
 * One piece of advice for a failure that is not about the data sent: the credential field after 401/403 and token
 * refusals (empty: the token message already names it), Base URL after a redirect or an address that does not
 * resolve, "run again later" for 5xx, 429 and passing network trouble. Undefined for other 4xx: the caller quotes
 * the API's message and says what to fix.
 */
export function failureAdvice(failure: HttpFailure, target: AdviceTarget): string | undefined {
	if (failure.token) return '';
	if (failure.redirect) {
		return `Check Base URL in the ${target.credential}: API calls never follow redirects, so no credential was sent to the redirect target.`;
	}
	const s = failure.status;
	if (s === undefined) {
		return failure.retryable === false
			? `Check Base URL in the ${target.credential}.`
			: `Run the workflow again later; if it keeps failing, check Base URL in the ${target.credential}.`;
	}
	if (s === 401) return `Check ${target.authFields} in the ${target.credential}.`;
	if (s === 403) return target.forbidden;
	if (s === 429) return 'The warehouse system kept limiting requests; run the workflow again later.';
	if (s >= 500) return 'The warehouse system failed on its side; run the workflow again later.';
	return undefined;
}

export type SendResult = { ok: true; response: IN8nHttpFullResponse } | { ok: false; failure: HttpFailure };

export interface SendOptions {
	/** Retry transient failures (use only for requests that are safe to repeat). */
	retry: boolean;
	additionalCredentialOptions?: IAdditionalCredentialOptions;
	/**
	 * Called once when the WMS answers 401: returns credential options that make n8n fetch a fresh token (see
	 * the Extensiv adapter), and the request is repeated with them. Without it a 401 is a failure.
	 */
	renewOnUnauthorized?: () => Promise<IAdditionalCredentialOptions | undefined>;
}

/**
 * Sends one request through `httpRequestWithAuthentication`. HTTP error statuses come back as responses (so their
 * status, headers and body stay readable); resolves to the 2xx response, or after the last try to a description
 * of the failure (never the raw error, which carries the request headers).
 */
export async function sendWmsRequest(
	ctx: WmsContext,
	credentialType: string,
	options: IHttpRequestOptions,
	policy: RetryPolicy,
	send: SendOptions,
): Promise<SendResult> {
	const attempts = send.retry ? Math.max(1, policy.attempts) : 1;
	let credentialOptions = send.additionalCredentialOptions;
	let renewed = false;
	for (let attempt = 1; ; attempt++) {
		let failure: HttpFailure;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				{
					...options,
					headers: { 'User-Agent': USER_AGENT, ...options.headers },
					json: true,
					timeout: options.timeout ?? policy.timeoutMs,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// Never follow a redirect: the credential's header would go wherever the Location header points.
					disableFollowRedirect: true,
				},
				credentialOptions,
			)) as IN8nHttpFullResponse;
			if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, response };
			failure = {
				status: response.statusCode,
				body: response.body,
				retryAfterMs: retryAfterMs(response.headers),
				message: `HTTP ${response.statusCode}`,
			};
			if (response.statusCode >= 300 && response.statusCode < 400) {
				failure.redirect = { from: String(options.url), to: headerValue(response.headers, 'location') };
			}
		} catch (error) {
			failure = { ...describeFailure(error), host: hostOf(String(options.url)) };
		}
		if (failure.status === 401 && !renewed && send.renewOnUnauthorized) {
			renewed = true;
			credentialOptions = await send.renewOnUnauthorized();
			if (credentialOptions) {
				attempt--;
				continue;
			}
		}
		if (attempt >= attempts || !isTransient(failure)) return { ok: false, failure };
		await sleep(retryDelayMs(attempt, policy, failure));
	}
}

/** A NodeApiError built from a description only, so no request header (token, key) can leak into it. */
export function wmsApiError(ctx: WmsContext, failure: HttpFailure, message: string, description?: string): NodeApiError {
	const errorResponse: JsonObject = { message };
	if (failure.status) errorResponse.httpCode = String(failure.status);
	return new NodeApiError(ctx.getNode(), errorResponse, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
	});
}
