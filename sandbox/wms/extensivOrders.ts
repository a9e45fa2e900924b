/**
 * 3PL Warehouse Manager order endpoints: `POST /orders`, `GET /orders` (RQL, paging, detail), `GET /orders/{id}`,
 * `POST /orders/{id}/canceler` (If-Match). Query parameters not in the URI template are ignored, like the real API.
 */
import type { WmsContext } from './context';
import { extensivError, validationError, type ValidationProperty } from './extensivErrors';
import {
	DETAIL_VALUES,
	ITEM_DETAIL_VALUES,
	REL_ORDER,
	orderEtag,
	renderOrder,
	toPascal,
	wantsHal,
	type OrderDetail,
} from './extensivView';
import { header, isRecord, json, parseBody, type Reply, type SandboxRequest } from './http';
import { compileRql, RqlError, sortRows, type RqlFields } from './rql';
import type { SimOrder } from './warehouse';

/** `orders{?pgsiz,pgnum,rql,sort,detail,itemdetail,markforlistid,skulist,skucontains,hvpbatchname}` */
const LIST_PARAMS = ['pgsiz', 'pgnum', 'rql', 'sort', 'detail', 'itemdetail', 'markforlistid', 'skulist', 'skucontains', 'hvpbatchname'];
const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;

export const ORDER_FIELDS: RqlFields<SimOrder> = {
	referencenum: { type: 'string', get: (o) => o.referenceNum },
	ponum: { type: 'string', get: (o) => o.poNum ?? null },
	'readonly.orderid': { type: 'number', get: (o) => o.orderId },
	'readonly.customeridentifier.id': { type: 'number', get: (o) => o.customerId },
	'readonly.facilityidentifier.id': { type: 'number', get: (o) => o.facilityId },
	'readonly.isclosed': { type: 'boolean', get: (o) => o.status !== 'open' },
	'readonly.status': { type: 'number', get: (o) => ({ open: 0, closed: 1, cancelled: 2 })[o.status] },
	'readonly.fullyallocated': { type: 'boolean', get: (o) => o.status === 'closed' || o.stage !== undefined },
	'readonly.creationdate': { type: 'date', get: (o) => o.createdAt },
	'readonly.lastmodifieddate': { type: 'date', get: (o) => o.lastModifiedAt },
	'readonly.processdate': { type: 'date', get: (o) => (o.status === 'closed' ? (o.closedAt ?? null) : null) },
	'routinginfo.carrier': { type: 'string', get: (o) => o.routing.carrier ?? null },
	'routinginfo.trackingnumber': { type: 'string', get: (o) => o.routing.trackingNumber ?? null },
};

function itemIdOf(ctx: WmsContext): (sku: string) => number {
	return (sku) => ctx.warehouse.items.get(sku)?.id ?? 0;
}

function render(ctx: WmsContext, req: SandboxRequest, order: SimOrder, detail: OrderDetail): unknown {
	const hal = renderOrder(order, detail, ctx.settings.timeZone, itemIdOf(ctx));
	return wantsHal(req) ? hal : toPascal(hal);
}

function parseDetail(query: URLSearchParams): OrderDetail | Reply {
	const detail = (query.get('detail') ?? 'None').split(',').map((d) => d.trim()).filter(Boolean);
	const itemDetail = (query.get('itemdetail') ?? 'None').trim();
	const norm = (v: string, allowed: string[]) => allowed.find((a) => a.toLowerCase() === v.toLowerCase());
	for (const d of detail) {
		if (!norm(d, DETAIL_VALUES)) {
			return validationError('InvalidValue', `'${d}' is not a valid value for detail.`, [{ Name: 'detail', Message: `Allowed: ${DETAIL_VALUES.join(', ')}`, Value: d }]);
		}
	}
	if (!norm(itemDetail, ITEM_DETAIL_VALUES)) {
		return validationError('InvalidValue', `'${itemDetail}' is not a valid value for itemdetail.`, [{ Name: 'itemdetail', Message: `Allowed: ${ITEM_DETAIL_VALUES.join(', ')}`, Value: itemDetail }]);
	}
	const has = (v: string) => detail.some((d) => d.toLowerCase() === v.toLowerCase());
	const items = has('OrderItems') || has('All');
	if (itemDetail.toLowerCase() !== 'none' && !items) {
		return validationError('InvalidValue', 'If itemdetail is other than None, detail must include OrderItems.', [{ Name: 'itemdetail', Message: 'detail must include OrderItems', Value: itemDetail }]);
	}
	return { items, packages: has('Packages') || has('All') };
}

