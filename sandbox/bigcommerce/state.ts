/** In-memory state of the BigCommerce sandbox: catalog, inventory, orders, shipments. */
import type { BcInventoryTracking, BcShipment, BcV2Address } from '../../nodes/shared/bigcommerce/types';
import type { SandboxAddressInput, SandboxOrderInput } from './types';
import { statusName } from './statuses';
import { money, nowSeconds } from './util';

export interface ProductRec {
	id: number;
	name: string;
	sku: string;
	type: 'physical' | 'digital';
	tracking: BcInventoryTracking;
	hasOptions: boolean;
	price: number;
	weight: number;
	/** Product-level stock indexed by location id (used when tracking is 'product'). */
	levels: number[];
	variantIds: number[];
	modifiedMs: number;
}

export interface VariantRec {
	id: number;
	productId: number;
	sku: string;
	skuId: number | null;
	/** Variant-level stock indexed by location id (used when tracking is 'variant'). */
	levels: number[];
	optionLabel: string | null;
}

export interface LocationRec {
	id: number;
	code: string;
	label: string;
	enabled: boolean;
}

/** A V2 order line as BigCommerce returns it (extra fields included). */
export type LineRec = Record<string, unknown> & {
	id: number;
	order_id: number;
	product_id: number;
	variant_id: number;
	order_address_id: number;
	sku: string;
	name: string;
	type: string;
	quantity: number;
	quantity_shipped: number;
};

export type AddressRec = Record<string, unknown> &
	BcV2Address & { id: number; order_id: number; shipping_method: string; items_total: number; items_shipped: number };

export interface OrderRec {
	id: number;
	createdMs: number;
	modifiedMs: number;
	shippedMs: number | null;
	/** Order fields without dates and links (rendered on read). */
	fields: Record<string, unknown> & {
		status_id: number;
		customer_id: number;
		channel_id: number;
		billing_address: BcV2Address & Record<string, unknown>;
	};
	lines: LineRec[];
	addresses: AddressRec[];
	shipments: BcShipment[];
}

export interface ProductInput {
	sku: string;
	name?: string;
	tracking?: BcInventoryTracking;
	level?: number;
	type?: 'physical' | 'digital';
	price?: number;
	variants?: Array<{ sku: string; level?: number; label?: string }>;
}

export const DEFAULT_LOCATION_ID = 1;

export class SandboxState {
	products = new Map<number, ProductRec>();
	variants = new Map<number, VariantRec>();
	/** Lower-cased SKU -> owner. SKUs are unique case-insensitively across products and variants. */
	skuIndex = new Map<string, { productId: number; variantId: number | null }>();
	locations: LocationRec[] = [
		{ id: 1, code: 'DEFAULT', label: 'Default location', enabled: true },
		{ id: 2, code: 'OVERFLOW', label: 'Overflow warehouse', enabled: true },
	];
	orders = new Map<number, OrderRec>();
	private nextProductId = 100;
	private nextVariantId = 1000;
	private nextSkuId = 1;
	private nextOrderId = 100;
	private nextLineId = 1;
	private nextAddressId = 1;
	nextShipmentId = 1;
	nextTransactionId = 1;

	constructor(
		private readonly baseUrl: () => string,
		public readonly storeHash: string,
	) {}

	url(): string {
		return this.baseUrl();
	}

	// ----- catalog -----

	skuTaken(sku: string): boolean {
		return this.skuIndex.has(sku.toLowerCase());
	}

