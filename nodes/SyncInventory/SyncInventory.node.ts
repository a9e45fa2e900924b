import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { HIDE_FOR_INPUT_SOURCE } from '../shared/descriptions/source';
import { OWN_FORM_SHOW, hideUnlessWmsType, isWmsType } from '../shared/descriptions/wmsType';
import { itemParameter } from './itemParameter';
import { toNodeError } from '../shared/errors';
import { createWmsAdapter } from '../shared/wms';
import { properties } from './description';
import type { StockInput } from '../shared/stock/plan';
import { syncInventory } from '../shared/stock/sync';
import { quantityToPublish, stockInputs } from '../shared/stock/quantity';
import { credentialTest } from '../shared/credentialTests';
import { listSearch } from './methods';
import { readLocationId } from './methods/locationId';

export class SyncInventory implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Inventory',
		name: 'syncInventory',
		icon: { light: 'file:syncInventory.svg', dark: 'file:syncInventory.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{$parameter["source"] === "inputItems" ? "From input items" : $parameter["wmsType"] === "http" ? "From HTTP WMS" : "From Extensiv 3PL WM"}}',
		description: 'Set BigCommerce stock levels from the warehouse or a list, writing only what changed',
		defaults: { name: 'Sync Inventory' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// Never `displayOptions.show` on a credential: see nodes/shared/descriptions/wmsType.ts.
		credentials: [
			{ name: 'bigCommerceApi', testedBy: 'bigCommerceApiTest', displayName: 'BigCommerce', required: true, displayOptions: { show: OWN_FORM_SHOW } },
			{
				name: 'extensivWarehouseManagerApi',
				testedBy: 'extensivWarehouseManagerApiTest',
				displayName: 'Extensiv 3PL Warehouse Manager',
				required: true,
				displayOptions: hideUnlessWmsType('extensiv', HIDE_FOR_INPUT_SOURCE),
			},
			{
				name: 'wmsHttpApi',
				testedBy: 'wmsHttpApiTest',
				displayName: 'Generic HTTP WMS',
				required: true,
				displayOptions: hideUnlessWmsType('http', HIDE_FOR_INPUT_SOURCE),
			},
		],
		properties,
	};

	methods = { credentialTest, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const source = this.getNodeParameter('source', 0) as string;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const output = (options.output as string) ?? 'changes';
		try {
			let inputs: Iterable<StockInput>;
			if (source === 'wms') {
				const wmsType = this.getNodeParameter('wmsType', 0);
				if (!isWmsType(wmsType)) throw new NodeOperationError(this.getNode(), `Unknown warehouse system "${String(wmsType)}"`);
				const adapter = await createWmsAdapter(this, wmsType);
				const basis = quantityToPublish(options.quantityToPublish);
				inputs = stockInputs(await adapter.listStock(), basis);
			} else {
				const given: StockInput[] = [];
				for (let i = 0; i < items.length; i++) {
					given.push({ sku: itemParameter(this, 'sku', i), available: itemParameter(this, 'available', i), itemIndex: i });
				}
				inputs = given;
			}
			const { results, summary } = await syncInventory.call(this, inputs, {
				locationId: readLocationId(this),
				safetyBuffer: Math.max(0, Number(options.safetyBuffer ?? 0)),
				untracked: options.untracked === 'enable' ? 'enable' : 'report',
				unknownSkus: options.unknownSkus === 'ignore' ? 'ignore' : 'report',
				dryRun: options.dryRun === true,
				reason: (options.reason as string) || 'Warehouse stock sync (n8n)',
			});
			if (output === 'summary') return [[{ json: { ...summary }, pairedItem: items.map((_, item) => ({ item })) }]];
			const shown = output === 'all' ? results : results.filter((r) => r.outcome !== 'unchanged');
			const pair = (i: number) => ({ item: Math.min(i, Math.max(items.length - 1, 0)) });
			return [shown.map((r) => ({ json: r, pairedItem: pair(r.itemIndex) }))];
		} catch (error) {
			if (this.continueOnFail()) {
				const { message, description } = toNodeError(this.getNode(), error);
				return [[{ json: { outcome: 'failed', reason: [message, description].filter(Boolean).join(' ') }, pairedItem: { item: 0 } }]];
			}
			throw toNodeError(this.getNode(), error);
		}
	}
}
