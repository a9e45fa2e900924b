/**
 * Order status write-back: `PUT /v2/orders/{order_id}` (orders.v2.oas2.yml, updateOrder) with a body of only
 * `status_id`. Any other field would be written too (and product changes clear discounts), so nothing else is sent.
 */
import type { BcOrder } from './types';
import { bcRequest, type BcContext } from './transport';

export async function setOrderStatus(this: BcContext, orderId: number, statusId: number): Promise<BcOrder> {
	return (await bcRequest.call(this, {
		method: 'PUT',
		version: 'v2',
		path: `/orders/${orderId}`,
		body: { status_id: statusId },
		resource: `order ${orderId}`,
	})) as BcOrder;
}