function intParam(query: URLSearchParams, name: string, def: number, min: number, max: number): number | Reply {
	const raw = query.get(name);
	if (raw === null || raw === '') return def;
	const n = Number(raw);
	if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
		return validationError('ValueOutOfRange', `${name} must be a whole number from ${min} to ${max}; specifying more is an error.`, [{ Name: name, Message: `Between ${min} and ${max}`, Value: raw }]);
	}
	return n;
}

function isReply(v: unknown): v is Reply {
	return isRecord(v) && typeof v.status === 'number';
}

export function listOrders(ctx: WmsContext, req: SandboxRequest): Reply {
	const pgsiz = intParam(req.query, 'pgsiz', DEFAULT_PAGE, 1, MAX_PAGE);
	if (isReply(pgsiz)) return pgsiz;
	const pgnum = intParam(req.query, 'pgnum', 1, 1, Number.MAX_SAFE_INTEGER);
	if (isReply(pgnum)) return pgnum;
	const detail = parseDetail(req.query);
	if (isReply(detail)) return detail;
	let rows = [...ctx.warehouse.orders.values()];
	try {
		const rql = req.query.get('rql');
		if (rql) {
			const pred = compileRql(rql, ORDER_FIELDS, ctx.settings.timeZone);
			rows = rows.filter(pred);
		}
		const sort = req.query.get('sort');
		if (sort) rows = sortRows(rows, sort, ORDER_FIELDS, ctx.settings.timeZone);
	} catch (e) {
		if (e instanceof RqlError) return validationError('InvalidRql', e.message, [{ Name: 'rql', Message: e.message }]);
		throw e;
	}
	const skuList = req.query.get('skulist');
	if (skuList) {
		const skus = new Set(skuList.split(',').map((s) => s.trim()));
		rows = rows.filter((o) => o.lines.some((l) => skus.has(l.sku)));
	}
	const skuContains = req.query.get('skucontains');
	if (skuContains) rows = rows.filter((o) => o.lines.some((l) => l.sku.includes(skuContains)));

	const total = rows.length;
	const page = rows.slice((pgnum - 1) * pgsiz, pgnum * pgsiz);
	const resources = page.map((o) => renderOrder(o, detail, ctx.settings.timeZone, itemIdOf(ctx)));
	if (!wantsHal(req)) return json(200, { TotalResults: total, ResourceList: resources.map(toPascal) });

	const link = (n: number) => {
		const q = new URLSearchParams();
		for (const name of LIST_PARAMS) {
			const v = req.query.get(name);
			if (v !== null && name !== 'pgnum' && name !== 'pgsiz') q.set(name, v);
		}
		q.set('pgsiz', String(pgsiz));
		q.set('pgnum', String(n));
		return { href: `/orders?${q.toString()}` };
	};
	const links: Record<string, unknown> = { self: link(pgnum) };
	if (pgnum * pgsiz < total) links.next = link(pgnum + 1);
	if (pgnum > 1) links.prev = link(pgnum - 1);
	return json(200, { totalResults: total, _links: links, _embedded: { [REL_ORDER]: resources } });
}

export function getOrder(ctx: WmsContext, req: SandboxRequest, orderId: number): Reply {
	const order = ctx.warehouse.orders.get(orderId);
	if (!order) return extensivError(404, 'NotFound', `Order ${orderId} not found.`);
	const detail = parseDetail(req.query);
	if (isReply(detail)) return detail;
	return json(200, render(ctx, req, order, detail), { ETag: orderEtag(order) });
}

