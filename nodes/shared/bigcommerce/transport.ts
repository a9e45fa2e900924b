/**
 * The one BigCommerce transport: every V2/V3 call of every node goes through `bcRequest`.
 * (First cut: the foundation issue hardens it with rate limits, retries and error mapping, keeping these signatures.)
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

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

export interface BigCommerceCredentials {
	storeHash: string;
	accessToken: string;
	apiUrl: string;
}

export const BC_CREDENTIAL = 'bigCommerceApi';
export const USER_AGENT = 'n8n-nodes-bigcommerce-wms/0.1.0 (+n8n community node)';

export async function bcBaseUrl(this: BcContext, version: 'v2' | 'v3'): Promise<string> {
	const creds = (await this.getCredentials(BC_CREDENTIAL)) as unknown as BigCommerceCredentials;
	const apiUrl = (creds.apiUrl || 'https://api.bigcommerce.com').replace(/\/+$/, '');
	return `${apiUrl}/stores/${creds.storeHash}/${version}`;
}

/** One request; resolves to the parsed JSON body (`undefined` for 204). */
export async function bcRequest<T = unknown>(this: BcContext, req: BcRequest): Promise<T> {
	const options: IHttpRequestOptions = {
		method: req.method,
		url: `${await bcBaseUrl.call(this, req.version)}${req.path}`,
		qs: req.qs,
		body: req.body as IDataObject | undefined,
		json: true,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
	};
	return (await this.helpers.httpRequestWithAuthentication.call(this, BC_CREDENTIAL, options)) as T;
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

/** V3 list paging (`meta.pagination`). Yields one page at a time. */
export async function* bcPagesV3<T>(this: BcContext, req: BcRequest, limit = 250): AsyncGenerator<T[]> {
	for (let page = 1; ; page++) {
		const res = await bcRequest.call<BcContext, [BcRequest], Promise<{ data?: T[]; meta?: { pagination?: { total_pages?: number } } }>>(
			this,
			{ ...req, qs: { ...req.qs, page, limit } },
		);
		const list = res?.data ?? [];
		if (list.length) yield list;
		const totalPages = res?.meta?.pagination?.total_pages ?? page;
		if (page >= totalPages || list.length === 0) return;
	}
}

export async function bcRequestAllV2<T>(this: BcContext, req: BcRequest, limit = 250): Promise<T[]> {
	const all: T[] = [];
	for await (const page of bcPagesV2.call<BcContext, [BcRequest, number], AsyncGenerator<T[]>>(this, req, limit)) all.push(...page);
	return all;
}

export async function bcRequestAllV3<T>(this: BcContext, req: BcRequest, limit = 250): Promise<T[]> {
	const all: T[] = [];
	for await (const page of bcPagesV3.call<BcContext, [BcRequest, number], AsyncGenerator<T[]>>(this, req, limit)) all.push(...page);
	return all;
}
