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

export const WMS_USER_AGENT = 'n8n-nodes-bigcommerce-wms/0.1.0 (+n8n community node)';

/** What went wrong with one request, without any of the request itself. */
export interface HttpFailure {
	/** HTTP status; undefined for network errors, timeouts and lost responses. */
	status?: number;
	body?: unknown;
	retryAfterMs?: number;
	/** For failures without a status: whether another try can help (false e.g. when no token could be had). */
	retryable?: boolean;
	message: string;
}

interface ErrorLike {
	message?: string;
	httpCode?: string | null;
	context?: { data?: unknown };
}

/** n8n wraps failures in a NodeApiError that keeps only the status code, a JSON body and the message. */
export function describeFailure(error: unknown): HttpFailure {
	const err = (error ?? {}) as ErrorLike;
	const status = err.httpCode ? Number(err.httpCode) : undefined;
	const message = String(err.message ?? 'unknown error');
	if (status && Number.isFinite(status) && status >= 100) return { status, body: err.context?.data, message };
	return { message, retryable: !TOKEN_REFUSED.test(message) };
}

/** The credential's token error for a 4xx from the token endpoint (see ExtensivWarehouseManagerApi.credentials.ts). */
const TOKEN_REFUSED = /did not issue an access token \(HTTP 4/;

function retryAfterMs(headers: IN8nHttpFullResponse['headers']): number | undefined {
	const raw = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return seconds * 1000;
	const at = Date.parse(String(raw));
	return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
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

export function backoffMs(attempt: number, policy: RetryPolicy, failure?: HttpFailure): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	const jittered = exponential / 2 + Math.random() * (exponential / 2);
	if (failure?.retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, Math.max(jittered, failure.retryAfterMs));
	return jittered;
}

export function failureSummary(failure: HttpFailure): string {
	if (failure.status) return `HTTP ${failure.status}`;
	return `no response (${failure.message})`;
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
					headers: { 'User-Agent': WMS_USER_AGENT, ...options.headers },
					json: true,
					timeout: options.timeout ?? policy.timeoutMs,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
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
		} catch (error) {
			failure = describeFailure(error);
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
		await sleep(backoffMs(attempt, policy, failure));
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
