/** The two sources of Confirm Shipment: the WMS (since the node's cursor) and input items. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { WmsShippedOrder } from '../shared/wms/adapter';
import { createWmsAdapter } from '../shared/wms';
import { isWmsType } from '../shared/descriptions/wmsType';
import type { ConfirmedPackage, ConfirmOptions, PackageResult } from '../shared/shipments/confirm';
import { blankPackageResult, ShipmentConfirmer } from '../shared/shipments/confirm';
import { advanceCursor, readCursor, seenKey, sinceOf, writeCursor } from './cursor';
import { parseShipmentItem } from './validate';
import { NodeOperationError } from 'n8n-workflow';

export interface Emitted {
	confirmed: ConfirmedPackage;
	itemIndex: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): ConfirmOptions & { overlapMs: number; lookbackMs: number } {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const number = (value: unknown, fallback: number) => (typeof value === 'number' && value >= 0 ? value : fallback);
	return {
		referencePrefix: String(ctx.getNodeParameter('referencePrefix', itemIndex, '') ?? ''),
		shipClosedWithoutPackages: options.shipClosedWithoutPackages === true,
		comments: typeof options.comments === 'string' ? options.comments : '',
		overlapMs: number(options.overlapMinutes, 60) * MINUTE,
		lookbackMs: number(options.initialLookbackDays, 7) * DAY,
	};
}

/** Shipped WMS orders since the cursor, each confirmed package by package; the cursor moves past what was handled. */
export async function runFromWms(ctx: IExecuteFunctions, emit: (e: Emitted) => void): Promise<void> {
	const wmsType = ctx.getNodeParameter('wmsType', 0);
	if (!isWmsType(wmsType)) {
		throw new NodeOperationError(ctx.getNode(), `Unknown warehouse system "${String(wmsType)}"`, {
			description: 'Choose Extensiv 3PL Warehouse Manager or Generic HTTP WMS.',
		});
	}
	const options = readOptions(ctx, 0);
	const staticData = ctx.getWorkflowStaticData('node');
	const state = readCursor(staticData);
	const adapter = await createWmsAdapter(ctx, wmsType);
	const listed: WmsShippedOrder[] = await adapter.listShippedOrders(sinceOf(state, new Date(), options.overlapMs, options.lookbackMs));
	const fresh = listed.filter((o) => !state.seen[seenKey(o.wmsOrderId, o.modifiedAt)]);
	const confirmer = new ShipmentConfirmer(ctx, options);
	const handled: WmsShippedOrder[] = [];
	const retry: WmsShippedOrder[] = [];
	try {
		for (const order of fresh) {
			const results = await confirmer.confirm(order);
			for (const confirmed of results) emit({ confirmed, itemIndex: 0 });
			if (results.some((r) => r.retryable)) retry.push(order);
			else handled.push(order);
		}
	} finally {
		// Orders not reached (an exception above) are neither handled nor retried: the cursor only moves past them
		// when they are handled, because `retry` holds it at the earliest unhandled one.
		const unreached = fresh.filter((o) => !handled.includes(o) && !retry.includes(o));
		writeCursor(staticData, advanceCursor(state, listed, handled, [...retry, ...unreached], options.overlapMs));
	}
}

/** Every input item is one Shipment. */
export async function runFromInput(ctx: IExecuteFunctions, emit: (e: Emitted) => void): Promise<void> {
	const items = ctx.getInputData();
	const options = readOptions(ctx, 0);
	const confirmer = new ShipmentConfirmer(ctx, options);
	for (let i = 0; i < items.length; i++) {
		const raw = ctx.getNodeParameter('shipment', i, items[i].json) as unknown;
		let value = raw;
		if (typeof raw === 'string') {
			try {
				value = JSON.parse(raw);
			} catch {
				value = raw;
			}
		}
		const parsed = parseShipmentItem(value);
		if ('error' in parsed) {
			emit({ confirmed: { result: invalidItem(value, parsed.error, i), retryable: false }, itemIndex: i });
			continue;
		}
		for (const confirmed of await confirmer.confirm(parsed.shipment)) emit({ confirmed, itemIndex: i });
	}
}

function invalidItem(value: unknown, error: string, itemIndex: number): PackageResult {
	const json = (value && typeof value === 'object' ? value : {}) as IDataObject;
	const ref = typeof json.reference === 'string' || typeof json.reference === 'number' ? String(json.reference) : '';
	return blankPackageResult({
		orderId: Number.isInteger(json.orderId) ? (json.orderId as number) : null,
		reference: ref,
		wmsOrderId: typeof json.wmsOrderId === 'string' ? json.wmsOrderId : '',
		packageNumber: 0,
		outcome: 'failed',
		reason: `Input item ${itemIndex + 1} is not a valid Shipment: ${error}`,
	});
}
