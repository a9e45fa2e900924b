/** Request context and response helpers (V2 and V3 bodies). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const ERROR_TYPE_URL = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

export type ApiVersion = 'v2' | 'v3';

export interface Ctx {
	req: IncomingMessage;
	res: ServerResponse;
	method: string;
	/** Path after /stores/{hash}, e.g. /v2/orders/100. */
	path: string;
	query: URLSearchParams;
	version: ApiVersion;
	/** Parsed JSON body (undefined when none was sent). */
	body: unknown;
	params: Record<string, string>;
	/** Extra response headers (rate limit) added to every reply. */
	headers: Record<string, string>;
}

/** A handler result: status plus body (undefined => empty body). */
export interface Reply {
	status: number;
	body?: unknown;
}

export class ApiError extends Error {
	constructor(
		public readonly status: number,
		message: string,
		public readonly errors: Record<string, unknown> = {},
	) {
		super(message);
	}
}

export function errorBody(version: ApiVersion, status: number, message: string, errors: Record<string, unknown> = {}): unknown {
	if (version === 'v2') return [{ status, message }];
	return { status, title: message, type: ERROR_TYPE_URL, errors };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
	if (res.writableEnded || res.destroyed) return;
	const h: Record<string, string> = { ...headers };
	let payload = '';
	if (body !== undefined && status !== 204) {
		payload = JSON.stringify(body);
		h['Content-Type'] = 'application/json';
	}
	h['Content-Length'] = String(Buffer.byteLength(payload));
	res.writeHead(status, h);
	res.end(payload);
}

export async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** Positive integer query parameter, or ApiError 400. */
export function intParam(query: URLSearchParams, name: string, def: number, min = 1): number {
	const raw = query.get(name);
	if (raw === null || raw === '') return def;
	if (!/^-?\d+$/.test(raw) || Number(raw) < min) throw new ApiError(400, `The query parameter '${name}' must be an integer of at least ${min}; got '${raw}'.`);
	return Number(raw);
}

/** Comma-separated list parameter (e.g. `sku:in`), or undefined when absent. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
	const raw = query.get(name);
	if (raw === null) return undefined;
	return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function intListParam(query: URLSearchParams, name: string): number[] | undefined {
	const list = listParam(query, name);
	if (!list) return undefined;
	for (const item of list) {
		if (!/^\d+$/.test(item)) throw new ApiError(400, `The query parameter '${name}' must be a comma-separated list of integers; got '${item}'.`);
	}
	return list.map(Number);
}

export function cannotWrite(field: string): ApiError {
	return new ApiError(400, `The field '${field}' cannot be written to. Please remove it from your request before trying again.`);
}
