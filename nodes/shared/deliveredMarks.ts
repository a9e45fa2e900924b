/**
 * Delivered orders recorded in the workflow's global static data (model.ts DELIVERED_STATIC_KEY): WMS Deliver
 * writes a mark per delivered order, the Orders Trigger in the same workflow reads them to stop offering those
 * orders again and prunes them. One bound for both: marks older than DELIVERED_RETENTION_MS are dropped and at most
 * MAX_DELIVERED_ENTRIES are kept (newest win).
 */
import type { IDataObject } from 'n8n-workflow';
import { DELIVERED_STATIC_KEY } from './model';

export const DELIVERED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_DELIVERED_ENTRIES = 5000;

export function markDelivered(staticData: IDataObject, orderIds: number[], now: Date): void {
	const current = staticData[DELIVERED_STATIC_KEY];
	const marks: Record<string, string> =
		typeof current === 'object' && current !== null && !Array.isArray(current) ? { ...(current as Record<string, string>) } : {};
	const at = now.toISOString();
	for (const id of orderIds) marks[String(id)] = at;

	const oldest = now.getTime() - DELIVERED_RETENTION_MS;
	const kept = Object.entries(marks)
		.map(([id, iso]) => [id, iso, Date.parse(iso)] as const)
		.filter(([, , time]) => Number.isFinite(time) && time >= oldest)
		.sort((a, b) => b[2] - a[2])
		.slice(0, MAX_DELIVERED_ENTRIES);
	staticData[DELIVERED_STATIC_KEY] = Object.fromEntries(kept.map(([id, iso]) => [id, iso]));
}
