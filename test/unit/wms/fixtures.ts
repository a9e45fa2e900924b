import type { Address, Order, OrderLine } from '../../../nodes/shared/model';
import type { WmsOrderInput } from '../../../nodes/shared/wms/adapter';

export const address = (over: Partial<Address> = {}): Address => ({
	firstName: 'Jane',
	lastName: 'Doe',
	company: 'Acme',
	street1: '1 Main St',
	street2: 'Suite 5',
	city: 'Austin',
	state: 'Texas',
	postalCode: '78701',
	country: 'United States',
	countryIso2: 'US',
	phone: '555-0100',
	email: 'jane@example.com',
	...over,
});

export const line = (sku: string, quantity: number, orderProductId = 1): OrderLine => ({
	orderProductId,
	productId: 10,
	variantId: 20,
	sku,
	name: `Product ${sku}`,
	quantity,
	quantityShipped: 0,
	unitPrice: 10,
	weight: 1,
	options: [],
});

export function orderInput(reference = 'BC-1001', lines: OrderLine[] = [line('MUG-RED', 2, 1), line('TSHIRT-M', 1, 2)]): WmsOrderInput {
	const order: Order = {
		orderId: 1001,
		reference,
		storeHash: 'abc123',
		status: { id: 11, name: 'Awaiting Fulfillment' },
		createdAt: '2024-05-01T10:00:00Z',
		modifiedAt: '2024-05-01T10:00:00Z',
		currency: 'USD',
		customer: { id: 7, email: 'jane@example.com' },
		billingAddress: address(),
		notes: { customer: 'Leave at the door', staff: '' },
		totals: { subtotal: 30, shipping: 5, tax: 0, total: 35 },
		destinations: [{ addressId: 55, address: address(), shippingMethod: 'UPS Ground', lines }],
	};
	return { reference, order, destination: order.destinations[0], routing: { carrier: 'UPS', mode: '03', billingCode: 'Prepaid' } };
}
