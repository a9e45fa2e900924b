import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class BigCommerceApi implements ICredentialType {
	name = 'bigCommerceApi';

	displayName = 'BigCommerce API';

	icon: Icon = { light: 'file:icons/bigcommerce.svg', dark: 'file:icons/bigcommerce.dark.svg' };

	documentationUrl =
		'https://developer.bigcommerce.com/docs/start/authentication/api-accounts#store-level-api-accounts';

	properties: INodeProperties[] = [
		{
			displayName: 'Store Hash',
			name: 'storeHash',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'abc123xyz',
			description:
				'The part after /stores/ in the API path of your store-level API account (lowercase letters and digits only), e.g. abc123xyz for https://api.bigcommerce.com/stores/abc123xyz/v3/.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Access token of a store-level API account. Scopes needed: Orders (modify), Products (read-only or modify), Store Inventory (modify), Store Locations (read-only), Information & Settings (read-only).',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: 'https://api.bigcommerce.com',
			description:
				'Leave the default for a real store. Any other value must use https (plain http is accepted only for 127.0.0.1 or localhost, e.g. a local sandbox).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Auth-Token': '={{$credentials.accessToken}}',
			},
		},
	};


	// The Test button runs bigCommerceApiTest (nodes/shared/credentialTests), wired as `testedBy` on every node that
	// uses this credential: it checks the fields before sending anything and names the field to fix. n8n ignores a
	// node's testedBy while the credential has a `test` property, so there is none here.
}