function str(v: unknown): string {
	return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

interface Problem extends ValidationProperty {
	code: string;
}

export function createOrder(ctx: WmsContext, req: SandboxRequest): Reply {
	const body = parseBody(req);
	if (!isRecord(body)) return validationError('Required', 'The request body must be an OrderCreate object.', [{ Name: 'Order', Message: 'Required' }]);
	const problems: Problem[] = [];
	const required = (name: string) => problems.push({ code: 'Required', Name: name, Message: `${name} is required.` });
	const { settings, warehouse } = ctx;

	const customer = isRecord(body.customerIdentifier) ? body.customerIdentifier : undefined;
	const customerId = Number(customer?.id);
	if (!customer || customer.id === undefined || customer.id === null) required('CustomerIdentifier');
	else if (customerId !== settings.customerId) {
		problems.push({ code: 'ValueNotSupported', Name: 'CustomerIdentifier.Id', Message: `Customer ${String(customer.id)} not found or not accessible.`, Value: customer.id });
	}
	const facility = isRecord(body.facilityIdentifier) ? body.facilityIdentifier : undefined;
	if (!facility || facility.id === undefined || facility.id === null) required('FacilityIdentifier');
	else if (Number(facility.id) !== settings.facilityId) {
		problems.push({ code: 'ValueNotSupported', Name: 'FacilityIdentifier.Id', Message: `Facility ${String(facility.id)} not assigned to Customer ${settings.customerId}.`, Value: facility.id });
	}
	const referenceNum = str(body.referenceNum);
	if (!referenceNum) required('ReferenceNum');

	const shipTo = isRecord(body.shipTo) ? body.shipTo : undefined;
	if (!shipTo) required('ShipTo');
	else {
		for (const [key, name] of [['address1', 'Address1'], ['city', 'City'], ['zip', 'Zip'], ['country', 'Country']]) {
			if (!str(shipTo[key])) required(`ShipTo.${name}`);
		}
	}

	const lines: Array<{ sku: string; qty: number }> = [];
	const items = Array.isArray(body.orderItems) ? body.orderItems : [];
	if (!items.length) required('OrderItems');
	items.forEach((raw, i) => {
		const item = isRecord(raw) ? raw : {};
		const ident = isRecord(item.itemIdentifier) ? item.itemIdentifier : {};
		let sku = str(ident.sku);
		if (!sku && ident.id !== undefined) {
			sku = [...warehouse.items.values()].find((it) => it.id === Number(ident.id))?.sku ?? '';
			if (!sku) problems.push({ code: 'ValueNotSupported', Name: `OrderItems[${i}].ItemIdentifier.Id`, Message: `Item ${String(ident.id)} not assigned to Customer ${settings.customerId}.`, Value: ident.id });
		} else if (!sku) required(`OrderItems[${i}].ItemIdentifier`);
		else if (!warehouse.items.has(sku)) {
			problems.push({ code: 'ValueNotSupported', Name: `OrderItems[${i}].ItemIdentifier.Sku`, Message: `Sku ${sku} not assigned to Customer ${settings.customerId}.`, Value: sku });
		}
		const qty = item.qty;
		if (typeof qty !== 'number' || !Number.isFinite(qty) || qty <= 0) {
			problems.push({ code: 'ValueOutOfRange', Name: `OrderItems[${i}].Qty`, Message: `Qty must be greater than 0 (got ${JSON.stringify(qty ?? null)}).`, Value: qty ?? null });
		}
		lines.push({ sku, qty: Number(qty) });
	});

	if (problems.length) {
		// One ErrorCode per exception, like the real API: the first kind found, with all its properties.
		const code = problems[0].code;
		const same = problems.filter((p) => p.code === code);
		return validationError(code, same.map((p) => p.Message).join(' '), same.map(({ code: _c, ...p }) => p));
	}
	if (!settings.allowDuplicateReferences && warehouse.findActiveByReference(referenceNum, customerId)) {
		return validationError('Duplicate', `An order with ReferenceNum ${referenceNum} already exists for Customer ${customerId}.`, [
			{ Name: 'ReferenceNum', Message: 'Duplicate', Value: referenceNum },
		]);
	}
	const routing = isRecord(body.routingInfo) ? body.routingInfo : {};
	const order = warehouse.createOrder({
		via: 'extensiv',
		customerId,
		facilityId: settings.facilityId,
		referenceNum,
		shipTo: shipTo as Record<string, unknown>,
		routing: {
			carrier: str(routing.carrier) || undefined,
			mode: str(routing.mode) || undefined,
			account: str(routing.account) || undefined,
			scacCode: str(routing.scacCode) || undefined,
			isCod: routing.isCod === true,
			billingCode: str(body.billingCode) || undefined,
		},
		notes: str(body.notes),
		poNum: str(body.poNum) || undefined,
		shippingNotes: str(body.shippingNotes) || undefined,
		lines,
		body,
	});
	return json(201, render(ctx, req, order, { items: true, packages: false }), {
		ETag: orderEtag(order),
		Location: `/orders/${order.orderId}`,
	});
}

/** The order the canceler or the order update writes: 404 when unknown; 428 / 412 without If-Match with its current ETag. */
function orderToWrite(ctx: WmsContext, req: SandboxRequest, orderId: number): { order: SimOrder } | { refusal: Reply } {
	const order = ctx.warehouse.orders.get(orderId);
	if (!order) return { refusal: extensivError(404, 'NotFound', `Order ${orderId} not found.`) };
	const ifMatch = header(req, 'if-match');
	if (!ifMatch) return { refusal: extensivError(428, 'PreconditionRequired', 'If-Match request header required.') };
	const bare = (t: string) => t.trim().replace(/^W\//, '');
	if (bare(ifMatch) !== bare(orderEtag(order))) {
		return { refusal: extensivError(412, 'PreconditionFailed', `The order was modified since it was read (current ETag ${orderEtag(order)}).`) };
	}
	return { order };
}

export function cancelOrder(ctx: WmsContext, req: SandboxRequest, orderId: number): Reply {
	const found = orderToWrite(ctx, req, orderId);
	if ('refusal' in found) return found.refusal;
	const { order } = found;
	const body = parseBody(req);
	if (!isRecord(body) || !str(body.reason)) {
		return validationError('Required', 'Reason is required.', [{ Name: 'Reason', Message: 'Reason is required.' }]);
	}
	if (order.status !== 'open') {
		return validationError('InvalidOperation', `Order ${orderId} is ${order.status === 'closed' ? 'closed' : 'already canceled'}; only an open order can be canceled.`, [{ Name: 'OrderId', Message: 'Not open', Value: orderId }]);
	}
	if (order.stage === 'picking' || order.stage === 'packed') {
		return validationError('InvalidOperation', `Order ${orderId} cannot be canceled: ${order.stage === 'packed' ? 'packing' : 'picking'} has started.`, [{ Name: 'OrderId', Message: 'Pick started', Value: orderId }]);
	}
	ctx.warehouse.cancel(orderId);
	order.notes = [order.notes, `Canceled: ${str(body.reason)}`].filter(Boolean).join('\n');
	return { status: 204 };
}

/**
 * `PUT /orders/{id}` (If-Match): the order resource as read, with changed fields. The sandbox takes `shipTo`; other
 * fields are left as they were. Refused once the order is allocated (or later), like an edit in the warehouse.
 */
export function updateOrder(ctx: WmsContext, req: SandboxRequest, orderId: number): Reply {
	const found = orderToWrite(ctx, req, orderId);
	if ('refusal' in found) return found.refusal;
	const { order } = found;
	const body = parseBody(req);
	const shipTo = isRecord(body) && isRecord(body.shipTo) ? body.shipTo : undefined;
	if (!shipTo) return validationError('Required', 'ShipTo is required.', [{ Name: 'ShipTo', Message: 'Required' }]);
	const missing = [['address1', 'Address1'], ['city', 'City'], ['zip', 'Zip'], ['country', 'Country']].filter(([key]) => !str(shipTo[key]));
	if (missing.length) return validationError('Required', missing.map(([, n]) => `ShipTo.${n} is required.`).join(' '), missing.map(([, n]) => ({ Name: `ShipTo.${n}`, Message: 'Required' })));
	if (order.status !== 'open' || order.stage) {
		const what = order.status !== 'open' ? (order.status === 'closed' ? 'closed' : 'canceled') : order.stage === 'allocated' ? 'allocated' : `${order.stage === 'packed' ? 'packing' : 'picking'} started`;
		return validationError('InvalidOperation', `Order ${orderId} cannot be changed: it is ${what}.`, [{ Name: 'OrderId', Message: what, Value: orderId }]);
	}
	const updated = ctx.warehouse.edit(orderId, { shipTo: { ...order.shipTo, ...shipTo } });
	return json(200, render(ctx, req, updated, { items: true, packages: false }), { ETag: orderEtag(updated) });
}
