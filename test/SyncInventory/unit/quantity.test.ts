/** Sync Inventory's Quantity to Publish on the data contract's StockLevel (nodes/shared/stock/quantity.ts). */
import { normalizeStock } from '../../../nodes/shared/stock/plan';
import { quantityToPublish, toStockInput } from '../../../nodes/shared/stock/quantity';

const level = { sku: 'TEE', available: 40, onHold: 6, onHand: 50 };

it('publishes available (on hold left out) by default, or what the option names', () => {
	expect(quantityToPublish(undefined)).toBe('available');
	expect(quantityToPublish('nonsense')).toBe('available');
	expect(toStockInput(level, 'available').available).toBe(40);
	expect(toStockInput(level, 'availableWithHeld').available).toBe(46);
	expect(toStockInput(level, 'onHand').available).toBe(50);
	// A WMS that reports no holds adds nothing.
	expect(toStockInput({ sku: 'TEE', available: 40 }, 'availableWithHeld').available).toBe(40);
});

it('a WMS that does not report on hand fails the SKU with a reason naming the figure, never writes 0', () => {
	const { levels, invalid } = normalizeStock([toStockInput({ sku: 'TEE', available: 40 }, 'onHand')], 0);
	expect(levels.size).toBe(0);
	expect(invalid).toEqual([expect.objectContaining({ sku: 'TEE', outcome: 'failed', reason: 'SKU TEE: the warehouse sent no valid on-hand quantity; stock was left unchanged. Fix the quantity at the source.' })]);
});
