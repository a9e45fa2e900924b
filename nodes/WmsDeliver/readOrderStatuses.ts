/**
 * WMS Deliver's status re-read right before creating: the current BigCommerce status of a batch of orders in as few
 * requests as the orders v2 API allows (what it means: nodes/shared/delivery/statusCheck.ts).
 *
 * Why this form: `GET /v2/orders` documents `min_id` / `max_id` (orders.v2.oas2.yml, getOrders) and no list of ids,
 * and `status_id` takes one status. The batch's order ids are grouped so that every group spans fewer than 250 ids:
 * each group is one `GET /v2/orders?min_id=A&max_id=B&sort=id:asc&limit=250` that cannot hold more than 250 orders,
 * so one page answers it. Orders of a run are usually close together (one request per batch of 100); ids far apart
 * cost one request per group, never more than one per order. An order the list does not return (the list leaves out
 * archived orders) is read alone (`GET /v2/orders/{id}`); undefined when BigCommerce no longer has it.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { getOrder, ORDER_PAGE_SIZE } from '../shared/bigcommerce/orders';
import { bcRequest } from '../shared/bigcommerce/transport';

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
