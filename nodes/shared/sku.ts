/**
 * SKU rules shared by the nodes: when a line has a SKU (the warehouse ships by SKU) and how SKUs are compared
 * (trimmed, case-insensitive).
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OrderLine } from './model';

/**
 * The key two SKUs are compared by: `" Mug-Red "` and `"mug-red"` are the same SKU. Defensive for data read from an
 * API or an input item: a number is its digits, anything else that is not a string has no SKU (`''`).
 */
export function skuKey(sku: unknown): string {
	if (typeof sku === 'string') return sku.trim().toLowerCase();
	return typeof sku === 'number' ? String(sku) : '';
}

/** Whether the line carries a SKU a warehouse can ship by. */
export function hasSku(line: Pick<OrderLine, 'sku'>): boolean {
	return line.sku.trim() !== '';
}

/** Lines with a quantity to ship but no SKU. */
export function linesWithoutSku<T extends Pick<OrderLine, 'sku' | 'quantity'>>(lines: T[]): T[] {
	return lines.filter((line) => line.quantity > 0 && !hasSku(line));
}

/** The guard before anything is sent to a warehouse: every line to ship has a SKU, or the error names the lines. */
export function assertLinesHaveSku(node: INode, reference: string, lines: OrderLine[]): void {
	const noSku = linesWithoutSku(lines);
	if (!noSku.length) return;
	const names = noSku.map((l) => `"${l.name}" (order product ${l.orderProductId})`).join(', ');
	throw new NodeOperationError(node, `Order ${reference} has lines without a SKU: ${names}.`, {
		description: 'The warehouse ships by SKU: give these products (or variants) a SKU in BigCommerce.',
	});
}
