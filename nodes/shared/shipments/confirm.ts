/**
 * Confirms shipments in BigCommerce package by package: finds the order, maps lines, never ships a line twice or
 * beyond its remaining quantity, and recognises shipments that already exist (same tracking number, or for packages
 * without tracking the same lines).
 *
 * Exactly once under overlapping runs (README "Exactly once under overlapping runs"):
 * - in one process, an order's packages are confirmed under a process-wide lock per store + order (keyedLock.ts);
 * - across processes (queue mode), BigCommerce is the shared truth: the shipments are read before each POST and
 *   again after it. A shipment with the package's identity that appeared around our POST is the same package posted
 *   by another run: the lowest shipment id is kept, the others are deleted (every run decides the same way), and a
 *   run whose copy was deleted reports `exists`. A 400 "greater than the quantity remaining" or a lost response
 *   means: re-read and classify, then allocate again with the fresh quantities (bounded). A package is `skipped` as
 *   fully shipped only after twins of this WMS order's packages were removed.
 * Package identity: the tracking number (plus the address); a package without one is identified by its address
 * and SKU quantities. Requests per order visit: order read + shipments read, then per package one POST + one read.
 */
import type { BcContext } from '../bigcommerce/transport';
import type { BcShipment, BcShipmentCreate } from '../bigcommerce/types';
import { mapCarrier } from '../bigcommerce/carriers';
import type { OrderForShipping } from '../bigcommerce/shipments';
import {
	TRACKING_NUMBER_MAX,
	createShipment,
	deleteShipment,
	listShipments,
	readOrderForShipping,
	shipmentBody,
} from '../bigcommerce/shipments';
import { getBcCredentials } from '../bigcommerce/credentials';
import { bcStoreKey, transportSettings } from '../bigcommerce/transport';
import { bumpKeyVersion, keyVersion, withKeyLock } from '../keyedLock';
import type { ResultBase, Shipment, ShipmentLine, ShipmentPackage } from '../model';
import { parseReference } from '../reference';
import type { Allocation, LineNotShipped, LineShipped, LineState } from './allocate';
import { allRemaining, allocatePackage, derivedStatus } from './allocate';
import { skuKey } from '../sku';
import { toNodeError } from '../errors';
import { apiMessageOf, httpStatusOf, mayHaveBeenApplied } from '../bigcommerce/errors';

/** Statuses in which an order must not be shipped. */
const NOT_SHIPPABLE_STATUS: Record<number, string> = { 0: 'Incomplete', 4: 'Refunded', 5: 'Cancelled', 6: 'Declined' };
const SHIPPING_METHOD_MAX = 250;

export interface ConfirmOptions {
	referencePrefix: string;
	/** Ship all remaining lines when the WMS closed the order without package detail. */
	shipClosedWithoutPackages: boolean;
	comments: string;
}

export interface PackageResult extends ResultBase {
	orderId: number | null;
	reference: string;
	wmsOrderId: string;
	/** 1-based package number within the shipment; 0 for the one shipment of an order closed without packages. */
	packageNumber: number;
	shipmentId: number | null;
	trackingNumber: string;
	/** The carrier as the WMS named it. */
	carrier: string;
	/** What BigCommerce got (or has): `tracking_carrier`, `shipping_provider`, `shipping_method`. */
	trackingCarrier: string;
	shippingProvider: string;
	shippingMethod: string;
	linesShipped: LineShipped[];
	linesNotShipped: LineNotShipped[];
	orderStatus: { id: number; name: string } | null;
}

export interface ConfirmedPackage {
	result: PackageResult;
	/** The API error behind a `failed` outcome, for Continue On Fail / NodeApiError. */
	error?: unknown;
	/** A failure a later run may not repeat (API/network trouble), as opposed to bad data. */
	retryable: boolean;
}

interface OrderCache {
	order: OrderForShipping;
	/** Process-wide lock / write-version key of the order (store + order id). */
	key: string;
	/** Shipped so far per line: `base` plus the items of the shipments last read. */
	lines: LineState[];
	/** Units per line BigCommerce counts as shipped that no shipment accounts for (set at the first shipments read). */
	base?: Map<number, number>;
	/** `base` was confirmed by a second order + shipments read. */
	baseChecked?: boolean;
	shipments?: BcShipment[];
	/** `keyVersion` when the shipments were read: unchanged = nobody in this process wrote since. */
	readVersion?: string;
	/** Shipments already matched to (or created for) a package in this run. */
	claimed: Set<number>;
	/** The shipments changed since the order was read: the status follows from the lines. */
	changed: boolean;
}

