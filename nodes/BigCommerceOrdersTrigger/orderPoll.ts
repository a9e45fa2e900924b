/**
 * One poll of the Orders Trigger: redeliver pending orders whose window passed, read each selected status from its
 * cursor, emit the oldest new orders up to the per-poll maximum, and record what was handled. Works on a state
 * object the caller loaded from static data and writes back only after success, so a failed poll changes nothing.
 */
import type { Order } from '../shared/model';
import { hasShippableLines, mapOrder, parseBcDateMs } from '../shared/bigcommerce/orderMapper';
import { completeOrder, getOrder, listOrdersPage, ORDER_PAGE_SIZE } from '../shared/bigcommerce/orders';
import type { BcContext } from '../shared/bigcommerce/transport';
import type { BcOrder } from '../shared/bigcommerce/types';
import {
	capByValue,
	deliveredAt,
	MAX_PENDING,
	PAGE_SIZE,
	pruneDelivered,
	pruneSeen,
	startPosition,
	type DeliveredMap,
	type ScanPosition,
	type StatusCursor,
	type TriggerState,
} from './orderCursor';
import { orderIdentity, scanStatus, type ScanResult, type ScanRow } from './orderScan';

export interface PollConfig {
	statuses: number[];
	maxOrders: number;
	referencePrefix: string;
	skipWithoutPhysicalLines: boolean;
	includeRaw: boolean;
	/** Empty = all channels. */
	channelIds: number[];
	/** Epoch ms; orders created earlier are never emitted. */
	earliestCreated?: number;
	/** 0 = never re-emit. */
	redeliveryMs: number;
	storeHash: string;
}

/** Due pending orders up to this many are re-read one by one; more are listed by id range. */
const SINGLE_READ_LIMIT = 10;
/** Page budget per status and poll (10,000 orders); the rest comes next poll. */
const MAX_PAGES_PER_STATUS = 40;


/** A stable key for the filters the cursors depend on; changing them restarts the cursors. */
export function filterKey(cfg: Pick<PollConfig, 'channelIds' | 'earliestCreated'>): string {
	return JSON.stringify([cfg.earliestCreated ?? null, [...cfg.channelIds].sort((a, b) => a - b)]);
}

function inFilters(cfg: PollConfig, order: BcOrder): boolean {
	if (cfg.channelIds.length && !cfg.channelIds.includes(Number(order.channel_id))) return false;
	if (cfg.earliestCreated !== undefined) {
		const created = parseBcDateMs(order.date_created);
		if (created !== undefined && created < cfg.earliestCreated) return false;
	}
	return true;
}

export class OrderPoller {
	private readonly out: Order[] = [];
	/** Orders emitted or skipped in this poll, so one order never goes out twice in a run. */
	private readonly handled = new Set<number>();

	constructor(
		private readonly ctx: BcContext,
		private readonly cfg: PollConfig,
		private readonly state: TriggerState,
		private readonly delivered: DeliveredMap | undefined,
		private readonly now: number,
	) {}

	async run(): Promise<Order[]> {
		this.clearDelivered();
		await this.redeliver();
		const need = this.cfg.maxOrders - this.out.length;
		if (need > 0) await this.scan(need);
		for (const id of Object.keys(this.state.statuses)) {
			if (!this.cfg.statuses.includes(Number(id))) delete this.state.statuses[id];
		}
		pruneSeen(this.state);
		this.state.pending = capByValue(this.state.pending, MAX_PENDING, (p) => p.emittedAt);
		if (this.delivered) pruneDelivered(this.delivered, this.state.pending, this.now);
		return this.out;
	}

	/** Whether an earlier poll already handled this version of the order (emitted, skipped, pending or delivered). */
	isKnown(id: number, dm: number): boolean {
		const key = String(id);
		const seen = this.state.seen[key];
		if (seen !== undefined && seen >= dm) return true;
		if (this.state.pending[key]) return true;
		const at = deliveredAt(this.delivered, key);
		return at !== undefined && at >= dm;
	}

	/** WMS Deliver's success marker ends the order's pending life. */
	private clearDelivered(): void {
		for (const [id, entry] of Object.entries(this.state.pending)) {
			const at = deliveredAt(this.delivered, id);
			if (at !== undefined && at >= entry.dm) delete this.state.pending[id];
		}
	}

