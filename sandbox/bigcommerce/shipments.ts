/** V2 shipment endpoints with BigCommerce-like validation and status side effects. */
import type { BcShipment } from '../../nodes/shared/bigcommerce/types';
import type { Ctx, Reply } from './http';
import { ApiError, cannotWrite } from './http';
import { findOrder, pageOf, v2List, v2Paging } from './orders';
import { renderAddress } from './render';
import type { OrderRec, SandboxState } from './state';
import { isInt, isPlainObject, nowSeconds, rfc2822 } from './util';

/** `orderShipment_Post` fields (orders.v2.oas2.yml). */
const POST_FIELDS = new Set([
	'order_address_id', 'tracking_number', 'tracking_link', 'merchant_shipping_cost', 'shipping_method',
	'shipping_provider', 'tracking_carrier', 'comments', 'items',
]);
const STRING_LIMITS: Record<string, number> = {
	tracking_number: 50,
	tracking_link: 500,
	comments: 65535,
	shipping_method: 250,
	tracking_carrier: 250,
};
const PROVIDERS = ['', 'auspost', 'canadapost', 'endicia', 'usps', 'fedex', 'royalmail', 'ups', 'upsready', 'shipperhq'];

export function listShipments(state: SandboxState, ctx: Ctx): Reply {
	const order = findOrder(state, ctx);
	return v2List(pageOf(order.shipments, v2Paging(ctx)));
}

export function countShipments(state: SandboxState, ctx: Ctx): Reply {
	return { status: 200, body: { count: findOrder(state, ctx).shipments.length } };
}

export function getShipment(state: SandboxState, ctx: Ctx): Reply {
	const order = findOrder(state, ctx);
	const shipment = order.shipments.find((s) => s.id === Number(ctx.params.shipmentId));
	if (!shipment) throw new ApiError(404, 'The requested resource was not found.');
	return { status: 200, body: shipment };
}

/**
 * `DELETE /v2/orders/{id}/shipments/{shipment_id}` (deleteOrderShipment): 204; 404 when the order or shipment is
 * unknown. The shipped quantities go back to the lines; the status stays where it is (deleting a shipment
 * does not move a BigCommerce order out of Shipped).
 */
export function deleteShipment(state: SandboxState, ctx: Ctx): Reply {
	const order = findOrder(state, ctx);
	const index = order.shipments.findIndex((s) => s.id === Number(ctx.params.shipmentId));
	if (index < 0) throw new ApiError(404, 'The requested resource was not found.');
	const [removed] = order.shipments.splice(index, 1);
	for (const item of removed.items ?? []) {
		const line = order.lines.find((l) => l.id === item.order_product_id);
		if (line) line.quantity_shipped = Math.max(0, line.quantity_shipped - item.quantity);
	}
	return { status: 204 };
}

export interface ValidItem {
	order_product_id: number;
	quantity: number;
}