	addProduct(input: ProductInput): ProductRec {
		const variants = input.variants ?? [];
		const hasOptions = variants.length > 0;
		if (input.sku !== '' && this.skuIndex.has(input.sku.toLowerCase())) throw duplicateSku(input.sku);
		if (hasOptions) {
			const seen = new Set<string>([input.sku.toLowerCase()]);
			for (const { sku } of variants) {
				const key = sku.toLowerCase();
				if (sku === '' || this.skuIndex.has(key) || seen.has(key)) throw duplicateSku(sku);
				seen.add(key);
			}
		}
		const id = this.nextProductId++;
		const tracking = input.tracking ?? (hasOptions ? 'variant' : 'product');
		const product: ProductRec = {
			id,
			name: input.name ?? `Product ${input.sku}`,
			sku: input.sku,
			type: input.type ?? 'physical',
			tracking,
			hasOptions,
			price: input.price ?? 10 + (id % 17) * 2.5,
			weight: 1 + (id % 5),
			levels: [0, hasOptions ? 0 : (input.level ?? 0)],
			variantIds: [],
			modifiedMs: nowSeconds(),
		};
		this.products.set(id, product);
		if (input.sku !== '') this.skuIndex.set(input.sku.toLowerCase(), { productId: id, variantId: null });
		if (!hasOptions) {
			// A simple product has exactly one (base) variant carrying the product's SKU.
			const v = this.addVariantRec(product, input.sku, input.level ?? 0, null, null);
			this.skuIndex.set(input.sku.toLowerCase(), { productId: id, variantId: v.id });
		} else {
			for (const variant of variants) {
				const v = this.addVariantRec(product, variant.sku, variant.level ?? 0, this.nextSkuId++, variant.label ?? variant.sku);
				this.skuIndex.set(variant.sku.toLowerCase(), { productId: id, variantId: v.id });
			}
		}
		return product;
	}

	private addVariantRec(product: ProductRec, sku: string, level: number, skuId: number | null, label: string | null): VariantRec {
		const v: VariantRec = {
			id: this.nextVariantId++,
			productId: product.id,
			sku,
			skuId,
			levels: [0, level],
			optionLabel: label,
		};
		this.variants.set(v.id, v);
		product.variantIds.push(v.id);
		return v;
	}

	/**
	 * Bulk path for generated catalogs (10,000+ SKUs): same records as addProduct, without per-product input
	 * objects or duplicate-check sets. SKUs must be new and distinct (the caller generates them).
	 */
	addGenerated(sku: string, level: (n: number) => number, variantsPer: number): void {
		const id = this.nextProductId++;
		const hasOptions = variantsPer > 0;
		const product: ProductRec = {
			id,
			name: `Generated ${sku}`,
			sku,
			type: 'physical',
			tracking: hasOptions ? 'variant' : 'product',
			hasOptions,
			price: 10,
			weight: 1,
			levels: [0, hasOptions ? 0 : level(0)],
			variantIds: [],
			modifiedMs: this.bulkTime,
		};
		this.products.set(id, product);
		if (!hasOptions) {
			const v = this.addVariantRec(product, sku, product.levels[DEFAULT_LOCATION_ID], null, null);
			this.skuIndex.set(sku.toLowerCase(), { productId: id, variantId: v.id });
			return;
		}
		this.skuIndex.set(sku.toLowerCase(), { productId: id, variantId: null });
		for (let i = 0; i < variantsPer; i++) {
			const variantSku = `${sku}-V${i}`;
			const v = this.addVariantRec(product, variantSku, level(i + 1), this.nextSkuId++, `V${i}`);
			this.skuIndex.set(variantSku.toLowerCase(), { productId: id, variantId: v.id });
		}
	}

	bulkTime = nowSeconds();

	baseVariantId(product: ProductRec): number | null {
		return product.hasOptions ? null : product.variantIds[0];
	}

	findBySku(sku: string): { product: ProductRec; variant: VariantRec | undefined } | undefined {
		const hit = this.skuIndex.get(sku.toLowerCase());
		if (!hit) return undefined;
		const product = this.products.get(hit.productId);
		if (!product) return undefined;
		return { product, variant: hit.variantId === null ? undefined : this.variants.get(hit.variantId) };
	}

	/** Stock of a variant as the Inventory API sees it (product-tracked stock lives on the product). */
	levelOf(product: ProductRec, variant: VariantRec | undefined, locationId: number): number {
		if (product.tracking === 'none') return 0;
		if (product.tracking === 'product' || !variant) return product.levels[locationId] ?? 0;
		return variant.levels[locationId] ?? 0;
	}

	/** Catalog `inventory_level` of a product: default location only. */
	productLevel(product: ProductRec): number {
		if (product.tracking === 'variant') {
			return product.variantIds.reduce((sum, id) => sum + (this.variants.get(id)?.levels[DEFAULT_LOCATION_ID] ?? 0), 0);
		}
		if (product.tracking === 'none') return 0;
		return product.levels[DEFAULT_LOCATION_ID] ?? 0;
	}

