/**
 * Shared setup for the WMS Deliver engine tests: both sandboxes, Order items read from the BigCommerce sandbox's
 * real API and mapped by the trigger's mapper (nodes/shared/bigcommerce/orderMapper.ts), and fast retry settings.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';
import { triggerClock } from '../../../nodes/BigCommerceOrdersTrigger/clock';
import { mapOrder } from '../../../nodes/shared/bigcommerce/orderMapper';
import { DEFAULT_TRANSPORT_SETTINGS, transportSettings } from '../../../nodes/shared/bigcommerce/retry';
import type { BcOrder, BcOrderProduct } from '../../../nodes/shared/bigcommerce/types';
import type { Order } from '../../../nodes/shared/model';
import { destinationReference } from '../../../nodes/shared/reference';
import { DEFAULT_RETRY } from '../../../nodes/shared/wms/request';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { PACKAGE_NAME, type WorkflowJson } from '../../helpers/harness';

export const PREFIX = 'BC-';

const savedWmsRetry = { ...DEFAULT_RETRY };
/** Retry delays in milliseconds instead of seconds (both transports read these live objects). */
export function fastRetries(): void {
	Object.assign(transportSettings, { maxRetries: DEFAULT_TRANSPORT_SETTINGS.maxRetries, max429Retries: DEFAULT_TRANSPORT_SETTINGS.max429Retries, backoffBaseMs: 5, backoffCapMs: 40, maxWaitMs: 200, rateLimitMarginMs: 5, timeoutMs: 5000 });
	Object.assign(DEFAULT_RETRY, { attempts: savedWmsRetry.attempts, baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 5000 });
}
export function restoreRetries(): void {
	Object.assign(transportSettings, DEFAULT_TRANSPORT_SETTINGS);
	Object.assign(DEFAULT_RETRY, savedWmsRetry);
}

/** Every SKU of the BigCommerce catalog, stocked in the warehouse. */
export function catalogItems(bc: BcSandbox): Array<{ sku: string; available: number }> {
	const skus = new Set<string>();
	for (const p of bc.getProducts()) if (p.sku) skus.add(p.sku);
	for (const v of bc.getVariants()) if (v.sku) skus.add(v.sku);
	return [...skus].map((sku) => ({ sku, available: 1000 }));
}

async function get<T>(bc: BcSandbox, path: string, params: IDataObject): Promise<T> {
	const res = await axios.get(`${bc.url}/stores/${bc.storeHash}/v2${path}`, {
		params,
		headers: { 'X-Auth-Token': bc.token, Accept: 'application/json' },
		validateStatus: (s) => s < 300,
	});
	return (res.status === 204 ? [] : res.data) as T;
}

/**
 * Order items as the Orders Trigger emits them: `GET /v2/orders` with consignments, and for consignments cut at 50
 * lines the full `/v2/orders/{id}/products` list.
 */
export async function fetchOrderItems(bc: BcSandbox, statusId = 11): Promise<Order[]> {
	const include = { include: 'consignments.line_items', consignment_structure: 'object', status_id: statusId, limit: 250 };
	const orders: Order[] = [];
	for (let page = 1; ; page++) {
		const rows = await get<BcOrder[]>(bc, '/orders', { ...include, page, sort: 'id:asc' });
		for (const row of rows) {
			const truncated = JSON.stringify(row.consignments ?? {}).includes('__warning__');
			let linesByAddress: Map<number, BcOrderProduct[]> | undefined;
			if (truncated) {
				linesByAddress = new Map();
				for (let p = 1; ; p++) {
					const products = await get<BcOrderProduct[]>(bc, `/orders/${row.id}/products`, { page: p, limit: 250 });
					for (const product of products) {
						const list = linesByAddress.get(product.order_address_id) ?? [];
						list.push(product);
						linesByAddress.set(product.order_address_id, list);
					}
					if (products.length < 250) break;
				}
			}
			orders.push(mapOrder(row, { storeHash: bc.storeHash, referencePrefix: PREFIX, includeRaw: false, linesByAddress }));
		}
		if (rows.length < 250) break;
	}
	return orders;
}

