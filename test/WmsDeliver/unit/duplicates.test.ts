/** The WMS duplicate guard (nodes/shared/wms/duplicates.ts) and the process-wide keyed lock. */
import { byLowestId, keepOne, type KeepOneDeps } from '../../../nodes/shared/wms/duplicates';
import { lockedKeyCount, withKeyLock } from '../../../nodes/shared/keyedLock';
import type { WmsOrderRef } from '../../../nodes/shared/wms/adapter';

const ref = (id: string, status: WmsOrderRef['status'] = 'open'): WmsOrderRef => ({ wmsOrderId: id, reference: 'BC-1', status });

function fakeWms(orders: WmsOrderRef[], refuse: string[] = []) {
	const cancelled: string[] = [];
	const deps: KeepOneDeps = {
		activeOrders: async () => orders.filter((o) => o.status !== 'cancelled'),
		cancelOrder: async (id) => {
			if (refuse.includes(id)) throw new Error(`order ${id} is closed`);
			cancelled.push(id);
			orders.find((o) => o.wmsOrderId === id)!.status = 'cancelled';
		},
		cannotCancel: (reference, kept, twin) => new Error(`${reference}: cancel ${twin} by hand, keep ${kept}`),
	};
	return { deps, cancelled };
}

describe('keepOne: the lowest WMS order id stays, twins are cancelled', () => {
	it('ours is the lowest: created, the other run\'s twin cancelled', async () => {
		const wms = fakeWms([ref('12'), ref('9'), ref('100')]);
		const result = await keepOne('BC-1', '9', wms.deps);
		expect(result).toMatchObject({ wmsOrderId: '9', outcome: 'created' });
		expect(wms.cancelled).toEqual(['12', '100']);
		expect(result.note).toMatch(/Duplicate WMS order 12, 100 from an overlapping run was cancelled/);
	});

	it('ours is a twin: cancelled, the result is "exists" naming the order that stays', async () => {
		const wms = fakeWms([ref('9'), ref('12')]);
		const result = await keepOne('BC-1', '12', wms.deps);
		expect(result).toMatchObject({ wmsOrderId: '9', outcome: 'exists' });
		expect(wms.cancelled).toEqual(['12']);
		expect(result.note).toMatch(/this run's WMS order 12 was cancelled as the duplicate/);
	});

	it('ours already cancelled by the other run: "exists", nothing to cancel', async () => {
		const wms = fakeWms([ref('9'), ref('12', 'cancelled')]);
		expect(await keepOne('BC-1', '12', wms.deps)).toMatchObject({ wmsOrderId: '9', outcome: 'exists' });
		expect(wms.cancelled).toEqual([]);
	});

	it('a twin that cannot be cancelled is an error naming both orders', async () => {
		const wms = fakeWms([ref('9'), ref('12')], ['12']);
		await expect(keepOne('BC-1', '9', wms.deps)).rejects.toThrow('BC-1: cancel 12 by hand, keep 9');
	});

	it('a lookup that fails after the create keeps the created order and says so', async () => {
		const deps: KeepOneDeps = { ...fakeWms([]).deps, activeOrders: async () => await Promise.reject(new Error('HTTP 503')) };
		const result = await keepOne('BC-1', '9', deps);
		expect(result).toMatchObject({ wmsOrderId: '9', outcome: 'created' });
		expect(result.note).toMatch(/failed \(HTTP 503\)/);
	});

	it('not listed yet after the create: what the warehouse answered stands', async () => {
		expect(await keepOne('BC-1', '9', fakeWms([]).deps)).toEqual({ wmsOrderId: '9', outcome: 'created' });
	});

	it('sorts numeric ids numerically and drops cancelled ones', () => {
		expect(byLowestId([ref('100'), ref('9'), ref('10', 'cancelled'), ref('12')]).map((o) => o.wmsOrderId)).toEqual(['9', '12', '100']);
	});
});

describe('withKeyLock', () => {
	it('runs holders of one key one after the other (also after a failure), other keys in parallel', async () => {
		const events: string[] = [];
		const step = (name: string, ms: number, fail = false) => async () => {
			events.push(`${name} start`);
			await new Promise((r) => setTimeout(r, ms));
			events.push(`${name} end`);
			if (fail) throw new Error(name);
		};
		await Promise.allSettled([
			withKeyLock('a', step('a1', 10, true)),
			withKeyLock('a', step('a2', 1)),
			withKeyLock('b', step('b1', 1)),
		]);
		expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'));
		expect(events.indexOf('b1 start')).toBeLessThan(events.indexOf('a1 end'));
		expect(lockedKeyCount()).toBe(0);
	});
});