	private async redeliver(): Promise<void> {
		const windowMs = this.cfg.redeliveryMs;
		if (windowMs <= 0) {
			this.state.pending = {};
			return;
		}
		const due = Object.entries(this.state.pending)
			.filter(([, p]) => this.now - p.emittedAt >= windowMs)
			.sort((a, b) => a[1].emittedAt - b[1].emittedAt)
			.slice(0, this.cfg.maxOrders)
			.map(([id]) => Number(id));
		if (!due.length) return;
		const current = await this.readCurrent(due);
		for (const id of due) {
			const order = current.get(id);
			const entry = this.state.pending[String(id)];
			if (!order || !this.cfg.statuses.includes(Number(order.status_id)) || !inFilters(this.cfg, order)) {
				// It left the selected statuses (or the store): nothing to deliver any more.
				delete this.state.pending[String(id)];
				continue;
			}
			const { dm } = orderIdentity.call(this.ctx, order, Number(order.status_id));
			const emitted = await this.emit(order, dm);
			if (emitted) this.state.pending[String(id)] = { emittedAt: this.now, dm, emits: entry.emits + 1 };
			else delete this.state.pending[String(id)];
		}
	}

	/** Current versions of the given orders that are in a selected status (absent = not in one, or gone). */
	private async readCurrent(ids: number[]): Promise<Map<number, BcOrder>> {
		const found = new Map<number, BcOrder>();
		if (ids.length <= SINGLE_READ_LIMIT) {
			for (const id of ids) {
				const order = await getOrder.call(this.ctx, id);
				if (order) found.set(id, order);
			}
			return found;
		}
		const wanted = new Set(ids);
		const maxId = Math.max(...ids);
		for (const statusId of this.cfg.statuses) {
			// Keyset paging on id: status changes during the read cannot shift rows past us.
			for (let minId = Math.min(...ids); minId <= maxId; ) {
				const page = await listOrdersPage.call(this.ctx, {
					statusId,
					minId,
					maxId,
					sort: 'id:asc',
					page: 1,
					limit: ORDER_PAGE_SIZE,
				});
				for (const order of page) {
					const { id } = orderIdentity.call(this.ctx, order, statusId);
					if (wanted.has(id)) found.set(id, order);
					minId = Math.max(minId, id + 1);
				}
				if (page.length < ORDER_PAGE_SIZE) break;
			}
		}
		return found;
	}

	private async scan(need: number): Promise<void> {
		const cfg = this.cfg;
		const queues: ScanRow[][] = [];
		const scans: ScanResult[] = [];
		for (const statusId of cfg.statuses) {
			const cursor = this.state.statuses[String(statusId)];
			const result = await scanStatus.call(this.ctx, {
				statusId,
				start: startPosition(cursor),
				need,
				isKnown: (id, dm) => this.isKnown(id, dm),
				channelId: cfg.channelIds.length === 1 ? cfg.channelIds[0] : undefined,
				minDateCreated: cfg.earliestCreated,
				maxPages: MAX_PAGES_PER_STATUS,
			});
			scans.push(result);
			queues.push(result.rows.filter((r) => r.isNew));
		}

		// Oldest first across statuses; each status's queue is consumed as a prefix, so its next position is exact.
		const taken = queues.map(() => 0);
		const selected: ScanRow[] = [];
		while (selected.length < need) {
			let best = -1;
			for (let q = 0; q < queues.length; q++) {
				const head = queues[q][taken[q]];
				if (head && (best < 0 || head.dm < queues[best][taken[best]].dm)) best = q;
			}
			if (best < 0) break;
			const row = queues[best][taken[best]++];
			if (this.handled.has(row.id)) continue;
			if (!inFilters(cfg, row.order) || (cfg.skipWithoutPhysicalLines && !hasShippableLines(row.order))) {
				this.markHandled(row.id, row.dm);
				continue;
			}
			this.handled.add(row.id);
			selected.push(row);
		}

		for (const row of selected) {
			const emitted = await this.emit(row.order, row.dm);
			this.state.seen[String(row.id)] = row.dm;
			if (emitted && cfg.redeliveryMs > 0) this.state.pending[String(row.id)] = { emittedAt: this.now, dm: row.dm, emits: 1 };
		}

		cfg.statuses.forEach((statusId, q) => {
			const key = String(statusId);
			this.state.statuses[key] = this.nextCursor(this.state.statuses[key], scans[q], queues[q][taken[q]]);
		});
	}

