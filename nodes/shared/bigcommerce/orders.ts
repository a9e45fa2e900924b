/**
 * Reading orders (orders.v2.oas2.yml): `GET /v2/orders` with their consignments and lines embedded, and the
 * fallbacks for what the embedded form leaves out (lines cut at 50, consignments missing).
 */
import type { IDataObject } from 'n8n-workflow';
import { consignmentLinesTruncated } from './orderMapper';
import { isShippableLine } from './lineKind';
import { fillLineAddressIds, needsAddressLookup } from './consignmentAddress';
import { toNodeError } from '../errors';
import { bcErrorInfo, bcPagesV2, bcRequest, type BcContext } from './transport';
import type { BcOrder, BcOrderProduct, BcShippingAddress, BcShippingConsignment } from './types';

/** Orders per page: the V2 maximum. */
export const ORDER_PAGE_SIZE = 250;
/** `/v2/orders/{id}/products` documents 50 per page; larger limits are unverified, so page at 50. */
export const ORDER_PRODUCTS_PAGE_SIZE = 50;

/** Embeds each order's shipping consignments with their lines, in one request per page. */
export const ORDER_INCLUDE: IDataObject = { include: 'consignments.line_items', consignment_structure: 'object' };

/** V2 date filters take RFC 2822; this is the form BigCommerce itself returns (`Thu, 26 Nov 2026 19:13:00 +0000`). */
export function toRfc2822(ms: number): string {
	return new Date(ms).toUTCString().replace('GMT', '+0000');
}

export interface OrderListQuery {
	statusId: number;
	/** Epoch ms; sent as `min_date_modified`. */
	minDateModified?: number;
	/** Epoch ms; sent as `min_date_created`. */
	minDateCreated?: number;
	minId?: number;
	maxId?: number;
	channelId?: number;
	sort: 'date_modified:asc' | 'date_created:desc' | 'id:asc';
	page: number;
	limit: number;
}

/** One page of `GET /v2/orders` (204 = no orders = empty list). */
export async function listOrdersPage(this: BcContext, q: OrderListQuery): Promise<BcOrder[]> {
	const qs: IDataObject = { status_id: q.statusId, sort: q.sort, page: q.page, limit: q.limit, ...ORDER_INCLUDE };
	if (q.minDateModified !== undefined) qs.min_date_modified = toRfc2822(q.minDateModified);
	if (q.minDateCreated !== undefined) qs.min_date_created = toRfc2822(q.minDateCreated);
	if (q.minId !== undefined) qs.min_id = q.minId;
	if (q.maxId !== undefined) qs.max_id = q.maxId;
	if (q.channelId !== undefined) qs.channel_id = q.channelId;
	const rows = await bcRequest.call(this, {
		method: 'GET',
		version: 'v2',
		path: '/orders',
		qs,
		resource: `orders in status ${q.statusId}`,
	});
	return Array.isArray(rows) ? (rows as BcOrder[]) : [];
}

/** Every line of an order (`GET /v2/orders/{id}/products`, paged). */
export async function fetchOrderProducts(this: BcContext, orderId: number): Promise<BcOrderProduct[]> {
	const all: BcOrderProduct[] = [];
	const pages = bcPagesV2.call<BcContext, [Parameters<typeof bcRequest>[0], number], AsyncGenerator<BcOrderProduct[]>>(
		this,
		{ method: 'GET', version: 'v2', path: `/orders/${orderId}/products`, resource: `order ${orderId} lines` },
		ORDER_PRODUCTS_PAGE_SIZE,
	);
	for await (const page of pages) all.push(...page);
	return all;
}

export async function fetchShippingAddresses(this: BcContext, orderId: number): Promise<BcShippingAddress[]> {
	const all: BcShippingAddress[] = [];
	const pages = bcPagesV2.call<BcContext, [Parameters<typeof bcRequest>[0], number], AsyncGenerator<BcShippingAddress[]>>(
		this,
		{ method: 'GET', version: 'v2', path: `/orders/${orderId}/shipping_addresses`, resource: `order ${orderId} shipping addresses` },
		ORDER_PRODUCTS_PAGE_SIZE,
	);
	for await (const page of pages) all.push(...page);
	return all;
}

function groupByAddress(lines: BcOrderProduct[]): Map<number, BcOrderProduct[]> {
	const byAddress = new Map<number, BcOrderProduct[]>();
	for (const line of lines) {
		const id = Number(line.order_address_id);
		byAddress.set(id, [...(byAddress.get(id) ?? []), line]);
	}
	return byAddress;
}

export interface CompletedOrder {
	order: BcOrder;
	/** Full line lists for consignments BigCommerce cut at 50; pass to mapOrder. */
	linesByAddress?: Map<number, BcOrderProduct[]>;
}

/**
 * Makes an embedded order whole with as few requests as possible: nothing when the embedded consignments are
 * complete (the usual case); the order's lines when BigCommerce warned that a consignment's lines were cut at 50;
 * lines and shipping addresses when the consignments are missing altogether.
 */
export async function completeOrder(this: BcContext, order: BcOrder): Promise<CompletedOrder> {
	const shipping = Array.isArray(order.consignments?.shipping) ? order.consignments.shipping : undefined;
	if (shipping) {
		let whole = order;
		// Lines without their own order_address_id: place them through the order's shipping addresses.
		if (needsAddressLookup(shipping)) {
			const addresses = await fetchShippingAddresses.call(this, order.id);
			whole = { ...order, consignments: { ...order.consignments, shipping: fillLineAddressIds(shipping, addresses) } };
		}
		if (!shipping.some((c) => c && consignmentLinesTruncated(c))) return { order: whole };
		const lines = await fetchOrderProducts.call(this, order.id);
		return { order: whole, linesByAddress: groupByAddress(lines) };
	}
	if (!(Number(order.shipping_address_count) > 0) || order.order_is_digital === true) return { order };
	const [lines, addresses] = [
		await fetchOrderProducts.call(this, order.id),
		await fetchShippingAddresses.call(this, order.id),
	];
	const byAddress = groupByAddress(lines.filter((l) => isShippableLine(l, 'warehouse')));
	const consignments: BcShippingConsignment[] = addresses.map((a) => ({
		...a,
		line_items: byAddress.get(a.id) ?? [],
	}));
	return { order: { ...order, consignments: { ...(order.consignments ?? {}), shipping: consignments } } };
}

/** `GET /v2/orders/{id}` with the same include; undefined when the order does not exist (404) or was archived. */
export async function getOrder(this: BcContext, orderId: number): Promise<BcOrder | undefined> {
	try {
		const order = await bcRequest.call(this, {
			method: 'GET',
			version: 'v2',
			path: `/orders/${orderId}`,
			qs: { ...ORDER_INCLUDE },
			resource: `order ${orderId}`,
		});
		return order && typeof order === 'object' && !Array.isArray(order) ? (order as BcOrder) : undefined;
	} catch (error) {
		if (bcErrorInfo(error)?.httpStatus === 404) return undefined;
		throw toNodeError(this.getNode(), error);
	}
}
