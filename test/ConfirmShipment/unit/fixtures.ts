/** BigCommerce V2 shapes for the Confirm Shipment nock tests. */
import nock from 'nock';
import type { BcOrderProduct, BcShipment } from '../../../nodes/shared/bigcommerce/types';

export const BC = 'https://api.bigcommerce.example.test';
export const STORE = '/stores/abc123/v2';
export const credentials = {
	bigCommerceApi: { storeHash: 'abc123', accessToken: 'secret-bc-token', apiUrl: BC },
	wmsHttpApi: { baseUrl: 'https://wms.example.test', headerName: 'X-Api-Key', headerValue: 'secret-wms-key' },
};

export const input = { source: 'inputItems', referencePrefix: 'BC-' };
export const opts = { credentials, continueOnFail: true };
export const ORDER_QS = { include: 'consignments.line_items', consignment_structure: 'object' };

/** nock for the store, requiring the access token. */
export function bc() {
	return nock(BC, { reqheaders: { 'x-auth-token': 'secret-bc-token' } });
}

/** Records every request nock answered, as "METHOD /path" without the store prefix and query. */
export function recorder(scope: nock.Scope) {
	const log: string[] = [];
	scope.on('request', (req: { method: string; path: string }) => log.push(`${req.method} ${req.path.split('?')[0].replace(STORE, '')}`));
	return log;
}

export function product(id: number, sku: string, quantity: number, extra: Partial<BcOrderProduct> = {}): BcOrderProduct {
	return {
		id,
		order_id: 100,
		product_id: id * 10,
		variant_id: id * 100,
		order_address_id: 10,
		order_pickup_method_id: 0,
		name: `Product ${sku}`,
		sku,
		type: 'physical',
		quantity,
		quantity_shipped: 0,
		quantity_refunded: 0,
		base_price: '5.0000',
		price_ex_tax: '5.0000',
		price_inc_tax: '5.0000',
		weight: '1.0000',
		product_options: [],
		...extra,
	};
}

/** `GET /v2/orders/{id}?include=consignments.line_items&consignment_structure=object`. */
export function orderWith(lines: BcOrderProduct[], extra: Record<string, unknown> = {}, orderId = 100) {
	const addresses = [...new Set(lines.filter((l) => l.type === 'physical').map((l) => l.order_address_id))].sort((a, b) => a - b);
	return {
		id: orderId,
		status_id: 9,
		status: 'Awaiting Shipment',
		items_total: lines.reduce((s, l) => s + l.quantity, 0),
		items_shipped: lines.reduce((s, l) => s + l.quantity_shipped, 0),
		consignments: {
			pickups: [],
			shipping: addresses.map((id) => ({
				id,
				first_name: 'Ada',
				shipping_method: 'Flat Rate',
				line_items: lines.filter((l) => l.type === 'physical' && l.order_address_id === id).map((l) => ({ ...l, order_id: orderId })),
			})),
			downloads: lines.some((l) => l.type === 'digital')
				? [{ recipient_email: 'a@example.com', line_items: lines.filter((l) => l.type === 'digital') }]
				: [],
			email: { gift_certificates: [] },
		},
		...extra,
	};
}

export function shipment(id: number, tracking: string, items: Array<[number, number]>, addressId = 10, orderId = 100): BcShipment {
	return {
		id,
		order_id: orderId,
		customer_id: 0,
		order_address_id: addressId,
		date_created: 'Thu, 01 Jan 2026 00:00:00 +0000',
		tracking_number: tracking,
		shipping_method: '',
		shipping_provider: '',
		tracking_carrier: '',
		comments: '',
		items: items.map(([order_product_id, quantity]) => ({ order_product_id, product_id: order_product_id * 10, quantity })),
	};
}

export function pkg(trackingNumber: string, lines: Array<[string, number]>, carrier = 'UPS', service = 'Ground') {
	return { trackingNumber, carrier, service, shippedAt: '2026-01-02T10:00:00Z', lines: lines.map(([sku, quantity]) => ({ sku, quantity })) };
}
