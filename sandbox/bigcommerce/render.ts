/** Turns sandbox state into the JSON BigCommerce returns. */
import type { BcOrder, BcOrderProduct, BcProduct, BcShippingAddress, BcVariant } from '../../nodes/shared/bigcommerce/types';
import type { OrderRec, ProductRec, SandboxState, VariantRec } from './state';
import { DEFAULT_LOCATION_ID } from './state';
import { rfc2822 } from './util';

/** BigCommerce caps the line items embedded in a consignment at 50 (bigcommerce/docs#960). */
export const CONSIGNMENT_LINE_CAP = 50;

export interface IncludeOptions {
	consignments: boolean;
	lineItems: boolean;
	objectStructure: boolean;
}

function link(state: SandboxState, resource: string): { url: string; resource: string } {
	return { url: `${state.url()}/v2${resource}`, resource };
}

export function renderOrder(state: SandboxState, rec: OrderRec, include?: IncludeOptions): BcOrder & Record<string, unknown> {
	const itemsTotal = rec.lines.reduce((sum, l) => sum + l.quantity, 0);
	const itemsShipped = rec.lines.reduce((sum, l) => sum + l.quantity_shipped, 0);
	const { customer_id: customerId, status_id: statusId, ...rest } = rec.fields;
	const order: Record<string, unknown> = {
		id: rec.id,
		customer_id: customerId,
		date_created: rfc2822(rec.createdMs),
		date_modified: rfc2822(rec.modifiedMs),
		date_shipped: rec.shippedMs === null ? '' : rfc2822(rec.shippedMs),
		status_id: statusId,
		status: state.statusOf(rec),
		...rest,
		items_total: itemsTotal,
		items_shipped: itemsShipped,
		shipping_address_count: rec.addresses.length,
		products: link(state, `/orders/${rec.id}/products`),
		shipping_addresses: link(state, `/orders/${rec.id}/shipping_addresses`),
		coupons: link(state, `/orders/${rec.id}/coupons`),
		custom_status: state.statusOf(rec),
	};
	if (include?.consignments) {
		const consignments = renderConsignments(state, rec, include.lineItems);
		order.consignments = include.objectStructure ? consignments : [consignments];
	}
	return order as BcOrder & Record<string, unknown>;
}

/**
 * The id of an address's shipping consignment. orders.v2.oas2.yml calls `consignments.shipping[].id` the "ID of the
 * shipping consignment", not the address id (which each line carries as `order_address_id`), so the sandbox makes
 * them differ, and in the opposite order: a client that posts shipments to the consignment id, or pairs the N-th
 * consignment with the N-th address, fails here.
 */
export function consignmentIdOf(addressId: number): number {
	return 1_000_000 - addressId;
}

function renderConsignments(state: SandboxState, rec: OrderRec, withLines: boolean): Record<string, unknown> {
	// Listed by consignment id (so the reverse of the address order).
	const byConsignment = [...rec.addresses].sort((x, y) => consignmentIdOf(x.id) - consignmentIdOf(y.id));
	const shipping = byConsignment.map((a) => {
		const lines = rec.lines.filter((l) => l.order_address_id === a.id);
		const entry: Record<string, unknown> = { ...renderAddress(rec, a.id), id: consignmentIdOf(a.id) };
		delete entry.order_id;
		delete entry.shipping_quotes;
		if (withLines) {
			entry.line_items = lines.slice(0, CONSIGNMENT_LINE_CAP).map((l) => renderLine(l));
			if (lines.length > CONSIGNMENT_LINE_CAP) {
				entry.__warning__ = {
					message: `Not all line items of this consignment are returned, only ${CONSIGNMENT_LINE_CAP} are included. Please use the /v2/orders/${rec.id}/products endpoint to get all line items.`,
				};
			}
		} else {
			// Without `.line_items`, one link per product (orders.v2.oas2.yml: shippingConsignment_Get, products_Resource).
			entry.line_items = lines.map((l) => link(state, `/orders/${rec.id}/products/${l.id}`));
		}
		entry.shipping_quotes = link(state, `/orders/${rec.id}/consignments/shipping/${consignmentIdOf(a.id)}/shipping_quotes`);
		return entry;
	});
	const digital = rec.lines.filter((l) => l.type === 'digital');
	const downloads =
		digital.length === 0
			? []
			: [
					{
						recipient_email: rec.fields.billing_address.email,
						line_items: withLines
							? digital.slice(0, CONSIGNMENT_LINE_CAP).map((l) => renderLine(l))
							: digital.map((l) => link(state, `/orders/${rec.id}/products/${l.id}`)),
					},
				];
	const giftCertificates = rec.lines.filter((l) => l.type === 'giftcertificate').map((l) => renderLine(l));
	return { pickups: [], shipping, downloads, email: { gift_certificates: giftCertificates } };
}

