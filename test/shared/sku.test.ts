import type { INode } from 'n8n-workflow';
import { assertLinesHaveSku, hasSku, linesWithoutSku, skuKey } from '../../nodes/shared/sku';
import { skuKey as catalogSkuKey } from '../../nodes/shared/bigcommerce/catalog';

const node: INode = { id: '1', name: 'WMS Deliver', type: 'x.wmsDeliver', typeVersion: 1, position: [0, 0], parameters: {} };
const line = (sku: string, quantity = 1, orderProductId = 7) => ({ sku, quantity, name: `Item ${sku || '?'}`, orderProductId }) as never;

describe('SKU rules', () => {
	it('compares SKUs trimmed and case-insensitively (the catalog uses the same rule)', () => {
		expect(skuKey(' Mug-Red ')).toBe('mug-red');
		expect(catalogSkuKey).toBe(skuKey);
	});
	it('reads SKUs from API data and input items defensively: a number is its digits, nothing else is a SKU', () => {
		expect(skuKey(1234)).toBe('1234');
		expect(skuKey(undefined)).toBe('');
		expect(skuKey(null)).toBe('');
		expect(skuKey({ sku: 'A' })).toBe('');
	});
	it('a line has a SKU when it is not blank', () => {
		expect(hasSku({ sku: 'A' })).toBe(true);
		expect(hasSku({ sku: '' })).toBe(false);
		expect(hasSku({ sku: '  ' })).toBe(false);
	});
	it('only lines with a quantity to ship need a SKU', () => {
		expect(linesWithoutSku([line('A'), line('', 0), line(' ', 2)])).toEqual([line(' ', 2)]);
	});
	it('the guard names the order and every line without a SKU', () => {
		expect(() => assertLinesHaveSku(node, 'BC-1', [line('A'), line('', 1, 8), line('', 2, 9)])).toThrow(
			'Order BC-1 has lines without a SKU: "Item ?" (order product 8), "Item ?" (order product 9).',
		);
		expect(() => assertLinesHaveSku(node, 'BC-1', [line('A'), line('', 0)])).not.toThrow();
	});
});
