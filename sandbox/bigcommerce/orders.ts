/** V2 order endpoints: list, count, get, update, products, shipping addresses, statuses. */
import type { Ctx, Reply } from './http';
import { ApiError, cannotWrite, intParam } from './http';
import type { IncludeOptions } from './render';
import { renderAddress, renderLine, renderOrder } from './render';
import type { OrderRec, SandboxState } from './state';
import { ORDER_STATUSES, isValidStatusId } from './statuses';
import { isPlainObject, parseDateFilter } from './util';

export const V2_MAX_LIMIT = 250;

/** page/limit for V2 lists: default 50; a limit above 250 is rejected with 413 (see README). */
export function v2Paging(ctx: Ctx): { page: number; limit: number } {
	const page = intParam(ctx.query, 'page', 1);
	const limit = intParam(ctx.query, 'limit', 50);
	if (limit > V2_MAX_LIMIT) throw new ApiError(413, `The limit parameter exceeds the maximum of ${V2_MAX_LIMIT}.`);
	return { page, limit };
}

export function pageOf<T>(items: T[], paging: { page: number; limit: number }): T[] {
	return items.slice((paging.page - 1) * paging.limit, paging.page * paging.limit);
}

/** V2 lists answer 204 with an empty body when nothing matches. */
export function v2List(items: unknown[]): Reply {
	return items.length === 0 ? { status: 204 } : { status: 200, body: items };
}

export function findOrder(state: SandboxState, ctx: Ctx): OrderRec {
	const order = state.orders.get(Number(ctx.params.orderId));
	if (!order || order.fields.is_deleted) throw new ApiError(404, 'The requested resource was not found.');
	return order;
}

function includeOptions(ctx: Ctx): IncludeOptions | undefined {
	const include = (ctx.query.get('include') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
	for (const item of include) {
		if (!['consignments', 'consignments.line_items', 'fees'].includes(item)) {
			throw new ApiError(400, `The include value '${item}' is not valid. Use consignments, consignments.line_items or fees.`);
		}
	}
	const lineItems = include.includes('consignments.line_items');
	if (!lineItems && !include.includes('consignments')) return undefined;
	return { consignments: true, lineItems, objectStructure: ctx.query.get('consignment_structure') === 'object' };
}

const SORT_FIELDS: Record<string, (o: OrderRec) => number | string> = {
	id: (o) => o.id,
	customer_id: (o) => o.fields.customer_id,
	date_created: (o) => o.createdMs,
	date_modified: (o) => o.modifiedMs,
	status_id: (o) => o.fields.status_id,
	channel_id: (o) => o.fields.channel_id,
	external_id: (o) => String(o.fields.external_id ?? ''),
};

function intFilter(ctx: Ctx, name: string): number | undefined {
	const raw = ctx.query.get(name);
	if (raw === null || raw === '') return undefined;
	if (!/^\d+$/.test(raw)) throw new ApiError(400, `The query parameter '${name}' must be an integer; got '${raw}'.`);
	return Number(raw);
}

function dateFilter(ctx: Ctx, name: string): number | undefined {
	const raw = ctx.query.get(name);
	if (raw === null || raw === '') return undefined;
	const ms = parseDateFilter(raw);
	if (ms === undefined) {
		throw new ApiError(400, `The query parameter '${name}' is not a valid RFC 2822 or ISO 8601 date: '${raw}'. URL-encode the value (the '+' of '+0000' becomes a space otherwise).`);
	}
	return ms;
}

export function filterOrders(state: SandboxState, ctx: Ctx): OrderRec[] {
	const statusId = intFilter(ctx, 'status_id');
	const minId = intFilter(ctx, 'min_id');
	const maxId = intFilter(ctx, 'max_id');
	const channelId = intFilter(ctx, 'channel_id');
	const customerId = intFilter(ctx, 'customer_id');
	const email = ctx.query.get('email');
	const bounds = {
		minCreated: dateFilter(ctx, 'min_date_created'),
		maxCreated: dateFilter(ctx, 'max_date_created'),
		minModified: dateFilter(ctx, 'min_date_modified'),
		maxModified: dateFilter(ctx, 'max_date_modified'),
	};
	const result: OrderRec[] = [];
	for (const o of state.orders.values()) {
		if (o.fields.is_deleted) continue;
		if (statusId !== undefined && o.fields.status_id !== statusId) continue;
		if (minId !== undefined && o.id < minId) continue;
		if (maxId !== undefined && o.id > maxId) continue;
		if (channelId !== undefined && o.fields.channel_id !== channelId) continue;
		if (customerId !== undefined && o.fields.customer_id !== customerId) continue;
		if (email && o.fields.billing_address.email.toLowerCase() !== email.toLowerCase()) continue;
		if (bounds.minCreated !== undefined && o.createdMs < bounds.minCreated) continue;
		if (bounds.maxCreated !== undefined && o.createdMs > bounds.maxCreated) continue;
		if (bounds.minModified !== undefined && o.modifiedMs < bounds.minModified) continue;
		if (bounds.maxModified !== undefined && o.modifiedMs > bounds.maxModified) continue;
		result.push(o);
	}
	return result;
}

function sortOrders(ctx: Ctx, orders: OrderRec[]): OrderRec[] {
	const raw = ctx.query.get('sort') ?? 'id:asc';
	const [field, dir = 'asc'] = raw.split(':');
	const key = SORT_FIELDS[field];
	if (!key || !['asc', 'desc'].includes(dir.toLowerCase())) {
		throw new ApiError(400, `The sort value '${raw}' is not valid. Use one of ${Object.keys(SORT_FIELDS).join(', ')} with :asc or :desc.`);
	}
	const sign = dir.toLowerCase() === 'desc' ? -1 : 1;
	return orders.sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		if (ka < kb) return -sign;
		if (ka > kb) return sign;
		return a.id - b.id;
	});
}

