/**
 * The simulated warehouse both APIs share: items with stock, orders, and a shipping simulator that closes orders
 * the way 3PL Warehouse Manager does (several packages, split orders REF-1/REF-2, short-shipped lines, closes
 * without package detail).
 */
import { createRng, digits, pick, type Rng } from './rng';
import type { ShipPlan, WmsOrderLine, WmsOrderRecord, WmsPackage, WmsWorkStage } from './types';

export interface WarehouseItem {
	/** Unique over every customer: in 3PL WM an item belongs to one customer, two customers' same SKU are two items. */
	id: number;
	sku: string;
	/** `available` excludes `onHold` here: on-hold units are unallocated but not sellable (see the stockdetails route). */
	available: number;
	allocated: number;
	onHold: number;
	totalReceived: number;
}

/** Internal order: the public record plus the ETag version. */
export interface SimOrder extends WmsOrderRecord {
	version: number;
}

export interface NewOrder {
	via: WmsOrderRecord['via'];
	customerId: number;
	facilityId: number;
	referenceNum: string;
	shipTo: Record<string, unknown>;
	routing: WmsOrderRecord['routing'];
	notes: string;
	poNum?: string;
	shippingNotes?: string;
	lines: Array<{ sku: string; qty: number; orderProductId?: number }>;
	body: unknown;
}

interface CarrierProfile {
	carrier: string;
	service: string;
	tracking: (rng: Rng) => string;
}

const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

export const CARRIERS: readonly CarrierProfile[] = [
	{
		carrier: 'UPS',
		service: 'Ground',
		tracking: (rng) => {
			let s = '1Z';
			for (let i = 0; i < 6; i++) s += pick(rng, ALNUM.split(''));
			return s + digits(rng, 10);
		},
	},
	{ carrier: 'FedEx', service: 'FedEx Ground', tracking: (rng) => digits(rng, 12) },
	{ carrier: 'USPS', service: 'Priority Mail', tracking: (rng) => '9400' + digits(rng, 18) },
	{ carrier: 'DHL Express', service: 'Express Worldwide', tracking: (rng) => digits(rng, 10) },
	{ carrier: 'Acme Freight', service: 'LTL', tracking: (rng) => 'ACME' + digits(rng, 8) },
];

export class Warehouse {
	/** The credential customer's items (the customer orders are created for), by SKU. */
	readonly items = new Map<string, WarehouseItem>();
	/** Items of the other customers of the same facility, by customer id, then SKU (same SKUs may recur). */
	readonly otherCustomers = new Map<number, Map<string, WarehouseItem>>();
	readonly orders = new Map<number, SimOrder>();
	private nextItemId = 1;
	private nextOrderId = 1;
	private nextOrderItemId = 1;
	private nextPackageId = 1;
	private readonly rng: Rng;

	constructor(
		private readonly clock: () => Date,
		seed: number,
	) {
		this.rng = createRng(seed ^ 0x5eed);
	}

	now(): string {
		return this.clock().toISOString();
	}

	/**
	 * Sets the available quantity (and, when given, the on-hold quantity), creating the SKU when new. Without
	 * `customerId` it is the credential customer's item; with another id, that customer's item of the same SKU.
	 */
	setStock(sku: string, available: number, onHold?: number, customerId?: number): WarehouseItem {
		let items = this.items;
		if (customerId !== undefined) {
			items = this.otherCustomers.get(customerId) ?? new Map<string, WarehouseItem>();
			this.otherCustomers.set(customerId, items);
		}
		let item = items.get(sku);
		if (!item) {
			item = { id: this.nextItemId++, sku, available: 0, allocated: 0, onHold: 0, totalReceived: 0 };
			items.set(sku, item);
		}
		item.available = Math.max(0, Math.floor(available));
		if (onHold !== undefined) item.onHold = Math.max(0, Math.floor(onHold));
		item.totalReceived = item.available + item.allocated + item.onHold;
		return item;
	}

	/** Items of a customer: the credential customer's (`items`) or another one's. */
	itemsOf(customerId: number, credentialCustomerId: number): WarehouseItem[] {
		if (customerId === credentialCustomerId) return [...this.items.values()];
		return [...(this.otherCustomers.get(customerId)?.values() ?? [])];
	}

	/** Every item of the facility, all customers (stock summaries carry no customer). */
	allItems(): WarehouseItem[] {
		return [...this.items.values(), ...[...this.otherCustomers.values()].flatMap((m) => [...m.values()])];
	}

	generateItems(count: number, prefix: string, seed: number): void {
		const rng = createRng(seed);
		const start = this.items.size + 1;
		const width = Math.max(4, String(start + count - 1).length);
		for (let i = start; i < start + count; i++) {
			this.setStock(`${prefix}${String(i).padStart(width, '0')}`, Math.floor(rng() * 200));
		}
	}

