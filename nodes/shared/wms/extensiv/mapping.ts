/** Between the data contract and 3PL Warehouse Manager shapes. */
import type { ShipmentLine, ShipmentPackage, StockLevel } from '../../model';
import type { WmsOrderInput, WmsOrderRef, WmsShippedOrder } from '../adapter';
import { stateForLabel } from '../../stateCode';
import { asObjects, field, fieldPath, listOf, numberOf, text, type Json } from './parse';
import { warehouseLocalToUtc } from './time';
import { ORDER_STATUS_CANCELLED, ORDER_STATUS_CLOSED, type ExtensivOrderCreate, type ExtensivSettings } from './types';

/** Lines the WMS can take: quantity above zero. Lines without SKU are the caller's to hold; here they are an error. */
export function orderItems(input: WmsOrderInput): ExtensivOrderCreate['orderItems'] {
	return input.destination.lines
		.filter((line) => line.quantity > 0)
		.map((line) => ({ itemIdentifier: { sku: line.sku.trim() }, qty: line.quantity }));
}

export function toOrderCreate(input: WmsOrderInput, settings: ExtensivSettings): ExtensivOrderCreate {
	const { order, destination, routing } = input;
	const a = destination.address;
	const name = [a.firstName, a.lastName].map((s) => s.trim()).filter(Boolean).join(' ');
	const notes = [order.notes.customer, order.notes.staff].map((s) => (s ?? '').trim()).filter(Boolean).join('\n');
	const body: ExtensivOrderCreate = {
		customerIdentifier: { id: settings.customerId },
		facilityIdentifier: { id: settings.facilityId },
		referenceNum: input.reference,
		poNum: String(order.orderId),
		shipTo: {
			companyName: a.company ?? '',
			name: name || a.company || '',
			address1: a.street1 ?? '',
			address2: a.street2 ?? '',
			city: a.city ?? '',
			// Labels print the code ("TX", "QC"); a state the table does not know keeps its name.
			state: stateForLabel(a),
			zip: a.postalCode ?? '',
			country: a.countryIso2 || a.country || '',
			phoneNumber: a.phone ?? '',
			emailAddress: a.email || order.customer.email || '',
		},
		orderItems: orderItems(input),
	};
	if (notes) body.notes = notes;
	if (routing?.billingCode) body.billingCode = routing.billingCode;
	if (routing?.carrier || routing?.mode) {
		body.routingInfo = {};
		if (routing.carrier) body.routingInfo.carrier = routing.carrier;
		if (routing.mode) body.routingInfo.mode = routing.mode;
	}
	return body;
}

export function orderIdOf(order: unknown): string {
	return text(fieldPath(order, 'readOnly.orderId') ?? field(order, 'orderId'));
}

export function orderStatus(order: unknown): WmsOrderRef['status'] {
	const status = numberOf(fieldPath(order, 'readOnly.status'));
	if (status === ORDER_STATUS_CANCELLED) return 'cancelled';
	const closed = fieldPath(order, 'readOnly.isClosed');
	if (closed === true || String(closed).toLowerCase() === 'true' || status === ORDER_STATUS_CLOSED) return 'closed';
	return 'open';
}

export function toOrderRef(order: Json): WmsOrderRef {
	return { wmsOrderId: orderIdOf(order), reference: text(field(order, 'referenceNum')), status: orderStatus(order) };
}

function addLine(lines: ShipmentLine[], sku: string, quantity: number): void {
	const existing = lines.find((l) => l.sku === sku);
	if (existing) existing.quantity += quantity;
	else lines.push({ sku, quantity });
}

/**
 * A closed order with `detail=All` as a Shipment: one package per WMS package, lines per SKU from the package
 * contents (`orderItemId` -> SKU through the order's items). A closed order without packages (LTL, manual confirm)
 * becomes one package holding every line, tracking from `routingInfo.trackingNumber`, with `closedWithoutPackages`.
 */
