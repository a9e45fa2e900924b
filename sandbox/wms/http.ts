/** Request/reply shapes the route handlers work with; the server (server.ts) does the socket work. */
import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxRequest {
	method: string;
	/** Path without the query string, e.g. `/orders/12`. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: string;
}

export interface Reply {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

export function json(status: number, body?: unknown, headers?: Record<string, string>): Reply {
	return { status, body, headers };
}

export class BadJson extends Error {}

/** Parses a JSON body (or a form-encoded one, as OAuth clients sometimes send to the token endpoint). */
export function parseBody(req: SandboxRequest): unknown {
	if (!req.rawBody) return undefined;
	const type = String(req.headers['content-type'] ?? '');
	if (type.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(req.rawBody));
	}
	try {
		return JSON.parse(req.rawBody);
	} catch {
		throw new BadJson('The request body is not valid JSON.');
	}
}

export function header(req: SandboxRequest, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
