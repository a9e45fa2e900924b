/** WMS Deliver's batches (batches.ts) and the status re-check's rules (statusCheck.ts), without any HTTP. */
import { batchesOf, deliverInBatches } from '../../../nodes/WmsDeliver/batches';
import { planOrder, type DeliverDeps, type OrderDelivery, type PlannedOrder } from '../../../nodes/shared/delivery/deliverOrder';
import { statusVerdict } from '../../../nodes/shared/delivery/statusCheck';
import { idGroups } from '../../../nodes/WmsDeliver/readOrderStatuses';
import type { DeliverSettings } from '../../../nodes/shared/delivery/types';
import type { Order } from '../../../nodes/shared/model';
import { describeError } from '../../../nodes/shared/errors';
import { FakeAdapter, address, destination, line, order, settings } from './fixtures';

const orderN = (id: number, addresses = 1): Order =>
	order({
		orderId: id,
		reference: `BC-${id}`,
		destinations: Array.from({ length: addresses }, (_, i) => destination([line('MUG-RED', 1)], { addressId: i + 1, address: address({ street1: `${i + 1} Main St` }) })),
	});

function planned(o: Order, s: DeliverSettings = settings()): { plan: PlannedOrder } {
	const p = planOrder(o, s);
	if ('held' in p) throw new Error('held');
	return { plan: p.plan };
}

describe('batchesOf', () => {
	it('at most 100 references a batch, an order\'s addresses together, a repeated reference in the next batch', () => {
		const items = [...Array.from({ length: 99 }, (_, i) => planned(orderN(i + 1))), planned(orderN(500, 2)), planned(orderN(501)), planned(orderN(1))];
		const batches = batchesOf(items).map((b) => b.flatMap((x) => x.plan.prepared.map((p) => p.reference)));
		expect(batches.map((b) => b.length)).toEqual([99, 4]);
		expect(batches[1]).toEqual(['BC-500', 'BC-500/2', 'BC-501', 'BC-1']);
		const again = batchesOf([planned(orderN(1)), planned(orderN(2)), planned(orderN(1))]);
		expect(again.map((b) => b.map((x) => x.plan.order.orderId))).toEqual([[1, 2], [1]]);
	});
});

describe('idGroups: the status re-read spans fewer than 250 ids per request', () => {
	it('groups close ids, splits far ones, ignores repeats', () => {
		expect(idGroups([5, 3, 3, 252, 253, 1000])).toEqual([[3, 5, 252], [253], [1000]]);
		expect(idGroups(Array.from({ length: 100 }, (_, i) => 1000 + i))).toHaveLength(1);
	});
});

describe('statusVerdict', () => {
	const o = order();
	it('still in the status it was read in: deliver; the status set after delivery: look only; anything else: skip', () => {
		const s = settings({ statusCheck: 'asReceived', statusAfterDelivery: 9 });
		expect(statusVerdict(o, s, 11)).toEqual({ kind: 'deliver' });
		expect(statusVerdict(o, s, 9)).toEqual({ kind: 'lookOnly', current: 9 });
		const cancelled = statusVerdict(o, s, 5);
		expect(cancelled).toMatchObject({ kind: 'skip', current: 5 });
		expect(cancelled.kind === 'skip' && cancelled.reason).toBe(
			'Order 1001 is Cancelled in BigCommerce now (it was Awaiting Fulfillment when it was read): not sent to the warehouse. Only orders still Awaiting Fulfillment are delivered (Re-Check Status Before Creating).',
		);
		expect(statusVerdict(o, s, undefined)).toMatchObject({ kind: 'skip', reason: expect.stringContaining('BigCommerce no longer has it') });
	});
	it('listed statuses replace the item\'s status; an item without a known status counts as Awaiting Fulfillment; off delivers', () => {
		expect(statusVerdict(o, settings({ statusCheck: [11, 12] }), 12)).toEqual({ kind: 'deliver' });
		expect(statusVerdict(order({ status: { id: -1, name: '' } }), settings({ statusCheck: 'asReceived' }), 11)).toEqual({ kind: 'deliver' });
		expect(statusVerdict(o, settings({ statusCheck: undefined }), 5)).toEqual({ kind: 'deliver' });
	});
});

describe('deliverInBatches', () => {
	it('one status read and one batch create per 100 references, write-backs per order, skipped orders not written back', async () => {
		const adapter = new FakeAdapter();
		const reads: number[][] = [];
		const writes: number[] = [];
		const deps: DeliverDeps = {
			adapter,
			describeError,
			setOrderStatus: async (id) => {
				writes.push(id);
			},
			readStatuses: async (ids) => {
				reads.push(ids);
				return new Map(ids.map((id) => [id, id === 7 ? 5 : 11]));
			},
		};
		const items = Array.from({ length: 250 }, (_, i) => planned(orderN(i + 1), settings({ statusCheck: 'asReceived' })));
		const done = new Map<number, OrderDelivery>();
		await deliverInBatches(items, deps, 4, (item, delivery) => done.set(item.plan.order.orderId, delivery));
		expect(reads.map((r) => r.length)).toEqual([100, 100, 50]);
		expect(adapter.batches.map((b) => b.length)).toEqual([99, 100, 50]);
		expect(done.size).toBe(250);
		expect(done.get(7)).toMatchObject({ delivered: false, results: [{ outcome: 'skipped', bigCommerceStatus: { id: 5, name: 'Cancelled' } }] });
		expect(writes.sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1).filter((id) => id !== 7));
	});
});
