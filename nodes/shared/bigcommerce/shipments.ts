/**
 * BigCommerce reads and writes for shipment confirmation (orders.v2.oas2.yml): the order with its lines
 * (`GET /v2/orders/{id}?include=consignments.line_items`, falling back to `/v2/orders/{id}/products` paging when
 * BigCommerce cuts a consignment at 50 lines), the order's shipments (`GET /v2/orders/{id}/shipments`, 204 = none)
 * `POST /v2/orders/{id}/shipments` with only the documented `orderShipment_Post` fields, and
 * `DELETE /v2/orders/{id}/shipments/{shipment_id}` (deleteOrderShipment) to remove a duplicate that two overlapping
 * runs created.
 */
import type { BcContext } from './transport';
import { bcRequest, bcRequestAllV2 } from './transport';
import type { BcOrderProduct, BcShipment, BcShipmentCreate } from './types';
import { toNodeError } from '../errors';
import { httpStatusOf } from './errors';
import { fetchOrderProducts, fetchShippingAddresses, getOrder } from './orders';
import { fillLineAddressIds, needsAddressLookup } from './consignmentAddress';
import { isShippableLine } from './lineKind';

/** `orderShipment_Post.tracking_number` maxLength. */
export const TRACKING_NUMBER_MAX = 50;

export interface OrderForShipping {
	orderId: number;
	statusId: number;
	status: string;
	/** Shipping address ids (`order_address_id`), ascending: destination N of a reference is the N-th one. */
	addressIds: number[];
	lines: BcOrderProduct[];
}

/** Reads an order for shipping (`getOrder`, the trigger's read); `null` when BigCommerce has no such order (404). */
export async function readOrderForShipping(this: BcContext, orderId: number): Promise<OrderForShipping | null> {
	const order = await getOrder.call(this, orderId);
	if (!order?.id) return null;
	let shipping = order.consignments?.shipping;
	const embedded = Array.isArray(shipping) && shipping.every((c) => Array.isArray(c.line_items) && !c.__warning__);
	let lines: BcOrderProduct[];
	if (embedded && shipping) {
		// The consignment id is not the address id (consignmentAddress.ts): each line carries its own
		// order_address_id; lines without one are placed through GET /v2/orders/{id}/shipping_addresses.
		if (needsAddressLookup(shipping)) shipping = fillLineAddressIds(shipping, await fetchShippingAddresses.call(this, orderId));
		lines = shipping.flatMap((c) => c.line_items);
		for (const download of order.consignments?.downloads ?? []) {
			if (Array.isArray(download.line_items)) lines.push(...download.line_items);
		}
	} else {
		lines = await fetchOrderProducts.call(this, orderId);
	}
	// Destination N of a reference is the N-th address id with something to ship, as in the trigger's Order.
	const addressIds = [...new Set(lines.filter((l) => isShippableLine(l, 'shipment') && Number(l.quantity) > 0).map((l) => l.order_address_id))].sort((a, b) => a - b);
	return { orderId: order.id, statusId: Number(order.status_id), status: order.status, addressIds, lines };
}

/** Every shipment of the order (`[]` on 204). */
export async function listShipments(this: BcContext, orderId: number): Promise<BcShipment[]> {
	return await bcRequestAllV2.call<BcContext, [Parameters<typeof bcRequest>[0], number], Promise<BcShipment[]>>(
		this,
		{ method: 'GET', version: 'v2', path: `/orders/${orderId}/shipments`, resource: `shipments of order ${orderId}` },
		250,
	);
}

/** Builds the POST body from documented fields only; empty optional strings are left out. */
export function shipmentBody(input: {
	addressId: number;
	items: Array<{ orderProductId: number; quantity: number }>;
	trackingNumber?: string;
	shippingMethod?: string;
	shippingProvider?: string;
	trackingCarrier?: string;
	comments?: string;
}): BcShipmentCreate {
	const body: BcShipmentCreate = {
		order_address_id: input.addressId,
		items: input.items.map((i) => ({ order_product_id: i.orderProductId, quantity: i.quantity })),
	};
	if (input.trackingNumber) body.tracking_number = input.trackingNumber;
	if (input.shippingMethod) body.shipping_method = input.shippingMethod;
	if (input.shippingProvider) body.shipping_provider = input.shippingProvider;
	if (input.trackingCarrier) body.tracking_carrier = input.trackingCarrier;
	if (input.comments) body.comments = input.comments;
	return body;
}

export async function createShipment(this: BcContext, orderId: number, body: BcShipmentCreate): Promise<BcShipment> {
	return await bcRequest.call<BcContext, Parameters<typeof bcRequest>, Promise<BcShipment>>(this, {
		method: 'POST',
		version: 'v2',
		path: `/orders/${orderId}/shipments`,
		body,
		resource: `order ${orderId}`,
	});
}

/**
 * Deletes one shipment (`deleteOrderShipment`). Returns false when it was already gone (404: another run removed the
 * same duplicate). BigCommerce puts the shipped quantities back; the order status does not move out of Shipped.
 */
export async function deleteShipment(this: BcContext, orderId: number, shipmentId: number): Promise<boolean> {
	try {
		await bcRequest.call<BcContext, Parameters<typeof bcRequest>, Promise<unknown>>(this, {
			method: 'DELETE',
			version: 'v2',
			path: `/orders/${orderId}/shipments/${shipmentId}`,
			resource: `shipment ${shipmentId} of order ${orderId}`,
		});
		return true;
	} catch (error) {
		if (httpStatusOf(error) === 404) return false;
		throw toNodeError(this.getNode(), error);
	}
}