const norm = (tracking: string | undefined | null) => (tracking ?? '').trim().toLowerCase();

/** Where a package goes: the order (as read for this run) and the shipping address of its destination. */
interface PackageTarget {
	orderId: number;
	destinationIndex: number;
	addressId: number;
	cache: OrderCache;
}

/** One package on its way into BigCommerce. */
interface PackageRun extends PackageTarget {
	shipment: Shipment;
	pkg: ShipmentPackage;
	number: number;
	/** The one package of a WMS order closed without package detail: every remaining line of the address. */
	synthesized: boolean;
	result: PackageResult;
	tracking: string;
	carrier: ReturnType<typeof mapCarrier>;
	notes: string[];
	/** Packages of this WMS order with this tracking number. */
	sameTracking: number;
	/** The last POST failure of this package, reported when no later attempt confirms it. */
	lastFailure?: unknown;
}

/** The copy of a package kept after a POST and what led to it. */
interface KeptCopy {
	kept: BcShipment;
	deleted: number[];
	created: BcShipment | undefined;
	failure: unknown;
	body: BcShipmentCreate;
	shipped: LineShipped[];
	allocationNotes: string[];
}

/** A step's answer: look, allocate and create again with fresh quantities. */
const AGAIN = Symbol('again');

function isFinished(value: object): value is ConfirmedPackage {
	return 'result' in value && 'retryable' in value;
}

/** The package's result with its outcome and reason. */
function finish(
	result: PackageResult,
	outcome: PackageResult['outcome'],
	reason: string,
	extra: Partial<ConfirmedPackage> = {},
): ConfirmedPackage {
	result.outcome = outcome;
	result.reason = reason;
	return { result, retryable: false, ...extra };
}

/** A package result with nothing shipped yet (outcome `skipped` until decided). */
export function blankPackageResult(
	fields: Pick<PackageResult, 'orderId' | 'reference' | 'wmsOrderId' | 'packageNumber'> & Partial<PackageResult>,
): PackageResult {
	const { orderId, reference, wmsOrderId, packageNumber, ...rest } = fields;
	return {
		orderId,
		reference,
		wmsOrderId,
		packageNumber,
		shipmentId: null,
		trackingNumber: '',
		carrier: '',
		trackingCarrier: '',
		shippingProvider: '',
		shippingMethod: '',
		linesShipped: [],
		linesNotShipped: [],
		orderStatus: null,
		outcome: 'skipped',
		...rest,
	};
}

export class ShipmentConfirmer {
	private readonly orders = new Map<number, OrderCache | null>();
	private storeKey?: Promise<string | undefined>;

	constructor(
		private readonly ctx: BcContext,
		private readonly options: ConfirmOptions,
	) {}

	/**
	 * One result per package (one for the whole shipment when it has no package to confirm). The packages of one
	 * BigCommerce order are confirmed under the order's process-wide lock (keyedLock.ts): overlapping runs in this
	 * process take turns per order; across processes the re-reads around every POST keep it exactly once.
	 */
	async confirm(shipment: Shipment): Promise<ConfirmedPackage[]> {
		const packages: Array<{ pkg: ShipmentPackage; number: number; synthesized: boolean }> = shipment.packages.map(
			(pkg, i) => ({ pkg, number: i + 1, synthesized: false }),
		);
		if (!packages.length && shipment.closedWithoutPackages) {
			packages.push({ pkg: { trackingNumber: '', carrier: '', service: '', shippedAt: '', lines: [] }, number: 0, synthesized: true });
		}
		if (shipment.closedWithoutPackages && !this.options.shipClosedWithoutPackages) {
			const result = this.blank(shipment, packages[0].pkg, 0);
			const parsed = parseReference(shipment.reference ?? '', this.options.referencePrefix);
			if (parsed) result.orderId = parsed.orderId;
			result.reason = `The WMS closed ${shipment.reference || shipment.orderId} without package detail; nothing sent. Turn on "Ship Closed Orders Without Packages" to ship all remaining lines in one shipment.`;
			return [{ result, retryable: false }];
		}
		if (!packages.length) {
			const result = this.blank(shipment, { trackingNumber: '', carrier: '', service: '', shippedAt: '', lines: [] }, 0);
			result.reason = `The WMS reports ${shipment.reference || shipment.orderId} as shipped but gives no packages; nothing sent.`;
			return [{ result, retryable: false }];
		}
		const work = async () => {
			const out: ConfirmedPackage[] = [];
			for (const { pkg, number, synthesized } of packages) {
				out.push(await this.confirmPackage(shipment, pkg, number, synthesized));
			}
			return out;
		};
		const parsed = shipment.reference ? parseReference(shipment.reference, this.options.referencePrefix) : undefined;
		const orderId = parsed?.orderId ?? shipment.orderId;
		const store = orderId === undefined ? undefined : await this.store();
		// Without a store key (the credential is unusable) every request fails anyway: no lock needed.
		return store === undefined ? await work() : await withKeyLock(orderKey(store, orderId as number), work);
	}

