import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { HIDE_FOR_INPUT_SOURCE } from '../shared/descriptions/source';
import { OWN_FORM_SHOW, hideUnlessWmsType } from '../shared/descriptions/wmsType';
import { toNodeError } from '../shared/errors';
import { SOURCE_INPUT, confirmShipmentProperties } from './description';
import type { Emitted } from './run';
import { runFromInput, runFromWms } from './run';
import { credentialTest } from '../shared/credentialTests';

// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- not an agent tool: it reads whole Shipment items (packages, lines) or the WMS with a cursor kept in static data, nothing an agent can map
export class ConfirmShipment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Confirm Shipment',
		name: 'confirmShipment',
		icon: { light: 'file:confirmShipment.svg', dark: 'file:confirmShipment.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{$parameter["source"] === "inputItems" ? "From input items" : $parameter["wmsType"] === "http" ? "From HTTP WMS" : "From Extensiv 3PL WM"}}',
		description: 'Create BigCommerce shipments with tracking for every package the warehouse shipped, never twice',
		defaults: { name: 'Confirm Shipment' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
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
		properties: confirmShipmentProperties,
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const source = this.getNodeParameter('source', 0) as string;
		const output: INodeExecutionData[] = [];
		const failed: Emitted[] = [];
		const emit = (e: Emitted) => {
			output.push({ json: e.confirmed.result as unknown as IDataObject, pairedItem: { item: e.itemIndex } });
			if (e.confirmed.result.outcome === 'failed') failed.push(e);
		};
		try {
			if (source === SOURCE_INPUT) await runFromInput(this, emit);
			else await runFromWms(this, emit);
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
			const message = error instanceof Error ? error.message : String(error);
			output.push({ json: { outcome: 'failed', reason: message }, pairedItem: { item: 0 } });
			return [output];
		}

		if (failed.length && !this.continueOnFail()) {
			const first = failed[0];
			const others = failed.slice(1, 4).map((f) => f.confirmed.result.reason ?? '');
			const more = failed.length > 4 ? `(and ${failed.length - 4} more)\n` : '';
			const description = [
				`${failed.length} of ${output.length} packages failed; the others went through.`,
				...others,
				`${more}Turn on Settings > On Error > Continue to get one result item per package and route the failures instead of stopping.`,
			].join('\n');
			const reason = first.confirmed.result.reason ?? 'Shipment confirmation failed';
			if (first.confirmed.error && typeof first.confirmed.error === 'object') {
				throw new NodeApiError(this.getNode(), first.confirmed.error as never, {
					message: reason,
					description,
					itemIndex: first.itemIndex,
				});
			}
			throw new NodeOperationError(this.getNode(), reason, { itemIndex: first.itemIndex, description });
		}
		return [output];
	}
}
