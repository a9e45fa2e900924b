/**
 * Every order the generic WMS created at or after a time, for Reconcile (README "Generic WMS HTTP contract"):
 * `GET /orders?since=ISO&cursor=C` -> `{orders: [{id, reference, status, createdAt, packages?, closedWithoutPackages?,
 * modifiedAt?}], nextCursor}`; a closed order carries its packages in the Shipment shape.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Shipment } from '../../model';
import type { WmsListedOrder, WmsOrderRef } from '../adapter';

/** Stop following cursors after this many pages (a WMS that never ends its list). */
const MAX_PAGES = 10000;

export interface HttpOrdersPage {
	orders?: Array<Partial<Shipment> & { id?: string | number; status?: string; createdAt?: string; modifiedAt?: string }>;
	nextCursor?: string | null;
}

function statusOf(value: unknown): WmsOrderRef['status'] {
	const s = String(value ?? '').toLowerCase();
	if (s === 'cancelled' || s === 'canceled') return 'cancelled';
	if (s === 'closed' || s === 'shipped') return 'closed';
	return 'open';
}

export async function listHttpOrders(createdSince: string, readPage: (qs: IDataObject) => Promise<HttpOrdersPage>): Promise<WmsListedOrder[]> {
	const result: WmsListedOrder[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const body = await readPage(cursor === undefined ? { since: createdSince } : { since: createdSince, cursor });
		for (const o of body.orders ?? []) {
			if (o?.id === undefined || o.id === null || o.id === '') continue;
			const wmsOrderId = String(o.id);
			const listed: WmsListedOrder = {
				wmsOrderId,
				reference: String(o.reference ?? ''),
				status: statusOf(o.status),
				createdAt: String(o.createdAt ?? ''),
			};
			if (listed.status === 'closed') {
				listed.shipment = {
					reference: listed.reference,
					wmsOrderId,
					packages: Array.isArray(o.packages) ? o.packages : [],
					modifiedAt: String(o.modifiedAt ?? ''),
				};
				if (o.closedWithoutPackages === true) listed.shipment.closedWithoutPackages = true;
			}
			result.push(listed);
		}
		const next = body.nextCursor;
		if (next === null || next === undefined || next === '' || next === cursor) break;
		cursor = String(next);
	}
	return result;
}
