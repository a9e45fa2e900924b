/**
 * BigCommerce order statuses (`GET /v2/order_statuses`, orders.v2.oas2.yml). Ids are fixed by BigCommerce; merchants
 * can rename the labels, so all logic keys on the id and the names here are the system labels.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export interface BcStatus {
	id: number;
	name: string;
	description: string;
}

export const BC_ORDER_STATUSES: readonly BcStatus[] = [
	{ id: 0, name: 'Incomplete', description: 'Shopper reached the payment page but did not complete the transaction' },
	{ id: 1, name: 'Pending', description: 'Checkout started but not completed' },
	{ id: 2, name: 'Shipped', description: 'The Ship Items action was used' },
	{ id: 3, name: 'Partially Shipped', description: 'Only some items have been shipped' },
	{ id: 4, name: 'Refunded', description: 'The Refund action was used' },
	{ id: 5, name: 'Cancelled', description: 'The order was cancelled' },
	{ id: 6, name: 'Declined', description: 'The order was declined, e.g. for lack of manual payment' },
	{ id: 7, name: 'Awaiting Payment', description: 'Checkout done, payment not yet confirmed' },
	{ id: 8, name: 'Awaiting Pickup', description: 'Pulled and waiting for the customer to pick it up' },
	{ id: 9, name: 'Awaiting Shipment', description: 'Pulled and packaged, waiting for the carrier' },
	{ id: 10, name: 'Completed', description: 'Paid digital order, files available' },
	{ id: 11, name: 'Awaiting Fulfillment', description: 'Checkout done and payment confirmed: ready to ship' },
	{ id: 12, name: 'Manual Verification Required', description: 'On hold until something is confirmed by hand' },
	{ id: 13, name: 'Disputed', description: 'The shopper opened a payment dispute' },
	{ id: 14, name: 'Partially Refunded', description: 'Part of the order was refunded' },
];

export const AWAITING_FULFILLMENT = 11;
export const AWAITING_SHIPMENT = 9;

const BY_ID = new Map(BC_ORDER_STATUSES.map((s) => [s.id, s]));

export function statusName(id: number): string {
	return BY_ID.get(id)?.name ?? `Status ${id}`;
}

export function isKnownStatus(id: number): boolean {
	return BY_ID.has(id);
}

/** Options for a status parameter, sorted by name (n8n lint rule), value = status id. */
export function statusOptions(): INodePropertyOptions[] {
	return [...BC_ORDER_STATUSES]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((s) => ({ name: s.name, value: s.id, description: `${s.description} (status ${s.id})` }));
}
