/**
 * BigCommerce V2 order (with `include=consignments.line_items&consignment_structure=object`) -> the data contract's
 * Order (nodes/shared/model.ts). Pure and defensive: a field missing from the API gives an empty value, never a
 * TypeError; lines the warehouse cannot handle as they are end up in `problems`.
 */
import type { Address, Destination, Order, OrderLine, OrderProblem } from '../model';
import { orderReference } from '../reference';
import { statusName } from './statuses';
import type { BcOrder, BcOrderProduct, BcShippingConsignment, BcV2Address } from './types';
import { consignmentAddressId } from './consignmentAddress';
import { isShippableLine } from './lineKind';
import { hasSku } from '../sku';

export interface MapOrderOptions {
	storeHash: string;
	referencePrefix: string;
	includeRaw: boolean;
	/**
	 * Complete line lists by shipping address id, for consignments whose embedded lines BigCommerce cut at 50
	 * (fetched from `/v2/orders/{id}/products`).
	 */
	linesByAddress?: Map<number, BcOrderProduct[]>;
}

type Loose = Record<string, unknown>;

function str(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

/** Integer ids and counts; V2 sometimes sends numbers as strings. */
function int(value: unknown): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** V2 money and weights are decimal strings (`"361.9500"`). */
export function decimal(value: unknown): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(n) ? n : 0;
}

