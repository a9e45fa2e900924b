/** The BigCommerce sandbox HTTP server (node:http) and its in-process interface. */
import { editOrder } from './orderEdits';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import { FaultInjector } from './faults';
import type { ApiVersion, Ctx, Reply } from './http';
import { ApiError, errorBody, readBody, send } from './http';
import { RateLimiter } from './rateLimit';
import { renderAddress, renderLine, renderOrder, renderProduct, renderVariant } from './render';
import { ALL_SCOPES, hasScope, matchRoute } from './router';
import { generateCatalog, makeAddress, seedCatalog, seedOrders } from './seed';
import { SandboxState } from './state';
import type { BcSandbox, BcSandboxOptions, FaultKind, RequestLogEntry, StartBigCommerceSandbox } from './types';
import { isValidStatusId } from './statuses';
import { sleep } from './util';

const API_PATH = /^\/stores\/([^/]+)\/(v2|v3)(\/.*)?$/;

export const startBigCommerceSandbox: StartBigCommerceSandbox = async (options: BcSandboxOptions = {}) => {
	const storeHash = options.storeHash ?? 'sandbox1';
	const token = options.token ?? 'sandbox-token-123';
	let baseUrl = '';
	const state = new SandboxState(() => `${baseUrl}/stores/${storeHash}`, storeHash);
	const limiter = new RateLimiter(options.quota ?? 150, options.windowMs ?? 30000);
	const faults = new FaultInjector();
	faults.set(options.faults ?? null);
	let latencyMs = options.latencyMs ?? 0;
	let scopes: string[] = options.scopes ?? ALL_SCOPES;
	let log: RequestLogEntry[] = [];
	let inventoryWriteInFlight = false;

	const seed = options.seed ?? {};
	seedCatalog(state, seed);
	seedOrders(state, seed);

	async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const m = API_PATH.exec(url.pathname);
		const version: ApiVersion = m?.[2] === 'v3' || (!m && url.pathname.includes('/v3/')) ? 'v3' : 'v2';
		const path = m ? `/${m[2]}${m[3] ?? ''}` : url.pathname;
		const entry: RequestLogEntry = { method, path, query: url.search.replace(/^\?/, ''), status: 0, at: Date.now() };
		log.push(entry);
		const rate = limiter.hit();
		let headers = rate.headers;
		const reply = (status: number, body?: unknown): void => {
			entry.status = status;
			send(res, status, body, headers);
		};
		const fail = (status: number, message: string, errors?: Record<string, unknown>): void => reply(status, errorBody(version, status, message, errors));
		const rawBody = await readBody(req);

		if (!rate.allowed) return fail(429, 'You have exceeded your request quota. Wait for the time in X-Rate-Limit-Time-Reset-Ms, then retry.');
		if (!m || m[1] !== storeHash) return fail(404, 'The requested resource was not found.');
		if (req.headers['x-auth-token'] !== token) {
			return fail(401, version === 'v2' ? 'You are not authorized to access this resource. Check the access token (X-Auth-Token).' : 'Unauthorized');
		}
		const match = matchRoute(method, path);
		if (!match) return fail(404, 'The requested resource was not found.');
		if ('methodNotAllowed' in match) return fail(405, `The method ${method} is not allowed for this resource.`);
		if (!hasScope(scopes, match.route.scope, method !== 'GET')) {
			return fail(403, "You don't have a required scope to access the endpoint");
		}
		let body: unknown;
		if (rawBody.trim() !== '') {
			if (!String(req.headers['content-type'] ?? '').toLowerCase().includes('application/json')) {
				return fail(415, 'The request body must be sent with Content-Type: application/json.');
			}
			try {
				body = JSON.parse(rawBody);
			} catch {
				return fail(400, 'The request body is not valid JSON.');
			}
		}
		const inventoryWrite = method !== 'GET' && path.startsWith('/v3/inventory/adjustments');
		if (inventoryWrite && inventoryWriteInFlight) {
			return fail(409, 'Another inventory adjustment is still being processed. Wait until it returns 200 before sending the next one.');
		}
		if (inventoryWrite) inventoryWriteInFlight = true;
		try {
			const fault: FaultKind | undefined = faults.decide(method, path);
			if (fault) entry.fault = fault;
			if (latencyMs > 0) await sleep(latencyMs);
			if (fault === 'slow') await sleep(faults.slowMs());
			if (fault === 'drop') {
				req.socket.destroy();
				return;
			}
			if (fault === '500' || fault === '503') {
				return fail(Number(fault), fault === '500' ? 'Internal Server Error' : 'Service Unavailable');
			}
			if (fault === '429') return fail(429, 'You have exceeded your request quota.');
			if (fault === '429-no-headers') {
				headers = {};
				return fail(429, 'Too Many Requests');
			}
			const ctx: Ctx = { req, res, method, path, query: url.searchParams, version, body, params: match.params, headers };
			let result: Reply;
			try {
				result = match.route.handler(state, ctx);
			} catch (error) {
				if (!(error instanceof ApiError)) throw error;
				return fail(error.status, error.message, error.errors);
			}
			if (fault === 'lost-response') {
				entry.status = result.status;
				req.socket.destroy();
				return;
			}
			reply(result.status, result.body);
		} finally {
			if (inventoryWrite) inventoryWriteInFlight = false;
		}
	}

	async function handleAdminRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		const raw = await readBody(req);
		let body: unknown;
		try {
			body = raw.trim() === '' ? undefined : JSON.parse(raw);
		} catch {
			return send(res, 400, { error: 'Body is not valid JSON' }, {});
		}
		const r = handleAdmin(sandbox, (req.method ?? 'GET').toUpperCase(), url.pathname.replace(/\/$/, ''), url.searchParams, body);
		send(res, r.status, r.body, {});
	}

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const handler = url.pathname.startsWith('/__admin') ? handleAdminRequest : handleApi;
		handler(req, res, url).catch((error: Error) => {
			send(res, 500, [{ status: 500, message: `Sandbox error: ${error.message}` }], {});
		});
	});
	const sockets = new Set<import('node:net').Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const orderOrThrow = (id: number) => {
		const order = state.orders.get(id);
		if (!order) throw new Error(`Order ${id} does not exist in the sandbox`);
		return order;
	};

	const sandbox: BcSandbox = {
		url: baseUrl,
		storeHash,
		token,
		credentials: { storeHash, accessToken: token, apiUrl: baseUrl },
		addOrder: (input) => state.addOrder(input, makeAddress),
		setOrderStatus: (orderId, statusId) => {
			if (!isValidStatusId(statusId)) throw new Error(`Status id must be an integer 0-14, got ${statusId}`);
			state.setStatus(orderOrThrow(orderId), statusId);
		},
		editOrder: (orderId, edit) => {
			if (edit.statusId !== undefined && !isValidStatusId(edit.statusId)) throw new Error(`Status id must be an integer 0-14, got ${edit.statusId}`);
			editOrder(state, orderOrThrow(orderId), edit);
		},
		getOrder: (orderId) => {
			const order = state.orders.get(orderId);
			return order ? renderOrder(state, order) : undefined;
		},
		listOrderIds: (filter) =>
			[...state.orders.values()].filter((o) => filter?.statusId === undefined || o.fields.status_id === filter.statusId).map((o) => o.id),
		getOrderProducts: (orderId) => (state.orders.get(orderId)?.lines ?? []).map((l) => renderLine(l)),
		getShippingAddresses: (orderId) => {
			const order = state.orders.get(orderId);
			return order ? order.addresses.map((a) => renderAddress(order, a.id)) : [];
		},
		getShipments: (orderId) => [...(state.orders.get(orderId)?.shipments ?? [])],
		addProduct: (input) => renderProduct(state, state.addProduct(input), false),
		generateCatalog: (opts) => generateCatalog(state, opts),
		getProducts: () => [...state.products.values()].map((p) => renderProduct(state, p, false)),
		getVariants: () => [...state.variants.values()].map((v) => renderVariant(state, v)),
		getInventory: (sku, locationId = 1) => {
			const hit = state.findBySku(sku);
			if (!hit) return undefined;
			const variant = hit.variant ?? (hit.product.hasOptions ? undefined : state.variants.get(hit.product.variantIds[0]));
			return {
				sku: variant?.sku ?? hit.product.sku,
				productId: hit.product.id,
				variantId: variant?.id ?? 0,
				tracking: hit.product.tracking,
				level: state.levelOf(hit.product, variant, locationId),
			};
		},
		setFaults: (config) => faults.set(config),
		setQuota: (quota, windowMs) => limiter.configure(quota, windowMs),
		setLatency: (ms) => (latencyMs = ms),
		setScopes: (list) => (scopes = list ?? ALL_SCOPES),
		requestLog: () => log.map((e) => ({ ...e })),
		countRequests: (filter) =>
			log.filter(
				(e) =>
					(!filter?.method || e.method === filter.method.toUpperCase()) &&
					(!filter?.pathPrefix || e.path.startsWith(filter.pathPrefix)) &&
					(!filter?.excludeFaults || !e.fault),
			).length,
		resetRequestLog: () => {
			log = [];
			limiter.resetMax();
		},
		maxRequestsInWindow: () => limiter.maxRequestsInWindow(),
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
	return sandbox;
};
