import { advanceCursor, readCursor, seenKey, sinceOf, writeCursor, SEEN_LIMIT } from '../../../nodes/ConfirmShipment/cursor';

const H = 3_600_000;
const o = (id: string, at: string) => ({ wmsOrderId: id, modifiedAt: at });

describe('WMS cursor', () => {
	it('first run looks back; later runs re-read the overlap', () => {
		const now = new Date('2026-01-10T12:00:00Z');
		expect(sinceOf({ seen: {} }, now, H, 24 * H)).toBe('2026-01-09T12:00:00.000Z');
		expect(sinceOf({ cursor: '2026-01-10T10:00:00.000Z', seen: {} }, now, H, 24 * H)).toBe('2026-01-10T09:00:00.000Z');
	});

	it('moves to the newest order, remembers handled ones, and prunes beyond the overlap', () => {
		const state = { cursor: '2026-01-10T08:00:00.000Z', seen: { [seenKey('old', '2026-01-10T06:00:00.000Z')]: '2026-01-10T06:00:00.000Z' } };
		const listed = [o('a', '2026-01-10T09:00:00.000Z'), o('b', '2026-01-10T10:00:00.000Z')];
		const next = advanceCursor(state, listed, listed, [], H);
		expect(next.cursor).toBe('2026-01-10T10:00:00.000Z');
		expect(Object.keys(next.seen).sort()).toEqual([seenKey('a', '2026-01-10T09:00:00.000Z'), seenKey('b', '2026-01-10T10:00:00.000Z')]);
	});

	it('holds the cursor at the earliest order to retry', () => {
		const listed = [o('a', '2026-01-10T09:00:00.000Z'), o('b', '2026-01-10T10:00:00.000Z')];
		const next = advanceCursor({ seen: {} }, listed, [listed[1]], [listed[0]], H);
		expect(next.cursor).toBe('2026-01-10T09:00:00.000Z');
		expect(Object.keys(next.seen)).toEqual([seenKey('b', '2026-01-10T10:00:00.000Z')]);
	});

	it('never moves back when nothing was listed', () => {
		expect(advanceCursor({ cursor: '2026-01-10T10:00:00.000Z', seen: {} }, [], [], [], H).cursor).toBe('2026-01-10T10:00:00.000Z');
	});

	it('bounds the seen set', () => {
		const at = '2026-01-10T10:00:00.000Z';
		const listed = Array.from({ length: SEEN_LIMIT + 10 }, (_, i) => o(`w${i}`, at));
		expect(Object.keys(advanceCursor({ seen: {} }, listed, listed, [], H).seen)).toHaveLength(SEEN_LIMIT);
	});

	it('round-trips through static data', () => {
		const data: Record<string, unknown> = {};
		writeCursor(data as never, { cursor: '2026-01-10T10:00:00.000Z', seen: { k: '2026-01-10T10:00:00.000Z' } });
		expect(readCursor(data as never)).toEqual({ cursor: '2026-01-10T10:00:00.000Z', seen: { k: '2026-01-10T10:00:00.000Z' } });
		expect(readCursor({})).toEqual({ cursor: undefined, seen: {} });
	});
});
