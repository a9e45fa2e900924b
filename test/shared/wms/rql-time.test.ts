import { rqlAnd, rqlEq, rqlGe, rqlValue } from '../../../nodes/shared/wms/extensiv/rql';
import nock from 'nock';
import { isValidTimeZone, utcToWarehouseLocal, warehouseLocalToUtc } from '../../../nodes/shared/wms/extensiv/time';
import { embeddedList, field, fieldPath, listOf } from '../../../nodes/shared/wms/extensiv/parse';

describe('RQL builder', () => {
	it('percent-escapes the reserved characters and nothing else', () => {
		expect(rqlValue('BC-1001/2')).toBe('BC-1001/2');
		expect(rqlValue('a%b!c(d)e*f=g,h;i')).toBe('a%25b%21c%28d%29e%2Af%3Dg%2Ch%3Bi');
		expect(rqlAnd(rqlEq('referenceNum', 'X;Y'), undefined, false, rqlGe('readOnly.lastModifiedDate', '2024-01-01T00:00:00'))).toBe(
			'referenceNum==X%3BY;readOnly.lastModifiedDate=ge=2024-01-01T00:00:00',
		);
	});
});

describe('warehouse time', () => {
	it('converts UTC to wall time and back across DST changes', () => {
		expect(utcToWarehouseLocal('2024-03-10T07:59:59Z', 'America/Chicago')).toBe('2024-03-10T01:59:59');
		expect(utcToWarehouseLocal('2024-03-10T08:00:00Z', 'America/Chicago')).toBe('2024-03-10T03:00:00');
		expect(utcToWarehouseLocal('2024-07-01T12:00:00.999Z', 'Europe/Berlin')).toBe('2024-07-01T14:00:00');
		expect(warehouseLocalToUtc('2024-07-01T14:00:00', 'Europe/Berlin')).toBe('2024-07-01T12:00:00.000Z');
		expect(warehouseLocalToUtc('2024-01-15T09:05:30.25', 'America/New_York')).toBe('2024-01-15T14:05:30.250Z');
		// 01:30 happens twice on 2024-11-03 in Chicago: the earlier (CDT) instant.
		expect(warehouseLocalToUtc('2024-11-03T01:30:00', 'America/Chicago')).toBe('2024-11-03T06:30:00.000Z');
		// 02:30 does not exist on 2024-03-10 in Chicago: shifted, not dropped.
		expect(warehouseLocalToUtc('2024-03-10T02:30:00', 'America/Chicago')).toMatch(/^2024-03-10T0[78]:30:00.000Z$/);
		expect(warehouseLocalToUtc('2024-03-10T02:30:00+01:00', 'America/Chicago')).toBe('2024-03-10T01:30:00.000Z');
		expect(warehouseLocalToUtc('', 'UTC')).toBeUndefined();
		expect(warehouseLocalToUtc('yesterday', 'UTC')).toBeUndefined();
		expect(isValidTimeZone('America/Chicago')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
	});
});

describe('HAL / PascalCase parsing', () => {
	it('reads keys case-insensitively and both rel URI casings', () => {
		const order = { ReadOnly: { OrderId: 5 } };
		expect(fieldPath(order, 'readOnly.orderId')).toBe(5);
		expect(field({ TotalResults: 3 }, 'totalResults')).toBe(3);
		const a = { _embedded: { 'http://api.3plCentral.com/rels/orders/order': [{ x: 1 }] } };
		const b = { _Embedded: { 'https://api.3plcentral.com/rels/orders/order': [{ x: 2 }] } };
		expect(embeddedList(a, 'orders/order')).toEqual([{ x: 1 }]);
		expect(embeddedList(b, 'orders/order')).toEqual([{ x: 2 }]);
		expect(listOf({ ResourceList: [{ x: 3 }] }, 'orders/order', 'resourceList')).toEqual([{ x: 3 }]);
		expect(embeddedList(a, 'orders/item')).toBeUndefined();
	});
});

// nock's interceptor is process-global: release it so the next test file in this worker can install its own.
afterAll(() => nock.restore());
