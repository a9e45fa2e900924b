/** Address ids of shipping consignments (nodes/shared/bigcommerce/consignmentAddress.ts) and the trigger's Order. */
import { consignmentAddressId, fillLineAddressIds } from '../../../nodes/shared/bigcommerce/consignmentAddress';
import { mapOrder } from '../../../nodes/shared/bigcommerce/orderMapper';
import type { BcOrder, BcShippingAddress, BcShippingConsignment } from '../../../nodes/shared/bigcommerce/types';

const line = (id: number, sku: string, address?: number) => ({ id, sku, quantity: 1, type: 'physical', ...(address ? { order_address_id: address } : {}) });
const consignment = (id: number, city: string, lines: unknown[]) => ({ id, city, street_1: `${city} St`, zip: '1', country_iso2: 'US', line_items: lines }) as unknown as BcShippingConsignment;
const options = { storeHash: 'abc', referencePrefix: 'BC-', includeRaw: false };

it("takes the address id from the consignment's lines, never the consignment id", () => {
	expect(consignmentAddressId(consignment(900, 'Austin', [line(1, 'A', 11)]))).toBe(11);
	expect(consignmentAddressId(consignment(900, 'Austin', [line(1, 'A')]))).toBeUndefined();
});

it("the trigger's Order: destinations ordered by address id, whatever the consignment ids and their order", () => {
	const order = { id: 7, consignments: { shipping: [consignment(5, 'Boston', [line(2, 'B', 12)]), consignment(6, 'Austin', [line(1, 'A', 11)])] } } as unknown as BcOrder;
	const mapped = mapOrder(order, options);
	expect(mapped.destinations.map((d) => [d.addressId, d.address.city])).toEqual([[11, 'Austin'], [12, 'Boston']]);
	expect(mapped.problems).toBeUndefined();
});

it('lines without order_address_id: matched to the shipping addresses by address fields; no guessing by position', () => {
	const addresses = [
		{ id: 11, city: 'Austin', street_1: 'Austin St', zip: '1', country_iso2: 'US' },
		{ id: 12, city: 'Boston', street_1: 'Boston St', zip: '1', country_iso2: 'US' },
	] as BcShippingAddress[];
	const filled = fillLineAddressIds([consignment(5, 'Boston', [line(2, 'B')]), consignment(6, 'Austin', [line(1, 'A')])], addresses);
	expect(filled.map(consignmentAddressId)).toEqual([12, 11]);
	const unknown = fillLineAddressIds([consignment(5, 'Chicago', [line(2, 'B')]), consignment(6, 'Denver', [line(1, 'A')])], addresses);
	expect(unknown.map(consignmentAddressId)).toEqual([undefined, undefined]);
	const mapped = mapOrder({ id: 7, consignments: { shipping: unknown } } as unknown as BcOrder, options);
	expect(mapped.problems?.map((p) => p.code)).toEqual(['address-unknown', 'address-unknown']);
	// One consignment, one address: the only possible pairing.
	expect(fillLineAddressIds([consignment(5, 'Chicago', [line(2, 'B')])], [addresses[0]]).map(consignmentAddressId)).toEqual([11]);
});
