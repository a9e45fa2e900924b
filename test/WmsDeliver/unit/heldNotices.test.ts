/**
 * heldNotices.ts: which results need a person (failed; a hold not reported before), and the bounded record of
 * reported holds in static data (refreshed while a hold lasts, forgotten on delivery, after 30 days unseen, and
 * beyond the maximum).
 */
import type { IDataObject } from 'n8n-workflow';
import { HELD_NOTICE_RETENTION_MS, HELD_NOTICES_STATIC_KEY, heldNoticeKey, markNeedsAttention, MAX_HELD_NOTICES } from '../../../nodes/WmsDeliver/heldNotices';
import type { DeliverResult } from '../../../nodes/shared/delivery/types';

const result = (orderId: number | null, outcome: DeliverResult['outcome'], reason = `reason of ${orderId}`): DeliverResult => ({
	orderId,
	reference: String(orderId),
	destinationIndex: 0,
	wmsOrderId: null,
	outcome,
	reason,
});
const notices = (data: IDataObject) => data[HELD_NOTICES_STATIC_KEY] as Record<string, string>;

describe('markNeedsAttention', () => {
	const t0 = new Date('2026-03-01T10:00:00Z');
	const later = (ms: number) => new Date(t0.getTime() + ms);

	it('flags failed and new holds; a repeated hold is not flagged again; a new reason is', () => {
		const data: IDataObject = {};
		const first = [result(1, 'created'), result(2, 'exists'), result(3, 'held'), result(4, 'failed')];
		markNeedsAttention(data, first, [1, 2], t0);
		expect(first.map((r) => r.needsAttention)).toEqual([false, false, true, true]);
		expect(Object.keys(notices(data))).toEqual([heldNoticeKey(3, 'reason of 3')]);

		const again = [result(3, 'held'), result(4, 'failed'), result(3, 'held', 'another reason')];
		markNeedsAttention(data, again, [], later(30 * 60000));
		expect(again.map((r) => r.needsAttention)).toEqual([false, true, true]);
	});

	it('flags the same hold once within one run (two destinations with one reason)', () => {
		const data: IDataObject = {};
		const results = [result(7, 'held', 'same'), result(7, 'held', 'same')];
		markNeedsAttention(data, results, [], t0);
		expect(results.map((r) => r.needsAttention)).toEqual([true, false]);
	});

	it('keeps a hold while it lasts, forgets it on delivery or after the retention unseen, and stays bounded', () => {
		const data: IDataObject = {};
		markNeedsAttention(data, [result(1, 'held'), result(2, 'held')], [], t0);
		// Order 1 is seen again just before the retention ends: its entry is refreshed; order 2 is not seen and expires.
		markNeedsAttention(data, [result(1, 'held')], [], later(HELD_NOTICE_RETENTION_MS - 1000));
		markNeedsAttention(data, [], [], later(HELD_NOTICE_RETENTION_MS + 1000));
		expect(Object.keys(notices(data))).toEqual([heldNoticeKey(1, 'reason of 1')]);
		const seen = [result(1, 'held')];
		markNeedsAttention(data, seen, [], later(HELD_NOTICE_RETENTION_MS + 2000));
		expect(seen[0].needsAttention).toBe(false);
		markNeedsAttention(data, [result(1, 'created')], [1], later(HELD_NOTICE_RETENTION_MS + 3000));
		expect(notices(data)).toEqual({});

		const many = Array.from({ length: MAX_HELD_NOTICES + 10 }, (_, i) => result(1000 + i, 'held'));
		markNeedsAttention(data, many, [], t0);
		expect(Object.keys(notices(data))).toHaveLength(MAX_HELD_NOTICES);
	});

	it('does not write static data when there is nothing to record', () => {
		const data: IDataObject = {};
		markNeedsAttention(data, [result(1, 'created'), result(2, 'failed')], [1], t0);
		expect(HELD_NOTICES_STATIC_KEY in data).toBe(false);
	});
});