export function listOrders(state: SandboxState, ctx: Ctx): Reply {
	const paging = v2Paging(ctx);
	const include = includeOptions(ctx);
	const orders = sortOrders(ctx, filterOrders(state, ctx));
	return v2List(pageOf(orders, paging).map((o) => renderOrder(state, o, include)));
}

export function countOrders(state: SandboxState, ctx: Ctx): Reply {
	const orders = filterOrders(state, ctx);
	const statuses = ORDER_STATUSES.map((s) => ({
		id: s.id,
		name: s.name,
		system_label: s.system_label,
		custom_label: s.custom_label,
		system_description: s.system_description,
		count: orders.filter((o) => o.fields.status_id === s.id).length,
		sort_order: s.order,
	}));
	return { status: 200, body: { statuses, count: orders.length } };
}

export function getOrder(state: SandboxState, ctx: Ctx): Reply {
	return { status: 200, body: renderOrder(state, findOrder(state, ctx), includeOptions(ctx)) };
}

/** Writable top-level fields of `order_Put` (orders.v2.oas2.yml). */
const WRITABLE = new Set([
	'base_handling_cost', 'base_shipping_cost', 'base_wrapping_cost', 'billing_address', 'channel_id', 'consignments',
	'customer_id', 'customer_message', 'date_created', 'default_currency_code', 'discount_amount', 'order_source',
	'ebay_order_id', 'external_id', 'external_merchant_id', 'external_source', 'geoip_country', 'handling_cost_ex_tax',
	'handling_cost_inc_tax', 'ip_address', 'items_shipped', 'items_total', 'order_is_digital', 'payment_method',
	'payment_provider_id', 'products', 'refunded_amount', 'shipping_cost_ex_tax', 'shipping_cost_inc_tax', 'staff_notes',
	'shipping_addresses', 'status_id', 'subtotal_ex_tax', 'subtotal_inc_tax', 'tax_provider_id', 'customer_locale',
	'external_order_id', 'total_ex_tax', 'total_inc_tax', 'wrapping_cost_ex_tax', 'wrapping_cost_inc_tax', 'fees',
]);
/** Accepted but not modelled by the sandbox (no effect). */
const IGNORED = new Set(['products', 'consignments', 'shipping_addresses', 'fees', 'items_shipped', 'items_total', 'date_created']);
const TEXT_LIMITS: Record<string, number> = { staff_notes: 65535, customer_message: 65535 };

export function updateOrder(state: SandboxState, ctx: Ctx): Reply {
	const order = findOrder(state, ctx);
	const body = ctx.body;
	if (!isPlainObject(body)) throw new ApiError(400, 'The request body must be a JSON object.');
	for (const [field, value] of Object.entries(body)) {
		if (!WRITABLE.has(field)) throw cannotWrite(field);
		if (field === 'status_id' && !isValidStatusId(value)) {
			throw new ApiError(400, `The field 'status_id' must be an integer status id from 0 to 14; got ${JSON.stringify(value)}.`);
		}
		if (field in TEXT_LIMITS && (typeof value !== 'string' || value.length > TEXT_LIMITS[field])) {
			throw new ApiError(400, `The field '${field}' must be a string of at most ${TEXT_LIMITS[field]} characters.`);
		}
		if (field === 'billing_address' && !isPlainObject(value)) throw new ApiError(400, "The field 'billing_address' must be an object.");
		if ((field === 'channel_id' || field === 'customer_id') && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
			throw new ApiError(400, `The field '${field}' must be a non-negative integer.`);
		}
	}
	for (const [field, value] of Object.entries(body)) {
		if (IGNORED.has(field)) continue;
		if (field === 'status_id') state.setStatus(order, value as number);
		else if (field === 'billing_address') Object.assign(order.fields.billing_address, value as object);
		else (order.fields as Record<string, unknown>)[field] = value;
	}
	state.touch(order);
	return { status: 200, body: renderOrder(state, order) };
}

export function listOrderProducts(state: SandboxState, ctx: Ctx): Reply {
	const order = findOrder(state, ctx);
	return v2List(pageOf(order.lines, v2Paging(ctx)).map((l) => renderLine(l)));
}

export function listShippingAddresses(state: SandboxState, ctx: Ctx): Reply {
	const order = findOrder(state, ctx);
	return v2List(pageOf(order.addresses, v2Paging(ctx)).map((a) => renderAddress(order, a.id)));
}

export function listOrderStatuses(): Reply {
	return { status: 200, body: ORDER_STATUSES };
}
