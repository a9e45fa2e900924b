import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Base URL of the credential test, as an n8n expression. It checks the store hash and the API URL before anything is
 * sent: a bad value stops the test with a readable message (raised through n8n's expression error, the only error an
 * expression can surface) and the access token never leaves for a wrong address. If that error helper is missing in
 * some n8n version, the request goes to the reserved `.invalid` domain (RFC 2606) and fails there instead.
 */
const TEST_BASE_URL =
	'={{ (() => {' +
	' const hash = String($credentials.storeHash ?? "").trim();' +
	' const api = String($credentials.apiUrl || "https://api.bigcommerce.com").trim().replace(/\\/+$/, "");' +
	' const fail = (msg) => (typeof extend === "function" ? extend("", msg, []) : "https://store-hash-or-api-url-is-invalid.invalid");' +
	' if (!/^[a-z0-9]+$/.test(hash)) return fail("Store Hash \'" + hash + "\' is not valid: enter only the lowercase letters and digits after /stores/ in the API path of your API account, e.g. abc123xyz");' +
	' if (!/^https:\\/\\/[^\\s/?#@]+(\\/[^\\s?#]*)?$/i.test(api) && !/^http:\\/\\/(127\\.0\\.0\\.1|localhost)(:\\d+)?$/i.test(api)) return fail("API URL \'" + api + "\' is not valid: use https://api.bigcommerce.com (plain http is allowed only for 127.0.0.1 or localhost)");' +
	' return api + "/stores/" + hash;' +
	' })() }}';

export class BigCommerceApi implements ICredentialType {
	name = 'bigCommerceApi';

	displayName = 'BigCommerce API';

	icon: Icon = { light: 'file:bigcommerce.svg', dark: 'file:bigcommerce.dark.svg' };

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

	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
			url: '/v2/store',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'BigCommerce rejected the access token (HTTP 401). Check the Access Token: copy it again from the store-level API account (Settings > Store-level API accounts).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The access token is valid but lacks a scope (HTTP 403). Give the API account at least "Information & Settings: read-only" (and the order, product and inventory scopes listed in the Access Token description).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Store not found (HTTP 404). Check the Store Hash: it is the part after /stores/ in the API path, lowercase letters and digits only.',
				},
			},
		],
	};
}