export function renderLine(line: OrderRec['lines'][number]): BcOrderProduct & Record<string, unknown> {
	return { ...line } as unknown as BcOrderProduct & Record<string, unknown>;
}

export function renderAddress(rec: OrderRec, addressId: number): BcShippingAddress & Record<string, unknown> {
	const a = rec.addresses.find((x) => x.id === addressId);
	if (!a) throw new Error(`address ${addressId} not on order ${rec.id}`);
	const lines = rec.lines.filter((l) => l.order_address_id === a.id);
	return {
		...a,
		items_total: lines.reduce((s, l) => s + l.quantity, 0),
		items_shipped: lines.reduce((s, l) => s + l.quantity_shipped, 0),
	} as BcShippingAddress & Record<string, unknown>;
}

export function renderProduct(state: SandboxState, p: ProductRec, withVariants: boolean): BcProduct & Record<string, unknown> {
	const product: Record<string, unknown> = {
		id: p.id,
		name: p.name,
		type: p.type,
		sku: p.sku,
		description: '',
		weight: p.weight,
		width: 0,
		depth: 0,
		height: 0,
		price: p.price,
		cost_price: 0,
		retail_price: 0,
		sale_price: 0,
		map_price: 0,
		tax_class_id: 0,
		categories: [23],
		brand_id: 0,
		inventory_level: state.productLevel(p),
		inventory_warning_level: 0,
		inventory_tracking: p.tracking,
		is_free_shipping: false,
		is_visible: true,
		availability: 'available',
		upc: '',
		mpn: '',
		gtin: '',
		bin_picking_number: '',
		condition: 'New',
		base_variant_id: state.baseVariantId(p),
		date_created: new Date(p.modifiedMs).toISOString().replace('.000Z', '+00:00'),
		date_modified: new Date(p.modifiedMs).toISOString().replace('.000Z', '+00:00'),
	};
	if (withVariants) product.variants = p.variantIds.map((id) => renderVariant(state, state.variants.get(id) as VariantRec));
	return product as BcProduct & Record<string, unknown>;
}

export function renderVariant(state: SandboxState, v: VariantRec): BcVariant & Record<string, unknown> {
	const product = state.products.get(v.productId) as ProductRec;
	return {
		id: v.id,
		product_id: v.productId,
		sku: v.sku,
		sku_id: v.skuId,
		price: product.price,
		calculated_price: product.price,
		weight: product.weight,
		inventory_level: product.tracking === 'variant' ? (v.levels[DEFAULT_LOCATION_ID] ?? 0) : product.tracking === 'product' && !product.hasOptions ? state.productLevel(product) : 0,
		inventory_warning_level: 0,
		bin_picking_number: '',
		upc: '',
		mpn: '',
		gtin: '',
		purchasing_disabled: false,
		purchasing_disabled_message: '',
		option_values: v.optionLabel === null ? [] : [{ id: v.id, label: v.optionLabel, option_id: 1, option_display_name: 'Option' }],
	};
}

