import { bcDateToIso, decimal, hasShippableLines, mapOrder } from '../../../nodes/shared/bigcommerce/orderMapper';
import { BC_ORDER_STATUSES, statusName, statusOptions } from '../../../nodes/shared/bigcommerce/statuses';
import type { BcOrder, BcOrderProduct } from '../../../nodes/shared/bigcommerce/types';
import { bcOrder, bcLine } from './fixtures';

const opts = { storeHash: 'abc123', referencePrefix: 'BC-', includeRaw: false };

describe('statuses', () => {
	it('lists ids 0-14 with names, options sorted by name', () => {
		expect(BC_ORDER_STATUSES.map((s) => s.id)).toEqual([...Array(15).keys()]);
		expect(statusName(11)).toBe('Awaiting Fulfillment');
		const names = statusOptions().map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(statusOptions().find((o) => o.value === 9)?.name).toBe('Awaiting Shipment');
	});
});

describe('mapOrder', () => {
	it('maps an order to the data contract: numbers from decimal strings, RFC 2822 dates to ISO UTC, prefixed reference', () => {
		const order = mapOrder(bcOrder(1001), opts);
		expect(order).toMatchObject({
			orderId: 1001,
			reference: 'BC-1001',
			storeHash: 'abc123',
			status: { id: 11, name: 'Awaiting Fulfillment' },
			createdAt: '2026-11-20T09:15:00.000Z',
			modifiedAt: '2026-11-20T10:00:05.000Z',
			currency: 'USD',
			customer: { id: 7, email: 'ann@example.com' },
			notes: { customer: 'Leave at door', staff: '' },
			totals: { subtotal: 30, shipping: 5.5, tax: 2.45, total: 37.95 },
		});
		expect(order.billingAddress).toEqual({
			firstName: 'Ann', lastName: 'Lee', company: '', street1: '1 Main St', street2: '', city: 'Austin', state: 'Texas',
			postalCode: '78701', country: 'United States', countryIso2: 'US', phone: '555', email: 'ann@example.com',
		});
		expect(order.destinations).toHaveLength(1);
		expect(order.destinations[0]).toMatchObject({ addressId: 501, shippingMethod: 'UPS Ground', address: { firstName: 'Bob', postalCode: '10001' } });
		expect(order.destinations[0].lines).toEqual([
			{ orderProductId: 9001, productId: 77, variantId: 88, sku: 'MUG-RED', name: 'Mug', quantity: 2, quantityShipped: 0, unitPrice: 15, weight: 1.25, options: [{ name: 'Color', value: 'Red' }] },
		]);
		expect(order.problems).toBeUndefined();
		expect(order.raw).toBeUndefined();
		expect(mapOrder(bcOrder(1001), { ...opts, includeRaw: true }).raw).toMatchObject({ id: 1001 });
	});

	it('gives one destination per shipping address, each with its own lines', () => {
		const o = bcOrder(1002);
		o.consignments!.shipping!.push({ ...o.consignments!.shipping![0], id: 502, city: 'Boston', line_items: [bcLine(9002, 'TEE-L', 3, 502)] });
		const order = mapOrder(o, opts);
		expect(order.destinations.map((d) => [d.addressId, d.address.city, d.lines.map((l) => l.sku)])).toEqual([
			[501, 'New York', ['MUG-RED']],
			[502, 'Boston', ['TEE-L']],
		]);
	});

	it('leaves out digital and gift-certificate lines, and zero-quantity lines', () => {
		const o = bcOrder(1003);
		const c = o.consignments!.shipping![0];
		c.line_items.push({ ...bcLine(9003, 'EBOOK', 1, 501), type: 'digital' }, { ...bcLine(9004, 'GC', 1, 501), type: 'giftcertificate' }, bcLine(9005, 'OLD', 0, 501));
		expect(mapOrder(o, opts).destinations[0].lines.map((l) => l.sku)).toEqual(['MUG-RED']);
	});

	it('lists lines without SKU in problems instead of dropping them', () => {
		const o = bcOrder(1004);
		o.consignments!.shipping![0].line_items.push({ ...bcLine(9006, '', 1, 501), product_id: 0, variant_id: 0, name: 'Gift wrapping' });
		const order = mapOrder(o, opts);
		expect(order.destinations[0].lines.map((l) => l.sku)).toEqual(['MUG-RED', '']);
		expect(order.problems).toEqual([expect.objectContaining({ code: 'missing-sku', orderProductId: 9006, message: expect.stringContaining('Gift wrapping') })]);
	});

	it('uses the full line list for a consignment cut at 50, and flags it when the list is missing', () => {
		const o = bcOrder(1005);
		o.consignments!.shipping![0].__warning__ = { message: 'Not all line items of this consignment are returned' };
		const full = Array.from({ length: 60 }, (_, i) => bcLine(10000 + i, `SKU-${i}`, 1, 501));
		const whole = mapOrder(o, { ...opts, linesByAddress: new Map<number, BcOrderProduct[]>([[501, full]]) });
		expect(whole.destinations[0].lines).toHaveLength(60);
		expect(whole.problems).toBeUndefined();
		expect(mapOrder(o, opts).problems).toEqual([expect.objectContaining({ code: 'lines-truncated' })]);
	});

	it('never throws on a malformed order: missing fields become empty values and problems', () => {
		const bare = { id: 1006, date_modified: 'Fri, 20 Nov 2026 10:00:05 +0000' } as unknown as BcOrder;
		const order = mapOrder(bare, opts);
		expect(order).toMatchObject({ orderId: 1006, reference: 'BC-1006', createdAt: '', currency: '', totals: { subtotal: 0, total: 0 }, destinations: [] });
		expect(order.billingAddress.email).toBe('');
		expect(order.problems?.map((p) => p.code)).toEqual(['no-shippable-lines']);

		const odd = { ...bcOrder(1007), billing_address: null, total_inc_tax: 'abc', consignments: { shipping: [null, { id: 9, line_items: [null, 5, { id: 1, quantity: '2', sku: 'X' }] }] } } as unknown as BcOrder;
		const mapped = mapOrder(odd, opts);
		expect(mapped.totals.total).toBe(0);
		expect(mapped.destinations[0].lines).toEqual([expect.objectContaining({ orderProductId: 1, quantity: 2, sku: 'X', options: [] })]);

		const noConsignments = { ...bcOrder(1008), consignments: undefined, shipping_address_count: 1 } as unknown as BcOrder;
		expect(mapOrder(noConsignments, opts).problems?.map((p) => p.code)).toEqual(['lines-missing']);
	});

	it('tells orders with something to ship from digital-only and pickup ones', () => {
		expect(hasShippableLines(bcOrder(1))).toBe(true);
		const digital = bcOrder(2);
		digital.consignments = { shipping: [], downloads: [{ line_items: [{ ...bcLine(1, 'E', 1, 0), type: 'digital' }] }], pickups: [] };
		expect(hasShippableLines(digital)).toBe(false);
		const pickup = bcOrder(3);
		pickup.consignments = { shipping: [], pickups: [{ id: 1 }] };
		expect(hasShippableLines(pickup)).toBe(false);
		const cut = bcOrder(4);
		cut.consignments!.shipping![0].line_items = [];
		cut.consignments!.shipping![0].__warning__ = { message: 'cut' };
		expect(hasShippableLines(cut)).toBe(true);
	});

	it('parses V2 values', () => {
		expect(decimal('361.9500')).toBe(361.95);
		expect(decimal('')).toBe(0);
		expect(decimal(undefined)).toBe(0);
		expect(bcDateToIso('Wed, 05 Dec 2018 20:16:55 +0000')).toBe('2018-12-05T20:16:55.000Z');
		expect(bcDateToIso('Wed, 05 Dec 2018 15:16:55 -0500')).toBe('2018-12-05T20:16:55.000Z');
		expect(bcDateToIso('not a date')).toBe('');
	});
});
