/**
 * The status re-check right before creating (issue 14 item 1): what the current BigCommerce status of an order means
 * for it. WMS Deliver reads the statuses (nodes/WmsDeliver/readOrderStatuses.ts).
 */
import { isKnownStatus, statusName, AWAITING_FULFILLMENT } from '../bigcommerce/statuses';
import type { Order } from '../model';
import type { DeliverSettings, StillToDeliver } from './types';

/** What the current status means for an order: deliver it, only report it if already in the warehouse, or skip it. */
export type StatusVerdict = { kind: 'deliver' } | { kind: 'lookOnly'; current: number } | { kind: 'skip'; current?: number; reason: string };

/** The statuses in which the order is still to deliver (an item without a known status: Awaiting Fulfillment). */
export function statusesToDeliver(order: Order, rule: StillToDeliver): number[] {
	if (rule !== 'asReceived') return rule;
	return isKnownStatus(order.status.id) ? [order.status.id] : [AWAITING_FULFILLMENT];
}

export function statusVerdict(order: Order, settings: DeliverSettings, current: number | undefined): StatusVerdict {
	if (settings.statusCheck === undefined) return { kind: 'deliver' };
	const id = order.orderId;
	if (current === undefined) {
		return { kind: 'skip', reason: `Order ${id} was not sent to the warehouse: BigCommerce no longer has it (deleted or archived) right before creating.` };
	}
	const wanted = statusesToDeliver(order, settings.statusCheck);
	if (wanted.includes(current)) return { kind: 'deliver' };
	// The status this node sets after delivery: an earlier run delivered it (then it is `exists`), or a person moved it.
	if (current === settings.statusAfterDelivery) return { kind: 'lookOnly', current };
	return { kind: 'skip', current, reason: skipReason(order, current, wanted) };
}

function skipReason(order: Order, current: number, wanted: number[]): string {
	const was = order.status.name || statusName(order.status.id);
	const since = isKnownStatus(order.status.id) && order.status.id !== current ? ` (it was ${was} when it was read)` : '';
	const still = wanted.map(statusName).join(' or ');
	return `Order ${order.orderId} is ${statusName(current)} in BigCommerce now${since}: not sent to the warehouse. Only orders still ${still} are delivered (Re-Check Status Before Creating).`;
}

/** A look-only order that is not in the warehouse: someone moved it on without it being delivered. */
export function movedOnReason(order: Order, current: number): string {
	return `Order ${order.orderId} is ${statusName(current)} in BigCommerce now but not in the warehouse: it was moved on without being delivered, so it was not sent (Re-Check Status Before Creating).`;
}
