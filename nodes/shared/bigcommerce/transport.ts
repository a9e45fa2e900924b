/**
 * The one BigCommerce transport: every V2/V3 call of every node goes through `bcRequest`.
 *
 * It checks the credential before anything is sent, honours the store's rate limit (see rateLimit.ts), retries
 * 5xx and network errors with capped exponential backoff on idempotent requests only, rides out 429s, and maps
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
import { bcApiError, redact } from './errors';
import { acquireSlot, blockStore, releaseSlot } from './rateLimit';
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

/** One request; resolves to the parsed JSON body (`undefined` for 204). */
export async function bcRequest<T = unknown>(this: BcContext, req: BcRequest): Promise<T> {
	const creds = await getBcCredentials.call(this);
	checkPath(this, req.path);
	const key = bcStoreKey(creds);
	const node = this.getNode();
	const secrets = [creds.accessToken, creds.accessToken.trim()];
	const fail = (extra: Partial<Parameters<typeof bcApiError>[1]> & { attempts: number }) =>
		bcApiError(node, {
			method: req.method,
			version: req.version,
			path: req.path,
			resource: req.resource,
			secrets,
			host: hostOf(creds.apiUrl),
			...extra,
		});

	let retries = 0;
	let retries429 = 0;
	for (let attempt = 1; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: req.method,
			url: `${creds.apiUrl}/stores/${creds.storeHash}/${req.version}${req.path}`,
			qs: req.qs,
			body: req.body as IDataObject | undefined,
			json: true,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Never follow a redirect: the X-Auth-Token would go to wherever the Location header points.
			disableFollowRedirect: true,
			timeout: transportSettings.timeoutMs,
		};

		await acquireSlot(key);
		countRequest(this);
		let res: IN8nHttpFullResponse;
		try {
			res = (await this.helpers.httpRequestWithAuthentication.call(this, BC_CREDENTIAL, options)) as IN8nHttpFullResponse;
		} catch (error) {
			releaseSlot(key, undefined);
			const network = classifyNetworkError(error);
			if (!network) {
				const text = redact(String((error as Error)?.message ?? error), secrets);
				throw fail({ attempts: attempt, networkError: text });
			}
			if (network.kind === 'cancelled') throw fail({ attempts: attempt, networkError: 'the execution was cancelled' });
			const safeToRepeat = network.kind === 'not-sent' || isIdempotent(req.method);
			if (safeToRepeat && retries < transportSettings.maxRetries) {
				await transportSettings.sleep(backoffMs(retries++, transportBackoff()));
				continue;
			}
			throw fail({ attempts: attempt, networkError: network.code, outcomeUnknown: !safeToRepeat });
		}

		const status = res.statusCode;
		const rate = releaseSlot(key, res.headers, status);

		if (status >= 200 && status < 300) return successBody(res) as T;

		if (status >= 300 && status < 400) {
			throw fail({ attempts: attempt, status, redirect: { from: options.url, to: headerValue(res.headers, 'location') } });
		}

		if (status === 429) {
			// BigCommerce did not process a 429'd request, so even a POST may be repeated.
			if (retries429 < transportSettings.max429Retries) {
				const wait =
					rate.resetMs !== undefined
						? rate.resetMs + transportSettings.rateLimitMarginMs
						: (rate.retryAfterMs ?? backoffMs(retries429, transportBackoff()));
				// Hold every other request to this store too, then wait here ourselves.
				blockStore(key, wait);
				retries429++;
				await transportSettings.sleep(Math.min(wait, transportSettings.maxWaitMs));
				continue;
			}
			throw fail({ attempts: attempt, status, body: res.body });
		}

		if (status >= 500) {
			if (isIdempotent(req.method) && retries < transportSettings.maxRetries) {
				await transportSettings.sleep(backoffMs(retries++, transportBackoff()));
				continue;
			}
			throw fail({ attempts: attempt, status, body: res.body, outcomeUnknown: !isIdempotent(req.method) });
		}

		throw fail({ attempts: attempt, status, body: res.body });
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