/** RFC 2822 (`Wed, 05 Dec 2018 20:16:55 +0000`) or ISO 8601 -> epoch ms, undefined when not a date. */
export function parseBcDateMs(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

export function bcDateToIso(value: unknown): string {
	const ms = parseBcDateMs(value);
	return ms === undefined ? '' : new Date(ms).toISOString();
}

export function mapAddress(raw: unknown): Address {
	const a = (raw && typeof raw === 'object' ? raw : {}) as Partial<BcV2Address> & Loose;
	return {
		firstName: str(a.first_name),
		lastName: str(a.last_name),
		company: str(a.company),
		street1: str(a.street_1),
		street2: str(a.street_2),
		city: str(a.city),
		state: str(a.state),
		postalCode: str(a.zip),
		country: str(a.country),
		countryIso2: str(a.country_iso2),
		phone: str(a.phone),
		email: str(a.email),
	};
}

function mapLine(raw: Partial<BcOrderProduct> & Loose): OrderLine {
	const options = Array.isArray(raw.product_options) ? raw.product_options : [];
	return {
		orderProductId: int(raw.id),
		productId: int(raw.product_id),
		variantId: int(raw.variant_id),
		sku: str(raw.sku).trim(),
		name: str(raw.name),
		quantity: int(raw.quantity),
		quantityShipped: int(raw.quantity_shipped),
		unitPrice: decimal(raw.price_ex_tax),
		weight: decimal(raw.weight),
		options: options
			.filter((o) => o && typeof o === 'object')
			.map((o) => ({ name: str(o.display_name) || str(o.name), value: str(o.display_value) || str(o.value) })),
	};
}

function shippingConsignments(order: BcOrder): BcShippingConsignment[] {
	const shipping = (order.consignments as Loose | undefined)?.shipping;
	return Array.isArray(shipping) ? (shipping.filter((c) => c && typeof c === 'object') as BcShippingConsignment[]) : [];
}

/** Whether BigCommerce cut this consignment's embedded lines at 50 (it then adds `__warning__`). */
export function consignmentLinesTruncated(consignment: BcShippingConsignment): boolean {
	return Boolean(consignment.__warning__);
}

/** Quick check on the embedded data, before any extra request: does the order have anything to ship? */
export function hasShippableLines(order: BcOrder): boolean {
	const consignments = shippingConsignments(order);
	if (!order.consignments) return int(order.shipping_address_count) > 0 && order.order_is_digital !== true;
	return consignments.some(
		(c) => consignmentLinesTruncated(c) || (Array.isArray(c.line_items) && c.line_items.some((l) => isShippableLine(l, 'warehouse') && int(l.quantity) > 0)),
	);
}

function mapDestination(
	order: BcOrder,
	consignment: BcShippingConsignment,
	options: MapOrderOptions,
	problems: OrderProblem[],
): Destination {
	// The consignment's id is not the address id (consignmentAddress.ts): the lines say which address they ship to.
	const addressId = consignmentAddressId(consignment) ?? 0;
	if (!addressId) {
		problems.push({
			code: 'address-unknown',
			message: `Order ${order.id}: BigCommerce did not say which shipping address consignment ${int(consignment.id)} ships to (its lines carry no order_address_id), so its shipments could land on the wrong address. Check the order in BigCommerce and run the trigger again.`,
		});
	}
	const override = addressId ? options.linesByAddress?.get(addressId) : undefined;
	const rawLines = override ?? (Array.isArray(consignment.line_items) ? consignment.line_items : []);
	if (!override && consignmentLinesTruncated(consignment)) {
		problems.push({
			code: 'lines-truncated',
			message: `Order ${order.id}: BigCommerce returned only part of the lines for shipping address ${addressId || `of consignment ${int(consignment.id)}`} and the full list could not be read. Re-run the trigger or check the order in BigCommerce.`,
		});
	}
	const lines: OrderLine[] = [];
	for (const raw of rawLines) {
		if (!raw || typeof raw !== 'object' || !isShippableLine(raw, 'warehouse')) continue;
		const line = mapLine(raw as BcOrderProduct & Loose);
		if (line.quantity <= 0) continue;
		if (line.orderProductId <= 0) {
			problems.push({
				code: 'malformed-line',
				message: `Order ${order.id}: BigCommerce returned a line ("${line.name || 'no name'}") without an order product id. Check the order in BigCommerce before it goes to the warehouse.`,
			});
		}
		if (!hasSku(line)) {
			problems.push({
				code: 'missing-sku',
				message: `Order ${order.id}: line "${line.name || 'no name'}" (order product ${line.orderProductId}, quantity ${line.quantity}) has no SKU, so the warehouse cannot pick it. Give the product or variant a SKU in BigCommerce (or edit the order), then deliver the order again.`,
				orderProductId: line.orderProductId,
			});
		}
		lines.push(line);
	}
	return { addressId, address: mapAddress(consignment), shippingMethod: str(consignment.shipping_method), lines };
}

/** Maps one order. Never throws for missing fields; the order id and modification date are checked by the caller. */
export function mapOrder(order: BcOrder, options: MapOrderOptions): Order {
	const o = order as BcOrder & Loose;
	const problems: OrderProblem[] = [];
	// Ordered by address id: destination N (reference `R/N`) is the N-th address for Confirm Shipment too.
	const destinations = shippingConsignments(order)
		.map((c) => mapDestination(order, c, options, problems))
		.filter((d) => d.lines.length > 0)
		.sort((a, b) => a.addressId - b.addressId);
	if (!o.consignments && int(o.shipping_address_count) > 0) {
		problems.push({
			code: 'lines-missing',
			message: `Order ${order.id}: BigCommerce returned the order without its shipping consignments, so its lines are unknown. Check the order in BigCommerce.`,
		});
	} else if (destinations.length === 0) {
		problems.push({
			code: 'no-shippable-lines',
			message: `Order ${order.id} has no physical lines to ship (digital, gift certificate or pickup only).`,
		});
	}
	const billing = mapAddress(o.billing_address);
	const statusId = int(o.status_id);
	const mapped: Order = {
		orderId: int(o.id),
		reference: orderReference(options.referencePrefix, int(o.id)),
		storeHash: options.storeHash,
		status: { id: statusId, name: str(o.status) || statusName(statusId) },
		createdAt: bcDateToIso(o.date_created),
		modifiedAt: bcDateToIso(o.date_modified),
		currency: str(o.currency_code),
		customer: { id: int(o.customer_id), email: billing.email },
		billingAddress: billing,
		notes: { customer: str(o.customer_message), staff: str(o.staff_notes) },
		totals: {
			subtotal: decimal(o.subtotal_ex_tax),
			shipping: decimal(o.shipping_cost_ex_tax),
			tax: decimal(o.total_tax),
			total: decimal(o.total_inc_tax),
		},
		destinations,
	};
	if (problems.length) mapped.problems = problems;
	if (options.includeRaw) mapped.raw = order;
	return mapped;
}