	private async store(): Promise<string | undefined> {
		this.storeKey ??= getBcCredentials.call(this.ctx).then(
			(creds) => bcStoreKey(creds),
			() => undefined,
		);
		return await this.storeKey;
	}

	private blank(shipment: Shipment, pkg: ShipmentPackage, number: number): PackageResult {
		return blankPackageResult({
			orderId: shipment.orderId ?? null,
			reference: shipment.reference,
			wmsOrderId: shipment.wmsOrderId,
			packageNumber: number,
			trackingNumber: (pkg.trackingNumber ?? '').trim(),
			carrier: pkg.carrier ?? '',
		});
	}

	private async confirmPackage(
		shipment: Shipment,
		pkg: ShipmentPackage,
		number: number,
		synthesized: boolean,
	): Promise<ConfirmedPackage> {
		const result = this.blank(shipment, pkg, number);
		const target = await this.locate(shipment, result);
		if (isFinished(target)) return target;
		const run = this.prepare(shipment, pkg, number, synthesized, result, target);
		if (isFinished(run)) return run;
		try {
			// The order's shipments as they are now (read once per order visit; again whenever anyone wrote).
			await this.fresh(run.cache);
			for (let attempt = 1; ; attempt++) {
				const step = await this.attempt(run, attempt);
				if (step !== AGAIN) return step;
			}
		} catch (error) {
			const failed = this.apiFailure(result, error, `creating the shipment for order ${run.orderId} package ${number}`);
			if (isRemainingError(error)) {
				failed.result.reason += ` The order's shipments were re-read ${MAX_ATTEMPTS} times: no shipment with this package's ${run.tracking ? `tracking number ${run.tracking}` : 'lines'} and not enough left unshipped. Check the order in BigCommerce (another shipment may hold these items).`;
			}
			return failed;
		}
	}

	/** 1. Which order, which destination: the order read (once per run) and the shipping address id of the package. */
	private async locate(shipment: Shipment, result: PackageResult): Promise<PackageTarget | ConfirmedPackage> {
		const parsed = shipment.reference ? parseReference(shipment.reference, this.options.referencePrefix) : undefined;
		if (shipment.reference && !parsed && shipment.orderId === undefined) {
			const prefix = this.options.referencePrefix;
			return finish(
				result,
				'skipped',
				`Reference ${shipment.reference} is not a BigCommerce order reference${prefix ? ` with prefix "${prefix}"` : ''} (expected ${prefix}<order id>, optionally /N for a destination and -N for a WMS split). Check the Reference Prefix.`,
			);
		}
		if (parsed && shipment.orderId !== undefined && parsed.orderId !== shipment.orderId) {
			return finish(result, 'failed', `Reference ${shipment.reference} points to order ${parsed.orderId} but the item says orderId ${shipment.orderId}; nothing sent.`);
		}
		const orderId = parsed?.orderId ?? (shipment.orderId as number);
		const destinationIndex = parsed?.destinationIndex ?? 0;
		result.orderId = orderId;

		let cache: OrderCache | null;
		try {
			cache = await this.load(orderId);
		} catch (error) {
			return this.apiFailure(result, error, `reading order ${orderId}`);
		}
		if (!cache) {
			return finish(result, 'failed', `BigCommerce has no order ${orderId} (reference ${shipment.reference || orderId}); nothing sent. Check the reference prefix and the store.`);
		}
		const { order } = cache;
		result.orderStatus = { id: order.statusId, name: order.status };
		const blocked = NOT_SHIPPABLE_STATUS[order.statusId];
		if (blocked) {
			return finish(result, 'skipped', `Order ${orderId} is ${order.status || blocked} in BigCommerce (status ${order.statusId}); nothing was shipped. Check with the warehouse: the goods may have left.`);
		}
		if (!order.addressIds.length) {
			return finish(result, 'skipped', `Order ${orderId} has no shipping address (digital or pickup only); BigCommerce has nothing to ship.`);
		}
		const addressId = order.addressIds[destinationIndex];
		if (addressId === undefined) {
			return finish(result, 'failed', `Reference ${shipment.reference} points to shipping address ${destinationIndex + 1} of order ${orderId}, which has only ${order.addressIds.length}; nothing sent.`);
		}
		return { orderId, destinationIndex, addressId, cache };
	}

