/** BigCommerce V2 order objects shaped like `GET /v2/orders?include=consignments.line_items&consignment_structure=object`. */
import type { BcOrder, BcOrderProduct } from '../../../nodes/shared/bigcommerce/types';

export function bcLine(id: number, sku: string, quantity: number, addressId: number): BcOrderProduct {
	return {
		id,
		order_id: 0,
		product_id: 77,
		variant_id: 88,
		order_address_id: addressId,
		name: sku === 'MUG-RED' ? 'Mug' : `Item ${sku}`,
		sku,
		type: 'physical',
		quantity,
		quantity_shipped: 0,
		base_price: '15.0000',
		price_ex_tax: '15.0000',
		price_inc_tax: '16.2000',
		weight: '1.2500',
		product_options: sku === 'MUG-RED' ? [{ id: 1, option_id: 2, order_product_id: id, product_option_id: 3, display_name: 'Color', display_value: 'Red', value: '12', type: 'Swatch', name: 'Color' }] : [],
	};
}

export function rfc(ms: number): string {
	return new Date(ms).toUTCString().replace('GMT', '+0000');
}

export function bcOrder(id: number, overrides: Partial<BcOrder> = {}): BcOrder {
	return {
		id,
		customer_id: 7,
		date_created: 'Fri, 20 Nov 2026 09:15:00 +0000',
		date_modified: 'Fri, 20 Nov 2026 10:00:05 +0000',
		date_shipped: '',
		status_id: 11,
		status: 'Awaiting Fulfillment',
		subtotal_ex_tax: '30.0000',
		subtotal_inc_tax: '32.4500',
		shipping_cost_ex_tax: '5.5000',
		shipping_cost_inc_tax: '5.5000',
		total_tax: '2.4500',
		total_ex_tax: '35.5000',
		total_inc_tax: '37.9500',
		items_total: 2,
		items_shipped: 0,
		currency_code: 'USD',
		customer_message: 'Leave at door',
		staff_notes: '',
		order_is_digital: false,
		shipping_address_count: 1,
		channel_id: 1,
		billing_address: {
			first_name: 'Ann', last_name: 'Lee', company: '', street_1: '1 Main St', street_2: '', city: 'Austin', state: 'Texas',
			zip: '78701', country: 'United States', country_iso2: 'US', phone: '555', email: 'ann@example.com',
		},
		consignments: {
			pickups: [],
			downloads: [],
			shipping: [
				{
					id: 501,
					first_name: 'Bob', last_name: 'Ray', company: '', street_1: '5 Park Ave', street_2: '', city: 'New York', state: 'New York',
					zip: '10001', country: 'United States', country_iso2: 'US', phone: '', email: 'bob@example.com',
					shipping_method: 'UPS Ground',
					items_total: 2,
					items_shipped: 0,
					line_items: [bcLine(9001, 'MUG-RED', 2, 501)],
				},
			],
		},
		...overrides,
	};
}
