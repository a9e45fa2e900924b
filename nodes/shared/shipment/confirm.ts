/**
 * Confirms shipments in BigCommerce package by package: finds the order, maps lines, never ships a line twice or
 * beyond its remaining quantity, and recognises shipments that already exist (same tracking number, or for packages
 * without tracking the same lines). Reads are cached per order for the run, so an order's packages share them:
 * one order read + one shipments read + one POST per package.
 */
import type { BcContext } from '../bigcommerce/transport';
import type { BcShipment, BcShipmentCreate } from '../bigcommerce/types';
import { mapCarrier } from '../bigcommerce/carriers';
import type { OrderForShipping } from '../bigcommerce/shipments';
import {
	TRACKING_NUMBER_MAX,
	createShipment,
	listShipments,
	readOrderForShipping,
	shipmentBody,
} from '../bigcommerce/shipments';
import type { ResultBase, Shipment, ShipmentLine, ShipmentPackage } from '../model';
import { parseReference } from '../reference';
import type { LineNotShipped, LineShipped, LineState } from './allocate';
import { allRemaining, allocatePackage, derivedStatus, normalizeSku } from './allocate';
import { toNodeError } from '../errors';
import { apiMessageOf, httpStatusOf, isOutcomeUnknown } from './errors';

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
	lines: LineState[];
	shipments?: BcShipment[];
	/** Shipments already matched to (or created for) a package in this run. */
	claimed: Set<number>;
	changed: boolean;
}

