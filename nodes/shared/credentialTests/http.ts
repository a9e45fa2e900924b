/**
 * The one request helper of the credential tests. A credential test gets only n8n's legacy `helpers.request`
 * (ICredentialTestFunctions); every call here asks for the full response whatever its status, and never follows a
 * redirect (a redirect target would receive the credential's header).
 */
import { plainText } from '../http/plainText';
import type { ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';
import { hostOf, isAddressProblem, networkCodeOf, networkCodeText } from '../http/networkErrors';

/** Per-request timeout of a credential test (the editor waits for the answer). */
export const TEST_TIMEOUT_MS = 20000;

export interface TestRequest {
	method: 'GET' | 'POST';
	url: string;
	headers: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject;
}

export type TestAnswer =
	| { kind: 'response'; status: number; headers: Record<string, unknown>; body: unknown }
	| { kind: 'network'; code?: string };

export async function sendTestRequest(ctx: ICredentialTestFunctions, req: TestRequest): Promise<TestAnswer> {
	try {
		const res = (await ctx.helpers.request({
			method: req.method,
			uri: req.url,
			qs: req.qs,
			headers: req.headers,
			body: req.body,
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			followAllRedirects: false,
			timeout: TEST_TIMEOUT_MS,
		})) as { statusCode?: number; headers?: Record<string, unknown>; body?: unknown };
		return { kind: 'response', status: Number(res?.statusCode ?? 0), headers: res?.headers ?? {}, body: parseBody(res?.body) };
	} catch (error) {
		// An answer with a status (some n8n versions throw for 3xx even with simple: false).
		const response = (error as { response?: { status?: number; headers?: Record<string, unknown>; data?: unknown } }).response;
		if (response?.status) {
			return { kind: 'response', status: response.status, headers: response.headers ?? {}, body: parseBody(response.data ?? (error as { error?: unknown }).error) };
		}
		return { kind: 'network', code: networkCodeOf(error) };
	}
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

export function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
	const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}

/** The API's own words from an error body (JSON `message`/`title`/`error`..., V2 arrays, or a short text excerpt). */
export function apiWords(body: unknown): string {
	if (typeof body === 'string') return plainText(body);
	if (Array.isArray(body)) return body.map(apiWords).filter(Boolean).join(' | ');
	if (body && typeof body === 'object') {
		const b = body as Record<string, unknown>;
		for (const key of ['message', 'Message', 'title', 'error_description', 'Hint', 'detail', 'error']) {
			if (typeof b[key] === 'string' && (b[key] as string).trim()) return (b[key] as string).trim().slice(0, 300);
		}
	}
	return '';
}

/** "HTTP 403: the API's words" (the words only when there are some). */
export function quoted(status: number, body: unknown): string {
	const words = apiWords(body).replace(/\.$/, '');
	return `HTTP ${status}${words ? `: ${words}` : ''}`;
}

/** "No response from host (what the code means)." plus what to check. */
export function networkMessage(url: string, code: string | undefined, field: string): string {
	const head = `No response from ${hostOf(url)} (${networkCodeText(code)}).`;
	return isAddressProblem(code)
		? `${head} Check ${field}.`
		: `${head} Check ${field} and that this n8n server can reach it, then test again.`;
}

export function redirectMessage(label: string, url: string, status: number, headers: Record<string, unknown>, field: string): string {
	const to = headerOf(headers, 'location');
	return `${label} ${url} answered with a redirect (HTTP ${status}) to ${to ?? 'an unnamed location'}; nothing secret was sent there. Check ${field}: API calls never follow redirects.`;
}

/** Replaces every secret (4 characters or more) in a message. */
export function scrub(message: string, secrets: unknown[]): string {
	let out = message;
	for (const secret of secrets) {
		const value = typeof secret === 'string' ? secret : '';
		for (const s of [value, value.trim()]) if (s.length >= 4) out = out.split(s).join('[redacted]');
	}
	return out;
}

export function failed(message: string, secrets: unknown[] = []): INodeCredentialTestResult {
	return { status: 'Error', message: scrub(message, secrets) };
}

export function passed(message: string, secrets: unknown[] = []): INodeCredentialTestResult {
	return { status: 'OK', message: scrub(message, secrets) };
}