	/** 2. Tracking number and carrier: what BigCommerce will get, with notes for what is missing. */
	private prepare(
		shipment: Shipment,
		pkg: ShipmentPackage,
		number: number,
		synthesized: boolean,
		result: PackageResult,
		target: PackageTarget,
	): PackageRun | ConfirmedPackage {
		const { orderId } = target;
		const tracking = result.trackingNumber;
		if (tracking.length > TRACKING_NUMBER_MAX) {
			return finish(result, 'failed', `Tracking number of order ${orderId} package ${number} is ${tracking.length} characters long; BigCommerce accepts at most ${TRACKING_NUMBER_MAX}. Shipment not created: correct the tracking number and run again.`);
		}
		const carrier = mapCarrier(pkg.carrier);
		const notes: string[] = [];
		if (!tracking) notes.push('No tracking number: BigCommerce accepts the shipment without one, but the customer gets no tracking link.');
		if (pkg.carrier && carrier.matchedBy === 'none') {
			notes.push(`Carrier "${pkg.carrier}" has no BigCommerce tracking carrier code; sent without one.`);
		}
		// Packages of this WMS order per tracking number: how many BigCommerce shipments may carry it.
		const sameTracking = tracking ? shipment.packages.filter((p) => norm(p.trackingNumber) === norm(tracking)).length : 0;
		return { ...target, shipment, pkg, number, synthesized, result, tracking, carrier, notes, sameTracking };
	}

	/** One look-allocate-create round; AGAIN when the fresh quantities call for another. */
	private async attempt(run: PackageRun, attempt: number): Promise<ConfirmedPackage | typeof AGAIN> {
		const { cache, addressId, orderId, tracking, result } = run;
		// 3. Already there? Same tracking number (packages with tracking) or same lines (packages without).
		const requested = run.synthesized ? allRemaining(cache.lines, addressId) : run.pkg.lines;
		const existing = this.findExisting(cache, addressId, tracking, requested);
		if (existing) {
			cache.claimed.add(existing.id);
			this.describeExisting(result, cache, existing);
			result.orderStatus = this.statusOf(cache);
			return finish(result, 'exists', [`Order ${orderId} already has shipment ${existing.id}${tracking ? ` with tracking number ${existing.tracking_number}` : ' with the same lines and no tracking number'}; nothing sent.`, ...run.notes.filter((n) => n.startsWith(DUPLICATE_NOTE))].join(' '));
		}
		// 4. Lines -> order products, capped at what remains.
		const allocation = await this.allocate(run, requested, attempt);
		if (allocation === AGAIN || isFinished(allocation)) return allocation;
		result.linesNotShipped = allocation.notShipped;
		if (!allocation.shipped.length) return this.nothingToShip(run, allocation);
		// 5. Create, then look: what BigCommerce has afterwards decides (another run may have posted the same package).
		return await this.createAndLook(run, allocation, attempt);
	}

	/**
	 * 4. The package's lines on the order's lines. When they look already shipped: remove this WMS order's twins, check
	 * the units counted as shipped without a shipment once more, or wait (bounded) for another run to delete its twin.
	 */
	private async allocate(run: PackageRun, requested: ShipmentLine[], attempt: number): Promise<Allocation | ConfirmedPackage | typeof AGAIN> {
		const { cache, addressId, orderId, shipment } = run;
		let allocation = allocatePackage(orderId, cache.lines, addressId, requested);
		if (run.synthesized || !allocation.notShipped.some((n) => n.code === 'fully-shipped' || n.code === 'over-shipment')) return allocation;
		// Duplicates of this WMS order's packages (two runs posted one package) may hold the quantities.
		const removed = await this.removeDuplicates(cache, addressId, shipment.packages);
		if (removed.length) {
			run.notes.push(`${DUPLICATE_NOTE} ${removed.join(', ')} (the same package twice) deleted from order ${orderId}.`);
			allocation = allocatePackage(orderId, cache.lines, addressId, requested);
		} else if (!allocation.shipped.length && !cache.baseChecked && [...(cache.base?.values() ?? [])].some((n) => n > 0)) {
			// Units counted as shipped without a shipment may be an artefact of reading the order and its
			// shipments while another run deleted a twin in between: read both again, keep the smaller count.
			await this.recheckBase(cache);
			return AGAIN;
		} else if (!allocation.shipped.length && twinsOnAddress(cache, addressId, shipment.packages).length) {
			// Units held by what looks like another WMS order's package posted twice by an overlapping run:
			// that run deletes its twin right after its POST. Look again shortly (bounded), never "already shipped".
			if (attempt < MAX_ATTEMPTS) {
				await transportSettings.sleep(TWIN_WAIT_MS * attempt);
				await this.reread(cache);
				return AGAIN;
			}
			run.result.orderStatus = this.statusOf(cache);
			return finish(
				run.result,
				'failed',
				`Nothing left unshipped for order ${orderId} package ${run.number}: shipments ${twinsOnAddress(cache, addressId, shipment.packages).join(', ')} look like one package posted twice by an overlapping run and still hold the units. Run again; if it persists, delete the extra shipment in BigCommerce.`,
				{ retryable: true },
			);
		}
		return allocation;
	}

