import { describeError } from '../../../nodes/shared/errors';
import { routeShipMethod } from '../../../nodes/shared/delivery/shipMethodMap';
import { parseShipMethodMap } from '../../../nodes/WmsDeliver/shipMethodParameter';
import { checkOrderItem } from '../../../nodes/shared/delivery/validate';
import { order, settings } from './fixtures';

describe('checkOrderItem', () => {
	it('accepts a contract Order and fills optional fields', () => {
		const { notes: _n, totals: _t, ...partial } = order();
		const check = checkOrderItem(partial, 0);
		expect(check.ok).toBe(true);
		if (check.ok) {
			expect(check.order.notes).toEqual({ customer: '', staff: '' });
			expect(check.order.destinations[0].lines[0]).toMatchObject({ sku: 'MUG-RED', quantity: 2 });
		}
	});

	it.each([
		['a string', 'not an order', 'it is not an object'],
		['no orderId', { reference: 'X' }, '"orderId" is missing'],
		['no reference', { orderId: 5, destinations: [] }, '"reference" is missing'],
		['no destinations', { orderId: 5, reference: 'BC-5' }, '"destinations" is missing or not a list'],
		['destination without address', { orderId: 5, reference: 'BC-5', destinations: [{ lines: [] }] }, 'destination 1 has no "address" object'],
		[
			'line with a bad quantity',
			{ orderId: 5, reference: 'BC-5', destinations: [{ address: {}, lines: [{ sku: 'A', quantity: 'two' }] }] },
			'line 1 of destination 1 ("A") has no valid "quantity"',
		],
	])('rejects %s with a reason', (_label, json, reason) => {
		const check = checkOrderItem(json, 3);
		expect(check.ok).toBe(false);
		if (!check.ok) {
			expect(check.reason).toContain('Input item 4');
			expect(check.reason).toContain(reason);
		}
	});
});

describe('ship method map', () => {
	it('ignores rows without a method name and matches trimmed, case-insensitive', () => {
		const map = parseShipMethodMap({
			mappings: [{ shippingMethod: '' , carrier: 'X' }, { shippingMethod: 'Free Shipping', carrier: 'USPS', mode: '', billingCode: 'Prepaid' }],
		});
		expect(map).toEqual([{ shippingMethod: 'Free Shipping', routing: { carrier: 'USPS', billingCode: 'Prepaid' } }]);
		expect(routeShipMethod('  FREE shipping ', settings({ shipMethods: map }))).toEqual({
			mapped: true,
			routing: { carrier: 'USPS', billingCode: 'Prepaid' },
		});
		expect(routeShipMethod('Pickup', settings({ shipMethods: map, unmapped: { action: 'hold' } }))).toEqual({ mapped: false, hold: true });
	});
});

describe('describeError', () => {
	it('joins message and description without repeating', () => {
		const e = Object.assign(new Error('The WMS rejected order BC-1.'), { description: 'Fix the SKU.' });
		expect(describeError(e)).toBe('The WMS rejected order BC-1. Fix the SKU');
		expect(describeError(Object.assign(new Error('same'), { description: 'same' }))).toBe('same');
		expect(describeError('text')).toBe('text');
	});
});
