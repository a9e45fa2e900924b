/**
 * Checks that an input item is a data-contract Order (nodes/shared/model.ts) before anything is sent, so that an item
 * of the wrong shape from an upstream node becomes a failed result with a reason instead of a TypeError.
 */
import type { Address, Destination, Order, OrderLine } from '../model';

export type OrderCheck = { ok: true; order: Order } | { ok: false; reason: string; orderId: number | null; reference: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

const ADDRESS_FIELDS: Array<keyof Address> = [
	'firstName',
	'lastName',
	'company',
	'street1',
	'street2',
	'city',
	'state',
	'postalCode',
	'country',
	'countryIso2',
	'phone',
	'email',
];

function toAddress(v: Json): Address {
	const address = {} as Address;
	for (const field of ADDRESS_FIELDS) address[field] = str(v[field]).trim();
	return address;
}

function toLine(v: Json): OrderLine {
	return {
		orderProductId: num(v.orderProductId) || 0,
		productId: num(v.productId) || 0,
		variantId: num(v.variantId) || 0,
		sku: str(v.sku).trim(),
		name: str(v.name),
		quantity: num(v.quantity),
		quantityShipped: num(v.quantityShipped) || 0,
		unitPrice: num(v.unitPrice) || 0,
		weight: num(v.weight) || 0,
		options: Array.isArray(v.options)
			? v.options.filter(isObject).map((o) => ({ name: str(o.name), value: str(o.value) }))
			: [],
	};
}

/** Reads an input item as an Order; missing optional fields get empty values, required ones give a reason. */
export function checkOrderItem(json: unknown, itemIndex: number): OrderCheck {
	const where = `Input item ${itemIndex + 1}`;
	const fail = (what: string, orderId: number | null = null, reference = ''): OrderCheck => ({
		ok: false,
		orderId,
		reference,
		reason: `${where}${orderId ? ` (order ${orderId})` : ''} is not a BigCommerce order in the expected shape: ${what}. Connect WMS Deliver to the BigCommerce Orders Trigger, or make the previous node output items with the Order fields (orderId, reference, destinations with address and lines).`,
	});
	if (!isObject(json)) return fail('it is not an object');
	const orderId = num(json.orderId);
	if (!Number.isSafeInteger(orderId) || orderId <= 0) return fail('"orderId" is missing or not a positive whole number');
	const reference = str(json.reference).trim();
	if (!reference) return fail('"reference" is missing or empty', orderId);
	if (!Array.isArray(json.destinations)) return fail('"destinations" is missing or not a list', orderId, reference);
	const destinations = toDestinations(json.destinations);
	if (typeof destinations === 'string') return fail(destinations, orderId, reference);
	return { ok: true, order: toOrder(json, orderId, reference, destinations) };
}

/** The destinations of an input item, or what is wrong with the first bad one. */
function toDestinations(list: unknown[]): Destination[] | string {
	const destinations: Destination[] = [];
	for (const [d, dest] of list.entries()) {
		const label = `destination ${d + 1}`;
		if (!isObject(dest)) return `${label} is not an object`;
		if (!isObject(dest.address)) return `${label} has no "address" object`;
		if (!Array.isArray(dest.lines)) return `${label} has no "lines" list`;
		const lines: OrderLine[] = [];
		for (const [l, line] of dest.lines.entries()) {
			if (!isObject(line)) return `line ${l + 1} of ${label} is not an object`;
			const parsed = toLine(line);
			if (!Number.isFinite(parsed.quantity) || parsed.quantity < 0 || !Number.isInteger(parsed.quantity)) {
				return `line ${l + 1} of ${label} ("${parsed.sku || parsed.name}") has no valid "quantity"`;
			}
			lines.push(parsed);
		}
		destinations.push({
			addressId: num(dest.addressId) || 0,
			address: toAddress(dest.address),
			shippingMethod: str(dest.shippingMethod).trim(),
			lines,
		});
	}
	return destinations;
}

/** The Order of a checked input item; optional fields missing from it get empty values. */
function toOrder(json: Record<string, unknown>, orderId: number, reference: string, destinations: Destination[]): Order {
	const status = isObject(json.status) ? json.status : {};
	const notes = isObject(json.notes) ? json.notes : {};
	const customer = isObject(json.customer) ? json.customer : {};
	const totals = isObject(json.totals) ? json.totals : {};
	const order: Order = {
		orderId,
		reference,
		storeHash: str(json.storeHash),
		status: { id: Number.isInteger(num(status.id)) ? num(status.id) : -1, name: str(status.name) },
		createdAt: str(json.createdAt),
		modifiedAt: str(json.modifiedAt),
		currency: str(json.currency),
		customer: { id: num(customer.id) || 0, email: str(customer.email) },
		billingAddress: toAddress(isObject(json.billingAddress) ? json.billingAddress : {}),
		notes: { customer: str(notes.customer), staff: str(notes.staff) },
		totals: {
			subtotal: num(totals.subtotal) || 0,
			shipping: num(totals.shipping) || 0,
			tax: num(totals.tax) || 0,
			total: num(totals.total) || 0,
		},
		destinations,
	};
	if (Array.isArray(json.problems)) {
		order.problems = json.problems.filter(isObject).map((p) => ({
			code: str(p.code),
			message: str(p.message),
			...(p.orderProductId !== undefined ? { orderProductId: num(p.orderProductId) } : {}),
		}));
	}
	return order;
}

/**
 * Countries without postal codes (ISO 3166-1 alpha-2), where an empty postal code is normal and must not hold the
 * order.
 */
const NO_POSTAL_CODE = new Set(
	(
		'AE AG AN AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK JM KI KM KN KP LC ML MO MR ' +
		'MW NR NU QA RW SB SC SL SR ST SY TF TG TK TL TO TT TV UG VU YE ZW'
	).split(' '),
);

/** Address fields the warehouse needs to ship, in words, that are empty. */
export function missingAddressFields(address: Address): string[] {
	const has = (field: keyof Address) => typeof address[field] === 'string' && address[field].trim() !== '';
	const missing: string[] = [];
	if (!has('street1')) missing.push('street address');
	if (!has('city')) missing.push('city');
	if (!has('country') && !has('countryIso2')) missing.push('country');
	if (!has('postalCode') && !NO_POSTAL_CODE.has(String(address.countryIso2 ?? '').trim().toUpperCase())) {
		missing.push('postal code');
	}
	return missing;
}