	/** Nothing of the package left to ship: `skipped` when it all went already, `failed` otherwise. */
	private nothingToShip(run: PackageRun, allocation: Allocation): ConfirmedPackage {
		const { orderId, result } = run;
		result.orderStatus = this.statusOf(run.cache);
		const why = run.synthesized
			? `Every line of shipping address ${run.destinationIndex + 1} of order ${orderId} is already shipped.`
			: allocation.notShipped.map((n) => n.reason).join(' ');
		const harmless = allocation.notShipped.every((n) => n.code === 'fully-shipped' || n.code === 'not-shippable');
		// A package whose POST failed is never "already shipped": it is reported with BigCommerce's answer.
		if (run.lastFailure !== undefined) throw run.lastFailure;
		return finish(result, harmless ? 'skipped' : 'failed', `Nothing to ship for order ${orderId}. ${why}`.trim());
	}

	/**
	 * 5. POST the shipment, then read the order's shipments: the lowest-id copy of this package stays, the others are
	 * deleted; AGAIN when no copy is there (read again, allocate with the fresh quantities, bounded).
	 */
	private async createAndLook(run: PackageRun, allocation: Allocation, attempt: number): Promise<ConfirmedPackage | typeof AGAIN> {
		const { cache, orderId, result, notes } = run;
		const allocationNotes = allocation.notShipped.map((n) => n.reason);
		const body = this.bodyFor(run, allocation);
		const known = new Set((cache.shipments ?? []).map((s) => s.id));
		let created: BcShipment | undefined;
		let failure: unknown;
		try {
			created = await createShipment.call(this.ctx, orderId, body);
		} catch (error) {
			failure = error;
		}
		bumpKeyVersion(cache.key);
		if (failure !== undefined && !mayHaveBeenApplied(failure) && !isRemainingError(failure)) throw toNodeError(this.ctx.getNode(), failure);
		try {
			await this.reread(cache);
		} catch (error) {
			if (!created) throw failure ?? error;
			// Created, but the check for a twin could not be made: keep the order for the next run to look again.
			this.recordCreated(cache, created, body);
			this.describeCreated(result, cache, created, allocation.shipped, body);
			notes.push(...allocationNotes, `Re-reading the order's shipments after creating it failed (${apiMessageOf(error)}); the next run checks it for a duplicate from an overlapping run.`);
			return finish(result, 'created', notes.join(' '), { retryable: true });
		}
		const { kept, deleted } = await this.keepOneCopy(run, known, created, body);
		if (kept) return this.reportKept(run, { kept, deleted, created, failure, body, shipped: allocation.shipped, allocationNotes });
		// Not confirmed: read again, allocate with the fresh remaining quantities and try again (bounded).
		run.lastFailure = failure ?? run.lastFailure;
		if (attempt >= MAX_ATTEMPTS) {
			if (run.lastFailure !== undefined) throw run.lastFailure;
			return finish(result, 'failed', `The shipment for order ${orderId} package ${run.number} was created and then removed by an overlapping run ${MAX_ATTEMPTS} times; nothing kept. Run again.`, { retryable: true });
		}
		return AGAIN;
	}

	/** The POST body: documented fields only, shipping method from carrier and service. */
	private bodyFor(run: PackageRun, allocation: Allocation): BcShipmentCreate {
		const service = (run.pkg.service ?? '').trim();
		const carrierName = (run.pkg.carrier ?? '').trim();
		const method = shippingMethodOf(carrierName, service).slice(0, SHIPPING_METHOD_MAX);
		return shipmentBody({
			addressId: run.addressId,
			items: allocation.shipped,
			trackingNumber: run.tracking,
			shippingMethod: method,
			shippingProvider: run.carrier.shippingProvider,
			trackingCarrier: run.carrier.trackingCarrier,
			comments: this.options.comments,
		});
	}