export function toShippedOrder(order: Json, timeZone: string): WmsShippedOrder {
	const items = listOf(order, 'orders/item', 'orderItems') ?? [];
	const skuByItemId = new Map<string, string>();
	for (const item of items) {
		const id = text(fieldPath(item, 'readOnly.orderItemId') ?? field(item, 'orderItemId'));
		const sku = text(fieldPath(item, 'itemIdentifier.sku'));
		if (id) skuByItemId.set(id, sku);
	}
	const readOnly = field(order, 'readOnly');
	const routing = field(order, 'routingInfo');
	const carrier = text(field(routing, 'carrier')) || text(field(routing, 'scacCode'));
	const service = text(field(routing, 'mode'));
	const orderTracking = text(field(routing, 'trackingNumber'));
	const modifiedAt = warehouseLocalToUtc(text(field(readOnly, 'lastModifiedDate')), timeZone) ?? '';
	const shippedAt =
		warehouseLocalToUtc(text(field(readOnly, 'processDate')), timeZone) ??
		warehouseLocalToUtc(text(field(readOnly, 'shipDate')), timeZone) ??
		modifiedAt;

	const rawPackages =
		asObjects(field(readOnly, 'packages')) ?? asObjects(field(order, 'packages')) ?? listOf(order, 'orders/package') ?? [];
	const packages: ShipmentPackage[] = [];
	for (const pkg of rawPackages) {
		const contents = asObjects(field(pkg, 'packageContents')) ?? listOf(pkg, 'orders/packagecontent') ?? [];
		const lines: ShipmentLine[] = [];
		for (const content of contents) {
			const quantity = numberOf(field(content, 'qty')) ?? 0;
			const sku = skuByItemId.get(text(field(content, 'orderItemId'))) || text(fieldPath(content, 'itemIdentifier.sku'));
			if (sku && quantity > 0) addLine(lines, sku, quantity);
		}
		if (!lines.length) continue;
		packages.push({
			trackingNumber: text(field(pkg, 'trackingNumber')) || orderTracking,
			carrier,
			service,
			shippedAt,
			lines,
		});
	}

	const shipment: WmsShippedOrder = {
		reference: text(field(order, 'referenceNum')),
		wmsOrderId: orderIdOf(order),
		packages,
		modifiedAt,
	};
	if (!packages.length) {
		const lines: ShipmentLine[] = [];
		for (const item of items) {
			const sku = text(fieldPath(item, 'itemIdentifier.sku'));
			const quantity = numberOf(field(item, 'qty')) ?? 0;
			if (sku && quantity > 0) addLine(lines, sku, quantity);
		}
		shipment.closedWithoutPackages = true;
		if (lines.length) shipment.packages = [{ trackingNumber: orderTracking, carrier, service, shippedAt, lines }];
	}
	return shipment;
}

/** The WMS's own words from an error body: `ErrorCode: Hint (Property: message, ...)` or its `Message`. */
export function extensivErrorText(body: unknown): string {
	if (typeof body === 'string') return body.trim().slice(0, 500);
	const code = text(field(body, 'ErrorCode'));
	const hint = text(field(body, 'Hint'));
	const message = text(field(body, 'Message')) || text(field(body, 'error_description')) || text(field(body, 'title'));
	const properties = (asObjects(field(body, 'Properties')) ?? [])
		.map((p) => {
			const name = text(field(p, 'Name'));
			const detail = text(field(p, 'Message')) || text(field(p, 'Hint')) || text(field(p, 'Value'));
			return [name, detail].filter(Boolean).join(': ');
		})
		.filter(Boolean);
	const head = [code, hint || message].filter(Boolean).join(': ');
	const tail = properties.length ? ` (${properties.join('; ')})` : '';
	return `${head}${tail}`.trim();
}

export function isDuplicateError(body: unknown): boolean {
	return text(field(body, 'ErrorCode')).toLowerCase() === 'duplicate';
}

/** `true`, `"true"` or a positive number (a quantity) count as set. */
function flag(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') return value.trim().toLowerCase() === 'true';
	return (numberOf(value) ?? 0) > 0;
}

/**
 * Adds one `GET /inventory/stockdetails` row (a receive item: `itemIdentifier{sku,id}`, `available` = "unallocated;
 * see IsOnHold", `isOnHold`, `quarantined`, `onHand`, `locationIdentifier.nameKey.facilityIdentifier.id`) to the
 * per-SKU totals: `available` only from rows neither on hold nor quarantined, their unallocated units to `onHold`,
 * `onHand` from every row. A row of another facility is skipped; a row without a number poisons that figure (NaN),
 * so the SKU is reported, never written as 0.
 */
export function addStockDetail(totals: Map<string, StockLevel>, row: Json, facilityId: number): void {
	const rowFacility = numberOf(fieldPath(row, 'locationIdentifier.nameKey.facilityIdentifier.id'));
	if (rowFacility !== undefined && rowFacility !== facilityId) return;
	const sku = text(fieldPath(row, 'itemIdentifier.sku'));
	if (!sku) return;
	const level = totals.get(sku) ?? { sku, available: 0, onHold: 0, onHand: 0, locationId: facilityId };
	const unallocated = numberOf(field(row, 'available')) ?? NaN;
	if (flag(field(row, 'isOnHold')) || flag(field(row, 'quarantined'))) level.onHold = (level.onHold ?? 0) + unallocated;
	else level.available += unallocated;
	level.onHand = (level.onHand ?? 0) + (numberOf(field(row, 'onHand')) ?? NaN);
	totals.set(sku, level);
}
