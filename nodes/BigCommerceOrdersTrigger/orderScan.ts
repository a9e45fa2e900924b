/**
 * Reads one status's orders in `date_modified` order from a list position, page by page, until enough new orders
 * are in hand or the list ends. Pages advance by key (`min_date_modified` = last row's time minus a second) rather
 * than by page number wherever they can, so orders leaving the status mid-scan (e.g. moved by WMS Deliver from
 * Awaiting Fulfillment to Awaiting Shipment) cannot shift unread rows past us, as page-number paging would; only rows
 * that share one second fall back to offsets, and those are checked on arrival.
 */
import { NodeOperationError } from 'n8n-workflow';
import { parseBcDateMs } from '../shared/bigcommerce/orderMapper';
import { listOrdersPage } from '../shared/bigcommerce/orders';
import type { BcContext } from '../shared/bigcommerce/transport';
import type { BcOrder } from '../shared/bigcommerce/types';
import { PAGE_SIZE, pageFor, type ScanPosition } from './orderCursor';

export interface ScanRow {
	order: BcOrder;
	id: number;
	/** date_modified, epoch ms. */
	dm: number;
	statusId: number;
	/** Not handled by any earlier poll. */
	isNew: boolean;
	/** Where it was read: row `offset` of the list from `minDm`. */
	at: ScanPosition;
}

export interface ScanRequest {
	statusId: number;
	start: ScanPosition;
	/** Stop once this many new orders are in hand. */
	need: number;
	/** Whether an earlier poll already handled this version of the order. */
	isKnown: (id: number, dm: number) => boolean;
	channelId?: number;
	minDateCreated?: number;
	/** Safety stop for one poll (the rest comes next poll). */
	maxPages: number;
}

export interface ScanResult {
	/** Current version of each order read, in list order. */
	rows: ScanRow[];
	/** True when the list was read to its end. */
	exhausted: boolean;
	/** Where the next read would start (meaningful when not exhausted). */
	next: ScanPosition;
	requests: number;
}

/** The order's id and modification time, or a clear error: without them the order cannot be tracked safely. */
export function orderIdentity(this: BcContext, order: unknown, statusId: number): { id: number; dm: number } {
	const o = (order && typeof order === 'object' ? order : {}) as Record<string, unknown>;
	const id = typeof o.id === 'number' ? o.id : Number(o.id);
	if (!Number.isSafeInteger(id) || id <= 0) {
		throw new NodeOperationError(this.getNode(), `BigCommerce returned an order without a valid id in the list of status ${statusId}`, {
			description: `The order object has no usable "id" (got ${JSON.stringify(o.id ?? null)}). The trigger stops rather than risk losing or repeating orders; check the store's orders in BigCommerce or contact BigCommerce support.`,
		});
	}
	const dm = parseBcDateMs(o.date_modified);
	if (dm === undefined) {
		throw new NodeOperationError(this.getNode(), `BigCommerce returned order ${id} without a valid date_modified`, {
			description: `Order ${id} has date_modified ${JSON.stringify(o.date_modified ?? null)}, which is not an RFC 2822 date. The trigger tracks orders by that date, so it stops rather than risk losing or repeating orders; check order ${id} in BigCommerce.`,
		});
	}
	return { id, dm };
}

/** Page step-backs per scan before falling back to re-reading from offset 0. */
const MAX_STEP_BACKS = 2;

/**
 * Where to read after full page `page` that ended with `countAtLast` rows at time `lastDm`. When time moved on, jump to
 * that second and skip the rows already read there (checked on arrival when the skip ends inside a page; when it
 * is a whole number of pages, start a second earlier instead, which is right whether BigCommerce's bound is
 * inclusive or exclusive). Rows sharing one second with more than a page of others can only be paged by offset.
 */