	/**
	 * The copies of this package that appeared around the POST (same address and tracking number, and the same items
	 * when the tracking number is shared): the lowest id is kept, the others deleted.
	 */
	private async keepOneCopy(
		run: PackageRun,
		known: Set<number>,
		created: BcShipment | undefined,
		body: BcShipmentCreate,
	): Promise<{ kept?: BcShipment; deleted: number[] }> {
		const { cache, addressId, tracking } = run;
		const copies = (cache.shipments ?? []).filter(
			(s) =>
				!known.has(s.id) &&
				s.order_address_id === addressId &&
				norm(s.tracking_number) === norm(tracking) &&
				(sameItems(s, body) || (tracking !== '' && run.sameTracking === 1)),
		);
		if (created && !copies.some((s) => s.id === created.id) && !copies.length) {
			// Not listed yet (a lagging read): what BigCommerce answered stands.
			this.recordCreated(cache, created, body);
			copies.push(created);
		}
		copies.sort((a, b) => a.id - b.id);
		const [kept, ...extra] = copies;
		const deleted: number[] = [];
		for (const twin of extra) {
			await deleteShipment.call(this.ctx, run.orderId, twin.id);
			deleted.push(twin.id);
		}
		if (deleted.length) this.forget(cache, deleted);
		return { kept, deleted };
	}

	/** The kept copy as the package's result: `created` when it is ours (or ours with a lost answer), else `exists`. */
	private reportKept(run: PackageRun, copy: KeptCopy): ConfirmedPackage {
		const { cache, orderId, tracking, result, notes } = run;
		const { kept, deleted, created, failure, body, shipped, allocationNotes } = copy;
		cache.claimed.add(kept.id);
		if (created && kept.id === created.id) {
			this.describeCreated(result, cache, kept, shipped, body);
			if (deleted.length) notes.push(`${DUPLICATE_NOTE} ${deleted.join(', ')} (the same package posted by an overlapping run) deleted.`);
			return finish(result, 'created', [...notes, ...allocationNotes].join(' '));
		}
		if (!created && failure !== undefined && mayHaveBeenApplied(failure)) {
			this.describeCreated(result, cache, kept, shipped, body);
			notes.push(...allocationNotes, 'BigCommerce’s response was lost; the shipment was found on re-reading the order.');
			return finish(result, 'created', notes.join(' '));
		}
		this.describeExisting(result, cache, kept);
		result.orderStatus = this.statusOf(cache);
		const ours = created ? ` This run's copy (shipment ${created.id}) was deleted.` : '';
		return finish(result, 'exists', `Order ${orderId} already has shipment ${kept.id}${tracking ? ` with tracking number ${kept.tracking_number}` : ' with the same lines'}, created at the same moment by an overlapping run; nothing else kept.${ours}`);
	}

	private findExisting(cache: OrderCache, addressId: number, tracking: string, requested: ShipmentLine[]): BcShipment | undefined {
		const shipments = cache.shipments ?? [];
		return tracking
			? shipments.find((s) => !cache.claimed.has(s.id) && norm(s.tracking_number) === norm(tracking))
			: this.sameLinesShipment(cache, shipments, addressId, requested);
	}

	private async load(orderId: number): Promise<OrderCache | null> {
		if (this.orders.has(orderId)) return this.orders.get(orderId) ?? null;
		const order = await readOrderForShipping.call(this.ctx, orderId);
		const store = await this.store();
		const cache: OrderCache | null = order
			? {
					order,
					key: orderKey(store ?? '', orderId),
					lines: order.lines.map((line) => ({ line, shipped: Number(line.quantity_shipped) || 0 })),
					claimed: new Set(),
					changed: false,
				}
			: null;
		this.orders.set(orderId, cache);
		return cache;
	}

	/** Reads the shipments unless this run's copy is current (nobody in this process wrote since). */
	private async fresh(cache: OrderCache): Promise<void> {
		if (!cache.shipments || cache.readVersion !== keyVersion(cache.key)) await this.reread(cache);
	}

	/** Reads the order's shipments; the lines' shipped quantities follow from them. */
	private async reread(cache: OrderCache): Promise<void> {
		const version = keyVersion(cache.key);
		const shipments = await listShipments.call(this.ctx, cache.order.orderId);
		if (!cache.base) {
			// What BigCommerce counts as shipped beyond the shipments (e.g. shipped before shipments existed).
			const listed = shippedPerLine(shipments);
			cache.base = new Map(cache.order.lines.map((l) => [l.id, Math.max(0, (Number(l.quantity_shipped) || 0) - (listed.get(l.id) ?? 0))]));
		} else if (idsOf(shipments) !== idsOf(cache.shipments ?? [])) {
			cache.changed = true;
		}
		cache.shipments = shipments;
		cache.readVersion = version;
		this.recount(cache);
	}

