/**
 * Maps one package's lines (SKU or order product id + quantity) onto BigCommerce order lines of one shipping
 * address, never beyond a line's remaining quantity. Pure: the caller owns the line state and applies the result.
 */
import type { BcOrderProduct } from '../bigcommerce/types';
import { isShippableLine, lineKindText } from '../bigcommerce/lineKind';
import { skuKey } from '../sku';
import type { ShipmentLine } from '../model';

/** An order line plus what this run has shipped on top of BigCommerce's `quantity_shipped`. */
export interface LineState {
	line: BcOrderProduct;
	/** Shipped so far: BigCommerce's count at read time plus what this run created since. */
	shipped: number;
}

export interface LineShipped {
	sku: string;
	orderProductId: number;
	quantity: number;
}

export interface LineNotShipped {
	sku: string;
	quantity: number;
	orderProductId?: number;
	/** `invalid-quantity`, `unknown-line`, `not-on-order`, `other-address`, `not-shippable`, `fully-shipped`, `over-shipment`. */
	code: string;
	reason: string;
}

export interface Allocation {
	shipped: LineShipped[];
	notShipped: LineNotShipped[];
}

export function remainingOf(state: LineState): number {
	const { quantity, quantity_refunded: refunded } = state.line;
	return Math.max(0, Number(quantity) - state.shipped - (Number(refunded) || 0));
}

/** Why a requested line goes nowhere: a `LineNotShipped` code and the reason in words. */
interface Refusal {
	code: string;
	reason: string;
}

/**
 * The order lines of the package's address a requested line may fill: by order product id when given, else by SKU;
 * only lines BigCommerce can ship. A refusal says why none fits.
 */
function linesFor(orderId: number, lines: LineState[], addressId: number, want: ShipmentLine, sku: string, label: string): LineState[] | Refusal {
	let candidates: LineState[];
	if (want.orderProductId !== undefined && want.orderProductId !== null) {
		candidates = lines.filter((l) => l.line.id === Number(want.orderProductId));
		if (!candidates.length) return { code: 'unknown-line', reason: `Order product ${want.orderProductId} is not a line of order ${orderId}; line not sent.` };
	} else {
		const key = skuKey(sku);
		candidates = key ? lines.filter((l) => skuKey(l.line.sku) === key) : [];
		if (!candidates.length) {
			return {
				code: 'not-on-order',
				reason: key
					? `SKU ${sku} is not on order ${orderId}; line not sent. Check the SKU in the WMS against the order in BigCommerce.`
					: `A line without SKU or order product id cannot be matched to order ${orderId}; line not sent.`,
			};
		}
	}
	const shippable = candidates.filter((l) => isShippableLine(l.line, 'shipment'));
	if (!shippable.length) {
		return { code: 'not-shippable', reason: `${label} is ${lineKindText(candidates[0].line)} on order ${orderId}; BigCommerce does not ship it.` };
	}
	const here = shippable.filter((l) => l.line.order_address_id === addressId);
	if (!here.length) {
		return {
			code: 'other-address',
			reason: `${label} belongs to another shipping address of order ${orderId} (address ${shippable[0].line.order_address_id}, not ${addressId}); line not sent.`,
		};
	}
	return here;
}

/** Units of a requested line that found no room on its order lines: already fully shipped, or an over-shipment. */
function shortfall(orderId: number, here: LineState[], label: string, quantity: number, left: number): Refusal {
	const sent = quantity - left;
	if (here.every((s) => remainingOf(s) === 0)) {
		return { code: 'fully-shipped', reason: `${label} is already fully shipped on order ${orderId}; ${left} not sent.` };
	}
	return {
		code: 'over-shipment',
		reason: `${label}: the package has ${quantity} but only ${sent} remain unshipped on order ${orderId}; ${left} not sent (over-shipment).`,
	};
}

/** `lines`: every line of the order (shippable or not); `addressId`: the package's shipping address. */
export function allocatePackage(
	orderId: number,
	lines: LineState[],
	addressId: number,
	requested: ShipmentLine[],
): Allocation {
	const taken = new Map<number, number>();
	const result: Allocation = { shipped: [], notShipped: [] };
	const add = (state: LineState, quantity: number, sku: string) => {
		taken.set(state.line.id, (taken.get(state.line.id) ?? 0) + quantity);
		const existing = result.shipped.find((s) => s.orderProductId === state.line.id);
		if (existing) existing.quantity += quantity;
		else result.shipped.push({ sku: state.line.sku || sku, orderProductId: state.line.id, quantity });
	};
	const available = (state: LineState) => remainingOf(state) - (taken.get(state.line.id) ?? 0);

	for (const want of requested) {
		const sku = typeof want.sku === 'string' ? want.sku.trim() : String(want.sku ?? '');
		const quantity = Number(want.quantity);
		const label = sku ? `SKU ${sku}` : `order product ${want.orderProductId}`;
		const skip = ({ code, reason }: Refusal, qty = quantity, orderProductId = want.orderProductId) =>
			result.notShipped.push({ sku, quantity: qty, ...(orderProductId ? { orderProductId } : {}), code, reason });

		if (!Number.isInteger(quantity) || quantity <= 0) {
			skip({ code: 'invalid-quantity', reason: `${label}: quantity must be a whole number above 0 (got ${String(want.quantity)}); line not sent.` });
			continue;
		}
		const here = linesFor(orderId, lines, addressId, want, sku, label);
		if (!Array.isArray(here)) {
			skip(here);
			continue;
		}
		let left = quantity;
		for (const state of here) {
			const take = Math.min(left, available(state));
			if (take > 0) {
				add(state, take, sku);
				left -= take;
			}
			if (left === 0) break;
		}
		if (left > 0) skip(shortfall(orderId, here, label, quantity, left), left, here[0].line.id);
	}
	return result;
}

/** Every remaining unit of the address's shippable lines (for a WMS order closed without package detail). */
export function allRemaining(lines: LineState[], addressId: number): ShipmentLine[] {
	return lines
		.filter((l) => isShippableLine(l.line, 'shipment') && l.line.order_address_id === addressId && remainingOf(l) > 0)
		.map((l) => ({ sku: l.line.sku, quantity: remainingOf(l), orderProductId: l.line.id }));
}

/** Status BigCommerce gives an order after shipments: every physical line shipped = Shipped (2), else Partially Shipped (3). */
export function derivedStatus(lines: LineState[]): { id: number; name: string } {
	const physical = lines.filter((l) => isShippableLine(l.line, 'shipment'));
	const all = physical.length > 0 && physical.every((l) => l.shipped >= Number(l.line.quantity));
	return all ? { id: 2, name: 'Shipped' } : { id: 3, name: 'Partially Shipped' };
}