export function nextPosition(pos: ScanPosition, page: number, lastDm: number, countAtLast: number): ScanPosition {
	const continued = { minDm: pos.minDm, offset: page * PAGE_SIZE };
	if (pos.minDm !== undefined && lastDm <= pos.minDm) return continued;
	if (countAtLast % PAGE_SIZE !== 0) return { minDm: lastDm, offset: countAtLast };
	// A second earlier only when that is still progress; otherwise the current list continues by offset.
	if (pos.minDm === undefined || lastDm - 1000 > pos.minDm) return { minDm: lastDm - 1000, offset: countAtLast };
	return continued;
}

/** What one scan has read so far: every order once (its newest version), in reading order. */
interface ScanState {
	byId: Map<number, ScanRow>;
	order: ScanRow[];
	newCount: number;
}

/** Adds one page's rows at their places; an order modified while we were reading keeps only its newer version. */
function addPage(
	state: ScanState,
	rows: Array<{ order: BcOrder; id: number; dm: number }>,
	req: ScanRequest,
	pos: ScanPosition,
	page: number,
): void {
	for (const [index, { order: o, id, dm }] of rows.entries()) {
		const previous = state.byId.get(id);
		if (previous && previous.dm === dm) continue;
		const isNew = !req.isKnown(id, dm);
		const at = { minDm: pos.minDm, offset: (page - 1) * PAGE_SIZE + index };
		const row: ScanRow = { order: o, id, dm, statusId: req.statusId, isNew, at };
		if (previous) {
			// Modified while we were reading: keep only the newer version, at its new place.
			state.order = state.order.filter((r) => r !== previous);
			if (previous.isNew) state.newCount--;
		}
		state.byId.set(id, row);
		state.order.push(row);
		if (isNew) state.newCount++;
	}
}

export async function scanStatus(this: BcContext, req: ScanRequest): Promise<ScanResult> {
	const state: ScanState = { byId: new Map(), order: [], newCount: 0 };
	const { byId } = state;
	let pos: ScanPosition = { ...req.start };
	let requests = 0;
	let restarts = 0;
	let mustProve = false;
	const known = (id: number, dm: number) => byId.get(id)?.dm === dm || req.isKnown(id, dm);

	for (let pages = 0; pages < req.maxPages; pages++) {
		const { page, firstRowIsKnown } = pageFor(pos.offset);
		const raw = await listOrdersPage.call(this, {
			statusId: req.statusId,
			minDateModified: pos.minDm,
			minDateCreated: req.minDateCreated,
			channelId: req.channelId,
			sort: 'date_modified:asc',
			page,
			limit: PAGE_SIZE,
		});
		requests++;
		const rows = raw.map((o) => ({ order: o, ...orderIdentity.call(this, o, req.statusId) }));

		// Reading from inside a page: its first row must be one we have seen, else rows moved (orders left the list, or
		// BigCommerce's date bound is exclusive): step back a page and check again, finally re-read from a second
		// earlier at offset 0. Nothing is skipped either way.
		const resumedPastEnd = rows.length === 0 && pos.offset > 0 && (pages === 0 || mustProve);
		const unproven = rows.length > 0 && pos.offset > 0 && (firstRowIsKnown || mustProve) && !known(rows[0].id, rows[0].dm);
		mustProve = false;
		if (resumedPastEnd || unproven) {
			if (restarts++ < MAX_STEP_BACKS && pos.offset >= PAGE_SIZE) {
				pos = { minDm: pos.minDm, offset: pos.offset - PAGE_SIZE };
				mustProve = true;
			} else {
				pos = { minDm: pos.minDm === undefined ? undefined : pos.minDm - 1000, offset: 0 };
			}
			continue;
		}

		addPage(state, rows, req, pos, page);
		if (rows.length < PAGE_SIZE) return { rows: state.order, exhausted: true, next: pos, requests };

		const lastDm = rows[rows.length - 1].dm;
		pos = nextPosition(pos, page, lastDm, state.order.filter((r) => r.dm === lastDm).length);
		if (state.newCount >= req.need) break;
	}
	return { rows: state.order, exhausted: false, next: pos, requests };
}