	/** Reads the order and its shipments again; a line's unaccounted units are the smaller of the two readings. */
	private async recheckBase(cache: OrderCache): Promise<void> {
		const order = await readOrderForShipping.call(this.ctx, cache.order.orderId);
		cache.baseChecked = true;
		await this.reread(cache);
		if (!order) return;
		const listed = shippedPerLine(cache.shipments ?? []);
		for (const line of order.lines) {
			const now = Math.max(0, (Number(line.quantity_shipped) || 0) - (listed.get(line.id) ?? 0));
			cache.base?.set(line.id, Math.min(cache.base.get(line.id) ?? now, now));
		}
		this.recount(cache);
	}

	private recount(cache: OrderCache): void {
		const listed = shippedPerLine(cache.shipments ?? []);
		for (const state of cache.lines) state.shipped = (cache.base?.get(state.line.id) ?? 0) + (listed.get(state.line.id) ?? 0);
	}

	private recordCreated(cache: OrderCache, created: BcShipment, body: BcShipmentCreate): void {
		if (!cache.shipments?.some((s) => s.id === created.id)) {
			cache.shipments?.push({ ...created, items: created.items?.length ? created.items : body.items.map((i) => ({ ...i, product_id: 0 })) } as BcShipment);
		}
		cache.changed = true;
		this.recount(cache);
	}

	/** Shipments this run deleted: out of the cache, their quantities free again. */
	private forget(cache: OrderCache, ids: number[]): void {
		bumpKeyVersion(cache.key);
		cache.shipments = (cache.shipments ?? []).filter((s) => !ids.includes(s.id));
		cache.readVersion = keyVersion(cache.key);
		cache.changed = true;
		this.recount(cache);
	}

	/**
	 * Twins of this WMS order's packages: shipments to the address with the same tracking number and the same items,
	 * more of them than the WMS order has packages with that tracking number. Keeps the lowest ids, deletes the rest.
	 */
	private async removeDuplicates(cache: OrderCache, addressId: number, packages: ShipmentPackage[]): Promise<number[]> {
		const expected = new Map<string, number>();
		for (const p of packages) {
			const t = norm(p.trackingNumber);
			if (t) expected.set(t, (expected.get(t) ?? 0) + 1);
		}
		const groups = new Map<string, BcShipment[]>();
		for (const s of cache.shipments ?? []) {
			const t = norm(s.tracking_number);
			if (!t || s.order_address_id !== addressId || !expected.has(t)) continue;
			const key = `${t}|${itemsSignature(s.items ?? [])}`;
			groups.set(key, [...(groups.get(key) ?? []), s]);
		}
		const victims: number[] = [];
		for (const [key, group] of groups) {
			const allowed = expected.get(key.split('|')[0]) ?? 1;
			if (group.length > allowed) victims.push(...group.sort((a, b) => a.id - b.id).slice(allowed).map((s) => s.id));
		}
		for (const id of victims) await deleteShipment.call(this.ctx, cache.order.orderId, id);
		if (victims.length) this.forget(cache, victims);
		return victims;
	}

	/** For a package without tracking number: an unclaimed untracked shipment to the same address with the same SKUs and quantities. */
	private sameLinesShipment(cache: OrderCache, shipments: BcShipment[], addressId: number, requested: ShipmentLine[]) {
		if (!requested.length) return undefined;
		const skuOf = (id: number) => skuKey(cache.lines.find((l) => l.line.id === id)?.line.sku) || `#${id}`;
		const wanted = signature(
			requested.map((l) => ({ key: l.orderProductId ? skuOf(Number(l.orderProductId)) : skuKey(l.sku), quantity: Number(l.quantity) })),
		);
		return shipments.find(
			(s) =>
				!cache.claimed.has(s.id) &&
				!norm(s.tracking_number) &&
				s.order_address_id === addressId &&
				signature((s.items ?? []).map((i) => ({ key: skuOf(i.order_product_id), quantity: i.quantity }))) === wanted,
		);
	}

	private describeCreated(result: PackageResult, cache: OrderCache, created: BcShipment, shipped: LineShipped[], body: BcShipmentCreate): void {
		result.shipmentId = created.id;
		result.linesShipped = shipped;
		result.trackingCarrier = body.tracking_carrier ?? '';
		result.shippingProvider = body.shipping_provider ?? '';
		result.shippingMethod = body.shipping_method ?? '';
		cache.changed = true;
		result.orderStatus = this.statusOf(cache);
	}

