/** Admin interface over HTTP under /__admin (no auth, JSON) for tests and the e2e run. */
import type { BcSandbox, SandboxOrderInput } from './types';
import { faultConfigFromJson } from './faults';
import { isPlainObject } from './util';
import type { SandboxOrderEdit } from './orderEdits';

export interface AdminReply {
	status: number;
	body?: unknown;
}

function orderInput(json: unknown): SandboxOrderInput {
	if (!isPlainObject(json) || !Array.isArray(json.lines) || json.lines.length === 0) {
		throw new Error('Order input needs {lines: [{sku, quantity, ...}], ...}');
	}
	const input = { ...json } as unknown as SandboxOrderInput & { dateCreated?: unknown };
	if (typeof input.dateCreated === 'string' || typeof input.dateCreated === 'number') input.dateCreated = new Date(input.dateCreated);
	return input;
}

export function handleAdmin(sandbox: BcSandbox, method: string, path: string, query: URLSearchParams, body: unknown): AdminReply {
	try {
		let m: RegExpExecArray | null;
		if (method === 'GET' && (m = /^\/__admin\/orders\/(\d+)$/.exec(path))) {
			const id = Number(m[1]);
			const order = sandbox.getOrder(id);
			if (!order) return { status: 404, body: { error: `Order ${id} does not exist` } };
			return {
				status: 200,
				body: { order, products: sandbox.getOrderProducts(id), shipping_addresses: sandbox.getShippingAddresses(id), shipments: sandbox.getShipments(id) },
			};
		}
		if (method === 'GET' && path === '/__admin/orders') {
			const status = query.get('statusId');
			return { status: 200, body: { ids: sandbox.listOrderIds(status === null ? undefined : { statusId: Number(status) }) } };
		}
		if (method === 'POST' && path === '/__admin/orders') return { status: 201, body: { id: sandbox.addOrder(orderInput(body)) } };
		if (method === 'PUT' && (m = /^\/__admin\/orders\/(\d+)\/status$/.exec(path))) {
			const statusId = isPlainObject(body) ? body.statusId : undefined;
			if (typeof statusId !== 'number') return { status: 400, body: { error: 'Body must be {statusId: number}' } };
			sandbox.setOrderStatus(Number(m[1]), statusId);
			return { status: 200, body: { order: sandbox.getOrder(Number(m[1])) } };
		}
		if (method === 'PUT' && (m = /^\/__admin\/orders\/(\d+)\/edit$/.exec(path))) {
			if (!isPlainObject(body)) return { status: 400, body: { error: 'Body must be {address?, addressIndex?, lines?: [{sku, quantity}], refundedAmount?, statusId?}' } };
			sandbox.editOrder(Number(m[1]), body as SandboxOrderEdit);
			return { status: 200, body: { order: sandbox.getOrder(Number(m[1])) } };
		}
		if (method === 'GET' && path === '/__admin/requests') {
			const log = sandbox.requestLog();
			const counts: Record<string, number> = {};
			for (const e of log) counts[`${e.method} ${e.path}`] = (counts[`${e.method} ${e.path}`] ?? 0) + 1;
			return { status: 200, body: { requests: log, counts, total: log.length, maxRequestsInWindow: sandbox.maxRequestsInWindow() } };
		}
		if (method === 'DELETE' && path === '/__admin/requests') {
			sandbox.resetRequestLog();
			return { status: 204 };
		}
		if (method === 'PUT' && path === '/__admin/faults') {
			sandbox.setFaults(faultConfigFromJson(body ?? null));
			return { status: 204 };
		}
		if (method === 'PUT' && path === '/__admin/rate-limit') {
			if (!isPlainObject(body) || typeof body.quota !== 'number') return { status: 400, body: { error: 'Body must be {quota, windowMs?}' } };
			sandbox.setQuota(body.quota, typeof body.windowMs === 'number' ? body.windowMs : undefined);
			return { status: 204 };
		}
		if (method === 'PUT' && path === '/__admin/latency') {
			if (!isPlainObject(body) || typeof body.ms !== 'number') return { status: 400, body: { error: 'Body must be {ms}' } };
			sandbox.setLatency(body.ms);
			return { status: 204 };
		}
		if (method === 'GET' && path === '/__admin/inventory') {
			const sku = query.get('sku');
			if (!sku) return { status: 400, body: { error: 'Query parameter sku is required' } };
			const record = sandbox.getInventory(sku, Number(query.get('locationId') ?? 1));
			return record ? { status: 200, body: record } : { status: 404, body: { error: `SKU ${sku} does not exist` } };
		}
		if (method === 'GET' && path === '/__admin/shipments') {
			const orderId = Number(query.get('orderId'));
			if (!sandbox.getOrder(orderId)) return { status: 404, body: { error: `Order ${String(query.get('orderId'))} does not exist` } };
			return { status: 200, body: sandbox.getShipments(orderId) };
		}
		return { status: 404, body: { error: `No admin endpoint ${method} ${path}` } };
	} catch (error) {
		return { status: 400, body: { error: (error as Error).message } };
	}
}
