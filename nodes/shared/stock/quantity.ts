/**
 * Sync Inventory's "Quantity to Publish": which warehouse figure becomes BigCommerce's stock (README "Sync Inventory").
 * The Safety Buffer is taken off afterwards, whatever the choice.
 */
import type { StockLevel } from '../model';
import type { StockInput } from './plan';

export type QuantityToPublish = 'available' | 'availableWithHeld' | 'onHand';

export const QUANTITY_TO_PUBLISH: readonly QuantityToPublish[] = ['available', 'availableWithHeld', 'onHand'];

export function quantityToPublish(value: unknown): QuantityToPublish {
	return QUANTITY_TO_PUBLISH.includes(value as QuantityToPublish) ? (value as QuantityToPublish) : 'available';
}

/**
 * - `available` (default): sellable units; the WMS read leaves units on hold or quarantined out.
 * - `availableWithHeld`: sellable units plus unallocated units on hold (a WMS that does not report holds adds 0).
 * - `onHand`: every unit in the building, allocated and on hold included. A WMS that does not report it fails the
 *   SKU (it is never written as 0).
 */
export function toStockInput(level: StockLevel, basis: QuantityToPublish): StockInput {
	if (basis === 'onHand') return { sku: level.sku, available: level.onHand ?? NaN, itemIndex: 0, quantityName: 'on-hand quantity' };
	if (basis === 'availableWithHeld') {
		return { sku: level.sku, available: level.available + (level.onHold ?? 0), itemIndex: 0, quantityName: 'available quantity (on hold included)' };
	}
	return { sku: level.sku, available: level.available, itemIndex: 0 };
}

/** The warehouse's levels as stock inputs, converted one at a time as they are read. */
export function* stockInputs(levels: Iterable<StockLevel>, basis: QuantityToPublish): Generator<StockInput> {
	for (const level of levels) yield toStockInput(level, basis);
}