	private describeExisting(result: PackageResult, cache: OrderCache, existing: BcShipment): void {
		result.shipmentId = existing.id;
		result.trackingCarrier = existing.tracking_carrier ?? '';
		result.shippingProvider = existing.shipping_provider ?? '';
		result.shippingMethod = existing.shipping_method ?? '';
		result.linesShipped = (existing.items ?? []).map((i) => ({
			sku: cache.lines.find((l) => l.line.id === i.order_product_id)?.line.sku ?? '',
			orderProductId: i.order_product_id,
			quantity: i.quantity,
		}));
	}

	/** After shipments changed during the run, the status BigCommerce sets by line math; otherwise the status we read. */
	private statusOf(cache: OrderCache): { id: number; name: string } {
		return cache.changed ? derivedStatus(cache.lines) : { id: cache.order.statusId, name: cache.order.status };
	}

	private apiFailure(result: PackageResult, error: unknown, doing: string): ConfirmedPackage {
		const status = httpStatusOf(error);
		result.outcome = 'failed';
		const what = doing.charAt(0).toUpperCase() + doing.slice(1);
		result.reason = `${what} failed${status ? ` (HTTP ${status})` : ''}: ${apiMessageOf(error)}`;
		if (mayHaveBeenApplied(error)) {
			result.reason += ' BigCommerce may have created it: the next run re-reads the order and does not create it twice.';
		}
		const retryable = status === undefined || status >= 500 || status === 429 || status === 401 || status === 403;
		return { result, error, retryable };
	}
}

const DUPLICATE_NOTE = 'Duplicate shipment';
/** Wait before re-reading when another run's twin holds the units (times the attempt number). */
const TWIN_WAIT_MS = 100;

/**
 * Ids beyond the lowest of shipments to the address with the same tracking number and the same items, for tracking
 * numbers of other WMS orders (this WMS order's own twins are removed by removeDuplicates).
 */
function twinsOnAddress(cache: OrderCache, addressId: number, packages: ShipmentPackage[]): number[] {
	const own = new Set(packages.map((p) => norm(p.trackingNumber)));
	const groups = new Map<string, number[]>();
	for (const s of cache.shipments ?? []) {
		const t = norm(s.tracking_number);
		if (!t || own.has(t) || s.order_address_id !== addressId) continue;
		const key = `${t}|${itemsSignature(s.items ?? [])}`;
		groups.set(key, [...(groups.get(key) ?? []), s.id]);
	}
	return [...groups.values()].filter((ids) => ids.length > 1).flatMap((ids) => ids.sort((a, b) => a - b).slice(1));
}
/** POST attempts per package when the re-read shows it still unconfirmed (quantities taken by a twin, lost response). */
const MAX_ATTEMPTS = 3;

/** The process-wide lock key of a BigCommerce order. */
export function orderKey(store: string, orderId: number): string {
	return `bigcommerce-order|${store}|${orderId}`;
}

/** BigCommerce's 400 when a line has fewer units left than the POST asks for (another shipment took them). */
export function isRemainingError(error: unknown): boolean {
	return httpStatusOf(error) === 400 && /remaining/i.test(apiMessageOf(error));
}

function shippedPerLine(shipments: BcShipment[]): Map<number, number> {
	const totals = new Map<number, number>();
	for (const s of shipments) for (const i of s.items ?? []) totals.set(i.order_product_id, (totals.get(i.order_product_id) ?? 0) + (Number(i.quantity) || 0));
	return totals;
}

function idsOf(shipments: BcShipment[]): string {
	return shipments.map((s) => s.id).sort((a, b) => a - b).join(',');
}

function itemsSignature(items: Array<{ order_product_id: number; quantity: number }>): string {
	return signature(items.map((i) => ({ key: String(i.order_product_id), quantity: i.quantity })));
}

function signature(items: Array<{ key: string; quantity: number }>): string {
	const totals = new Map<string, number>();
	for (const { key, quantity } of items) totals.set(key, (totals.get(key) ?? 0) + quantity);
	return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([k, q]) => `${k}:${q}`).join('|');
}

function sameItems(shipment: BcShipment, body: BcShipmentCreate): boolean {
	return itemsSignature(shipment.items ?? []) === itemsSignature(body.items);
}

/** "UPS" + "Ground" -> "UPS Ground"; "FedEx" + "FedEx Ground" -> "FedEx Ground"; either alone as it is. */
export function shippingMethodOf(carrier: string, service: string): string {
	const c = carrier.toLowerCase();
	const s = service.toLowerCase();
	if (!carrier || s.includes(c)) return service;
	if (!service || c.includes(s)) return carrier;
	return `${carrier} ${service}`;
}
