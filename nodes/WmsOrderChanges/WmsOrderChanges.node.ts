import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { markChangesHandled } from '../shared/changeMarks';
import { hideUnlessWmsType, isWmsType } from '../shared/descriptions/wmsType';
import { describeError } from '../shared/errors';
import { createWmsAdapter } from '../shared/wms';
import { credentialTest } from '../shared/credentialTests';
import { wmsOrderChangesProperties } from './description';
import { handleChange, toChangeItem, type ChangeDeps, type ChangeSettings } from './handleChange';
import type { ChangeResult } from './types';

// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- not an agent tool: it reads the Orders Trigger's change items (whole orders with a change key) and records handled changes for the trigger
export class WmsOrderChanges implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WMS Order Changes',
		name: 'wmsOrderChanges',
		icon: { light: 'file:wmsOrderChanges.svg', dark: 'file:wmsOrderChanges.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["wmsType"] === "http" ? "HTTP WMS" : "Extensiv 3PL WM"}}',
		description: 'Cancel or update warehouse orders changed in BigCommerce after hand-off, or tell a person when it is too late',
		defaults: { name: 'WMS Order Changes' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Never `displayOptions.show` on a credential: see nodes/shared/descriptions/wmsType.ts.
		credentials: [
			{
				name: 'extensivWarehouseManagerApi',
				testedBy: 'extensivWarehouseManagerApiTest',
				displayName: 'Extensiv 3PL Warehouse Manager',
				required: true,
				displayOptions: hideUnlessWmsType('extensiv'),
			},
			{ name: 'wmsHttpApi', testedBy: 'wmsHttpApiTest', displayName: 'Generic HTTP WMS', required: true, displayOptions: hideUnlessWmsType('http') },
		],
		properties: wmsOrderChangesProperties,
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (items.length === 0) return [[]];
		const deps = await changeDeps(this);
		const resultsByItem: ChangeResult[][] = [];
		const handled: Array<{ orderId: number; key: string }> = [];
		try {
			for (let i = 0; i < items.length; i++) {
				const json = items[i].json as Record<string, unknown>;
				const checked = toChangeItem(json);
				if ('problem' in checked) {
					resultsByItem[i] = [notAChange(json, i, checked.problem)];
					continue;
				}
				const order = checked.item;
				const results = await handleChange(order, readSettings(this, i), deps);
				resultsByItem[i] = results;
				if (!results.some((r) => r.outcome === 'failed')) handled.push({ orderId: order.orderId, key: order.change.key });
			}
		} finally {
			if (handled.length) markChangesHandled(this.getWorkflowStaticData('global'), handled, new Date());
		}
		const output: INodeExecutionData[] = [];
		const failed: Array<{ itemIndex: number; reason: string }> = [];
		resultsByItem.forEach((results, itemIndex) => {
			for (const r of results) {
				output.push({ json: r as unknown as IDataObject, pairedItem: { item: itemIndex } });
				if (r.outcome === 'failed') failed.push({ itemIndex, reason: r.reason });
			}
		});
		if (failed.length && !this.continueOnFail()) throw failedError(this.getNode(), failed, items.length);
		return [output];
	}
}

function notAChange(json: Record<string, unknown>, index: number, problem: string): ChangeResult {
	const orderId = Number(json.orderId);
	return {
		orderId: Number.isSafeInteger(orderId) ? orderId : 0,
		reference: typeof json.reference === 'string' ? json.reference : '',
		destinationIndex: 0,
		wmsOrderId: null,
		change: '',
		outcome: 'failed',
		reason: `Input item ${index + 1} is not an order change (${problem}). Connect the BigCommerce Orders Trigger with Event = Order Changes After Hand-Off.`,
		needsAttention: true,
	};
}

function readSettings(ctx: IExecuteFunctions, i: number): ChangeSettings {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return {
		cancelInWarehouse: ctx.getNodeParameter('cancelInWarehouse', i, true) !== false,
		updateInWarehouse: ctx.getNodeParameter('updateInWarehouse', i, true) !== false,
		cancelReason: String(options.cancelReason ?? 'Cancelled in BigCommerce').trim(),
	};
}

async function changeDeps(ctx: IExecuteFunctions): Promise<ChangeDeps> {
	const wmsType = ctx.getNodeParameter('wmsType', 0);
	if (!isWmsType(wmsType)) {
		throw new NodeOperationError(ctx.getNode(), `Unknown warehouse system "${String(wmsType)}"`, {
			description: 'Choose Extensiv 3PL Warehouse Manager or Generic HTTP WMS.',
		});
	}
	const adapter = await createWmsAdapter(ctx, wmsType);
	if (!adapter.changes) throw new NodeOperationError(ctx.getNode(), `The ${wmsType} warehouse adapter cannot cancel or update orders.`);
	return { changes: adapter.changes(), warehouse: wmsType, describeError };
}

/** Without Continue On Fail: the first failure as the error, the next three and the count in its description. */
function failedError(node: INode, failed: Array<{ itemIndex: number; reason: string }>, total: number): NodeOperationError {
	const lines = [`${failed.length} of the ${total} order changes failed; the others were still handled.`, ...failed.slice(1, 4).map((f) => f.reason)];
	if (failed.length > 4) lines.push(`(and ${failed.length - 4} more)`);
	lines.push('Turn on Settings > On Error > Continue to get one result item per order and route the failures instead of stopping.');
	return new NodeOperationError(node, failed[0].reason, { itemIndex: failed[0].itemIndex, description: lines.join('\n') });
}
