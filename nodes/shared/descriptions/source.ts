/** The Source parameter of the nodes that read from a warehouse or from input items (Confirm Shipment, Sync Inventory). */
import type { INodeProperties, NodeParameterValue } from 'n8n-workflow';
import { wmsTypeProperty } from './wmsType';

export const SOURCE_WMS = 'wms';
export const SOURCE_INPUT = 'inputItems';

/** For `hideUnlessWmsType` / `wmsCredentials`: the WMS credentials are not needed when the source is input items. */
export const HIDE_FOR_INPUT_SOURCE: Record<string, NodeParameterValue[]> = { source: [SOURCE_INPUT] };

/** The Source options plus the Warehouse System choice shown only for the warehouse source. */
export function sourceProperties(texts: { fromInput: string; fromWms: string; what: string }): INodeProperties[] {
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Input Items', value: SOURCE_INPUT, description: texts.fromInput },
				{ name: 'Warehouse (WMS)', value: SOURCE_WMS, description: texts.fromWms },
			],
			default: SOURCE_WMS,
			description: `Where the ${texts.what} come from`,
		},
		{ ...wmsTypeProperty, displayOptions: { show: { source: [SOURCE_WMS] } } },
	];
}
