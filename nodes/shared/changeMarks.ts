/**
 * Order changes handled by WMS Order Changes, recorded in the workflow's global static data so that the Orders
 * Trigger (event "Order Changes After Hand-Off") in the same workflow stops offering them again: order id -> the
 * change key the trigger emitted. Kept 7 days, at most 5,000 entries, like the delivered marks.
 */
import type { IDataObject } from 'n8n-workflow';

export const CHANGES_HANDLED_STATIC_KEY = 'bigCommerceWmsChangesHandled';
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 5000;

export interface ChangeMark {
	key: string;
	at: string;
}

export function changeMarks(staticData: IDataObject): Record<string, ChangeMark> {
	const current = staticData[CHANGES_HANDLED_STATIC_KEY];
	return typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, ChangeMark>) : {};
}

export function markChangesHandled(staticData: IDataObject, handled: Array<{ orderId: number; key: string }>, now: Date): void {
	const marks: Record<string, ChangeMark> = { ...changeMarks(staticData) };
	for (const h of handled) marks[String(h.orderId)] = { key: h.key, at: now.toISOString() };
	const oldest = now.getTime() - RETENTION_MS;
	const kept = Object.entries(marks)
		.filter(([, m]) => m && typeof m.key === 'string' && Date.parse(m.at) >= oldest)
		.sort((a, b) => Date.parse(b[1].at) - Date.parse(a[1].at))
		.slice(0, MAX_ENTRIES);
	staticData[CHANGES_HANDLED_STATIC_KEY] = Object.fromEntries(kept) as unknown as IDataObject;
}
