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
import { isLastPage, ORDER_LIST_PAGE_SIZE, type ExtensivSettings } from './types';

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
		const page = await readPage({ rql, detail: 'All', itemdetail: 'None', sort: 'readOnly.orderId', pgsiz: ORDER_LIST_PAGE_SIZE, pgnum });
		for (const row of page.rows) {
			const ref = toOrderRef(row);
			if (!ref.wmsOrderId || seen.has(ref.wmsOrderId)) continue;
			seen.add(ref.wmsOrderId);
			const createdAt = warehouseLocalToUtc(text(field(field(row, 'readOnly'), 'creationDate')), settings.warehouseTimeZone) ?? '';
			const listed: WmsListedOrder = { ...ref, createdAt };
			if (ref.status === 'closed') listed.shipment = toShippedOrder(row, settings.warehouseTimeZone);
			orders.push(listed);
		}
		if (isLastPage(page.rows.length, ORDER_LIST_PAGE_SIZE, pgnum, page.total)) break;
	}
	return orders;
}