/** Every destination reference of the orders with the (sku, qty) lines it must have in the WMS. */
export function expectedWmsOrders(orders: Order[]): Map<string, { order: Order; index: number; lines: Array<[string, number]> }> {
	const expected = new Map<string, { order: Order; index: number; lines: Array<[string, number]> }>();
	for (const order of orders) {
		order.destinations.forEach((d, index) => {
			expected.set(destinationReference(order.reference, index), {
				order,
				index,
				lines: d.lines.map((l) => [l.sku, l.quantity] as [string, number]).sort(),
			});
		});
	}
	return expected;
}

/** Asserts the WMS holds each expected reference exactly once, with its lines and address, and nothing else. */
export function assertWmsHasExactly(wms: WmsSandbox, orders: Order[]): void {
	const expected = expectedWmsOrders(orders);
	const active = wms.listOrders().filter((o) => o.status !== 'cancelled');
	const byRef = new Map<string, number>();
	for (const o of active) byRef.set(o.referenceNum, (byRef.get(o.referenceNum) ?? 0) + 1);
	const duplicates = [...byRef].filter(([, n]) => n > 1).map(([ref]) => ref);
	const missing = [...expected.keys()].filter((ref) => !byRef.has(ref));
	const unexpected = [...byRef.keys()].filter((ref) => !expected.has(ref));
	expect({ duplicates, missing, unexpected }).toEqual({ duplicates: [], missing: [], unexpected: [] });
	for (const record of active) {
		const want = expected.get(record.referenceNum)!;
		const lines = record.lines.map((l) => [l.sku, l.qty] as [string, number]).sort();
		expect({ ref: record.referenceNum, lines }).toEqual({ ref: record.referenceNum, lines: want.lines });
		const address = want.order.destinations[want.index].address;
		expect(record.shipTo).toMatchObject({ address1: address.street1, city: address.city, zip: address.postalCode });
	}
}

/** Orders Trigger (Awaiting Fulfillment, prefix BC-) -> WMS Deliver as one workflow. */
export function triggerToDeliver(deliverParams: IDataObject, wmsType: 'extensiv' | 'http' = 'extensiv'): WorkflowJson {
	return {
		nodes: [
			{
				id: 't',
				name: 'Orders Trigger',
				type: `${PACKAGE_NAME}.bigCommerceOrdersTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { statuses: [11], options: { referencePrefix: PREFIX } },
			},
			{ id: 'd', name: 'WMS Deliver', type: `${PACKAGE_NAME}.wmsDeliver`, typeVersion: 1, position: [200, 0], parameters: { wmsType, ...deliverParams } },
		],
		connections: { 'Orders Trigger': { main: [[{ node: 'WMS Deliver', type: 'main' as never, index: 0 }]] } },
	};
}

/**
 * Both sandboxes for one test at a time (`count` orders in Awaiting Fulfillment, a warehouse stocking the catalog),
 * fast retries, and the trigger's clock put back after each test.
 */
export function useSandboxes(quota = 150): { start(count: number): Promise<void>; readonly bc: BcSandbox; readonly wms: WmsSandbox } {
	const realNow = triggerClock.now;
	const current: { bc?: BcSandbox; wms?: WmsSandbox } = {};
	beforeAll(() => fastRetries());
	afterAll(() => restoreRetries());
	afterEach(async () => {
		triggerClock.now = realNow;
		await current.bc?.close();
		await current.wms?.close();
	});
	return {
		async start(count: number) {
			current.bc = await startBigCommerceSandbox({ seed: { orders: 15 + count, awaitingFulfillmentShare: 1, specialOrders: false }, quota, windowMs: 1000 });
			current.wms = await startWmsSandbox({ items: catalogItems(current.bc) });
		},
		get bc() {
			return current.bc!;
		},
		get wms() {
			return current.wms!;
		},
	};
}
