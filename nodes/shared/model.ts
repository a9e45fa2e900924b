/**
 * The data contract between the nodes (docs/architecture.md, "The data contract"). Every node reads and writes plain JSON items in these
 * shapes (camelCase, timestamps ISO 8601 UTC), so any node can be swapped for a Code/HTTP/Spreadsheet node that
 * produces the same shape.
 */

export interface Address {
	firstName: string;
	lastName: string;
	company: string;
	street1: string;
	street2: string;
	city: string;
	state: string;
	/** The state's code ("TX"), set by WMS Deliver on the address it sends when the country's table knows it. */
	stateCode?: string;
	postalCode: string;
	country: string;
	countryIso2: string;
	phone: string;
	email: string;
}

export interface OrderLineOption {
	name: string;
	value: string;
}

export interface OrderLine {
	orderProductId: number;
	productId: number;
	variantId: number;
	sku: string;
	name: string;
	quantity: number;
	quantityShipped: number;
	unitPrice: number;
	weight: number;
	options: OrderLineOption[];
}

export interface Destination {
	/** BigCommerce shipping address id (`order_address_id` of a shipment). */
	addressId: number;
	address: Address;
	shippingMethod: string;
	lines: OrderLine[];
}

export interface OrderProblem {
	/** Machine-readable kind, e.g. `missing-sku`, `lines-truncated`. */
	code: string;
	/** What is wrong and what to do, in words. */
	message: string;
	orderProductId?: number;
}

export interface Order {
	orderId: number;
	/** What the WMS receives as its order number: the BC order id with an optional per-store prefix. */
	reference: string;
	storeHash: string;
	status: { id: number; name: string };
	createdAt: string;
	modifiedAt: string;
	currency: string;
	customer: { id: number; email: string };
	billingAddress: Address;
	notes: { customer: string; staff: string };
	totals: { subtotal: number; shipping: number; tax: number; total: number };
	destinations: Destination[];
	/** Present (non-empty) when the order cannot be delivered as is, e.g. a line without SKU. */
	problems?: OrderProblem[];
	/** The raw BigCommerce order, only when the user asks for it. */
	raw?: unknown;
}

export interface ShipmentLine {
	sku: string;
	quantity: number;
	orderProductId?: number;
}

export interface ShipmentPackage {
	trackingNumber: string;
	carrier: string;
	service: string;
	shippedAt: string;
	lines: ShipmentLine[];
}

export interface Shipment {
	/** BigCommerce order id when known (parsed from the reference otherwise). */
	orderId?: number;
	reference: string;
	wmsOrderId: string;
	packages: ShipmentPackage[];
	/** The WMS closed the order without package detail (LTL / manual confirmation). */
	closedWithoutPackages?: boolean;
}

/**
 * Stock of one SKU for the credential's customer in its facility (WMS reads) or from input items.
 * Sync Inventory's "Quantity to Publish" chooses which figure BigCommerce gets (README "Sync Inventory").
 */
export interface StockLevel {
	sku: string;
	/** Units that can be sold now: unallocated, not on hold, not quarantined. */
	available: number;
	/** Unallocated units on hold or quarantined (not in `available`), when the WMS reports them. */
	onHold?: number;
	/** Units physically in the warehouse (allocated, on hold and quarantined included), when the WMS reports them. */
	onHand?: number;
	locationId?: number;
}

export type Outcome = 'created' | 'exists' | 'updated' | 'unchanged' | 'skipped' | 'held' | 'failed';

/** Every action node's result item carries at least this. */
export interface ResultBase {
	outcome: Outcome;
	reason?: string;
}

/**
 * Name of the key in the workflow's *global* static data where WMS Deliver records delivered orders, so that the
 * Orders Trigger (same workflow) stops re-emitting them. Value: Record<orderId as string, ISO time delivered>.
 */
export const DELIVERED_STATIC_KEY = 'bigCommerceWmsDelivered';
