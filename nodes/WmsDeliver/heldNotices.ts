/**
 * Which holds WMS Deliver has already reported, so a held order reaches "Needs attention" once per order and reason
 * and not again each time the Orders Trigger redelivers it (every redelivery window, 30 minutes by default).
 * Recorded in the workflow's global static data under HELD_NOTICES_STATIC_KEY as
 * Record<"orderId:hash of reason", ISO time last seen>. Bounded like the delivered marks (../shared/deliveredMarks.ts): an
 * entry is dropped once the order has not been held for that reason for HELD_NOTICE_RETENTION_MS, once the order is
 * delivered, and beyond MAX_HELD_NOTICES entries (the most recently seen win).
 */
import type { IDataObject } from 'n8n-workflow';
import type { DeliverResult } from '../shared/delivery/types';

export const HELD_NOTICES_STATIC_KEY = 'bigCommerceWmsHeldReported';
export const HELD_NOTICE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
export const MAX_HELD_NOTICES = 5000;

/** FNV-1a, 32 bit: a short stable fingerprint of a reason (the reason itself can be hundreds of characters). */
function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}

export function heldNoticeKey(orderId: number | null, reason: string): string {
	return `${orderId ?? 'none'}:${fingerprint(reason)}`;
}

function readNotices(staticData: IDataObject): Record<string, string> {
	const current = staticData[HELD_NOTICES_STATIC_KEY];
	return typeof current === 'object' && current !== null && !Array.isArray(current) ? { ...(current as Record<string, string>) } : {};
}

/**
 * Sets `needsAttention` on every result: true for `failed` and for a `held` result whose order and reason were not
 * reported before, false otherwise (`created`, `exists`, a hold already reported). Records the holds seen now (a
 * hold seen again keeps its entry fresh, so it is not reported again while it lasts) and forgets the holds of
 * `deliveredOrderIds`.
 */
export function markNeedsAttention(staticData: IDataObject, results: DeliverResult[], deliveredOrderIds: number[], now: Date): void {
	const notices = readNotices(staticData);
	const before = JSON.stringify(notices);
	const at = now.toISOString();
	const seenNow = new Set<string>();
	for (const result of results) {
		if (result.outcome !== 'held') {
			result.needsAttention = result.outcome === 'failed';
			continue;
		}
		const key = heldNoticeKey(result.orderId, result.reason);
		result.needsAttention = !(key in notices) && !seenNow.has(key);
		seenNow.add(key);
		notices[key] = at;
	}
	const delivered = new Set(deliveredOrderIds.map((id) => `${id}:`));
	const oldest = now.getTime() - HELD_NOTICE_RETENTION_MS;
	const kept = Object.entries(notices)
		.filter(([key]) => !delivered.has(key.slice(0, key.indexOf(':') + 1)))
		.map(([key, iso]) => [key, iso, Date.parse(iso)] as const)
		.filter(([, , time]) => Number.isFinite(time) && time >= oldest)
		.sort((a, b) => b[2] - a[2])
		.slice(0, MAX_HELD_NOTICES);
	const next = Object.fromEntries(kept.map(([key, iso]) => [key, iso]));
	// Only written when something changed: n8n saves a workflow's static data after a run that wrote to it.
	if (JSON.stringify(next) !== before) staticData[HELD_NOTICES_STATIC_KEY] = next;
}
