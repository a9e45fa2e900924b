/**
 * The one BigCommerce transport: every V2/V3 call of every node goes through `bcRequest`.
 *
 * It checks the credential before anything is sent, honours the store's rate limit (see rateLimit.ts), retries
 * 5xx and network errors with capped exponential backoff on idempotent requests only, rides out 429s (rateLimit.ts:
 * the wait, the 429 retry count, the per-store quota), and maps
 * failures into NodeApiError (see errors.ts). A POST that fails after it was sent is never repeated blindly: it
 * throws an error for which `isUnconfirmedPost(error)` is true, so the caller can re-read before retrying.
 */
import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { BC_CREDENTIAL, getBcCredentials } from './credentials';
import type { BigCommerceCredentials } from './credentials';
import { bcApiError, redact, type BcFailure } from './errors';
import { acquireSlot, after429, releaseSlot } from './rateLimit';
import { backoffMs } from '../http/backoff';
import { headerValue } from '../http/headers';
import { classifyNetworkError, hostOf } from '../http/networkErrors';
import { USER_AGENT } from '../http/userAgent';
import { isIdempotent, transportBackoff, transportSettings } from './retry';

export { BC_CREDENTIAL } from './credentials';
export type { BigCommerceCredentials } from './credentials';
export { bcErrorInfo, isUnconfirmedPost } from './errors';
export type { BcErrorContext } from './errors';
export { resetTransportSettings, transportSettings } from './retry';
export { resetRateLimitState } from './rateLimit';

export type BcContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface BcRequest {
	method: IHttpRequestMethods;
	version: 'v2' | 'v3';
	/** Path after /v2 or /v3, e.g. `/orders` or `/orders/100/shipments`. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	/** What the request concerns, in words, for error messages: e.g. `order 1001`, `SKU MUG-RED`. */
	resource?: string;
}

export { USER_AGENT } from '../http/userAgent';

const requestCounts = new WeakMap<object, number>();

/** HTTP requests (attempts, retries included) this node run has sent to BigCommerce. */
export function getBcRequestCount(ctx: BcContext): number {
	return requestCounts.get(ctx) ?? 0;
}

function countRequest(ctx: BcContext): void {
	requestCounts.set(ctx, (requestCounts.get(ctx) ?? 0) + 1);
}

/** Rate-limit state key: one quota per store (the API URL keeps separate sandboxes apart). */
export function bcStoreKey(creds: Pick<BigCommerceCredentials, 'apiUrl' | 'storeHash'>): string {
	return `${creds.apiUrl}|${creds.storeHash}`;
}

export async function bcBaseUrl(this: BcContext, version: 'v2' | 'v3'): Promise<string> {
	const creds = await getBcCredentials.call(this);
	return `${creds.apiUrl}/stores/${creds.storeHash}/${version}`;
}

