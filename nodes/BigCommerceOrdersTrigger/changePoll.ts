/**
 * Event "Order Changes After Hand-Off": one listing per poll of the orders modified since the cursor
 * (`GET /v2/orders?min_date_modified=&sort=date_modified:asc&limit=250`, lines embedded: orders.v2.oas2.yml), and
 * one item per order whose change may concern the warehouse: now Cancelled / Declined / Refunded (or a hold status
 * the user chose), a refund of part of it, a shipping address or line edit. Its state (its own cursor, a small
 * fingerprint per order, pending changes) lives apart from the new-order cursor; it is written only after a poll
 * succeeded. A change is emitted once per order and change; it is emitted again after the redelivery window until
 * WMS Deliver's sibling, WMS Order Changes, records it as handled (nodes/shared/changeMarks.ts).
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import type { Order } from '../shared/model';
import { decimal, mapOrder } from '../shared/bigcommerce/orderMapper';
import { completeOrder, getOrder, ORDER_INCLUDE, ORDER_PAGE_SIZE, toRfc2822 } from '../shared/bigcommerce/orders';
import { statusName } from '../shared/bigcommerce/statuses';
import { bcRequest, type BcContext } from '../shared/bigcommerce/transport';
import type { BcOrder } from '../shared/bigcommerce/types';
import type { ChangeMark } from '../shared/changeMarks';
import { orderIdentity } from './orderScan';

export type ChangeKind = 'cancelled' | 'onHold' | 'edited' | 'partiallyRefunded';

/** What the trigger adds to the Order item in this event (`change`). */
export interface OrderChange {
	/** The main change: cancelled > onHold > edited > partiallyRefunded. */
	kind: ChangeKind;
	/** Every change seen in this version of the order. */
	kinds: ChangeKind[];
	status: { id: number; name: string };
	/** For `edited`: what changed. */
	edited?: Array<'address' | 'lines'>;
	/** Total refunded so far (BigCommerce refunded_amount), when any. */
	refundedAmount?: number;
	/** Identifies this change of this order; WMS Order Changes records it as handled. */
	key: string;
	detectedAt: string;
}

export interface ChangeConfig {
	cancelStatuses: number[];
	holdStatuses: number[];
	reportEdits: boolean;
	reportRefunds: boolean;
	maxOrders: number;
	redeliveryMs: number;
	channelIds: number[];
	referencePrefix: string;
	includeRaw: boolean;
	storeHash: string;
}

/** Per order: fingerprints of its addresses (a) and lines (l), refunded amount (r), last emitted key (k), dm. */
interface Print {
	a?: string;
	l?: string;
	r: number;
	k?: string;
	dm: number;
}

export interface ChangeState {
	/** date_modified (ms) up to which every order was examined. */
	cursor?: number;
	/** order id -> dm of the version examined (only within the re-read window). */
	examined: Record<string, number>;
	prints: Record<string, Print>;
	pending: Record<string, { key: string; emittedAt: number; change: OrderChange }>;
}

/** Re-read this much before the cursor (late commits, same-second edits). */
export const CHANGE_OVERLAP_MS = 2 * 60 * 1000;
const MAX_PAGES = 40;
const MAX_PRINTS = 10000;
/** Pending changes re-read one by one per poll, at most. */
const MAX_REDELIVER = 10;
/** Orders whose fingerprints are dropped: nothing more for a warehouse to change. */
const DONE_STATUSES = new Set([2, 10]);

export function loadChangeState(raw: unknown): ChangeState {
	const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<ChangeState>;
	return {
		cursor: typeof s.cursor === 'number' ? s.cursor : undefined,
		examined: { ...(s.examined ?? {}) },
		prints: { ...(s.prints ?? {}) },
		pending: { ...(s.pending ?? {}) },
	};
}

const hash = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64').slice(0, 12);
const norm = (v: unknown) => String(v ?? '').trim().toLowerCase();

