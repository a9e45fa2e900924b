import { parseShipmentItem } from '../../../nodes/ConfirmShipment/validate';

const pkg = { trackingNumber: '1Z1', carrier: 'UPS', service: 'Ground', shippedAt: '2026-01-01T00:00:00Z', lines: [{ sku: 'MUG', quantity: 1 }] };

describe('parseShipmentItem', () => {
	it('accepts a Shipment and normalises numbers to text', () => {
		const r = parseShipmentItem({ reference: 1001, wmsOrderId: 7, packages: [{ ...pkg, trackingNumber: 12345, lines: [{ sku: 'MUG', quantity: '2', orderProductId: '5' }] }] });
		expect(r).toEqual({
			shipment: {
				reference: '1001',
				wmsOrderId: '7',
				packages: [{ ...pkg, trackingNumber: '12345', lines: [{ sku: 'MUG', quantity: 2, orderProductId: 5 }] }],
			},
		});
	});

	it('accepts a flat single package and orderId without reference', () => {
		const r = parseShipmentItem({ orderId: 1001, trackingNumber: 'T', carrier: 'UPS', lines: [{ sku: 'MUG', quantity: 1 }] });
		expect(r).toEqual({
			shipment: { reference: '', orderId: 1001, wmsOrderId: '', packages: [{ trackingNumber: 'T', carrier: 'UPS', service: '', shippedAt: '', lines: [{ sku: 'MUG', quantity: 1 }] }] },
		});
	});

	it('keeps quantity 0 and negatives for the per-line check', () => {
		const r = parseShipmentItem({ reference: 'BC-1', packages: [{ ...pkg, lines: [{ sku: 'MUG', quantity: 0 }, { sku: 'TEE', quantity: -2 }] }] });
		expect('shipment' in r && r.shipment.packages[0].lines.map((l) => l.quantity)).toEqual([0, -2]);
	});

	it.each([
		[null, /not a Shipment object/],
		[[], /not a Shipment object/],
		[{ packages: [pkg] }, /neither 'reference' nor 'orderId'/],
		[{ reference: 'BC-1' }, /no packages/],
		[{ reference: 'BC-1', packages: {} }, /'packages' must be a list/],
		[{ reference: 'BC-1', packages: [{ ...pkg, lines: [] }] }, /Package 1: 'lines' must be a non-empty list/],
		[{ reference: 'BC-1', packages: [{ ...pkg, lines: [{ quantity: 1 }] }] }, /line 1 has neither 'sku' nor 'orderProductId'/],
		[{ reference: 'BC-1', packages: [{ ...pkg, lines: [{ sku: 'A', quantity: 'two' }] }] }, /'quantity' must be a number/],
		[{ reference: 'BC-1', packages: [{ ...pkg, trackingNumber: {} }] }, /'trackingNumber' must be text/],
		[{ reference: 'BC-1', orderId: -4, packages: [pkg] }, /'orderId' must be a positive whole number/],
	])('rejects %j', (raw, message) => {
		const r = parseShipmentItem(raw);
		expect('error' in r && r.error).toMatch(message);
	});

	it('a closed order without packages is valid', () => {
		expect(parseShipmentItem({ reference: 'BC-1', closedWithoutPackages: true })).toEqual({
			shipment: { reference: 'BC-1', wmsOrderId: '', packages: [], closedWithoutPackages: true },
		});
	});
});
