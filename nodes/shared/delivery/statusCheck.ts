/**
 * The status re-check right before creating (issue 14 item 1): the current BigCommerce status of a batch of orders in
 * as few requests as the orders v2 API allows, and what it means for each order.
 *
 * Why this form: `GET /v2/orders` documents `min_id` / `max_id` (orders.v2.oas2.yml, getOrders) and no list of ids,
 * and `status_id` takes one status. The batch's order ids are grouped so that every group spans fewer than 250 ids:
 * each group is one `GET /v2/orders?min_id=A&max_id=B&sort=id:asc&limit=250` that cannot hold more than 250 orders,
 * so one page answers it. Orders of a run are usually close together (one request per batch of 100); ids far apart
 * cost one request per group, never more than one per order. An order the list does not return (the list leaves out
 * archived orders) is read alone (`GET /v2/orders/{id}`); undefined when BigCommerce no longer has it.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { getOrder, ORDER_PAGE_SIZE } from '../bigcommerce/orders';
import { isKnownStatus, statusName, AWAITING_FULFILLMENT } from '../bigcommerce/statuses';
import { bcRequest } from '../bigcommerce/transport';
import type { Order } from '../model';
import type { DeliverSettings, StillToDeliver } from './types';

/** Sorted unique ids in groups whose span (last - first) is below `span`. */
export function idGroups(ids: number[], span = ORDER_PAGE_SIZE): number[][] {
	const groups: number[][] = [];
	for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
		const current = groups[groups.length - 1];
		if (current && id - current[0] < span) current.push(id);
		else groups.push([id]);
	}
	return groups;
}

/** Current status id per order id; undefined when BigCommerce no longer has the order (deleted or archived). */
export async function readOrderStatuses(ctx: IExecuteFunctions, orderIds: number[]): Promise<Map<number, number | undefined>> {
	const statuses = new Map<number, number | undefined>();
	for (const group of idGroups(orderIds)) {
		const rows = await bcRequest.call(ctx, {
			method: 'GET',
			version: 'v2',
			path: '/orders',
			qs: { min_id: group[0], max_id: group[group.length - 1], sort: 'id:asc', limit: ORDER_PAGE_SIZE, page: 1 },
			resource: group.length === 1 ? `order ${group[0]}` : `orders ${group[0]} to ${group[group.length - 1]}`,
		});
		const wanted = new Set(group);
		for (const row of Array.isArray(rows) ? (rows as Array<{ id?: unknown; status_id?: unknown }>) : []) {
			const id = Number(row?.id);
			if (wanted.has(id) && Number.isInteger(Number(row.status_id))) statuses.set(id, Number(row.status_id));
		}
	}
	for (const id of orderIds) {
		if (statuses.has(id)) continue;
		const order = await getOrder.call(ctx, id);
		statuses.set(id, order && order.is_deleted !== true ? Number(order.status_id) : undefined);
	}
	return statuses;
}

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
