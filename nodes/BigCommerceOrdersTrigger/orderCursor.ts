/**
 * The Orders Trigger's bookkeeping in workflow static data: nothing is lost (an emitted order stays pending until it
 * is known to be delivered) and the state stays bounded (docs/architecture.md, "Exactly once").
 *
 * Per selected status a cursor on `date_modified`: in normal mode the next poll re-reads from `cursor - overlap`;
 * when a poll stopped early (maximum orders per poll), the next one resumes at the exact list position instead.
 * `seen` holds the (order id, date_modified) pairs already handled inside the re-read window, `pending` the orders
 * emitted but not yet known to be delivered. All times are epoch milliseconds; every map is capped.
 */
import { DELIVERED_RETENTION_MS, MAX_DELIVERED_ENTRIES } from '../shared/deliveredMarks';

/** How far back each poll re-reads, for orders committed late or modified within the same second. */
export const OVERLAP_MS = 2 * 60 * 1000;
export const PAGE_SIZE = 250;
export const MAX_SEEN = 5000;
export const MAX_PENDING = 5000;

/** A place in the list `status_id=S & min_date_modified=minDm & sort=date_modified:asc`. */
export interface ScanPosition {
	/** Epoch ms; undefined = from the start of the list (first poll of a status). */
	minDm?: number;
	/** Rows of that list already handled. */
	offset: number;
}

export interface StatusCursor {
	/** Highest date_modified fully handled (normal mode). */
	cursor?: number;
	/** Set when the last poll stopped before the end of the list. */
	resume?: ScanPosition;
}

export interface PendingEntry {
	/** When it was last emitted (trigger clock). */
	emittedAt: number;
	/** date_modified of the version emitted. */
	dm: number;
	/** How many times it was emitted. */
	emits: number;
}

export interface TriggerState {
	version: 1;
	/** Filters the cursors were built with; a change restarts the cursors. */
	filterKey: string;
	statuses: Record<string, StatusCursor>;
	/** order id -> date_modified of the version handled (emitted or skipped). */
	seen: Record<string, number>;
	pending: Record<string, PendingEntry>;
}

function isNum(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v);
}

function numMap(raw: unknown): Record<string, number> {
	const out: Record<string, number> = {};
	if (raw && typeof raw === 'object') {
		for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (isNum(v)) out[k] = v;
	}
	return out;
}

/** Reads the state from static data, dropping anything malformed (static data is user-editable JSON). */
export function loadState(raw: unknown, filterKey: string): TriggerState {
	const fresh: TriggerState = { version: 1, filterKey, statuses: {}, seen: {}, pending: {} };
	if (!raw || typeof raw !== 'object') return fresh;
	const s = raw as Partial<Record<keyof TriggerState, unknown>>;
	if (s.version !== 1) return fresh;
	const pending: Record<string, PendingEntry> = {};
	if (s.pending && typeof s.pending === 'object') {
		for (const [id, p] of Object.entries(s.pending as Record<string, Partial<PendingEntry>>)) {
			if (p && isNum(p.emittedAt) && isNum(p.dm)) pending[id] = { emittedAt: p.emittedAt, dm: p.dm, emits: isNum(p.emits) ? p.emits : 1 };
		}
	}
	const statuses: Record<string, StatusCursor> = {};
	if (s.filterKey === filterKey && s.statuses && typeof s.statuses === 'object') {
		for (const [id, c] of Object.entries(s.statuses as Record<string, Partial<StatusCursor>>)) {
			if (!c || typeof c !== 'object') continue;
			const cursor: StatusCursor = {};
			if (isNum(c.cursor)) cursor.cursor = c.cursor;
			if (c.resume && typeof c.resume === 'object' && isNum(c.resume.offset) && c.resume.offset >= 0) {
				cursor.resume = { offset: Math.floor(c.resume.offset) };
				if (isNum(c.resume.minDm)) cursor.resume.minDm = c.resume.minDm;
			}
			statuses[id] = cursor;
		}
	}
	return { version: 1, filterKey, statuses, seen: numMap(s.seen), pending };
}

/** Where a status's scan starts this poll. */
export function startPosition(cursor: StatusCursor | undefined): ScanPosition {
	if (cursor?.resume) return { ...cursor.resume };
	if (cursor?.cursor !== undefined) return { minDm: cursor.cursor - OVERLAP_MS, offset: 0 };
	return { offset: 0 };
}

/**
 * The page that holds row `offset` (page size 250). When the page starts before `offset`, its first row is one we
 * have already handled: if it is not, rows moved (orders left the list) and the caller restarts the position.
 */
export function pageFor(offset: number): { page: number; firstRowIsKnown: boolean } {
	const page = Math.floor(offset / PAGE_SIZE) + 1;
	return { page, firstRowIsKnown: offset % PAGE_SIZE !== 0 };
}

/** Keeps the newest `max` entries by value. */
export function capByValue<T>(map: Record<string, T>, max: number, value: (v: T) => number): Record<string, T> {
	const entries = Object.entries(map);
	if (entries.length <= max) return map;
	entries.sort((a, b) => value(b[1]) - value(a[1]));
	return Object.fromEntries(entries.slice(0, max));
}

/** Drops `seen` entries no poll can re-read any more (older than every status's next start), then caps. */
export function pruneSeen(state: TriggerState): void {
	const starts = Object.values(state.statuses).map((c) => startPosition(c).minDm);
	if (starts.length === 0 || starts.some((m) => m === undefined)) {
		state.seen = capByValue(state.seen, MAX_SEEN, (v) => v);
		return;
	}
	const oldest = Math.min(...(starts as number[])) - 1000;
	const kept: Record<string, number> = {};
	for (const [id, dm] of Object.entries(state.seen)) if (dm >= oldest || state.pending[id]) kept[id] = dm;
	state.seen = capByValue(kept, MAX_SEEN, (v) => v);
}

/** Delivered markers written by WMS Deliver: Record<order id, ISO time>. */
export type DeliveredMap = Record<string, unknown>;

export function deliveredAt(delivered: DeliveredMap | undefined, orderId: string): number | undefined {
	const v = delivered?.[orderId];
	if (typeof v === 'string') {
		const ms = Date.parse(v);
		return Number.isFinite(ms) ? ms : 0;
	}
	if (isNum(v)) return v;
	return v === undefined || v === null ? undefined : 0;
}

/** Removes old markers of orders that are not pending, and caps the map (the bounds of ../shared/deliveredMarks.ts) (mutates it: it is n8n's static data). */
export function pruneDelivered(delivered: DeliveredMap, pending: Record<string, PendingEntry>, now: number): void {
	const entries = Object.keys(delivered).map((id) => [id, deliveredAt(delivered, id) ?? 0] as const);
	for (const [id, at] of entries) {
		if (!pending[id] && now - at > DELIVERED_RETENTION_MS) delete delivered[id];
	}
	const left = entries.filter(([id]) => id in delivered);
	if (left.length > MAX_DELIVERED_ENTRIES) {
		left.sort((a, b) => a[1] - b[1]);
		for (const [id] of left.slice(0, left.length - MAX_DELIVERED_ENTRIES)) delete delivered[id];
	}
}