	private nextCursor(previous: StatusCursor | undefined, scan: ScanResult, deferred?: ScanRow): StatusCursor {
		const start = startPosition(previous);
		const cursor = Math.max(previous?.cursor ?? -Infinity, start.minDm ?? -Infinity, ...scan.rows.map((r) => r.dm));
		const next: StatusCursor = Number.isFinite(cursor) ? { cursor } : {};
		if (deferred) {
			next.resume = resumeAt(scan, deferred);
			// In resume mode the cursor only marks progress; it must not pass rows still to be read.
			next.cursor = Math.min(cursor, deferred.dm);
		} else if (!scan.exhausted) {
			next.resume = scan.next;
		}
		return next;
	}

	private markHandled(id: number, dm: number): void {
		this.handled.add(id);
		this.state.seen[String(id)] = dm;
	}

	/** Maps and queues one order for output; false when it turned out to have nothing to ship and is skipped. */
	private async emit(order: BcOrder, dm: number): Promise<boolean> {
		const id = Number(order.id);
		this.handled.add(id);
		const completed = await completeOrder.call(this.ctx, order);
		const mapped = mapOrder(completed.order, {
			storeHash: this.cfg.storeHash,
			referencePrefix: this.cfg.referencePrefix,
			includeRaw: this.cfg.includeRaw,
			linesByAddress: completed.linesByAddress,
		});
		this.state.seen[String(id)] = dm;
		if (this.cfg.skipWithoutPhysicalLines && mapped.destinations.length === 0) return false;
		this.out.push(mapped);
		return true;
	}
}

/** How many orders "Fetch Test Event" shows. */
export const SAMPLE_SIZE = 3;

/**
 * Manual mode ("Fetch Test Event"): the most recent orders in the selected statuses, so users can map fields. Reads
 * no cursor and records nothing.
 */
export async function sampleOrders(this: BcContext, cfg: PollConfig): Promise<Order[]> {
	const candidates: BcOrder[] = [];
	for (const statusId of cfg.statuses) {
		const page = await listOrdersPage.call(this, {
			statusId,
			minDateCreated: cfg.earliestCreated,
			channelId: cfg.channelIds.length === 1 ? cfg.channelIds[0] : undefined,
			sort: 'date_created:desc',
			page: 1,
			limit: SAMPLE_SIZE * 2,
		});
		candidates.push(...page.filter((o) => inFilters(cfg, o)));
	}
	const created = (o: BcOrder) => parseBcDateMs(o.date_created) ?? 0;
	const shippable = candidates.filter((o) => !cfg.skipWithoutPhysicalLines || hasShippableLines(o));
	const picked = shippable.sort((a, b) => created(b) - created(a)).slice(0, SAMPLE_SIZE);
	const out: Order[] = [];
	for (const order of picked) {
		orderIdentity.call(this, order, Number(order.status_id));
		const completed = await completeOrder.call(this, order);
		out.push(
			mapOrder(completed.order, {
				storeHash: cfg.storeHash,
				referencePrefix: cfg.referencePrefix,
				includeRaw: cfg.includeRaw,
				linesByAddress: completed.linesByAddress,
			}),
		);
	}
	return out;
}

/** The list position of a row not yet handled, for the next poll to start at. */
export function resumeAt(scan: ScanResult, row: ScanRow): ScanPosition {
	// Read from a list starting at most a second earlier: its own position there is exact.
	if (row.at.minDm !== undefined && row.dm - row.at.minDm <= 1000) return { ...row.at };
	// Otherwise every row at its second that precedes it was read in this scan. With nothing to skip, start a second
	// earlier so that an exclusive date bound cannot hide it; a skip inside a page is checked by the scan itself.
	const before = scan.rows.slice(0, scan.rows.indexOf(row)).filter((r) => r.dm === row.dm).length;
	return before % PAGE_SIZE !== 0 ? { minDm: row.dm, offset: before } : { minDm: row.dm - 1000, offset: before };
}