	// ----- orders -----

	addOrder(input: SandboxOrderInput, defaultAddress: (index: number) => SandboxAddressInput): number {
		if (!input.lines || input.lines.length === 0) throw new Error('An order needs at least one line');
		const id = this.nextOrderId++;
		const created = Math.floor((input.dateCreated?.getTime() ?? Date.now()) / 1000) * 1000;
		const statusId = input.statusId ?? 11;
		const physical = input.lines.filter((l) => (l.type ?? 'physical') === 'physical');
		const addressCount = physical.length === 0 ? 0 : Math.max(1, input.addresses?.length ?? 1, ...physical.map((l) => (l.addressIndex ?? 0) + 1));
		const addressInputs: SandboxAddressInput[] = [];
		for (let i = 0; i < addressCount; i++) addressInputs.push(input.addresses?.[i] ?? defaultAddress(id * 7 + i));
		const billingInput = input.addresses?.[0] ?? defaultAddress(id * 7);
		const email = input.email ?? billingInput.email ?? `customer${id}@example.com`;
		const addresses: AddressRec[] = addressInputs.map((a) => ({
			id: this.nextAddressId++,
			order_id: id,
			...v2Address(a, email),
			items_total: 0,
			items_shipped: 0,
			shipping_method: a.shippingMethod ?? 'Flat Rate',
			base_cost: money(5),
			cost_ex_tax: money(5),
			cost_inc_tax: money(5),
			cost_tax: money(0),
			cost_tax_class_id: 2,
			base_handling_cost: money(0),
			handling_cost_ex_tax: money(0),
			handling_cost_inc_tax: money(0),
			handling_cost_tax: money(0),
			handling_cost_tax_class_id: 2,
			shipping_zone_id: 1,
			shipping_zone_name: 'United States',
			form_fields: [],
			shipping_quotes: { url: `${this.url()}/orders/${id}/shipping_addresses/0/shipping_quotes`, resource: `/orders/${id}/shipping_addresses/0/shipping_quotes` },
		}));
		let subtotal = 0;
		const lines: LineRec[] = input.lines.map((l) => {
			const type = l.type ?? 'physical';
			const product = l.productId ? this.products.get(l.productId) : undefined;
			const variantId = l.variantId ?? (product ? product.variantIds[0] : 0);
			const price = l.price ?? product?.price ?? 9.99;
			subtotal += price * l.quantity;
			const address = type === 'physical' ? addresses[l.addressIndex ?? 0] : undefined;
			if (address) address.items_total += l.quantity;
			const lineId = this.nextLineId++;
			return {
				id: lineId,
				order_id: id,
				product_id: l.productId ?? 0,
				variant_id: l.productId ? variantId : 0,
				order_address_id: address?.id ?? 0,
				order_pickup_method_id: 0,
				name: l.name ?? product?.name ?? 'Custom item',
				name_customer: l.name ?? product?.name ?? 'Custom item',
				name_merchant: l.name ?? product?.name ?? 'Custom item',
				sku: l.sku,
				upc: '',
				type,
				base_price: money(price),
				price_ex_tax: money(price),
				price_inc_tax: money(price),
				price_tax: money(0),
				base_total: money(price * l.quantity),
				total_ex_tax: money(price * l.quantity),
				total_inc_tax: money(price * l.quantity),
				total_tax: money(0),
				weight: product ? String(product.weight) : '0',
				width: '0.0000',
				height: '0.0000',
				depth: '0.0000',
				quantity: l.quantity,
				base_cost_price: money(0),
				is_refunded: false,
				quantity_refunded: 0,
				refund_amount: money(0),
				return_id: 0,
				quantity_shipped: 0,
				fixed_shipping_cost: money(0),
				bin_picking_number: '',
				parent_order_product_id: null,
				is_bundled_product: false,
				applied_discounts: [],
				product_options: [],
				configurable_fields: [],
				gift_certificate_id: null,
				fulfillment_source: '',
			};
		});
		const shipping = 5 * addresses.length;
		const billing = { ...v2Address(billingInput, email), form_fields: [] };
		const rec: OrderRec = {
			id,
			createdMs: created,
			modifiedMs: created,
			shippedMs: null,
			fields: {
				customer_id: input.customerId ?? 0,
				status_id: statusId,
				subtotal_ex_tax: money(subtotal),
				subtotal_inc_tax: money(subtotal),
				subtotal_tax: money(0),
				base_shipping_cost: money(shipping),
				shipping_cost_ex_tax: money(shipping),
				shipping_cost_inc_tax: money(shipping),
				shipping_cost_tax: money(0),
				shipping_cost_tax_class_id: 2,
				base_handling_cost: money(0),
				handling_cost_ex_tax: money(0),
				handling_cost_inc_tax: money(0),
				handling_cost_tax: money(0),
				handling_cost_tax_class_id: 2,
				base_wrapping_cost: money(0),
				wrapping_cost_ex_tax: money(0),
				wrapping_cost_inc_tax: money(0),
				wrapping_cost_tax: money(0),
				wrapping_cost_tax_class_id: 3,
				total_ex_tax: money(subtotal + shipping),
				total_inc_tax: money(subtotal + shipping),
				total_tax: money(0),
				is_tax_inclusive_pricing: false,
				payment_method: 'Credit Card',
				payment_provider_id: '',
				payment_status: statusId === 0 || statusId === 7 ? 'pending' : 'captured',
				refunded_amount: money(0),
				order_is_digital: physical.length === 0,
				store_credit_amount: money(0),
				gift_certificate_amount: money(0),
				ip_address: '127.0.0.1',
				ip_address_v6: '',
				geoip_country: billing.country,
				geoip_country_iso2: billing.country_iso2,
				currency_id: 1,
				currency_code: 'USD',
				currency_exchange_rate: '1.0000000000',
				default_currency_id: 1,
				default_currency_code: 'USD',
				staff_notes: input.staffNotes ?? '',
				customer_message: input.customerMessage ?? '',
				discount_amount: money(0),
				coupon_discount: money(0),
				ebay_order_id: '0',
				cart_id: `cart-${id}`,
				billing_address: billing,
				is_email_opt_in: false,
				credit_card_type: null,
				order_source: 'www',
				channel_id: input.channelId ?? 1,
				external_source: '',
				external_id: null,
				external_merchant_id: null,
				tax_provider_id: 'BasicTaxProvider',
				store_default_currency_code: '',
				store_default_to_transactional_exchange_rate: '1.0000000000',
				customer_locale: 'en',
				external_order_id: '',
				is_deleted: false,
			},
			lines,
			addresses,
			shipments: [],
		};
		this.orders.set(id, rec);
		return id;
	}

