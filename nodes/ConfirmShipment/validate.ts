/**
 * Turns an input item into a Shipment (the data contract, nodes/shared/model.ts), or says in words what is wrong with it.
 * Line quantities are checked later, per line, so one bad line does not stop the rest of its package.
 */
import type { Shipment, ShipmentLine, ShipmentPackage } from '../shared/model';

const SHAPE =
	'{reference, packages: [{trackingNumber, carrier, service, lines: [{sku, quantity}]}]} (or orderId instead of reference)';

function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value === undefined || value === null) return '';
	return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toLine(raw: unknown, where: string): ShipmentLine | string {
	if (!isObject(raw)) return `${where} is not an object {sku, quantity}`;
	const sku = text(raw.sku);
	if (sku === undefined) return `${where}: 'sku' must be text`;
	const opid = raw.orderProductId;
	const hasOpid = opid !== undefined && opid !== null && opid !== '';
	if (hasOpid && !(Number.isInteger(Number(opid)) && Number(opid) > 0)) {
		return `${where}: 'orderProductId' must be a positive whole number (got ${JSON.stringify(opid)})`;
	}
	if (!sku && !hasOpid) return `${where} has neither 'sku' nor 'orderProductId'`;
	const quantity = typeof raw.quantity === 'string' && raw.quantity.trim() !== '' ? Number(raw.quantity) : raw.quantity;
	if (typeof quantity !== 'number' || Number.isNaN(quantity)) {
		return `${where}: 'quantity' must be a number (got ${JSON.stringify(raw.quantity)})`;
	}
	const line: ShipmentLine = { sku, quantity };
	if (hasOpid) line.orderProductId = Number(opid);
	return line;
}

function toPackage(raw: unknown, where: string): ShipmentPackage | string {
	if (!isObject(raw)) return `${where} is not an object`;
	const trackingNumber = text(raw.trackingNumber);
	const carrier = text(raw.carrier);
	const service = text(raw.service);
	const shippedAt = text(raw.shippedAt);
	if (trackingNumber === undefined) return `${where}: 'trackingNumber' must be text`;
	if (carrier === undefined || service === undefined || shippedAt === undefined) {
		return `${where}: 'carrier', 'service' and 'shippedAt' must be text`;
	}
	if (!Array.isArray(raw.lines) || raw.lines.length === 0) return `${where}: 'lines' must be a non-empty list of {sku, quantity}`;
	const lines: ShipmentLine[] = [];
	for (let i = 0; i < raw.lines.length; i++) {
		const line = toLine(raw.lines[i], `${where} line ${i + 1}`);
		if (typeof line === 'string') return line;
		lines.push(line);
	}
	return { trackingNumber, carrier, service, shippedAt, lines };
}

/** Accepts a Shipment, or a single package flattened into the item ({reference, trackingNumber, carrier, lines}). */
export function parseShipmentItem(raw: unknown): { shipment: Shipment } | { error: string } {
	if (!isObject(raw)) return { error: `The item is not a Shipment object. Expected ${SHAPE}.` };
	const reference = text(raw.reference);
	const orderIdRaw = raw.orderId;
	const hasOrderId = orderIdRaw !== undefined && orderIdRaw !== null && orderIdRaw !== '';
	if (hasOrderId && !(Number.isInteger(Number(orderIdRaw)) && Number(orderIdRaw) > 0)) {
		return { error: `'orderId' must be a positive whole number (got ${JSON.stringify(orderIdRaw)}).` };
	}
	if (reference === undefined) return { error: `'reference' must be text. Expected ${SHAPE}.` };
	if (!reference && !hasOrderId) return { error: `The item has neither 'reference' nor 'orderId'. Expected ${SHAPE}.` };
	const wmsOrderId = text(raw.wmsOrderId) ?? '';
	const closedWithoutPackages = raw.closedWithoutPackages === true;
	const rawPackages = raw.packages !== undefined ? raw.packages : raw.lines !== undefined ? [raw] : undefined;
	if (rawPackages !== undefined && !Array.isArray(rawPackages)) {
		return { error: `'packages' must be a list. Expected ${SHAPE}.` };
	}
	if ((!rawPackages || rawPackages.length === 0) && !closedWithoutPackages) {
		return { error: `The shipment has no packages (and is not marked closedWithoutPackages). Expected ${SHAPE}.` };
	}
	const packages: ShipmentPackage[] = [];
	for (let i = 0; i < (rawPackages ?? []).length; i++) {
		const pkg = toPackage((rawPackages as unknown[])[i], `Package ${i + 1}`);
		if (typeof pkg === 'string') return { error: `${pkg}. Expected ${SHAPE}.` };
		packages.push(pkg);
	}
	const shipment: Shipment = { reference, wmsOrderId, packages };
	if (hasOrderId) shipment.orderId = Number(orderIdRaw);
	if (closedWithoutPackages) shipment.closedWithoutPackages = true;
	return { shipment };
}
