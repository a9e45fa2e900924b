import { DELIVERED_STATIC_KEY } from '../../nodes/shared/model';
import { markDelivered, MAX_DELIVERED_ENTRIES } from '../../nodes/shared/deliveredMarks';
import { pruneDelivered } from '../../nodes/BigCommerceOrdersTrigger/orderCursor';

describe('markDelivered', () => {
	it('records orders with the time, drops entries older than 7 days and caps the size', () => {
		const now = new Date('2026-11-26T12:00:00Z');
		const data: Record<string, any> = {
			[DELIVERED_STATIC_KEY]: { '1': '2026-11-10T00:00:00Z', '2': '2026-11-25T00:00:00Z', junk: 'not a date' },
		};
		markDelivered(data, [3], now);
		expect(data[DELIVERED_STATIC_KEY]).toEqual({ '3': '2026-11-26T12:00:00.000Z', '2': '2026-11-25T00:00:00Z' });

		markDelivered(data, Array.from({ length: MAX_DELIVERED_ENTRIES + 10 }, (_, i) => 100 + i), now);
		expect(Object.keys(data[DELIVERED_STATIC_KEY])).toHaveLength(MAX_DELIVERED_ENTRIES);
		expect(data[DELIVERED_STATIC_KEY]['3']).toBe('2026-11-26T12:00:00.000Z');
	});
});

describe('one bound for writer and pruner', () => {
	it('the Orders Trigger prunes to the same cap WMS Deliver writes (newest kept)', () => {
		const now = Date.parse('2026-11-26T12:00:00Z');
		const delivered: Record<string, string> = {};
		for (let i = 0; i < MAX_DELIVERED_ENTRIES + 5; i++) delivered[String(i)] = new Date(now - 1000 * (MAX_DELIVERED_ENTRIES + 5 - i)).toISOString();
		pruneDelivered(delivered, {}, now);
		expect(Object.keys(delivered)).toHaveLength(MAX_DELIVERED_ENTRIES);
		expect(delivered['0']).toBeUndefined();
		expect(delivered[String(MAX_DELIVERED_ENTRIES + 4)]).toBeDefined();
	});
});
