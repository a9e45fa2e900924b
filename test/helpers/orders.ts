/** Builders of data-contract orders (what the Orders Trigger emits) for unit tests; overrides replace fields. */
import type { Address, Destination, Order, OrderLine } from '../../nodes/shared/model';

export function address(overrides: Partial<Address> = {}): Address {
	return {
		firstName: 'Jane',
		lastName: 'Doe',
		company: '',
		street1: '1 Main St',
		street2: '',
		city: 'Austin',
		state: 'Texas',
		postalCode: '78701',
		country: 'United States',
		countryIso2: 'US',
		phone: '555-555-5555',
		email: 'jane@example.com',
		...overrides,
	};
}

export function line(sku: string, quantity = 1, overrides: Partial<OrderLine> = {}): OrderLine {
	return {
		orderProductId: 1,
		productId: 10,
		variantId: 100,
		sku,
		name: `Product ${sku || 'custom'}`,
		quantity,
		quantityShipped: 0,
		unitPrice: 9.5,
		weight: 1,
		options: [],
		...overrides,
	};
}

export function destination(lines: OrderLine[], overrides: Partial<Destination> = {}): Destination {
	return { addressId: 1, address: address(), shippingMethod: 'Flat Rate', lines, ...overrides };
}

export function order(overrides: Partial<Order> = {}): Order {
	return {
		orderId: 1001,
		reference: 'BC-1001',
		storeHash: 'sandbox1',
		status: { id: 11, name: 'Awaiting Fulfillment' },
		createdAt: '2026-11-26T10:00:00Z',
		modifiedAt: '2026-11-26T10:00:00Z',
		currency: 'USD',
		customer: { id: 5, email: 'jane@example.com' },
		billingAddress: address(),
		notes: { customer: 'Leave at the back door', staff: 'VIP customer' },
		totals: { subtotal: 19, shipping: 5, tax: 0, total: 24 },
		destinations: [destination([line('MUG-RED', 2), line('TEE-BLU-M', 1)])],
		...overrides,
	};
}
