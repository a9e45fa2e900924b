/** Warehouse Time Zone: a searchable list of IANA zones, UTC by default; values stored before the list keep working. */
import { ExtensivWarehouseManagerApi } from '../../../credentials/ExtensivWarehouseManagerApi.credentials';
import { TIME_ZONES } from '../../../credentials/timeZones';
import { extensivSettings } from '../../../nodes/shared/wms/extensiv/adapter';
import type { WmsContext } from '../../../nodes/shared/wms/request';

const field = new ExtensivWarehouseManagerApi().properties.find((p) => p.name === 'warehouseTimeZone')!;
const ctx = { getNode: () => ({ name: 'WMS Deliver' }) } as unknown as WmsContext;
const settings = (warehouseTimeZone: unknown) => extensivSettings(ctx, { customerId: 1, facilityId: 2, warehouseTimeZone } as never);

describe('Warehouse Time Zone', () => {
	it('is an options list (the editor filters it as you type), UTC by default', () => {
		expect(field.type).toBe('options');
		expect(field.default).toBe('UTC');
		const values = (field.options as Array<{ name: string; value: string }>).map((o) => o.value);
		expect(values).toEqual([...TIME_ZONES]);
		expect(values[0]).toBe('UTC');
		for (const zone of ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London', 'Europe/Kyiv', 'Europe/Kiev', 'Asia/Kolkata', 'US/Central'])
			expect(values).toContain(zone);
		expect(new Set(values).size).toBe(values.length);
		const option = (field.options as Array<{ name: string; value: string }>).find((o) => o.value === 'America/New_York');
		expect(option?.name).toBe('America/New York');
	});

	it('lists only zones this Node accepts (the generated list is checked, see scripts/generate-time-zones.ts)', () => {
		for (const zone of TIME_ZONES) expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone })).not.toThrow();
	});

	it('values stored before the list (free text) keep working, including aliases not in the list', () => {
		for (const zone of ['UTC', 'America/Chicago', 'Etc/GMT+5', 'America/Indianapolis', 'US/Central', ' Europe/Berlin ']) {
			expect(settings(zone).warehouseTimeZone).toBe(zone.trim());
		}
		expect(settings('').warehouseTimeZone).toBe('UTC');
		expect(settings(undefined).warehouseTimeZone).toBe('UTC');
		expect(() => settings('Central Time')).toThrow(/Warehouse Time Zone "Central Time" is not an IANA time zone/);
	});
});
