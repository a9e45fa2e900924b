/**
 * Which shipping address a consignment ships to. orders.v2.oas2.yml describes `consignments.shipping[].id` as the
 * "ID of the shipping consignment", not as the address id that `POST /v2/orders/{id}/shipments` wants in
 * `order_address_id`; the address id is on each line (`order_address_id` of the order product). So the address id of
 * a consignment is its lines' `order_address_id`; when BigCommerce leaves it out, the consignment is matched to
 * `GET /v2/orders/{id}/shipping_addresses` by its address fields.
 * Destinations are ordered by address id everywhere (trigger, WMS references `R/N`, Confirm Shipment).
 */
import type { BcOrderProduct, BcShippingAddress, BcShippingConsignment, BcV2Address } from './types';

function positiveInt(value: unknown): number | undefined {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function lineAddressId(line: Partial<BcOrderProduct> | undefined): number | undefined {
	return positiveInt(line?.order_address_id);
}

/** The address id the consignment's lines carry (the first one found), undefined when none carries one. */
export function consignmentAddressId(consignment: BcShippingConsignment): number | undefined {
	const lines = Array.isArray(consignment.line_items) ? consignment.line_items : [];
	for (const line of lines) {
		const id = line && typeof line === 'object' ? lineAddressId(line) : undefined;
		if (id !== undefined) return id;
	}
	return undefined;
}

/** Whether some consignment has embedded lines without their own address id. */
export function needsAddressLookup(consignments: BcShippingConsignment[]): boolean {
	return consignments.some(
		(c) => Array.isArray(c.line_items) && c.line_items.some((l) => l && typeof l === 'object' && lineAddressId(l) === undefined),
	);
}

const ADDRESS_FIELDS: Array<keyof BcV2Address> = ['first_name', 'last_name', 'company', 'street_1', 'street_2', 'city', 'zip', 'country_iso2'];
const addressKey = (a: Partial<BcV2Address>) => ADDRESS_FIELDS.map((f) => String(a[f] ?? '').trim().toLowerCase()).join('|');

/**
 * Copies of the consignments whose lines all carry `order_address_id`: a line's own id is kept; lines without one
 * get their consignment's (another line's, else the one shipping address with the same address fields, else the only
 * address of a one-address order). Lines that cannot be placed stay without.
 */
export function fillLineAddressIds(consignments: BcShippingConsignment[], addresses: BcShippingAddress[]): BcShippingConsignment[] {
	const known = consignments.map(consignmentAddressId);
	const taken = new Set(known.filter((id): id is number => id !== undefined));
	const free = () => addresses.filter((a) => !taken.has(a.id));
	const resolved = known.map((id, i) => {
		if (id !== undefined) return id;
		const same = free().filter((a) => addressKey(a) === addressKey(consignments[i]));
		const pick = same.length === 1 ? same[0] : undefined;
		if (pick) taken.add(pick.id);
		return pick?.id;
	});
	// One consignment, one address: nothing to confuse. Otherwise no guessing by position (a wrong address would ship
	// a customer's goods to another address's shipment); the order is held with a problem instead.
	if (consignments.length === 1 && addresses.length === 1 && resolved[0] === undefined) resolved[0] = addresses[0].id;
	return consignments.map((c, i) => {
		const id = resolved[i];
		if (id === undefined || !Array.isArray(c.line_items)) return c;
		return { ...c, line_items: c.line_items.map((l) => (l && typeof l === 'object' && lineAddressId(l) === undefined ? { ...l, order_address_id: id } : l)) };
	});
}
