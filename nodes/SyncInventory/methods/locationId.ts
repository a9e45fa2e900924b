/**
 * Reading the Location parameter. It is a resource locator ({ __rl, mode: 'list' | 'id', value: '2' }) since the
 * list was added; workflows saved before store a plain number (`"locationId": 1`). n8n's `extractValue` hands over
 * the value of either shape, so this accepts a number or whole-number text.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

export const DEFAULT_LOCATION_ID = 1;

/** The location ID in a parameter value, or undefined when it is not a whole number of 1 or more. */
export function parseLocationId(value: unknown): number | undefined {
	const raw = value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!/^\d+$/.test(text)) return undefined;
	const id = Number(text);
	return Number.isSafeInteger(id) && id >= 1 ? id : undefined;
}

/** The Location of the node, either shape; a clear error when it is empty or not an ID. */
export function readLocationId(ctx: IExecuteFunctions): number {
	const value = ctx.getNodeParameter('locationId', 0, DEFAULT_LOCATION_ID, { extractValue: true });
	const id = parseLocationId(value);
	if (id === undefined) {
		const shown = value === '' || value === undefined || value === null ? 'empty' : `"${String(value)}"`;
		throw new NodeOperationError(ctx.getNode(), `The Location is ${shown}, not a BigCommerce location ID`, {
			description:
				'Choose a location from the list, or choose "By ID" and enter its number: 1 is the default location every store has; the others are under Settings > Locations in BigCommerce.',
		});
	}
	return id;
}
