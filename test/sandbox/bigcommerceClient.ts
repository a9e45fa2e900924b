/** Tiny HTTP client for the BigCommerce sandbox tests (global fetch, JSON in/out). */
import type { BcSandbox } from '../../sandbox/bigcommerce';

export interface ApiResult {
	status: number;
	headers: Headers;
	text: string;
	body: any;
}

export async function call(
	sb: BcSandbox,
	method: string,
	path: string,
	body?: unknown,
	opts: { token?: string | null; storeHash?: string } = {},
): Promise<ApiResult> {
	const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
	const token = opts.token === undefined ? sb.token : opts.token;
	if (token !== null) headers['X-Auth-Token'] = token;
	const url = path.startsWith('/__admin') ? `${sb.url}${path}` : `${sb.url}/stores/${opts.storeHash ?? sb.storeHash}${path}`;
	const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, headers: res.headers, text, body: text === '' ? undefined : JSON.parse(text) };
}

export const get = (sb: BcSandbox, path: string) => call(sb, 'GET', path);
