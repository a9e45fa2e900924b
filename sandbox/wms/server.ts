/**
 * The HTTP server: reads the request, applies latency and injected faults, routes to the 3PL WM look-alike (root),
 * the generic WMS (/generic) or the admin endpoints (/__admin), logs, and writes the reply.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import type { WmsContext } from './context';
import { bearerToken, issueToken, requireToken, TOKEN_PATH } from './extensivAuth';
import { extensivError, unauthorized } from './extensivErrors';
import { stockDetails, stockSummaries } from './extensivInventory';
import { cancelOrder, createOrder, getOrder, listOrders, updateOrder } from './extensivOrders';
import { wantsHal } from './extensivView';
import type { FaultInjector } from './faults';
import { GENERIC_PREFIX, handleGeneric } from './genericRoutes';
import { BadJson, json, type Reply, type SandboxRequest } from './http';
import type { WmsFaultKind, WmsSandbox } from './types';

export interface LogEntry {
	method: string;
	path: string;
	query: string;
	status: number;
	fault?: WmsFaultKind;
}

export interface ServerDeps {
	ctx: WmsContext;
	faults: FaultInjector;
	latencyMs: number;
	log: LogEntry[];
	sandbox: () => WmsSandbox;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

type Area = 'token' | 'generic' | 'extensiv';

function areaOf(path: string): Area {
	const lower = path.toLowerCase();
	if (lower === TOKEN_PATH) return 'token';
	if (lower === GENERIC_PREFIX || lower.startsWith(GENERIC_PREFIX + '/')) return 'generic';
	return 'extensiv';
}

function routeExtensiv(ctx: WmsContext, req: SandboxRequest): Reply {
	const denied = requireToken(ctx, req);
	if (denied) return denied;
	const path = req.path.toLowerCase().replace(/\/+$/, '');
	if (path === '/orders') {
		if (req.method === 'GET') return listOrders(ctx, req);
		if (req.method === 'POST') return createOrder(ctx, req);
	}
	const one = /^\/orders\/(\d+)$/.exec(path);
	if (one && req.method === 'GET') return getOrder(ctx, req, Number(one[1]));
	if (one && req.method === 'PUT') return updateOrder(ctx, req, Number(one[1]));
	const canceler = /^\/orders\/(\d+)\/canceler$/.exec(path);
	if (canceler && req.method === 'POST') return cancelOrder(ctx, req, Number(canceler[1]));
	if (path === '/inventory/stocksummaries' && req.method === 'GET') return stockSummaries(ctx, req);
	if (path === '/inventory/stockdetails' && req.method === 'GET') return stockDetails(ctx, req);
	return extensivError(404, 'NotFound', `No resource ${req.method} ${req.path} in this sandbox.`);
}

function route(deps: ServerDeps, req: SandboxRequest, area: Area): Reply {
	try {
		if (area === 'token') return req.method === 'POST' ? issueToken(deps.ctx, req) : json(405, { error: 'Use POST.' });
		if (area === 'generic') return handleGeneric(deps.ctx, req);
		return routeExtensiv(deps.ctx, req);
	} catch (e) {
		if (e instanceof BadJson) return json(400, area === 'generic' ? { error: e.message } : { ErrorCode: 'InvalidJson', Hint: e.message });
		return json(500, { error: `Sandbox error: ${(e as Error).message}` });
	}
}

function faultReply(kind: WmsFaultKind, area: Area): Reply {
	const message = {
		'500': 'Internal server error (injected by the sandbox).',
		'503': 'Service unavailable (injected by the sandbox).',
		'429': 'Too many requests (injected by the sandbox).',
	}[kind as '500' | '503' | '429'];
	const body = area === 'generic' ? { error: message } : { ErrorCode: 'ServerError', Hint: message };
	return json(Number(kind), body, kind === '429' ? { 'Retry-After': '1' } : undefined);
}

function send(res: ServerResponse, reply: Reply, contentType: string): void {
	const headers: Record<string, string> = { ...(reply.headers ?? {}) };
	let payload = '';
	if (reply.body !== undefined) {
		payload = JSON.stringify(reply.body);
		headers['Content-Type'] = contentType;
	}
	res.writeHead(reply.status, headers);
	res.end(payload);
}

export function createWmsServer(deps: ServerDeps): Server {
	return createServer((raw, res) => {
		void (async () => {
			const rawBody = await readBody(raw);
			const url = new URL(raw.url ?? '/', 'http://sandbox.local');
			const req: SandboxRequest = {
				method: (raw.method ?? 'GET').toUpperCase(),
				path: url.pathname,
				query: url.searchParams,
				headers: raw.headers,
				rawBody,
			};
			if (req.path === ADMIN_PREFIX || req.path.startsWith(ADMIN_PREFIX + '/')) {
				send(res, handleAdmin(deps.sandbox(), req), 'application/json; charset=utf-8');
				return;
			}
			const area = areaOf(req.path);
			const contentType =
				area === 'extensiv' && wantsHal(req) ? 'application/hal+json; charset=utf-8' : 'application/json; charset=utf-8';
			const log = (status: number, fault?: WmsFaultKind) => {
				const entry: LogEntry = { method: req.method, path: req.path, query: url.search.replace(/^\?/, ''), status };
				if (fault) entry.fault = fault;
				deps.log.push(entry);
			};
			if (deps.latencyMs > 0) await sleep(deps.latencyMs);

			let fault = deps.faults.decide(req.method, req.path);
			if (fault === 'lost-response' && !WRITES.has(req.method)) fault = undefined;
			if (fault === '401-expired-token' && area !== 'extensiv') fault = undefined;

			switch (fault) {
				case 'drop':
					log(0, fault);
					raw.socket.destroy();
					return;
				case '500':
				case '503':
				case '429': {
					const reply = faultReply(fault, area);
					log(reply.status, fault);
					send(res, reply, contentType);
					return;
				}
				case '401-expired-token': {
					const token = bearerToken(req);
					if (token) deps.ctx.tokens.revoke(token);
					log(401, fault);
					send(res, unauthorized(), contentType);
					return;
				}
				case 'slow':
					await sleep(deps.faults.slowMs);
					break;
			}
			const reply = route(deps, req, area);
			log(reply.status, fault);
			if (fault === 'lost-response') {
				raw.socket.destroy();
				return;
			}
			send(res, reply, contentType);
		})().catch((e: Error) => {
			if (!res.headersSent) send(res, json(500, { error: `Sandbox error: ${e.message}` }), 'application/json');
		});
	});
}
