/**
 * What a BigCommerce order line is, for shipping it (orders.v2.oas2.yml `orderProduct`: `type` is `physical`,
 * `digital` or `giftcertificate`; `order_pickup_method_id` is 0 unless the line is picked up; `order_address_id` is the
 * shipping address, 0 for lines without one). One rule for the Orders Trigger and Confirm Shipment.
 */
import type { BcOrderProduct } from './types';

export type LineKind =
	/** A physical line going to a shipping address: what a BigCommerce shipment can hold. */
	| 'shippable'
	| 'digital'
	| 'gift-certificate'
	/** A `type` the API does not document (also empty or null). */
	| 'other-type'
	/** Fulfilled by a pickup method. */
	| 'pickup'
	/** No shipping address (`order_address_id` missing or 0). */
	| 'no-address';

export function lineKind(line: Partial<BcOrderProduct>): LineKind {
	if (line.type === 'digital') return 'digital';
	if (line.type === 'giftcertificate') return 'gift-certificate';
	if (line.type !== undefined && line.type !== 'physical') return 'other-type';
	if (line.order_pickup_method_id) return 'pickup';
	const addressId = line.order_address_id;
	return Number.isInteger(addressId) && (addressId as number) > 0 ? 'shippable' : 'no-address';
}

/**
 * Who asks:
 * - `warehouse` (the Orders Trigger building an Order): does the line have goods to pick? Everything but digital lines
 *   and gift certificates, lines of an undocumented type included, so no line vanishes on the way to the warehouse.
 *   The trigger reads lines from shipping consignments, which hold no pickups and whose address it checks itself.
 * - `shipment` (Confirm Shipment): can BigCommerce put the line in a shipment? Only a `shippable` line.
 */
export type LineUse = 'warehouse' | 'shipment';

export function isShippableLine(line: Partial<BcOrderProduct>, use: LineUse): boolean {
	const kind = lineKind(line);
	if (use === 'shipment') return kind === 'shippable';
	return kind !== 'digital' && kind !== 'gift-certificate';
}

/** A line that is not `shippable`, in words: "SKU X is <a pickup line> on order 1001". */
export function lineKindText(line: Partial<BcOrderProduct>): string {
	const kind = lineKind(line);
	if (kind === 'digital') return 'a digital line';
	if (kind === 'gift-certificate') return 'a gift certificate';
	if (kind === 'other-type') return `a line of type "${String(line.type)}"`;
	if (kind === 'pickup') return 'a pickup line';
	if (kind === 'no-address') return 'a line without a shipping address';
	return 'a physical line';
}