	/** Orders sharing a reference (3PL WM compares references case-insensitively), any status. */
	findByReference(referenceNum: string, customerId?: number): SimOrder[] {
		const wanted = referenceNum.toLowerCase();
		return [...this.orders.values()].filter(
			(o) =>
				o.referenceNum.toLowerCase() === wanted && (customerId === undefined || o.customerId === customerId),
		);
	}

	findActiveByReference(referenceNum: string, customerId?: number): SimOrder | undefined {
		return this.findByReference(referenceNum, customerId).find((o) => o.status !== 'cancelled');
	}

	createOrder(input: NewOrder): SimOrder {
		const now = this.now();
		const order: SimOrder = {
			orderId: this.nextOrderId++,
			referenceNum: input.referenceNum,
			via: input.via,
			customerId: input.customerId,
			facilityId: input.facilityId,
			status: 'open',
			shipTo: input.shipTo,
			routing: { ...input.routing },
			notes: input.notes,
			poNum: input.poNum,
			shippingNotes: input.shippingNotes,
			lines: input.lines.map((l) => this.newLine(l.sku, l.qty, l.orderProductId)),
			packages: [],
			createdAt: now,
			lastModifiedAt: now,
			body: input.body,
			version: 1,
		};
		this.orders.set(order.orderId, order);
		return order;
	}

	cancel(orderId: number): SimOrder {
		const order = this.mustGet(orderId);
		if (order.status !== 'open') throw new Error(`Order ${orderId} is ${order.status}; only open orders can be cancelled.`);
		this.touch(order);
		order.status = 'cancelled';
		order.closedAt = order.lastModifiedAt;
		return order;
	}

	/** Work started on an open order (see WmsWorkStage): what the APIs then refuse. */
	setStage(orderId: number, stage: WmsWorkStage): SimOrder {
		const order = this.mustGet(orderId);
		if (order.status !== 'open') throw new Error(`Order ${orderId} is ${order.status}; only open orders move to ${stage}.`);
		this.touch(order);
		order.stage = stage;
		return order;
	}

	/** Replaces the ship-to (both APIs) and, when given, the lines (generic API); refused once allocated. */
	edit(orderId: number, change: { shipTo?: Record<string, unknown>; lines?: Array<{ sku: string; qty: number; orderProductId?: number }>; body?: unknown }): SimOrder {
		const order = this.mustGet(orderId);
		if (order.status !== 'open' || order.stage) throw new Error(`Order ${orderId} is ${order.stage ?? order.status}; it can no longer be changed.`);
		this.touch(order);
		if (change.shipTo) order.shipTo = change.shipTo;
		if (change.lines) order.lines = change.lines.map((l) => this.newLine(l.sku, l.qty, l.orderProductId));
		if (change.body !== undefined) order.body = change.body;
		return order;
	}

	mustGet(orderId: number): SimOrder {
		const order = this.orders.get(orderId);
		if (!order) throw new Error(`Order ${orderId} does not exist.`);
		return order;
	}

	ship(orderId: number, plan: ShipPlan = { kind: 'single' }): SimOrder[] {
		const order = this.mustGet(orderId);
		if (order.status !== 'open') throw new Error(`Order ${orderId} is ${order.status}; only open orders ship.`);
		const profile = this.carrierFor(order);
		switch (plan.kind) {
			case 'single':
				return [this.close(order, profile, [order.lines])];
			case 'packages':
				return [this.close(order, profile, spread(order.lines, plan.count))];
			case 'no-packages':
				return [this.close(order, profile, [order.lines], false)];
			case 'short': {
				const line = order.lines.find((l) => l.sku === plan.sku);
				if (!line) throw new Error(`Order ${orderId} has no line with SKU ${plan.sku}.`);
				const shipped = order.lines
					.map((l) => (l === line ? { ...l, qty: Math.max(0, l.qty - plan.shortBy) } : l))
					.filter((l) => l.qty > 0);
				return [this.close(order, profile, [shipped])];
			}
			case 'split':
				return this.split(order, profile);
		}
	}

	/** Ships every open order; without explicit plans each order gets one chosen by the seeded RNG. */
	shipAll(plans?: ShipPlan[]): SimOrder[] {
		const open = [...this.orders.values()].filter((o) => o.status === 'open');
		const out: SimOrder[] = [];
		open.forEach((order, i) => {
			const plan = plans?.length ? plans[i % plans.length] : this.randomPlan(order);
			out.push(...this.ship(order.orderId, plan));
		});
		return out;
	}

	private randomPlan(order: SimOrder): ShipPlan {
		const plans: ShipPlan[] = [
			{ kind: 'single' },
			{ kind: 'single' },
			{ kind: 'packages', count: 2 },
			{ kind: 'packages', count: 3 },
			{ kind: 'split' },
			{ kind: 'short', sku: order.lines[0].sku, shortBy: 1 },
			{ kind: 'no-packages' },
		];
		return pick(this.rng, plans);
	}

