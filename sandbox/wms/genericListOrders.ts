/**
 * `GET /generic/orders?since=ISO&cursor=C` (README "Generic WMS HTTP contract", used by Reconcile): every order created
 * at or after `since`, any status, oldest first, 250 per page: `{orders: [{id, reference, status, createdAt,
 * modifiedAt, packages?, closedWithoutPackages?}], nextCursor}`; closed orders carry their packages as in /shipments.
 */
import type { WmsContext } from './context';
import { json, type Reply, type SandboxRequest } from './http';
import { toShipment } from './genericRoutes';

const ORDERS_PAGE = 250;

export function listGenericOrders(ctx: WmsContext, req: SandboxRequest): Reply {
	const since = req.query.get('since') ?? '';
	const t = Date.parse(since);
	if (Number.isNaN(t)) return json(400, { error: `since must be an ISO 8601 date-time (got ${since}).` });
	const sinceIso = new Date(t).toISOString();
	const rawCursor = req.query.get('cursor');
	const after = rawCursor === null ? 0 : Number(rawCursor);
	if (!Number.isInteger(after) || after < 0) return json(400, { error: 'cursor is not one this WMS returned.' });
	const rows = [...ctx.warehouse.orders.values()]
		.filter((o) => o.customerId === ctx.settings.customerId && o.createdAt >= sinceIso && o.orderId > after)
		.sort((a, b) => a.orderId - b.orderId);
	const page = rows.slice(0, ORDERS_PAGE);
	const orders = page.map((o) => {
		const base = { id: String(o.orderId), reference: o.referenceNum, status: o.status, createdAt: o.createdAt, modifiedAt: o.lastModifiedAt };
		if (o.status !== 'closed') return base;
		const { packages, closedWithoutPackages } = toShipment(o);
		return closedWithoutPackages ? { ...base, packages, closedWithoutPackages } : { ...base, packages };
	});
	return json(200, { orders, nextCursor: rows.length > ORDERS_PAGE ? String(page[page.length - 1].orderId) : null });
}
