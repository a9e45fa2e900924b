/**
 * The WMS read cursor of Confirm Shipment, kept in the node's static data. Each run re-reads an overlap window
 * before the cursor (WMS clocks and time zones drift, and orders modified mid-scan must not be skipped) and drops
 * what it already handled, keyed by (WMS order id, modification time): an order the WMS modifies again is read again.
 */
import type { IDataObject } from 'n8n-workflow';

export interface CursorState {
	/** ISO time: every WMS order modified before it (minus the overlap) has been handled. */
	cursor?: string;
	/** `wmsOrderId|modifiedAt` -> modifiedAt, for orders handled inside the overlap window. */
	seen: Record<string, string>;
}

export const SEEN_LIMIT = 5000;

export function seenKey(wmsOrderId: string, modifiedAt: string): string {
	return `${wmsOrderId}|${modifiedAt}`;
}

export function readCursor(staticData: IDataObject): CursorState {
	const cursor = typeof staticData.cursor === 'string' ? staticData.cursor : undefined;
	const seen = staticData.seen && typeof staticData.seen === 'object' ? (staticData.seen as Record<string, string>) : {};
	return { cursor, seen: { ...seen } };
}

/** Where to start reading: cursor minus overlap, or `now - initialLookback` on the first run. */
export function sinceOf(state: CursorState, now: Date, overlapMs: number, initialLookbackMs: number): string {
	const base = state.cursor ? Date.parse(state.cursor) - overlapMs : now.getTime() - initialLookbackMs;
	return new Date(Number.isFinite(base) ? base : now.getTime() - initialLookbackMs).toISOString();
}

/**
 * The new state after a run. `handled` orders are remembered; orders that failed for a reason a rerun may fix hold
 * the cursor at their modification time so that they are read again.
 */
export function advanceCursor(
	state: CursorState,
	listed: Array<{ wmsOrderId: string; modifiedAt: string }>,
	handled: Array<{ wmsOrderId: string; modifiedAt: string }>,
	retry: Array<{ modifiedAt: string }>,
	overlapMs: number,
): CursorState {
	const time = (iso: string) => {
		const t = Date.parse(iso);
		return Number.isFinite(t) ? t : undefined;
	};
	let next = state.cursor ? time(state.cursor) : undefined;
	for (const o of listed) {
		const t = time(o.modifiedAt);
		if (t !== undefined && (next === undefined || t > next)) next = t;
	}
	for (const o of retry) {
		const t = time(o.modifiedAt);
		if (t !== undefined && next !== undefined && t < next) next = t;
	}
	const seen = { ...state.seen };
	for (const o of handled) seen[seenKey(o.wmsOrderId, o.modifiedAt)] = o.modifiedAt;
	if (next !== undefined) {
		const floor = next - overlapMs;
		for (const [key, at] of Object.entries(seen)) {
			const t = time(at);
			if (t === undefined || t < floor) delete seen[key];
		}
	}
	const keys = Object.keys(seen);
	if (keys.length > SEEN_LIMIT) {
		keys
			.sort((a, b) => (time(seen[a]) ?? 0) - (time(seen[b]) ?? 0))
			.slice(0, keys.length - SEEN_LIMIT)
			.forEach((k) => delete seen[k]);
	}
	return { cursor: next === undefined ? state.cursor : new Date(next).toISOString(), seen };
}

export function writeCursor(staticData: IDataObject, state: CursorState): void {
	if (state.cursor) staticData.cursor = state.cursor;
	staticData.seen = state.seen;
}