	touch(order: OrderRec): void {
		// Strictly increasing at second resolution would need waiting; equal seconds are fine for inclusive bounds.
		order.modifiedMs = Math.max(nowSeconds(), order.modifiedMs);
	}

	setStatus(order: OrderRec, statusId: number): void {
		order.fields.status_id = statusId;
		if (statusId === 2 && order.shippedMs === null) order.shippedMs = nowSeconds();
		this.touch(order);
	}

	statusOf(order: OrderRec): string {
		return statusName(order.fields.status_id);
	}
}

function duplicateSku(sku: string): Error {
	return new Error(sku === '' ? 'A variant needs a SKU' : `SKU '${sku}' already exists (SKUs are unique regardless of case)`);
}

function v2Address(a: SandboxAddressInput, email: string): BcV2Address {
	return {
		first_name: a.firstName ?? 'Alex',
		last_name: a.lastName ?? 'Smith',
		company: a.company ?? '',
		street_1: a.street1 ?? '1 Main Street',
		street_2: a.street2 ?? '',
		city: a.city ?? 'Austin',
		state: a.state ?? 'Texas',
		zip: a.zip ?? '78751',
		country: a.country ?? 'United States',
		country_iso2: a.countryIso2 ?? 'US',
		phone: a.phone ?? '555-123-4567',
		email: a.email ?? email,
	};
}
