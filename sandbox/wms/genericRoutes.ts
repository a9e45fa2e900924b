/**
 * The generic HTTP WMS contract (README "Generic WMS HTTP contract"), mounted under /generic. Header auth (`X-Api-Key` by
 * default). Orders are `WmsOrderInput` bodies (nodes/shared/wms/adapter.ts): one WMS order per destination.
 */
import type { WmsContext } from './context';
import { header, isRecord, json, parseBody, type Reply, type SandboxRequest } from './http';
import type { SimOrder } from './warehouse';
import { listGenericOrders } from './genericListOrders';

export const GENERIC_PREFIX = '/generic';
const SHIPMENT_PAGE = 100;
const INVENTORY_PAGE = 500;

function error(status: number, message: string, extra: Record<string, unknown> = {}): Reply {
	return json(status, { error: message, ...extra });
}

function text(v: unknown): string {
	return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

export function handleGeneric(ctx: WmsContext, req: SandboxRequest): Reply {
	const { headerName, headerValue } = ctx.settings;
	if (header(req, headerName) !== headerValue) {
		return error(401, `Missing or wrong ${headerName} header.`);
	}
	const path = req.path.slice(GENERIC_PREFIX.length) || '/';
	if (path === '/orders' && req.method === 'POST') return createOrder(ctx, req);
	if (path === '/orders' && req.method === 'GET') return req.query.has('since') ? listGenericOrders(ctx, req) : findOrder(ctx, req);
	const one = /^\/orders\/(\d+)$/.exec(path);
	if (one && req.method === 'GET') return readOrder(ctx, Number(one[1]));
	if (one && req.method === 'PUT') return updateOrder(ctx, req, Number(one[1]));
	const cancel = /^\/orders\/(\d+)\/cancel$/.exec(path);
	if (cancel && req.method === 'POST') return cancelOrder(ctx, Number(cancel[1]));
	if (path === '/shipments' && req.method === 'GET') return listShipments(ctx, req);
	if (path === '/inventory' && req.method === 'GET') return listInventory(ctx, req);
	return error(404, `No route ${req.method} ${req.path}.`);
}

type ParsedLines = Array<{ sku: string; qty: number; orderProductId?: number }>;

/**
 * A contract destination `{address, lines}` (create and update) as the warehouse holds it: the ship-to and the
 * lines, or the 422 refusing it (missing address field or country, no lines, a line without SKU, an unknown SKU, a
 * quantity not above 0). `reference` names the order in the messages.
 */
function parseDestination(ctx: WmsContext, reference: string, destination: Record<string, unknown>): { shipTo: Record<string, string>; lines: ParsedLines } | { refusal: Reply } {
	const refuse = (message: string, extra: Record<string, unknown> = {}) => ({ refusal: error(422, `Order ${reference}: ${message}`, extra) });
	const address = isRecord(destination.address) ? destination.address : {};
	for (const field of ['street1', 'city', 'postalCode']) {
		if (!text(address[field])) return refuse(`destination.address.${field} is required.`);
	}
	const country = text(address.countryIso2) || text(address.country);
	if (!country) return refuse('destination.address.countryIso2 is required.');
	const rawLines = Array.isArray(destination.lines) ? destination.lines : [];
	if (!rawLines.length) return refuse('destination.lines must have at least one line.');
	const lines: ParsedLines = [];
	for (const [i, raw] of rawLines.entries()) {
		const line = isRecord(raw) ? raw : {};
		const sku = text(line.sku);
		if (!sku) return refuse(`line ${i + 1} has no SKU.`);
		if (!ctx.warehouse.items.has(sku)) return refuse(`unknown SKU ${sku} (line ${i + 1}).`, { sku });
		const qty = line.quantity;
		if (typeof qty !== 'number' || !Number.isFinite(qty) || qty <= 0) return refuse(`line ${i + 1} (SKU ${sku}) needs a quantity greater than 0.`, { sku });
		lines.push({ sku, qty, orderProductId: typeof line.orderProductId === 'number' ? line.orderProductId : undefined });
	}
	const shipTo = {
		companyName: text(address.company),
		name: [text(address.firstName), text(address.lastName)].filter(Boolean).join(' '),
		address1: text(address.street1),
		address2: text(address.street2),
		city: text(address.city),
		state: text(address.state),
		zip: text(address.postalCode),
		country,
		phoneNumber: text(address.phone),
		emailAddress: text(address.email),
	};
	return { shipTo, lines };
}

function createOrder(ctx: WmsContext, req: SandboxRequest): Reply {
	const body = parseBody(req);
	if (!isRecord(body)) return error(422, 'The body must be a JSON object {reference, order, destination, routing?}.');
	const reference = text(body.reference);
	if (!reference) return error(422, 'reference is required.');
	const existing = ctx.warehouse.findActiveByReference(reference);
	if (existing && !ctx.settings.httpAllowDuplicateReferences) return error(409, `An order with reference ${reference} already exists.`, { id: String(existing.orderId) });

	const destination = isRecord(body.destination) ? body.destination : undefined;
	if (!destination) return error(422, `Order ${reference}: destination is required.`);
	const parsed = parseDestination(ctx, reference, destination);
	if ('refusal' in parsed) return parsed.refusal;
	const { shipTo, lines } = parsed;
	const order = isRecord(body.order) ? body.order : {};
	const notes = isRecord(order.notes) ? text(order.notes.customer) : '';
	const routing = isRecord(body.routing) ? body.routing : {};
	const created = ctx.warehouse.createOrder({
		via: 'http',
		customerId: ctx.settings.customerId,
		facilityId: ctx.settings.facilityId,
		referenceNum: reference,
		shipTo,
		routing: {
			carrier: text(routing.carrier) || undefined,
			mode: text(routing.mode) || undefined,
			billingCode: text(routing.billingCode) || undefined,
		},
		notes,
		lines,
		body,
	});
	return json(201, { id: String(created.orderId) });
}

/** `GET /orders?references=A,B` (up to 100): every order carrying one of them, any status, as an array ([] for none). */
function findOrders(ctx: WmsContext, raw: string): Reply {
	const references = [...new Set(raw.split(',').map((r) => r.trim()).filter(Boolean))];
	if (!references.length) return error(400, 'Query parameter references must list at least one reference.');
	if (references.length > 100) return error(400, `At most 100 references per request (got ${references.length}).`);
	const orders = references.flatMap((r) => ctx.warehouse.findByReference(r));
	return json(200, orders.map((o) => ({ id: String(o.orderId), reference: o.referenceNum, status: o.status })));
}

function findOrder(ctx: WmsContext, req: SandboxRequest): Reply {
	const batch = req.query.get('references');
	if (batch !== null) return findOrders(ctx, batch);
	const reference = text(req.query.get('reference'));
	if (!reference) return error(400, 'Query parameter reference is required.');
	const all = ctx.warehouse.findByReference(reference);
	const active = all.filter((o) => o.status !== 'cancelled');
	if (active.length > 1) {
		// Only possible with allowDuplicateReferences: every active order, so that a client can see the duplicates.
		return json(200, active.map(summary));
	}
	const order = active[0] ?? all[all.length - 1];
	if (!order) return error(404, `No order with reference ${reference}.`);
	return json(200, summary(order));
}

/** `{id, reference, status, stage}`: stage only for open orders (unallocated, allocated, picking, packed). */
function summary(o: SimOrder): Record<string, unknown> {
	const out: Record<string, unknown> = { id: String(o.orderId), reference: o.referenceNum, status: o.status };
	if (o.status === 'open') out.stage = o.stage ?? 'unallocated';
	return out;
}

/** `GET /orders/{id}`: the summary plus the destination the WMS holds (address as sent, current lines). */
function readOrder(ctx: WmsContext, orderId: number): Reply {
	const order = ctx.warehouse.orders.get(orderId);
	if (!order) return error(404, `No order ${orderId}.`);
	const body = isRecord(order.body) ? order.body : {};
	const sent = isRecord(body.destination) ? body.destination : {};
	const lines = order.lines.map((l) => ({ sku: l.sku, quantity: l.qty, ...(l.orderProductId !== undefined ? { orderProductId: l.orderProductId } : {}) }));
	return json(200, { ...summary(order), destination: { address: isRecord(sent.address) ? sent.address : {}, lines } });
}

/** `PUT /orders/{id}` with `{reference, order, destination}`: replaces address and lines while nothing is allocated. */
function updateOrder(ctx: WmsContext, req: SandboxRequest, orderId: number): Reply {
	const order = ctx.warehouse.orders.get(orderId);
	if (!order) return error(404, `No order ${orderId}.`);
	const body = parseBody(req);
	const destination = isRecord(body) && isRecord(body.destination) ? body.destination : undefined;
	if (!destination) return error(422, `Order ${orderId}: destination is required.`);
	if (order.status !== 'open' || order.stage) {
		return error(409, `Order ${order.referenceNum} can no longer be changed: it is ${order.stage ?? order.status}.`, { status: order.status, stage: order.stage });
	}
	const parsed = parseDestination(ctx, order.referenceNum, destination);
	if ('refusal' in parsed) return parsed.refusal;
	const { lines } = parsed;
	// Phone and e-mail as held when the update leaves them out.
	const shipTo = { ...order.shipTo, ...parsed.shipTo, phoneNumber: parsed.shipTo.phoneNumber || order.shipTo.phoneNumber, emailAddress: parsed.shipTo.emailAddress || order.shipTo.emailAddress };
	const kept = isRecord(order.body) ? order.body : {};
	ctx.warehouse.edit(orderId, { shipTo, lines, body: { ...kept, destination } });
	return json(200, { id: String(orderId) });
}

function cancelOrder(ctx: WmsContext, orderId: number): Reply {
	const order = ctx.warehouse.orders.get(orderId);
	if (!order) return error(404, `No order ${orderId}.`);
	if (order.status !== 'open') return error(409, `Order ${orderId} is ${order.status}; only open orders can be cancelled.`, { status: order.status });
	if (order.stage === 'picking' || order.stage === 'packed') {
		return error(409, `Order ${order.referenceNum} cannot be cancelled: ${order.stage === 'packed' ? 'packing' : 'picking'} has started.`, { status: order.status, stage: order.stage });
	}
	ctx.warehouse.cancel(orderId);
	return { status: 204 };
}

interface Cursor {
	t: string;
	id: number;
}

function encodeCursor(order: SimOrder): string {
	return Buffer.from(JSON.stringify({ t: order.lastModifiedAt, id: order.orderId })).toString('base64url');
}

function decodeCursor(raw: string): Cursor | undefined {
	try {
		const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		return isRecord(c) && typeof c.t === 'string' && typeof c.id === 'number' ? { t: c.t, id: c.id } : undefined;
	} catch {
		return undefined;
	}
}

function bcOrderId(order: SimOrder): number | undefined {
	const body = order.body;
	if (isRecord(body) && isRecord(body.order) && typeof body.order.orderId === 'number') return body.order.orderId;
	return undefined;
}

/** A closed order in the data contract's Shipment shape plus `modifiedAt`. */
export function toShipment(order: SimOrder): Record<string, unknown> {
	const lineById = new Map(order.lines.map((l) => [l.orderItemId, l]));
	const shipLine = (orderItemId: number, qty: number) => {
		const l = lineById.get(orderItemId);
		const out: Record<string, unknown> = { sku: l?.sku ?? '', quantity: qty };
		if (l?.orderProductId !== undefined) out.orderProductId = l.orderProductId;
		return out;
	};
	const base = {
		carrier: order.routing.carrier ?? '',
		service: order.routing.mode ?? '',
		shippedAt: order.closedAt ?? order.lastModifiedAt,
	};
	const packages = order.packages.length
		? order.packages.map((p) => ({
				trackingNumber: p.trackingNumber,
				carrier: p.carrier,
				service: p.service,
				shippedAt: p.shippedAt,
				lines: p.contents.map((c) => shipLine(c.orderItemId, c.qty)),
			}))
		: [{ trackingNumber: order.routing.trackingNumber ?? '', ...base, lines: order.lines.map((l) => shipLine(l.orderItemId, l.qty)) }];
	const out: Record<string, unknown> = {
		reference: order.referenceNum,
		wmsOrderId: String(order.orderId),
		packages,
		modifiedAt: order.lastModifiedAt,
	};
	const orderId = bcOrderId(order);
	if (orderId !== undefined) out.orderId = orderId;
	if (!order.packages.length) out.closedWithoutPackages = true;
	return out;
}

function listShipments(ctx: WmsContext, req: SandboxRequest): Reply {
	const since = req.query.get('since');
	let sinceIso: string | undefined;
	if (since) {
		const t = Date.parse(since);
		if (Number.isNaN(t)) return error(400, `since must be an ISO 8601 date-time (got ${since}).`);
		sinceIso = new Date(t).toISOString();
	}
	const rawCursor = req.query.get('cursor');
	const cursor = rawCursor ? decodeCursor(rawCursor) : undefined;
	if (rawCursor && !cursor) return error(400, 'cursor is not one this WMS returned.');
	const rows = [...ctx.warehouse.orders.values()]
		.filter((o) => o.status === 'closed')
		.filter((o) => !sinceIso || o.lastModifiedAt >= sinceIso)
		.filter((o) => !cursor || o.lastModifiedAt > cursor.t || (o.lastModifiedAt === cursor.t && o.orderId > cursor.id))
		.sort((a, b) => (a.lastModifiedAt === b.lastModifiedAt ? a.orderId - b.orderId : a.lastModifiedAt < b.lastModifiedAt ? -1 : 1));
	const page = rows.slice(0, SHIPMENT_PAGE);
	const more = rows.length > SHIPMENT_PAGE;
	return json(200, { shipments: page.map(toShipment), nextCursor: more ? encodeCursor(page[page.length - 1]) : null });
}

function listInventory(ctx: WmsContext, req: SandboxRequest): Reply {
	const raw = req.query.get('page') ?? '1';
	const page = Number(raw);
	if (!/^\d+$/.test(raw) || page < 1) return error(400, `page must be a whole number from 1 (got ${raw}).`);
	const items = [...ctx.warehouse.items.values()];
	const slice = items.slice((page - 1) * INVENTORY_PAGE, page * INVENTORY_PAGE).map((i) => ({ sku: i.sku, available: i.available, onHold: i.onHold, onHand: i.available + i.onHold }));
	return json(200, { items: slice, nextPage: page * INVENTORY_PAGE < items.length ? page + 1 : null });
}
