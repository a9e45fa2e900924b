/** Small HTTP helpers for the WMS sandbox tests (plain fetch, like any client would). */
import type { WmsSandbox } from '../../sandbox/wms';

export interface HttpResult {
	status: number;
	headers: Headers;
	body: any;
}

export async function call(
	url: string,
	method: string,
	opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
	const headers: Record<string, string> = { ...(opts.headers ?? {}) };
	if (opts.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
	const res = await fetch(url, {
		method,
		headers,
		body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
	});
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export function basic(id: string, secret: string): string {
	return 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64');
}

export async function getToken(sb: WmsSandbox): Promise<string> {
	const c = sb.extensivCredentials;
	const res = await call(`${sb.url}/AuthServer/api/Token`, 'POST', {
		headers: { Authorization: basic(c.clientId, c.clientSecret), Accept: 'application/json' },
		body: { grant_type: 'client_credentials', user_login: c.userLogin },
	});
	if (res.status !== 200) throw new Error(`token ${res.status}`);
	return res.body.access_token;
}

/** Extensiv call with a bearer token; HAL unless `accept` says otherwise. */
export function ext(
	sb: WmsSandbox,
	token: string,
	method: string,
	path: string,
	opts: { body?: unknown; accept?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
	return call(`${sb.url}${path}`, method, {
		body: opts.body,
		headers: { Authorization: `Bearer ${token}`, Accept: opts.accept ?? 'application/hal+json', ...(opts.headers ?? {}) },
	});
}

export function generic(sb: WmsSandbox, method: string, path: string, body?: unknown): Promise<HttpResult> {
	const c = sb.httpCredentials;
	return call(`${c.baseUrl}${path}`, method, { body, headers: { [c.headerName]: c.headerValue } });
}

export function orderCreate(
	referenceNum: string,
	items: Array<[string, number]> = [['MUG-RED', 2]],
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		customerIdentifier: { id: 1 },
		facilityIdentifier: { id: 1 },
		referenceNum,
		notes: 'Leave at door',
		routingInfo: { carrier: 'UPS', mode: '03', account: '', scacCode: 'UPSN', isCod: false },
		billingCode: 'Prepaid',
		shipTo: {
			companyName: '',
			name: 'Jane Doe',
			address1: '1 Main St',
			address2: '',
			city: 'Austin',
			state: 'TX',
			zip: '78701',
			country: 'US',
			phoneNumber: '555-555-5555',
			emailAddress: 'jane@example.com',
		},
		orderItems: items.map(([sku, qty]) => ({ itemIdentifier: { sku }, qty })),
		...overrides,
	};
}

export const ORDERS_REL = 'http://api.3plCentral.com/rels/orders/order';
export const ITEMS_REL = 'http://api.3plCentral.com/rels/orders/item';

export function embeddedOrders(body: any): any[] {
	return body._embedded?.[ORDERS_REL] ?? [];
}
