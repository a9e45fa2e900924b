import type { BcOrderProduct } from '../../../nodes/shared/bigcommerce/types';
import { isShippableLine, lineKind, lineKindText } from '../../../nodes/shared/bigcommerce/lineKind';

/** One rule for "is this line physical / shippable" (nodes/shared/bigcommerce/lineKind.ts), both of its uses. */
const line = (fields: Partial<BcOrderProduct> & Record<string, unknown>): Partial<BcOrderProduct> =>
	({ id: 1, sku: 'A', quantity: 1, order_address_id: 7, order_pickup_method_id: 0, ...fields }) as Partial<BcOrderProduct>;

describe('lineKind', () => {
	it.each([
		[{ type: 'physical' }, 'shippable'],
		[{ type: undefined }, 'shippable'],
		[{ type: 'digital' }, 'digital'],
		[{ type: 'giftcertificate' }, 'gift-certificate'],
		[{ type: 'bundle' }, 'other-type'],
		[{ type: '' }, 'other-type'],
		[{ type: null }, 'other-type'],
		[{ type: 'physical', order_pickup_method_id: 3 }, 'pickup'],
		[{ type: 'physical', order_address_id: 0 }, 'no-address'],
		[{ type: 'physical', order_address_id: undefined }, 'no-address'],
		[{ type: 'physical', order_address_id: '7' }, 'no-address'],
		[{ type: 'digital', order_pickup_method_id: 3, order_address_id: 0 }, 'digital'],
	])('%j is %s', (fields, kind) => {
		expect(lineKind(line(fields as never))).toBe(kind);
	});
});

describe('isShippableLine', () => {
	it('for a shipment (Confirm Shipment): only physical lines to a shipping address, no pickups', () => {
		expect(isShippableLine(line({ type: 'physical' }), 'shipment')).toBe(true);
		expect(isShippableLine(line({}), 'shipment')).toBe(true);
		for (const fields of [{ type: 'digital' }, { type: 'giftcertificate' }, { type: 'bundle' }, { order_pickup_method_id: 2 }, { order_address_id: 0 }]) {
			expect(isShippableLine(line(fields as never), 'shipment')).toBe(false);
		}
	});
	it('for the warehouse (Orders Trigger): everything but digital lines and gift certificates, so no line vanishes', () => {
		for (const fields of [{ type: 'physical' }, {}, { type: 'bundle' }, { type: '' }, { order_pickup_method_id: 2 }, { order_address_id: 0 }]) {
			expect(isShippableLine(line(fields as never), 'warehouse')).toBe(true);
		}
		expect(isShippableLine(line({ type: 'digital' }), 'warehouse')).toBe(false);
		expect(isShippableLine(line({ type: 'giftcertificate' }), 'warehouse')).toBe(false);
	});
});

describe('lineKindText', () => {
	it('says why a line cannot be shipped', () => {
		expect(lineKindText(line({ type: 'digital' }))).toBe('a digital line');
		expect(lineKindText(line({ type: 'giftcertificate' }))).toBe('a gift certificate');
		expect(lineKindText(line({ type: 'bundle' }))).toBe('a line of type "bundle"');
		expect(lineKindText(line({ order_pickup_method_id: 4 }))).toBe('a pickup line');
		expect(lineKindText(line({ order_address_id: 0 }))).toBe('a line without a shipping address');
	});
});
