import { destinationReference, orderReference, parseReference } from '../../nodes/shared/reference';

describe('WMS references', () => {
	it('builds order and destination references that never end in -<digits>', () => {
		expect(orderReference('BC-', 1001)).toBe('BC-1001');
		expect(destinationReference('BC-1001', 0)).toBe('BC-1001');
		expect(destinationReference('BC-1001', 1)).toBe('BC-1001/2');
		expect(destinationReference('1001', 2)).toBe('1001/3');
	});

	it('parses plain, multi-destination and split references', () => {
		expect(parseReference('BC-1001', 'BC-')).toEqual({ orderId: 1001, destinationIndex: 0, baseReference: 'BC-1001' });
		expect(parseReference('BC-1001/2', 'BC-')).toEqual({ orderId: 1001, destinationIndex: 1, baseReference: 'BC-1001/2' });
		expect(parseReference('BC-1001-2', 'BC-')).toEqual({
			orderId: 1001,
			destinationIndex: 0,
			baseReference: 'BC-1001',
			splitPart: 2,
		});
		expect(parseReference('BC-1001/2-1', 'BC-')).toMatchObject({ orderId: 1001, destinationIndex: 1, splitPart: 1 });
		expect(parseReference('1001', '')).toMatchObject({ orderId: 1001, destinationIndex: 0 });
	});

	it('rejects references that are not ours', () => {
		expect(parseReference('XX-1001', 'BC-')).toBeUndefined();
		expect(parseReference('BC-abc', 'BC-')).toBeUndefined();
		expect(parseReference('BC-0', 'BC-')).toBeUndefined();
		expect(parseReference('BC-1001/0', 'BC-')).toBeUndefined();
	});
});