function fingerprints(order: Order): { a: string; l: string } {
	const a = order.destinations.map((d) => {
		const x = d.address;
		return [x.firstName, x.lastName, x.company, x.street1, x.street2, x.city, x.state, x.postalCode, x.countryIso2 || x.country].map(norm);
	});
	const l = order.destinations.map((d) => d.lines.map((line) => [norm(line.sku), line.quantity]).sort());
	return { a: hash(a), l: hash(l) };
}

export class ChangePoller {
	/** One item per order and poll: a newer change found by the scan replaces a redelivered one. */
	private readonly out = new Map<number, Order>();

	constructor(
		private readonly ctx: BcContext,
		private readonly cfg: ChangeConfig,
		private readonly state: ChangeState,
		private readonly marks: Record<string, ChangeMark>,
		private readonly now: number,
	) {}

	async run(): Promise<Order[]> {
		if (this.state.cursor === undefined) {
			// First activation: changes from now on. Orders are fingerprinted as they are modified from here.
			this.state.cursor = this.now;
			return [];
		}
		for (const [id, p] of Object.entries(this.state.pending)) if (this.marks[id]?.key === p.key) delete this.state.pending[id];
		await this.redeliver();
		await this.scan();
		this.prune();
		return [...this.out.values()];
	}

	private async redeliver(): Promise<void> {
		if (this.cfg.redeliveryMs <= 0) {
			this.state.pending = {};
			return;
		}
		const due = Object.entries(this.state.pending)
			.filter(([, p]) => this.now - p.emittedAt >= this.cfg.redeliveryMs)
			.sort((a, b) => a[1].emittedAt - b[1].emittedAt)
			.slice(0, MAX_REDELIVER);
		for (const [id, entry] of due) {
			delete this.state.pending[id];
			// The order as it is now, with the change that was not handled; gone from the store: nothing to do.
			const order = await getOrder.call(this.ctx, Number(id));
			if (order) this.emit(await this.map(order), { ...entry.change, detectedAt: new Date(this.now).toISOString() });
		}
	}

	private async scan(): Promise<void> {
		const start = (this.state.cursor ?? this.now) - CHANGE_OVERLAP_MS;
		let pos = { minDm: start, page: 1 };
		let cursor = this.state.cursor ?? this.now;
		for (let pages = 0; pages < MAX_PAGES; pages++) {
			const rows = await this.listPage(pos.minDm, pos.page);
			for (const order of rows) {
				const { id, dm } = orderIdentity.call(this.ctx, order, Number(order.status_id));
				if (this.out.size >= this.cfg.maxOrders && !this.out.has(id)) return this.setCursor(cursor);
				cursor = Math.max(cursor, dm);
				// Every row is classified, also one read before at the same second: BigCommerce's date_modified has
				// whole seconds, so two edits within a second share it. Keys make a change go out once.
				this.state.examined[String(id)] = dm;
				if (this.cfg.channelIds.length && !this.cfg.channelIds.includes(Number(order.channel_id))) continue;
				const found = this.classify(order, await this.map(order), this.state.prints[String(id)]);
				if (found) this.emit(found.mapped, found.change);
			}
			if (rows.length < ORDER_PAGE_SIZE) return this.setCursor(Math.max(cursor, this.now - CHANGE_OVERLAP_MS));
			const lastDm = orderIdentity.call(this.ctx, rows[rows.length - 1], 0).dm;
			pos = lastDm > pos.minDm ? { minDm: lastDm, page: 1 } : { minDm: pos.minDm, page: pos.page + 1 };
		}
		this.setCursor(cursor);
	}

	private setCursor(value: number): void {
		this.state.cursor = Math.max(this.state.cursor ?? 0, Math.min(value, this.now));
	}

