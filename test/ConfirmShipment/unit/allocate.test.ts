import type { BcOrderProduct } from '../../../nodes/shared/bigcommerce/types';
import type { LineState } from '../../../nodes/shared/shipments/allocate';
import { allRemaining, allocatePackage, derivedStatus } from '../../../nodes/shared/shipments/allocate';

function line(id: number, sku: string, quantity: number, extra: Partial<BcOrderProduct> = {}): LineState {
	const l = {
		id,
		order_id: 100,
		product_id: 1,
		variant_id: 1,
		order_address_id: 10,
		name: sku,
		sku,
		type: 'physical',
		quantity,
		quantity_shipped: 0,
		base_price: '1',
		price_ex_tax: '1',
		price_inc_tax: '1',
		weight: 1,
		product_options: [],
		...extra,
	} as BcOrderProduct;
	return { line: l, shipped: l.quantity_shipped };
}

describe('allocatePackage', () => {
	it('maps SKUs case-insensitively and trims', () => {
		const lines = [line(1, 'MUG-RED', 2), line(2, 'TEE', 1)];
		const a = allocatePackage(100, lines, 10, [{ sku: ' mug-red ', quantity: 2 }, { sku: 'tee', quantity: 1 }]);
		expect(a.shipped).toEqual([
			{ sku: 'MUG-RED', orderProductId: 1, quantity: 2 },
			{ sku: 'TEE', orderProductId: 2, quantity: 1 },
		]);
		expect(a.notShipped).toEqual([]);
	});

	it('caps at the remaining quantity and reports the over-shipment', () => {
		const lines = [line(1, 'MUG', 3, { quantity_shipped: 2 })];
		const a = allocatePackage(100, lines, 10, [{ sku: 'MUG', quantity: 4 }]);
		expect(a.shipped).toEqual([{ sku: 'MUG', orderProductId: 1, quantity: 1 }]);
		expect(a.notShipped).toEqual([expect.objectContaining({ sku: 'MUG', quantity: 3, code: 'over-shipment' })]);
		expect(a.notShipped[0].reason).toMatch(/only 1 remain unshipped on order 100; 3 not sent/);
	});

	it('counts what this run already took (shipped state) and refunded units', () => {
		const lines = [line(1, 'MUG', 5, { quantity_refunded: 1 })];
		lines[0].shipped = 3;
		const a = allocatePackage(100, lines, 10, [{ sku: 'MUG', quantity: 2 }]);
		expect(a.shipped).toEqual([{ sku: 'MUG', orderProductId: 1, quantity: 1 }]);
		expect(a.notShipped[0].code).toBe('over-shipment');
	});

	it('reports a fully shipped line', () => {
		const a = allocatePackage(100, [line(1, 'MUG', 2, { quantity_shipped: 2 })], 10, [{ sku: 'MUG', quantity: 1 }]);
		expect(a.shipped).toEqual([]);
		expect(a.notShipped).toEqual([expect.objectContaining({ code: 'fully-shipped', quantity: 1 })]);
	});

	it('spreads one SKU over several lines of the address in id order', () => {
		const lines = [line(1, 'MUG', 1), line(2, 'MUG', 2)];
		const a = allocatePackage(100, lines, 10, [{ sku: 'MUG', quantity: 3 }]);
		expect(a.shipped.map((s) => [s.orderProductId, s.quantity])).toEqual([
			[1, 1],
			[2, 2],
		]);
	});

	it('two package lines of the same SKU do not exceed the remaining quantity together', () => {
		const a = allocatePackage(100, [line(1, 'MUG', 2)], 10, [
			{ sku: 'MUG', quantity: 2 },
			{ sku: 'MUG', quantity: 1 },
		]);
		expect(a.shipped).toEqual([{ sku: 'MUG', orderProductId: 1, quantity: 2 }]);
		expect(a.notShipped).toEqual([expect.objectContaining({ code: 'over-shipment', quantity: 1 })]);
	});

	it.each([0, -1, 1.5, Number.NaN])('rejects quantity %p per line', (quantity) => {
		const a = allocatePackage(100, [line(1, 'MUG', 2), line(2, 'TEE', 1)], 10, [
			{ sku: 'MUG', quantity },
			{ sku: 'TEE', quantity: 1 },
		]);
		expect(a.notShipped).toEqual([expect.objectContaining({ sku: 'MUG', code: 'invalid-quantity' })]);
		expect(a.shipped).toEqual([{ sku: 'TEE', orderProductId: 2, quantity: 1 }]);
	});

	it('keeps lines to their shipping address', () => {
		const lines = [line(1, 'MUG', 1, { order_address_id: 10 }), line(2, 'MUG', 1, { order_address_id: 11 }), line(3, 'PEN', 1, { order_address_id: 11 })];
		const a = allocatePackage(100, lines, 11, [{ sku: 'MUG', quantity: 1 }]);
		expect(a.shipped).toEqual([{ sku: 'MUG', orderProductId: 2, quantity: 1 }]);
		const b = allocatePackage(100, lines, 10, [{ sku: 'PEN', quantity: 1 }]);
		expect(b.notShipped).toEqual([expect.objectContaining({ code: 'other-address' })]);
	});

	it('reports SKUs not on the order, digital lines and unknown order product ids', () => {
		const lines = [line(1, 'MUG', 1), line(2, 'EBOOK', 1, { type: 'digital', order_address_id: 0 })];
		const a = allocatePackage(100, lines, 10, [
			{ sku: 'NOPE', quantity: 1 },
			{ sku: 'ebook', quantity: 1 },
			{ sku: '', quantity: 1, orderProductId: 99 },
			{ sku: 'whatever', quantity: 1, orderProductId: 1 },
		]);
		expect(a.notShipped.map((n) => n.code)).toEqual(['not-on-order', 'not-shippable', 'unknown-line']);
		expect(a.notShipped[0].reason).toContain('SKU NOPE is not on order 100');
		expect(a.notShipped[1].reason).toContain('digital');
		expect(a.shipped).toEqual([{ sku: 'MUG', orderProductId: 1, quantity: 1 }]);
	});
});

describe('allRemaining and derivedStatus', () => {
	it('lists remaining units of the address and derives Shipped vs Partially Shipped', () => {
		const lines = [line(1, 'MUG', 3, { quantity_shipped: 1 }), line(2, 'TEE', 1), line(3, 'PEN', 1, { order_address_id: 11 })];
		expect(allRemaining(lines, 10)).toEqual([
			{ sku: 'MUG', quantity: 2, orderProductId: 1 },
			{ sku: 'TEE', quantity: 1, orderProductId: 2 },
		]);
		expect(derivedStatus(lines)).toEqual({ id: 3, name: 'Partially Shipped' });
		for (const l of lines) l.shipped = l.line.quantity;
		expect(derivedStatus(lines)).toEqual({ id: 2, name: 'Shipped' });
	});
});
