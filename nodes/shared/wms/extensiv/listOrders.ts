/**
 * Every order of the credential's customer and facility that 3PL Warehouse Manager created at or after a time, for
 * Reconcile: `GET /orders` with `rql=readOnly.customerIdentifier.id==C;readOnly.facilityIdentifier.id==F;
 * readOnly.creationDate=ge=<warehouse time>`, `detail=All` (packages for the closed ones), `sort=readOnly.orderId`,
 * pages of 1,000 (the `pgsiz` maximum), so 1,000 orders cost one request.
 */
import type { IDataObject } from 'n8n-workflow';
import type { WmsListedOrder } from '../adapter';
import { toOrderRef, toShippedOrder } from './mapping';
import { field, text, type Json } from './parse';
import { rqlAnd, rqlEq, rqlGe } from './rql';
import { warehouseLocalToUtc } from './time';
import type { ExtensivSettings } from './types';

/** `pgsiz` maximum of `GET /orders`. */
export const LIST_ORDERS_PAGE_SIZE = 1000;

export type OrdersPageReader = (qs: IDataObject) => Promise<{ rows: Json[]; total?: number }>;

export async function listExtensivOrders(
	createdSinceLocal: string,
	settings: ExtensivSettings,
	readPage: OrdersPageReader,
): Promise<WmsListedOrder[]> {
	const rql = rqlAnd(
		rqlEq('readOnly.customerIdentifier.id', settings.customerId),
		rqlEq('readOnly.facilityIdentifier.id', settings.facilityId),
		rqlGe('readOnly.creationDate', createdSinceLocal),
	);
	const orders: WmsListedOrder[] = [];
	const seen = new Set<string>();
	for (let pgnum = 1; ; pgnum++) {
		const page = await readPage({ rql, detail: 'All', itemdetail: 'None', sort: 'readOnly.orderId', pgsiz: LIST_ORDERS_PAGE_SIZE, pgnum });
		for (const row of page.rows) {
			const ref = toOrderRef(row);
			if (!ref.wmsOrderId || seen.has(ref.wmsOrderId)) continue;
			seen.add(ref.wmsOrderId);
			const createdAt = warehouseLocalToUtc(text(field(field(row, 'readOnly'), 'creationDate')), settings.warehouseTimeZone) ?? '';
			const listed: WmsListedOrder = { ...ref, createdAt };
			if (ref.status === 'closed') listed.shipment = toShippedOrder(row, settings.warehouseTimeZone);
			orders.push(listed);
		}
		const total = page.total;
		if (page.rows.length < LIST_ORDERS_PAGE_SIZE || (total !== undefined && pgnum * LIST_ORDERS_PAGE_SIZE >= total)) break;
	}
	return orders;
}
