import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class WmsHttpApi implements ICredentialType {
	name = 'wmsHttpApi';

	displayName = 'WMS HTTP API';

	icon: Icon = { light: 'file:icons/wmsHttp.svg', dark: 'file:icons/wmsHttp.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-bigcommerce-wms/n8n-nodes-bigcommerce-wms#generic-wms-http-contract';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://wms.example.com/api',
			description: 'The address of a WMS that speaks the generic JSON contract (POST /orders, GET /shipments, GET /inventory).',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Api-Key',
			required: true,
			description: 'The HTTP header that carries the API key.',
		},
		// The header value is the WMS's API key: a secret, whatever its field name suggests.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Header Value',
			name: 'headerValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key the WMS gave you.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { '={{$credentials.headerName}}': '={{$credentials.headerValue}}' },
		},
	};

	// The Test button runs wmsHttpApiTest (nodes/shared/credentialTests), wired as `testedBy` on every node that uses
	// this credential. n8n ignores a node's testedBy while the credential has a `test` property.
}