	/** Cancel/replace like 3PL WM: REF is cancelled, REF-1 and REF-2 carry half the lines each and ship. */
	private split(order: SimOrder, profile: CarrierProfile): SimOrder[] {
		let first: WmsOrderLine[];
		let second: WmsOrderLine[];
		if (order.lines.length >= 2) {
			const half = Math.ceil(order.lines.length / 2);
			first = order.lines.slice(0, half);
			second = order.lines.slice(half);
		} else if (order.lines[0].qty >= 2) {
			const line = order.lines[0];
			const q1 = Math.ceil(line.qty / 2);
			first = [{ ...line, qty: q1 }];
			second = [{ ...line, qty: line.qty - q1 }];
		} else {
			return [this.close(order, profile, [order.lines])];
		}
		this.touch(order);
		order.status = 'cancelled';
		order.closedAt = order.lastModifiedAt;
		const parts = [first, second].map((lines, i) => {
			const part = this.createOrder({
				via: order.via,
				customerId: order.customerId,
				facilityId: order.facilityId,
				referenceNum: `${order.referenceNum}-${i + 1}`,
				shipTo: order.shipTo,
				routing: order.routing,
				notes: order.notes,
				poNum: order.poNum,
				shippingNotes: order.shippingNotes,
				lines: lines.map((l) => ({ sku: l.sku, qty: l.qty, orderProductId: l.orderProductId })),
				body: order.body,
			});
			return this.close(part, profile, [part.lines]);
		});
		return [order, ...parts];
	}

	/** Closes the order with one package per group of lines (or none, with order-level tracking only). */
	private close(order: SimOrder, profile: CarrierProfile, groups: WmsOrderLine[][], withPackages = true): SimOrder {
		this.touch(order);
		const shippedAt = order.lastModifiedAt;
		order.routing.carrier = order.routing.carrier || profile.carrier;
		order.routing.mode = order.routing.mode || profile.service;
		const packages: WmsPackage[] = groups.map((lines) => ({
			packageId: this.nextPackageId++,
			trackingNumber: profile.tracking(this.rng),
			carrier: order.routing.carrier as string,
			service: order.routing.mode as string,
			shippedAt,
			contents: lines.map((l) => ({ orderItemId: l.orderItemId, qty: l.qty })),
		}));
		for (const lines of groups) for (const l of lines) this.consume(l.sku, l.qty);
		order.status = 'closed';
		order.closedAt = shippedAt;
		order.routing.trackingNumber = packages[0]?.trackingNumber;
		order.packages = withPackages ? packages : [];
		return order;
	}

	private consume(sku: string, qty: number): void {
		const item = this.items.get(sku);
		if (!item) return;
		const taken = Math.min(item.available, qty);
		item.available -= taken;
		item.allocated += taken;
	}

	/** Carrier named on the order when it is one the simulator knows, otherwise a seeded pick. */
	private carrierFor(order: SimOrder): CarrierProfile {
		const named = order.routing.carrier?.toLowerCase();
		return CARRIERS.find((c) => c.carrier.toLowerCase() === named) ?? pick(this.rng, CARRIERS);
	}

	private newLine(sku: string, qty: number, orderProductId?: number): WmsOrderLine {
		const line: WmsOrderLine = { orderItemId: this.nextOrderItemId++, sku, qty };
		if (orderProductId !== undefined) line.orderProductId = orderProductId;
		return line;
	}

	/** Every change moves lastModifiedDate forward (at least 1 ms, so cursors see a strict order) and the ETag. */
	private touch(order: SimOrder): void {
		const now = this.now();
		order.lastModifiedAt = now > order.lastModifiedAt ? now : new Date(Date.parse(order.lastModifiedAt) + 1).toISOString();
		order.version++;
	}
}

/** Spreads all units over `count` packages: whole lines round-robin, or units when there are fewer lines. */
export function spread(lines: WmsOrderLine[], count: number): WmsOrderLine[][] {
	const units = lines.reduce((n, l) => n + l.qty, 0);
	const n = Math.max(1, Math.min(count, units));
	const groups: WmsOrderLine[][] = Array.from({ length: n }, () => []);
	if (lines.length >= n) {
		lines.forEach((l, i) => groups[i % n].push(l));
		return groups;
	}
	let box = 0;
	for (const line of lines) {
		const perBox = new Map<number, number>();
		for (let u = 0; u < line.qty; u++) {
			perBox.set(box, (perBox.get(box) ?? 0) + 1);
			box = (box + 1) % n;
		}
		for (const [b, qty] of perBox) groups[b].push({ ...line, qty });
	}
	return groups;
}
