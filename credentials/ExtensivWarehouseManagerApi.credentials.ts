import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** Token lifetime assumed when the token endpoint does not say (the documented value is 3600 s). */
const DEFAULT_TOKEN_SECONDS = 3600;

interface TokenResponse {
	access_token?: string;
	expires_in?: number | string;
	error?: string;
	error_description?: string;
	message?: string;
	Message?: string;
}

/** Body of `POST /AuthServer/api/Token` (3PL Warehouse Manager, OAuth2 client credentials). */
export function extensivTokenBody(credentials: ICredentialDataDecryptedObject): IDataObject {
	const body: IDataObject = { grant_type: 'client_credentials' };
	const login = String(credentials.userLogin ?? '').trim();
	if (/^\d+$/.test(login)) body.user_login_id = Number(login);
	else if (login) body.user_login = login;
	const guid = String(credentials.tplGuid ?? '').trim().replace(/^\{|\}$/g, '');
	if (guid) body.tpl = `{${guid}}`;
	return body;
}

export function extensivBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || 'https://secure-wms.com').trim().replace(/\/+$/, '');
}

function tokenErrorMessage(error: unknown): string {
	const response = (error as { response?: { status?: number; data?: unknown } }).response;
	const data = (response?.data ?? {}) as TokenResponse;
	const apiMessage =
		typeof response?.data === 'string'
			? response.data.slice(0, 300)
			: data.error_description || data.message || data.Message || data.error || '';
	const reason = String((error as { message?: unknown }).message ?? '').slice(0, 200);
	const status = response?.status ? `HTTP ${response.status}` : `no response${reason ? `: ${reason}` : ''}`;
	return (
		`3PL Warehouse Manager did not issue an access token (${status}${apiMessage ? `: ${apiMessage}` : ''}). ` +
		'Check the client ID, client secret, user login and (for dynamic credentials) the 3PL GUID in the ' +
		'"Extensiv 3PL Warehouse Manager API" credential, and that the base URL is right.'
	);
}

export class ExtensivWarehouseManagerApi implements ICredentialType {
	name = 'extensivWarehouseManagerApi';

	displayName = 'Extensiv 3PL Warehouse Manager API';

	icon: Icon = {
		light: 'file:icons/extensivWarehouseManager.svg',
		dark: 'file:icons/extensivWarehouseManager.dark.svg',
	};

	documentationUrl = 'https://developer.extensiv.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The REST API client ID the warehouse generated under Manage Credentials (External REST).',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret that belongs to the client ID.',
		},
		{
			displayName: 'User Login',
			name: 'userLogin',
			type: 'string',
			default: '',
			required: true,
			description:
				'The 3PL Warehouse Manager user the key set belongs to: either the login name or the numeric user ID from the Manage Users grid.',
		},
		{
			displayName: '3PL GUID',
			name: 'tplGuid',
			type: 'string',
			default: '',
			placeholder: '{4A000AAe-0000-0000-0000-000000000000}',
			description: 'Only for "single-tenant dynamic" credentials: the warehouse\'s 3PL GUID. Leave empty otherwise.',
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'number',
			default: 0,
			required: true,
			description: 'The 3PL Warehouse Manager customer (the brand) whose orders and stock this workflow handles.',
		},
		{
			displayName: 'Facility ID',
			name: 'facilityId',
			type: 'number',
			default: 0,
			required: true,
			description: 'The warehouse (facility) that ships the orders and holds the stock.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://secure-wms.com',
			description: 'The 3PL Warehouse Manager REST API address. Change it only for a test system.',
		},
		{
			displayName: 'Warehouse Time Zone',
			name: 'warehouseTimeZone',
			type: 'string',
			default: 'UTC',
			placeholder: 'America/Chicago',
			description:
				'The IANA time zone the warehouse system stores dates in (3PL Warehouse Manager "system time zone"), used to read shipped orders since a point in time.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token Expires At',
			name: 'tokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * n8n calls this when `accessToken` is empty or a request got a 401, and stores the result with the credential,
	 * so one token serves every request (and every execution) until it expires.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		let response: TokenResponse;
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${extensivBaseUrl(credentials)}/AuthServer/api/Token`,
				auth: { username: String(credentials.clientId ?? ''), password: String(credentials.clientSecret ?? '') },
				headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
				body: extensivTokenBody(credentials),
				json: true,
				timeout: 30000,
			})) as TokenResponse;
		} catch (error) {
			// A fresh error: the original carries the request config, including the Basic credentials.
			throw new Error(tokenErrorMessage(error));
		}
		if (!response?.access_token) throw new Error(tokenErrorMessage({ response: { status: 200, data: response } }));
		const seconds = Number(response.expires_in) > 0 ? Number(response.expires_in) : DEFAULT_TOKEN_SECONDS;
		return {
			accessToken: response.access_token,
			tokenExpiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
		};
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/orders',
			headers: { Accept: 'application/hal+json' },
			qs: {
				pgsiz: 1,
				pgnum: 1,
				rql: '={{"readOnly.customerIdentifier.id==" + $credentials.customerId}}',
			},
		},
	};
}