function validate(order: OrderRec, body: unknown): { addressId: number; items: ValidItem[]; body: Record<string, unknown> } {
	if (!isPlainObject(body)) throw new ApiError(400, 'The request body must be a JSON object.');
	for (const field of Object.keys(body)) if (!POST_FIELDS.has(field)) throw cannotWrite(field);
	for (const field of ['order_address_id', 'items']) {
		if (body[field] === undefined || body[field] === null) throw new ApiError(400, `The required field '${field}' was not supplied.`);
	}
	for (const [field, max] of Object.entries(STRING_LIMITS)) {
		const value = body[field];
		if (value === undefined) continue;
		if (typeof value !== 'string') throw new ApiError(400, `The field '${field}' must be a string.`);
		if (value.length > max) throw new ApiError(400, `The field '${field}' must be at most ${max} characters long (got ${value.length}).`);
	}
	const provider = body.shipping_provider;
	if (provider !== undefined && (typeof provider !== 'string' || !(PROVIDERS.includes(provider) || /^carrier_\w+$/.test(provider)))) {
		throw new ApiError(400, `The field 'shipping_provider' is invalid: '${String(provider)}'. Use one of ${PROVIDERS.filter((p) => p).join(', ')}, carrier_{id} or ''.`);
	}
	const cost = body.merchant_shipping_cost;
	if (cost !== undefined && !(typeof cost === 'number' || (typeof cost === 'string' && /^\d+(\.\d+)?$/.test(cost)))) {
		throw new ApiError(400, "The field 'merchant_shipping_cost' must be a decimal number.");
	}
	const addressId = body.order_address_id;
	if (!isInt(addressId)) throw new ApiError(400, "The field 'order_address_id' must be an integer.");
	if (!order.addresses.some((a) => a.id === addressId)) {
		throw new ApiError(400, `The order address ${addressId} does not exist on order ${order.id}.`);
	}
	const items = body.items;
	if (!Array.isArray(items) || items.length === 0) throw new ApiError(400, "The field 'items' must be a non-empty array.");
	const wanted = new Map<number, number>();
	for (const item of items) {
		if (!isPlainObject(item)) throw new ApiError(400, "Each entry of 'items' must be an object {order_product_id, quantity}.");
		for (const key of Object.keys(item)) {
			if (key === 'product_id') throw cannotWrite('product_id');
			if (key !== 'order_product_id' && key !== 'quantity') throw cannotWrite(key);
		}
		if (!isInt(item.order_product_id)) throw new ApiError(400, "The field 'items.order_product_id' must be an integer.");
		if (!isInt(item.quantity)) throw new ApiError(400, "The field 'items.quantity' must be an integer.");
		const line = order.lines.find((l) => l.id === item.order_product_id);
		if (!line) throw new ApiError(400, `The order product ${item.order_product_id} does not exist on order ${order.id}.`);
		if (line.type !== 'physical') {
			throw new ApiError(400, `The order product ${line.id} is a ${line.type} item and cannot be shipped.`);
		}
		if (line.order_address_id !== addressId) {
			throw new ApiError(400, `The order product ${line.id} does not belong to order address ${addressId} (it ships to address ${line.order_address_id}).`);
		}
		if (item.quantity <= 0) throw new ApiError(400, `The quantity for order product ${line.id} must be greater than 0.`);
		wanted.set(line.id, (wanted.get(line.id) ?? 0) + item.quantity);
	}
	for (const [lineId, quantity] of wanted) {
		const line = order.lines.find((l) => l.id === lineId)!;
		const remaining = line.quantity - line.quantity_shipped;
		if (quantity > remaining) {
			throw new ApiError(400, `The quantity specified for order product ${lineId} (${quantity}) is greater than the quantity remaining to be shipped (${remaining}).`);
		}
	}
	return { addressId, items: [...wanted].map(([order_product_id, quantity]) => ({ order_product_id, quantity })), body };
}

export function createShipment(state: SandboxState, ctx: Ctx): Reply {
	const order = findOrder(state, ctx);
	const { addressId, items, body } = validate(order, ctx.body);
	return { status: 201, body: applyShipment(state, order, addressId, items, body, true) };
}

/** Records a (validated) shipment; with `autoStatus` the order moves to 2 Shipped or 3 Partially Shipped. */
export function applyShipment(
	state: SandboxState,
	order: OrderRec,
	addressId: number,
	items: ValidItem[],
	body: Record<string, unknown>,
	autoStatus: boolean,
): BcShipment {
	for (const item of items) order.lines.find((l) => l.id === item.order_product_id)!.quantity_shipped += item.quantity;
	if (autoStatus) {
		const physical = order.lines.filter((l) => l.type === 'physical');
		state.setStatus(order, physical.every((l) => l.quantity_shipped >= l.quantity) ? 2 : 3);
	}
	const provider = (body.shipping_provider as string | undefined) ?? '';
	const trackingNumber = (body.tracking_number as string | undefined) ?? '';
	const address = renderAddress(order, addressId);
	const shipment: BcShipment & Record<string, unknown> = {
		id: state.nextShipmentId++,
		order_id: order.id,
		customer_id: order.fields.customer_id,
		order_address_id: addressId,
		date_created: rfc2822(autoStatus ? nowSeconds() : order.modifiedMs),
		tracking_number: trackingNumber,
		merchant_shipping_cost: Number(body.merchant_shipping_cost ?? 0).toFixed(4),
		shipping_method: (body.shipping_method as string | undefined) ?? '',
		shipping_provider: provider,
		tracking_carrier: (body.tracking_carrier as string | undefined) ?? '',
		tracking_link: (body.tracking_link as string | undefined) ?? '',
		comments: (body.comments as string | undefined) ?? '',
		billing_address: { ...order.fields.billing_address },
		shipping_address: {
			first_name: address.first_name, last_name: address.last_name, company: address.company,
			street_1: address.street_1, street_2: address.street_2, city: address.city, state: address.state,
			zip: address.zip, country: address.country, country_iso2: address.country_iso2, email: address.email, phone: address.phone,
		},
		items: items.map((i) => ({
			order_product_id: i.order_product_id,
			product_id: order.lines.find((l) => l.id === i.order_product_id)!.product_id,
			quantity: i.quantity,
		})),
		shipping_provider_display_name: provider === '' ? '' : provider.toUpperCase(),
		generated_tracking_link: trackingNumber && provider ? `https://track.example/${provider}/${encodeURIComponent(trackingNumber)}` : '',
	};
	order.shipments.push(shipment);
	return shipment;
}
