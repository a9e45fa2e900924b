/**
 * How 3PL Warehouse Manager renders resources. HAL (`Accept: application/hal+json`, also the default): camelCase,
 * lists under `_embedded[<rel URI>]`, `_links`. Plain `application/json`: PascalCase keys, lists as
 * `{ TotalResults, ResourceList }` (orders) or `{ TotalResults, Summaries }` (stock summaries), items as `OrderItems`.
 */
import { header, type SandboxRequest } from './http';
import { toWarehouseTime } from './time';
import type { SimOrder, WarehouseItem } from './warehouse';

export const REL_ORDER = 'http://api.3plCentral.com/rels/orders/order';
export const REL_ITEM = 'http://api.3plCentral.com/rels/orders/item';
export const REL_STOCK = 'http://api.3plCentral.com/rels/inventory/stocksummary';

export const DETAIL_VALUES = [
	'None',
	'OrderItems',
	'BillingDetails',
	'SavedElements',
	'Packages',
	'Contacts',
	'ProposedBilling',
	'OutboundSerialNumbers',
	'SmallParcel',
	'ParcelOptions',
	'Inserts',
	'All',
];
export const ITEM_DETAIL_VALUES = ['None', 'SavedElements', 'Allocations', 'All', 'AllocationsWithDetail'];

export interface OrderDetail {
	items: boolean;
	packages: boolean;
}

const STATUS_CODE = { open: 0, closed: 1, cancelled: 2 } as const;

export function wantsHal(req: SandboxRequest): boolean {
	const accept = (header(req, 'accept') ?? '').toLowerCase();
	return accept.includes('hal+json') || !accept.includes('application/json');
}

function wt(iso: string | undefined, timeZone: string): string | null {
	return iso ? toWarehouseTime(iso, timeZone) : null;
}

export function orderEtag(order: SimOrder): string {
	return `"${order.orderId}-${order.version}"`;
}

export function renderOrder(
	order: SimOrder,
	detail: OrderDetail,
	timeZone: string,
	itemId: (sku: string) => number,
): Record<string, unknown> {
	const readOnly: Record<string, unknown> = {
		orderId: order.orderId,
		asnCandidate: 0,
		routeCandidate: 0,
		fullyAllocated: order.status === 'closed' || order.stage !== undefined,
		pickStarted: order.status === 'closed' || order.stage === 'picking' || order.stage === 'packed',
		packStarted: order.status === 'closed' || order.stage === 'packed',
		importModuleId: 7,
		isClosed: order.status !== 'open',
		status: STATUS_CODE[order.status],
		creationDate: wt(order.createdAt, timeZone),
		lastModifiedDate: wt(order.lastModifiedAt, timeZone),
		processDate: order.status === 'closed' ? wt(order.closedAt, timeZone) : null,
		packDoneDate: order.status === 'closed' && order.packages.length ? wt(order.closedAt, timeZone) : null,
		customerIdentifier: { id: order.customerId, name: 'Sandbox Customer' },
		facilityIdentifier: { id: order.facilityId, name: 'Sandbox Warehouse' },
	};
	if (detail.packages) {
		readOnly.packages = order.packages.map((p) => ({
			packageId: p.packageId,
			packageTypeId: 1,
			length: 12,
			width: 9,
			height: 6,
			weight: 2,
			trackingNumber: p.trackingNumber,
			createDate: wt(p.shippedAt, timeZone),
			packageContents: p.contents.map((c, i) => ({
				packageContentId: p.packageId * 1000 + i + 1,
				packageId: p.packageId,
				orderItemId: c.orderItemId,
				qty: c.qty,
			})),
		}));
	}
	const out: Record<string, unknown> = {
		readOnly,
		referenceNum: order.referenceNum,
		poNum: order.poNum ?? null,
		notes: order.notes,
		shippingNotes: order.shippingNotes ?? null,
		billingCode: order.routing.billingCode ?? null,
		routingInfo: {
			isCod: order.routing.isCod ?? false,
			carrier: order.routing.carrier ?? null,
			mode: order.routing.mode ?? null,
			scacCode: order.routing.scacCode ?? null,
			account: order.routing.account ?? null,
			trackingNumber: order.routing.trackingNumber ?? null,
		},
		shipTo: order.shipTo,
		_links: { self: { href: `/orders/${order.orderId}` } },
	};
	if (detail.items) {
		out._embedded = {
			[REL_ITEM]: order.lines.map((l) => ({
				readOnly: { orderItemId: l.orderItemId, fullyAllocated: true },
				itemIdentifier: { sku: l.sku, id: itemId(l.sku) },
				qty: l.qty,
			})),
		};
	}
	return out;
}

export function renderStockSummary(item: WarehouseItem, facilityId: number): Record<string, unknown> {
	return {
		facilityId,
		itemIdentifier: { sku: item.sku, id: item.id },
		qualifier: '',
		totalReceived: item.totalReceived,
		allocated: item.allocated,
		// Unallocated units, held ones included (the sum of the stock details' `available`, which the docs define as
		// "unallocated; see IsOnHold"): publishing this figure would sell on-hold stock.
		available: item.available + item.onHold,
		onHold: item.onHold,
		onHand: item.available + item.onHold,
		orderedNotAllocated: null,
	};
}

/**
 * Stock detail rows (receive items) of one item: the sellable units in one row, the on-hold units in a second row
 * flagged `isOnHold` (their `available` is unallocated but held). Every item has its first row, also at 0.
 */
export function renderStockDetails(item: WarehouseItem, facilityId: number): Array<Record<string, unknown>> {
	const row = (n: number, qty: number, onHold: boolean) => ({
		receiveItemId: item.id * 10 + n,
		itemIdentifier: { sku: item.sku, id: item.id },
		qualifier: '',
		received: qty,
		available: qty,
		isOnHold: onHold,
		quarantined: false,
		onHand: qty,
		locationIdentifier: { nameKey: { facilityIdentifier: { id: facilityId }, name: onHold ? 'HOLD-01' : 'A-01' }, id: n },
	});
	const rows = [row(1, item.available, false)];
	if (item.onHold > 0) rows.push(row(2, item.onHold, true));
	return rows;
}

function pascal(key: string): string {
	return key.charAt(0).toUpperCase() + key.slice(1);
}

/** HAL camelCase -> the plain-JSON PascalCase rendering (embedded items become `OrderItems`, links dropped). */
export function toPascal(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(toPascal);
	if (typeof value !== 'object' || value === null) return value;
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value)) {
		if (key === '_links') continue;
		if (key === '_embedded') {
			const items = (v as Record<string, unknown>)[REL_ITEM];
			if (items) out.OrderItems = toPascal(items);
			continue;
		}
		out[pascal(key)] = toPascal(v);
	}
	return out;
}