const norm = (tracking: string | undefined | null) => (tracking ?? '').trim().toLowerCase();

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

	constructor(
		private readonly ctx: BcContext,
		private readonly options: ConfirmOptions,
	) {}

	/** One result per package (one for the whole shipment when it has no package to confirm). */
	async confirm(shipment: Shipment): Promise<ConfirmedPackage[]> {
		const packages: Array<{ pkg: ShipmentPackage; number: number; synthesized: boolean }> = shipment.packages.map(
			(pkg, i) => ({ pkg, number: i + 1, synthesized: false }),
		);
		if (!packages.length && shipment.closedWithoutPackages) {
			packages.push({ pkg: { trackingNumber: '', carrier: '', service: '', shippedAt: '', lines: [] }, number: 0, synthesized: true });
		}
		const out: ConfirmedPackage[] = [];
		if (shipment.closedWithoutPackages && !this.options.shipClosedWithoutPackages) {
			const result = this.blank(shipment, packages[0].pkg, 0);
			const parsed = parseReference(shipment.reference ?? '', this.options.referencePrefix);
			if (parsed) result.orderId = parsed.orderId;
			result.reason = `The WMS closed ${shipment.reference || shipment.orderId} without package detail; nothing sent. Turn on "Mark as Shipped When the WMS Closed the Order Without Packages" to ship all remaining lines in one shipment.`;
			return [{ result, retryable: false }];
		}
		if (!packages.length) {
			const result = this.blank(shipment, { trackingNumber: '', carrier: '', service: '', shippedAt: '', lines: [] }, 0);
			result.reason = `The WMS reports ${shipment.reference || shipment.orderId} as shipped but gives no packages; nothing sent.`;
			return [{ result, retryable: false }];
		}
		for (const { pkg, number, synthesized } of packages) {
			out.push(await this.confirmPackage(shipment, pkg, number, synthesized));
		}
		return out;
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
		const done = (outcome: PackageResult['outcome'], reason: string, extra: Partial<ConfirmedPackage> = {}) => {
			result.outcome = outcome;
			result.reason = reason;
			return { result, retryable: false, ...extra };
		};

		// 1. Which order, which destination.
		const parsed = shipment.reference ? parseReference(shipment.reference, this.options.referencePrefix) : undefined;
		if (shipment.reference && !parsed && shipment.orderId === undefined) {
			const prefix = this.options.referencePrefix;
			return done(
				'skipped',
				`Reference ${shipment.reference} is not a BigCommerce order reference${prefix ? ` with prefix "${prefix}"` : ''} (expected ${prefix}<order id>, optionally /N for a destination and -N for a WMS split). Check the Reference Prefix.`,
			);
		}
		if (parsed && shipment.orderId !== undefined && parsed.orderId !== shipment.orderId) {
			return done('failed', `Reference ${shipment.reference} points to order ${parsed.orderId} but the item says orderId ${shipment.orderId}; nothing sent.`);
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
			return done('failed', `BigCommerce has no order ${orderId} (reference ${shipment.reference || orderId}); nothing sent. Check the reference prefix and the store.`);
		}
		const { order } = cache;
		result.orderStatus = { id: order.statusId, name: order.status };
		const blocked = NOT_SHIPPABLE_STATUS[order.statusId];
		if (blocked) {
			return done('skipped', `Order ${orderId} is ${order.status || blocked} in BigCommerce (status ${order.statusId}); nothing was shipped. Check with the warehouse: the goods may have left.`);
		}
		if (!order.addressIds.length) {
			return done('skipped', `Order ${orderId} has no shipping address (digital or pickup only); BigCommerce has nothing to ship.`);
		}
		const addressId = order.addressIds[destinationIndex];
		if (addressId === undefined) {
			return done('failed', `Reference ${shipment.reference} points to shipping address ${destinationIndex + 1} of order ${orderId}, which has only ${order.addressIds.length}; nothing sent.`);
		}

		// 2. Tracking number and carrier.
		const tracking = result.trackingNumber;
		if (tracking.length > TRACKING_NUMBER_MAX) {
			return done('failed', `Tracking number of order ${orderId} package ${number} is ${tracking.length} characters long; BigCommerce accepts at most ${TRACKING_NUMBER_MAX}. Shipment not created: correct the tracking number and run again.`);
		}
		const carrier = mapCarrier(pkg.carrier);
		const notes: string[] = [];
		if (!tracking) notes.push('No tracking number: BigCommerce accepts the shipment without one, but the customer gets no tracking link.');
		if (pkg.carrier && carrier.matchedBy === 'none') {
			notes.push(`Carrier "${pkg.carrier}" has no BigCommerce tracking carrier code; sent without one.`);
		}

		try {
			const shipments = await this.shipmentsOf(cache);

			// 3. Already there? Same tracking number (packages with tracking) or same lines (packages without).
			const requested = synthesized ? allRemaining(cache.lines, addressId) : pkg.lines;
			const existing = tracking
				? shipments.find((s) => !cache.claimed.has(s.id) && norm(s.tracking_number) === norm(tracking))
				: this.sameLinesShipment(cache, shipments, addressId, requested);
			if (existing) {
				cache.claimed.add(existing.id);
				this.describeExisting(result, cache, existing);
				result.orderStatus = this.statusOf(cache);
				return done('exists', `Order ${orderId} already has shipment ${existing.id}${tracking ? ` with tracking number ${existing.tracking_number}` : ' with the same lines and no tracking number'}; nothing sent.`);
			}

			// 4. Lines -> order products, capped at what remains.
			const allocation = allocatePackage(orderId, cache.lines, addressId, requested);
			result.linesNotShipped = allocation.notShipped;
			if (!allocation.shipped.length) {
				result.orderStatus = this.statusOf(cache);
				const why = synthesized
					? `Every line of shipping address ${destinationIndex + 1} of order ${orderId} is already shipped.`
					: allocation.notShipped.map((n) => n.reason).join(' ');
				const harmless = allocation.notShipped.every((n) => n.code === 'fully-shipped' || n.code === 'not-shippable');
				return done(harmless ? 'skipped' : 'failed', `Nothing to ship for order ${orderId}. ${why}`.trim());
			}
			notes.push(...allocation.notShipped.map((n) => n.reason));

			// 5. Create, safely.
			const service = (pkg.service ?? '').trim();
			const carrierName = (pkg.carrier ?? '').trim();
			const method = shippingMethodOf(carrierName, service).slice(0, SHIPPING_METHOD_MAX);
			const body = shipmentBody({
				addressId,
				items: allocation.shipped,
				trackingNumber: tracking,
				shippingMethod: method,
				shippingProvider: carrier.shippingProvider,
				trackingCarrier: carrier.trackingCarrier,
				comments: this.options.comments,
			});
			const { shipment: created, recovered } = await this.createOnce(cache, body);
			for (const item of body.items) {
				const state = cache.lines.find((l) => l.line.id === item.order_product_id);
				if (state) state.shipped += item.quantity;
			}
			if (!cache.shipments?.some((s) => s.id === created.id)) cache.shipments?.push(created);
			cache.claimed.add(created.id);
			cache.changed = true;
			if (recovered) notes.push('BigCommerce’s response was lost; the shipment was found on re-reading the order.');
			result.shipmentId = created.id;
			result.linesShipped = allocation.shipped;
			result.trackingCarrier = body.tracking_carrier ?? '';
			result.shippingProvider = body.shipping_provider ?? '';
			result.shippingMethod = body.shipping_method ?? '';
			result.orderStatus = this.statusOf(cache);
			return done('created', notes.join(' '));
		} catch (error) {
			return this.apiFailure(result, error, `creating the shipment for order ${orderId} package ${number}`);
		}
	}

	/**
	 * POST; when the outcome is unknown (lost response, 5xx, timeout) re-read the order's shipments and take the one
	 * that appeared, else retry once.
	 */
	private async createOnce(cache: OrderCache, body: BcShipmentCreate): Promise<{ shipment: BcShipment; recovered: boolean }> {
		const orderId = cache.order.orderId;
		for (let attempt = 1; ; attempt++) {
			try {
				return { shipment: await createShipment.call(this.ctx, orderId, body), recovered: false };
			} catch (error) {
				if (!isOutcomeUnknown(error)) throw toNodeError(this.ctx.getNode(), error);
				const known = new Set((cache.shipments ?? []).map((s) => s.id));
				const fresh = await listShipments.call(this.ctx, orderId);
				cache.shipments = fresh;
				const found = fresh.find(
					(s) =>
						!known.has(s.id) &&
						s.order_address_id === body.order_address_id &&
						norm(s.tracking_number) === norm(body.tracking_number) &&
						sameItems(s, body),
				);
				if (found) return { shipment: found, recovered: true };
				if (attempt >= 2) throw toNodeError(this.ctx.getNode(), error);
			}
		}
	}

	private async load(orderId: number): Promise<OrderCache | null> {
		if (this.orders.has(orderId)) return this.orders.get(orderId) ?? null;
		const order = await readOrderForShipping.call(this.ctx, orderId);
		const cache: OrderCache | null = order
			? {
					order,
					lines: order.lines.map((line) => ({ line, shipped: Number(line.quantity_shipped) || 0 })),
					claimed: new Set(),
					changed: false,
				}
			: null;
		this.orders.set(orderId, cache);
		return cache;
	}

	private async shipmentsOf(cache: OrderCache): Promise<BcShipment[]> {
		if (!cache.shipments) cache.shipments = await listShipments.call(this.ctx, cache.order.orderId);
		return cache.shipments;
	}

	/** For a package without tracking number: an unclaimed untracked shipment to the same address with the same SKUs and quantities. */
	private sameLinesShipment(cache: OrderCache, shipments: BcShipment[], addressId: number, requested: ShipmentLine[]) {
		if (!requested.length) return undefined;
		const skuOf = (id: number) => normalizeSku(cache.lines.find((l) => l.line.id === id)?.line.sku) || `#${id}`;
		const wanted = signature(
			requested.map((l) => ({ key: l.orderProductId ? skuOf(Number(l.orderProductId)) : normalizeSku(l.sku), quantity: Number(l.quantity) })),
		);
		return shipments.find(
			(s) =>
				!cache.claimed.has(s.id) &&
				!norm(s.tracking_number) &&
				s.order_address_id === addressId &&
				signature((s.items ?? []).map((i) => ({ key: skuOf(i.order_product_id), quantity: i.quantity }))) === wanted,
		);
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

	/** After a shipment we created, the status BigCommerce sets by line math; otherwise the status we read. */
	private statusOf(cache: OrderCache): { id: number; name: string } {
		return cache.changed ? derivedStatus(cache.lines) : { id: cache.order.statusId, name: cache.order.status };
	}

	private apiFailure(result: PackageResult, error: unknown, doing: string): ConfirmedPackage {
		const status = httpStatusOf(error);
		result.outcome = 'failed';
		const what = doing.charAt(0).toUpperCase() + doing.slice(1);
		result.reason = `${what} failed${status ? ` (HTTP ${status})` : ''}: ${apiMessageOf(error)}`;
		if (isOutcomeUnknown(error)) {
			result.reason += ' BigCommerce may have created it: the next run re-reads the order and does not create it twice.';
		}
		const retryable = status === undefined || status >= 500 || status === 429 || status === 401 || status === 403;
		return { result, error, retryable };
	}
}

function signature(items: Array<{ key: string; quantity: number }>): string {
	const totals = new Map<string, number>();
	for (const { key, quantity } of items) totals.set(key, (totals.get(key) ?? 0) + quantity);
	return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([k, q]) => `${k}:${q}`).join('|');
}

function sameItems(shipment: BcShipment, body: BcShipmentCreate): boolean {
	const a = signature((shipment.items ?? []).map((i) => ({ key: String(i.order_product_id), quantity: i.quantity })));
	const b = signature(body.items.map((i) => ({ key: String(i.order_product_id), quantity: i.quantity })));
	return a === b;
}

/** "UPS" + "Ground" -> "UPS Ground"; "FedEx" + "FedEx Ground" -> "FedEx Ground"; either alone as it is. */
export function shippingMethodOf(carrier: string, service: string): string {
	const c = carrier.toLowerCase();
	const s = service.toLowerCase();
	if (!carrier || s.includes(c)) return service;
	if (!service || c.includes(s)) return carrier;
	return `${carrier} ${service}`;
}
