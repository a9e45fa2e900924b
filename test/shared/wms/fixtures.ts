import type { Address, OrderLine } from '../../../nodes/shared/model';
import type { WmsOrderInput } from '../../../nodes/shared/wms/adapter';
import { address as baseAddress, destination, line as baseLine, order } from '../../helpers/orders';

export const address = (over: Partial<Address> = {}): Address => baseAddress({ company: 'Acme', street2: 'Suite 5', phone: '555-0100', ...over });

export const line = (sku: string, quantity: number, orderProductId = 1): OrderLine =>
	baseLine(sku, quantity, { orderProductId, variantId: 20, name: `Product ${sku}`, unitPrice: 10 });

export function orderInput(reference = 'BC-1001', lines: OrderLine[] = [line('MUG-RED', 2, 1), line('TSHIRT-M', 1, 2)]): WmsOrderInput {
	const wmsOrder = order({
		reference,
		storeHash: 'abc123',
		createdAt: '2024-05-01T10:00:00Z',
		modifiedAt: '2024-05-01T10:00:00Z',
		customer: { id: 7, email: 'jane@example.com' },
		billingAddress: address(),
		notes: { customer: 'Leave at the door', staff: '' },
		totals: { subtotal: 30, shipping: 5, tax: 0, total: 35 },
		destinations: [destination(lines, { addressId: 55, address: address(), shippingMethod: 'UPS Ground' })],
	});
	return { reference, order: wmsOrder, destination: wmsOrder.destinations[0], routing: { carrier: 'UPS', mode: '03', billingCode: 'Prepaid' } };
}