	private async listPage(minDm: number, page: number): Promise<BcOrder[]> {
		const qs: IDataObject = {
			min_date_modified: toRfc2822(minDm),
			sort: 'date_modified:asc',
			page,
			limit: ORDER_PAGE_SIZE,
			...ORDER_INCLUDE,
		};
		if (this.cfg.channelIds.length === 1) qs.channel_id = this.cfg.channelIds[0];
		const rows = await bcRequest.call(this.ctx, { method: 'GET', version: 'v2', path: '/orders', qs, resource: 'orders modified since the last poll' });
		return Array.isArray(rows) ? (rows as BcOrder[]) : [];
	}

	private async map(order: BcOrder): Promise<Order> {
		const completed = await completeOrder.call(this.ctx, order);
		return mapOrder(completed.order, {
			storeHash: this.cfg.storeHash,
			referencePrefix: this.cfg.referencePrefix,
			includeRaw: this.cfg.includeRaw,
			linesByAddress: completed.linesByAddress,
		});
	}

	/** The change this version shows against the order's fingerprint, if any; updates the fingerprint. */
	private classify(order: BcOrder, mapped: Order, print: Print | undefined): { mapped: Order; change: OrderChange } | undefined {
		const id = String(mapped.orderId);
		const statusId = Number(order.status_id);
		const dm = orderIdentity.call(this.ctx, order, statusId).dm;
		const refunded = decimal((order as unknown as { refunded_amount?: unknown }).refunded_amount);
		const kinds: ChangeKind[] = [];
		const parts: string[] = [];
		const edited: Array<'address' | 'lines'> = [];
		const fp = mapped.destinations.length ? fingerprints(mapped) : undefined;
		if (this.cfg.cancelStatuses.includes(statusId)) {
			kinds.push('cancelled');
			parts.push(`cancelled:${statusId}`);
		} else if (this.cfg.holdStatuses.includes(statusId)) {
			kinds.push('onHold');
			parts.push(`hold:${statusId}`);
		}
		if (this.cfg.reportEdits && !kinds.includes('cancelled') && print?.a && fp && !DONE_STATUSES.has(statusId)) {
			if (print.a !== fp.a) edited.push('address');
			if (print.l !== fp.l) edited.push('lines');
			if (edited.length) {
				kinds.push('edited');
				parts.push(`edited:${fp.a}:${fp.l}`);
			}
		}
		if (this.cfg.reportRefunds && !kinds.includes('cancelled') && refunded > (print?.r ?? 0)) {
			kinds.push('partiallyRefunded');
			parts.push(`refund:${refunded}`);
		}
		const key = parts.join('|');
		const next: Print = { r: refunded, dm, k: print?.k };
		if (fp && !DONE_STATUSES.has(statusId)) Object.assign(next, fp);
		const emit = kinds.length > 0 && key !== print?.k;
		if (emit) next.k = key;
		this.state.prints[id] = next;
		if (!emit) return undefined;
		const change: OrderChange = {
			kind: kinds[0],
			kinds,
			status: { id: statusId, name: statusName(statusId) },
			key,
			detectedAt: new Date(this.now).toISOString(),
		};
		if (edited.length) change.edited = edited;
		if (refunded > 0) change.refundedAmount = refunded;
		return { mapped, change };
	}

	private emit(order: Order, change: OrderChange): void {
		this.out.set(order.orderId, { ...order, change } as Order);
		if (this.cfg.redeliveryMs > 0) this.state.pending[String(order.orderId)] = { key: change.key, emittedAt: this.now, change };
	}

	private prune(): void {
		const floor = (this.state.cursor ?? this.now) - CHANGE_OVERLAP_MS;
		for (const [id, dm] of Object.entries(this.state.examined)) if (dm < floor) delete this.state.examined[id];
		const prints = Object.entries(this.state.prints);
		if (prints.length > MAX_PRINTS) {
			prints.sort((a, b) => b[1].dm - a[1].dm);
			this.state.prints = Object.fromEntries(prints.slice(0, MAX_PRINTS));
		}
	}
}