function checkPath(ctx: BcContext, path: string): void {
	if (!path.startsWith('/') || /(^|\/)\.\.?(\/|$)|[?#\s\\]/.test(path)) {
		throw new NodeOperationError(ctx.getNode(), `Invalid BigCommerce API path '${path}'`, {
			description: 'Paths start with / and carry no query string, spaces or dot segments; pass query parameters in qs.',
		});
	}
}

function isEmptyBody(body: unknown): boolean {
	return body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
}

/** JSON body of a successful response; `undefined` for 204 or an empty body. */
function successBody(res: IN8nHttpFullResponse): unknown {
	if (res.statusCode === 204 || isEmptyBody(res.body)) return undefined;
	if (typeof res.body === 'string') {
		try {
			return JSON.parse(res.body);
		} catch {
			return res.body;
		}
	}
	return res.body;
}

/** One call of `bcRequest`: what it sends, how it fails, and the retries it has used. */
interface Call {
	req: BcRequest;
	key: string;
	url: string;
	/** Fresh options per attempt (n8n's helpers may add to them). */
	options: () => IHttpRequestOptions;
	secrets: string[];
	fail: (extra: Partial<BcFailure> & { attempts: number }) => Error;
	retries: number;
	retries429: number;
}

function startCall(ctx: BcContext, req: BcRequest, creds: BigCommerceCredentials): Call {
	const node = ctx.getNode();
	const secrets = [creds.accessToken, creds.accessToken.trim()];
	const fail = (extra: Partial<BcFailure> & { attempts: number }) =>
		bcApiError(node, {
			method: req.method,
			version: req.version,
			path: req.path,
			resource: req.resource,
			secrets,
			host: hostOf(creds.apiUrl),
			...extra,
		});
	const url = `${creds.apiUrl}/stores/${creds.storeHash}/${req.version}${req.path}`;
	const options = (): IHttpRequestOptions => ({
		method: req.method,
		url,
		qs: req.qs,
		body: req.body as IDataObject | undefined,
		json: true,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Never follow a redirect: the X-Auth-Token would go to wherever the Location header points.
		disableFollowRedirect: true,
		timeout: transportSettings.timeoutMs,
	});
	return { req, key: bcStoreKey(creds), url, options, secrets, fail, retries: 0, retries429: 0 };
}

/** No response came: waits and returns to try again when that is safe, else throws. */
async function afterNetworkError(call: Call, attempt: number, error: unknown): Promise<void> {
	const network = classifyNetworkError(error);
	if (!network) {
		const text = redact(String((error as Error)?.message ?? error), call.secrets);
		throw call.fail({ attempts: attempt, networkError: text });
	}
	if (network.kind === 'cancelled') throw call.fail({ attempts: attempt, networkError: 'the execution was cancelled' });
	const safeToRepeat = network.kind === 'not-sent' || isIdempotent(call.req.method);
	if (safeToRepeat && call.retries < transportSettings.maxRetries) {
		await transportSettings.sleep(backoffMs(call.retries++, transportBackoff()));
		return;
	}
	throw call.fail({ attempts: attempt, networkError: network.code, outcomeUnknown: !safeToRepeat });
}

/** A 5xx: retried on idempotent requests; a POST may have been applied (outcome unknown). */
async function after5xx(call: Call, attempt: number, res: IN8nHttpFullResponse): Promise<void> {
	const idempotent = isIdempotent(call.req.method);
	if (idempotent && call.retries < transportSettings.maxRetries) {
		await transportSettings.sleep(backoffMs(call.retries++, transportBackoff()));
		return;
	}
	throw call.fail({ attempts: attempt, status: res.statusCode, body: res.body, outcomeUnknown: !idempotent });
}

/** One request; resolves to the parsed JSON body (`undefined` for 204). */
export async function bcRequest<T = unknown>(this: BcContext, req: BcRequest): Promise<T> {
	const creds = await getBcCredentials.call(this);
	checkPath(this, req.path);
	const call = startCall(this, req, creds);
	for (let attempt = 1; ; attempt++) {
		await acquireSlot(call.key);
		countRequest(this);
		let res: IN8nHttpFullResponse;
		try {
			res = (await this.helpers.httpRequestWithAuthentication.call(this, BC_CREDENTIAL, call.options())) as IN8nHttpFullResponse;
		} catch (error) {
			releaseSlot(call.key, undefined);
			await afterNetworkError(call, attempt, error);
			continue;
		}
		const status = res.statusCode;
		const rate = releaseSlot(call.key, res.headers, status);
		if (status >= 200 && status < 300) return successBody(res) as T;
		if (status >= 300 && status < 400) {
			throw call.fail({ attempts: attempt, status, redirect: { from: call.url, to: headerValue(res.headers, 'location') } });
		}
		if (status === 429) await after429(call, attempt, res.body, rate);
		else if (status >= 500) await after5xx(call, attempt, res);
		else throw call.fail({ attempts: attempt, status, body: res.body });
	}
}

/** V2 list paging (`page`/`limit`, 204 or a short page ends it). Yields one page at a time. */
export async function* bcPagesV2<T>(this: BcContext, req: BcRequest, limit = 250): AsyncGenerator<T[]> {
	for (let page = 1; ; page++) {
		const rows = await bcRequest.call(this, { ...req, qs: { ...req.qs, page, limit } });
		const list = Array.isArray(rows) ? (rows as T[]) : [];
		if (list.length) yield list;
		if (list.length < limit) return;
	}
}

interface V3Page<T> {
	data?: T[];
	meta?: { pagination?: { total_pages?: number; current_page?: number } };
}

/** V3 list paging (`meta.pagination.total_pages`). Yields one page at a time. */
export async function* bcPagesV3<T>(this: BcContext, req: BcRequest, limit = 250): AsyncGenerator<T[]> {
	for (let page = 1; ; page++) {
		const res = await bcRequest.call<BcContext, [BcRequest], Promise<V3Page<T> | undefined>>(this, {
			...req,
			qs: { ...req.qs, page, limit },
		});
		const list = Array.isArray(res?.data) ? res.data : [];
		if (list.length) yield list;
		const totalPages = res?.meta?.pagination?.total_pages ?? page;
		if (page >= totalPages || list.length === 0) return;
	}
}

export async function bcRequestAllV2<T>(this: BcContext, req: BcRequest, limit = 250): Promise<T[]> {
	const all: T[] = [];
	for await (const page of bcPagesV2.call<BcContext, [BcRequest, number], AsyncGenerator<T[]>>(this, req, limit)) {
		all.push(...page);
	}
	return all;
}

export async function bcRequestAllV3<T>(this: BcContext, req: BcRequest, limit = 250): Promise<T[]> {
	const all: T[] = [];
	for await (const page of bcPagesV3.call<BcContext, [BcRequest, number], AsyncGenerator<T[]>>(this, req, limit)) {
		all.push(...page);
	}
	return all;
}
