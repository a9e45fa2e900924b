/**
 * Reconcile's reads, list reads only: BigCommerce orders created in the window (250 a page, lines and quantities
 * shipped embedded), BigCommerce orders older than the window that warehouse orders of the window name (by id
 * range, 250 ids a request), the catalog (the Sync Inventory SKU index), warehouse orders created in the window
 * (`listOrders`) and warehouse stock (`listStock`). Each part fails alone: the run reports what it could not check.
 */
import { plainText } from '../shared/http/plainText';
import type { IExecuteFunctions } from 'n8n-workflow';
import { mapOrder } from '../shared/bigcommerce/orderMapper';
import { completeOrder, ORDER_INCLUDE, ORDER_PAGE_SIZE, toRfc2822 } from '../shared/bigcommerce/orders';
import { loadSkuIndex, type SkuIndex } from '../shared/bigcommerce/catalog';
import { getBcCredentials } from '../shared/bigcommerce/credentials';
import { bcPagesV2, type BcContext } from '../shared/bigcommerce/transport';
import type { BcOrder } from '../shared/bigcommerce/types';
import { describeError } from '../shared/errors';
import type { Order, StockLevel } from '../shared/model';
import { parseReference } from '../shared/reference';
import type { WmsAdapter, WmsListedOrder } from '../shared/wms/adapter';
import type { NotChecked, Part } from './types';

export interface ReadSettings {
	fromMs: number;
	referencePrefix: string;
	compareStock: boolean;
}

export interface ReadData {
	bcOrders?: Order[];
	wmsOrders?: WmsListedOrder[];
	skuIndex?: SkuIndex;
	stock?: StockLevel[];
	notChecked: NotChecked[];
}

/** Runs one part; a failure becomes a `notChecked` entry naming the part and the error. */
async function part<T>(data: ReadData, name: Part, read: () => Promise<T>): Promise<T | undefined> {
	try {
		return await read();
	} catch (error) {
		// An HTML error page (a proxy's 502) quoted in the error: only its words, short.
		const reason = plainText(describeError(error).replace(/\{[^{}]*:[^{}]*\}/g, ' '), 600);
		data.notChecked.push({ part: name, reason });
		return undefined;
	}
}

async function mapAll(ctx: BcContext, rows: BcOrder[], referencePrefix: string): Promise<Order[]> {
	const { storeHash } = await getBcCredentials.call(ctx);
	const orders: Order[] = [];
	for (const row of rows) {
		if (!row?.id) continue;
		const { order, linesByAddress } = await completeOrder.call(ctx, row);
		orders.push(mapOrder(order, { storeHash, referencePrefix, includeRaw: false, linesByAddress }));
	}
	return orders;
}

async function listBcOrders(ctx: BcContext, qs: Record<string, string | number>, what: string): Promise<BcOrder[]> {
	const rows: BcOrder[] = [];
	const pages = bcPagesV2.call<BcContext, Parameters<typeof bcPagesV2>, AsyncGenerator<BcOrder[]>>(
		ctx,
		{ method: 'GET', version: 'v2', path: '/orders', qs: { ...ORDER_INCLUDE, ...qs }, resource: what },
		ORDER_PAGE_SIZE,
	);
	for await (const page of pages) rows.push(...page);
	return rows;
}

/**
 * Order ids the warehouse names that the window's list does not hold, as id ranges of at most 250 ids (one request
 * each: ids are unique, so a range of 250 ids holds at most 250 orders).
 */
export function missingIdRanges(wmsOrders: WmsListedOrder[], known: Set<number>, prefix: string): Array<[number, number]> {
	const ids = [...new Set(wmsOrders.map((o) => parseReference(o.reference, prefix)?.orderId).filter((id): id is number => id !== undefined && !known.has(id)))];
	ids.sort((a, b) => a - b);
	const ranges: Array<[number, number]> = [];
	for (const id of ids) {
		const last = ranges[ranges.length - 1];
		if (last && id - last[0] < ORDER_PAGE_SIZE) last[1] = id;
		else ranges.push([id, id]);
	}
	return ranges;
}

async function readOrders(ctx: IExecuteFunctions, adapter: WmsAdapter, s: ReadSettings, data: ReadData): Promise<void> {
	const from = new Date(s.fromMs).toISOString();
	data.wmsOrders = await part(data, 'warehouseOrders', async () => {
		if (!adapter.listOrders) throw new Error('this warehouse connection cannot list orders');
		return await adapter.listOrders(from);
	});
	data.bcOrders = await part(data, 'bigCommerceOrders', async () => {
		const rows = await listBcOrders(ctx, { min_date_created: toRfc2822(s.fromMs), sort: 'id:asc' }, 'orders created in the window');
		const known = new Set(rows.map((r) => r.id));
		for (const [min, max] of missingIdRanges(data.wmsOrders ?? [], known, s.referencePrefix)) {
			rows.push(...(await listBcOrders(ctx, { min_id: min, max_id: max, sort: 'id:asc' }, `orders ${min}-${max}`)));
		}
		return await mapAll(ctx, rows, s.referencePrefix);
	});
}

export async function readAll(ctx: IExecuteFunctions, adapter: WmsAdapter, s: ReadSettings): Promise<ReadData> {
	const data: ReadData = { notChecked: [] };
	await readOrders(ctx, adapter, s, data);
	if (s.compareStock) {
		data.skuIndex = await part(data, 'bigCommerceCatalog', async () => await loadSkuIndex.call(ctx));
		data.stock = await part(data, 'warehouseStock', async () => await adapter.listStock());
	}
	return data;
}
