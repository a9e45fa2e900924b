/**
 * BigCommerce API shapes we touch, from BigCommerce's OpenAPI files (reference/ of github.com/bigcommerce/docs:
 * orders.v2.oas2.yml, products_catalog.v3.yml, product-variants_catalog.v3.yml, inventory.v3.yml, locations.v3.yml,
 * store_information.v2.yml). Only fields we read or write are typed; V2 money values are decimal strings.
 */

export interface BcV2Address {
	first_name: string;
	last_name: string;
	company: string;
	street_1: string;
	street_2: string;
	city: string;
	state: string;
	zip: string;
	country: string;
	country_iso2: string;
	phone: string;
	email: string;
}

export interface BcOrderProductOption {
	id: number;
	option_id: number;
	order_product_id: number;
	product_option_id: number;
	display_name: string;
	display_value: string;
	value: string;
	type: string;
	name: string;
}

/** `GET /v2/orders/{id}/products` item, also embedded in consignments' `line_items`. */
export interface BcOrderProduct {
	id: number;
	order_id: number;
	product_id: number;
	variant_id: number;
	order_address_id: number;
	order_pickup_method_id?: number;
	name: string;
	sku: string;
	type: 'physical' | 'digital' | 'giftcertificate' | string;
	quantity: number;
	quantity_shipped: number;
	quantity_refunded?: number;
	base_price: string;
	price_ex_tax: string;
	price_inc_tax: string;
	weight: string | number;
	parent_order_product_id?: number | null;
	is_bundled_product?: boolean;
	product_options: BcOrderProductOption[];
}

/** `GET /v2/orders/{id}/shipping_addresses` item. */
export interface BcShippingAddress extends BcV2Address {
	id: number;
	order_id: number;
	items_total: number;
	items_shipped: number;
	shipping_method: string;
	base_cost?: string;
}

export interface BcWarning {
	message: string;
}

/** `consignments.shipping[]` with `include=consignments.line_items&consignment_structure=object`. */
export interface BcShippingConsignment extends BcV2Address {
	id: number;
	shipping_method: string;
	items_total: number;
	items_shipped: number;
	line_items: BcOrderProduct[];
	/** BigCommerce caps embedded line items at 50 and says so here. */
	__warning__?: BcWarning;
}

export interface BcConsignments {
	pickups?: unknown[];
	shipping?: BcShippingConsignment[];
	downloads?: Array<{ recipient_email?: string; line_items?: BcOrderProduct[] }>;
	email?: { gift_certificates?: unknown[] };
}

/** `GET /v2/orders` item (with the include above). */
export interface BcOrder {
	id: number;
	customer_id: number;
	date_created: string;
	date_modified: string;
	date_shipped: string;
	status_id: number;
	status: string;
	custom_status?: string;
	subtotal_ex_tax: string;
	subtotal_inc_tax: string;
	shipping_cost_ex_tax: string;
	shipping_cost_inc_tax: string;
	total_tax: string;
	total_ex_tax: string;
	total_inc_tax: string;
	items_total: number;
	items_shipped: number;
	currency_code: string;
	customer_message: string;
	staff_notes: string;
	order_is_digital: boolean;
	shipping_address_count: number;
	channel_id: number;
	is_deleted?: boolean;
	billing_address: BcV2Address;
	consignments?: BcConsignments;
	products?: { url: string; resource: string };
	shipping_addresses?: { url: string; resource: string };
}

export interface BcShipmentItem {
	order_product_id: number;
	product_id?: number;
	quantity: number;
}

/** `GET/POST /v2/orders/{id}/shipments` response item. */
export interface BcShipment {
	id: number;
	order_id: number;
	customer_id: number;
	order_address_id: number;
	date_created: string;
	tracking_number: string;
	shipping_method: string;
	shipping_provider: string;
	tracking_carrier: string;
	tracking_link?: string;
	comments: string;
	items: BcShipmentItem[];
}

/** `POST /v2/orders/{id}/shipments` body (orderShipment_Post). */
export interface BcShipmentCreate {
	order_address_id: number;
	items: Array<{ order_product_id: number; quantity: number }>;
	tracking_number?: string;
	shipping_method?: string;
	shipping_provider?: string;
	tracking_carrier?: string;
	tracking_link?: string;
	comments?: string;
}

export interface BcStore {
	id: string;
	domain: string;
	secure_url: string;
	name: string;
	timezone?: { name: string; raw_offset: number; dst_offset: number };
	currency?: string;
}

export interface BcPagination {
	total: number;
	count: number;
	per_page: number;
	current_page: number;
	total_pages: number;
	links?: { previous?: string; current?: string; next?: string };
}

export interface BcV3List<T> {
	data: T[];
	meta: { pagination?: BcPagination };
}

export type BcInventoryTracking = 'none' | 'product' | 'variant';

/** `GET /v3/catalog/products` item (fields we request with include_fields). */
export interface BcProduct {
	id: number;
	name: string;
	sku: string;
	type: 'physical' | 'digital';
	inventory_tracking: BcInventoryTracking;
	inventory_level: number;
	base_variant_id: number | null;
}

/** `GET /v3/catalog/variants` item. */
export interface BcVariant {
	id: number;
	product_id: number;
	sku: string;
	sku_id: number | null;
	inventory_level: number;
	option_values: Array<{ id: number; label: string; option_id: number; option_display_name: string }>;
}

/** `PUT /v3/inventory/adjustments/absolute` item: location plus exactly one identity. */
export interface BcAbsoluteAdjustmentItem {
	location_id: number;
	quantity: number;
	sku?: string;
	variant_id?: number;
	product_id?: number;
}

export interface BcAbsoluteAdjustmentRequest {
	reason?: string;
	items: BcAbsoluteAdjustmentItem[];
}

export interface BcLocation {
	id: number;
	code: string;
	label: string;
	enabled: boolean;
	type_id: string;
}

/** V2 error body: an array of `{status, message}`. */
export type BcV2Error = Array<{ status: number; message: string; details?: unknown }>;

/** V3 error body. */
export interface BcV3Error {
	status: number;
	title: string;
	type?: string;
	instance?: string;
	errors?: Record<string, unknown>;
}
