/**
 * The `wmsType` parameter and the WMS credentials it selects, shared by every node that talks to a warehouse
 * (WMS Deliver, Confirm Shipment, Sync Inventory), so the three stay identical.
 */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import type { WmsType } from '../wms/adapter';

export const WMS_TYPE_PARAMETER = 'wmsType';

export const WMS_CREDENTIAL_BY_TYPE: Record<WmsType, string> = {
	extensiv: 'extensivWarehouseManagerApi',
	http: 'wmsHttpApi',
};

export const wmsTypeProperty: INodeProperties = {
	displayName: 'Warehouse System',
	name: WMS_TYPE_PARAMETER,
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Extensiv 3PL Warehouse Manager',
			value: 'extensiv',
			description: 'Extensiv 3PL Warehouse Manager (formerly 3PL Central) REST API',
		},
		{
			name: 'Generic HTTP WMS',
			value: 'http',
			description: 'Any warehouse system that implements the package’s simple JSON contract',
		},
	],
	default: 'extensiv',
	description: 'Which warehouse system to talk to. Each one uses its own credential.',
};

/** Shows a credential only when its WMS type is selected. */
export function showForWmsType(type: WmsType): INodeCredentialDescription['displayOptions'] {
	return { show: { [WMS_TYPE_PARAMETER]: [type] } };
}

/**
 * The WMS credential entries. The n8n lint rules read a node's `credentials` as a literal array of object
 * literals, so node classes list them literally (name as a string, `displayOptions: showForWmsType(...)`); tests
 * compare each node's entries with this list.
 */
export const wmsCredentials: INodeCredentialDescription[] = [
	{ name: WMS_CREDENTIAL_BY_TYPE.extensiv, required: true, displayOptions: showForWmsType('extensiv') },
	{ name: WMS_CREDENTIAL_BY_TYPE.http, required: true, displayOptions: showForWmsType('http') },
];

export function isWmsType(value: unknown): value is WmsType {
	return typeof value === 'string' && value in WMS_CREDENTIAL_BY_TYPE;
}
