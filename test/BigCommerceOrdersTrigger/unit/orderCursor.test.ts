import {
	capByValue,
	loadState,
	OVERLAP_MS,
	pageFor,
	pruneDelivered,
	pruneSeen,
	startPosition,
} from '../../../nodes/BigCommerceOrdersTrigger/orderCursor';
import { DELIVERED_RETENTION_MS } from '../../../nodes/shared/deliveredMarks';
import { resumeAt } from '../../../nodes/BigCommerceOrdersTrigger/orderPoll';
import { nextPosition, type ScanResult, type ScanRow } from '../../../nodes/BigCommerceOrdersTrigger/orderScan';
import { bcOrder } from './fixtures';

const T = Date.UTC(2026, 10, 20, 10, 0, 0);

describe('list positions', () => {
	it('finds the page of an offset and whether its first row must be a known one', () => {
		expect(pageFor(0)).toEqual({ page: 1, firstRowIsKnown: false });
		expect(pageFor(10)).toEqual({ page: 1, firstRowIsKnown: true });
		expect(pageFor(250)).toEqual({ page: 2, firstRowIsKnown: false });
		expect(pageFor(251)).toEqual({ page: 2, firstRowIsKnown: true });
	});

	it('jumps to the last second read when time moved on, and pages by offset inside one crowded second', () => {
		// Time moved on: skip the 3 rows already read at that second.
		expect(nextPosition({ minDm: T, offset: 0 }, 1, T + 5000, 3)).toEqual({ minDm: T + 5000, offset: 3 });
		// A whole page at the new second: start a second earlier (right for inclusive and exclusive bounds).
		expect(nextPosition({ minDm: T, offset: 0 }, 1, T + 5000, 250)).toEqual({ minDm: T + 4000, offset: 250 });
		// ...unless that is no progress: then the same list continues.
		expect(nextPosition({ minDm: T, offset: 0 }, 1, T + 1000, 250)).toEqual({ minDm: T, offset: 250 });
		// Every row at the starting second: offset paging.
		expect(nextPosition({ minDm: T, offset: 260 }, 2, T, 500)).toEqual({ minDm: T, offset: 500 });
		expect(nextPosition({ offset: 0 }, 1, T, 1)).toEqual({ minDm: T, offset: 1 });
	});

	it('starts the first poll at the beginning, a normal poll an overlap before the cursor, a cut-short one where it stopped', () => {
		expect(startPosition(undefined)).toEqual({ offset: 0 });
		expect(startPosition({ cursor: T })).toEqual({ minDm: T - OVERLAP_MS, offset: 0 });
		expect(startPosition({ cursor: T, resume: { minDm: T - 9000, offset: 12 } })).toEqual({ minDm: T - 9000, offset: 12 });
	});

	it('resumes at the exact row not yet handled', () => {
		const row = (id: number, dm: number, at: { minDm?: number; offset: number }): ScanRow => ({ order: bcOrder(id), id, dm, statusId: 11, isNew: true, at });
		const rows = [row(1, T, { minDm: T - 60000, offset: 0 }), row(2, T + 5000, { minDm: T - 60000, offset: 1 }), row(3, T + 5000, { minDm: T - 60000, offset: 2 })];
		const scan: ScanResult = { rows, exhausted: false, next: { offset: 0 }, requests: 1 };
		expect(resumeAt(scan, rows[2])).toEqual({ minDm: T + 5000, offset: 1 });
		expect(resumeAt(scan, rows[1])).toEqual({ minDm: T + 4000, offset: 0 });
		const crowd = row(9, T, { minDm: T, offset: 300 });
		expect(resumeAt({ ...scan, rows: [crowd] }, crowd)).toEqual({ minDm: T, offset: 300 });
	});
});

describe('state in static data', () => {
	it('drops malformed parts and restarts the cursors when the filters change', () => {
		const raw = {
			version: 1,
			filterKey: 'a',
			statuses: { '11': { cursor: T, resume: { minDm: T, offset: 3 } }, '9': 'junk', '7': { cursor: 'x' } },
			seen: { '1': T, '2': 'bad' },
			pending: { '5': { emittedAt: T, dm: T, emits: 2 }, '6': { emittedAt: 'no' } },
		};
		expect(loadState(raw, 'a')).toEqual({
			version: 1,
			filterKey: 'a',
			statuses: { '11': { cursor: T, resume: { minDm: T, offset: 3 } }, '7': {} },
			seen: { '1': T },
			pending: { '5': { emittedAt: T, dm: T, emits: 2 } },
		});
		expect(loadState(raw, 'b').statuses).toEqual({});
		expect(loadState(raw, 'b').pending).toHaveProperty('5');
		expect(loadState('garbage', 'a')).toEqual({ version: 1, filterKey: 'a', statuses: {}, seen: {}, pending: {} });
	});

	it('forgets seen orders no poll can re-read, keeps pending ones, and caps the maps', () => {
		const state = loadState({ version: 1, filterKey: 'k', statuses: { '11': { cursor: T } }, seen: { '1': T - OVERLAP_MS - 5000, '2': T - 1000, '3': T - OVERLAP_MS - 9000 }, pending: { '3': { emittedAt: T, dm: T, emits: 1 } } }, 'k');
		pruneSeen(state);
		expect(Object.keys(state.seen).sort()).toEqual(['2', '3']);
		expect(Object.keys(capByValue({ a: 1, b: 3, c: 2 }, 2, (v) => v)).sort()).toEqual(['b', 'c']);
	});

	it('prunes old delivered markers of orders no longer pending', () => {
		const now = T;
		const old = new Date(now - DELIVERED_RETENTION_MS - 1000).toISOString();
		const delivered: Record<string, unknown> = { '1': old, '2': old, '3': new Date(now).toISOString() };
		pruneDelivered(delivered, { '2': { emittedAt: now, dm: now, emits: 1 } }, now);
		expect(Object.keys(delivered).sort()).toEqual(['2', '3']);
	});
});
