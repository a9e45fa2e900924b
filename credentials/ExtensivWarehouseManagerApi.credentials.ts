import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { hostOf, isAddressProblem, networkCodeOf, networkCodeText } from '../nodes/shared/http/networkErrors';
import { TIME_ZONES } from './timeZones';

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

/** What the credential is called in messages. */
export const EXTENSIV_CREDENTIAL_LABEL = '"Extensiv 3PL Warehouse Manager API" credential';

/** One token request that did not give a token: what happened, in words with what to do, and whether to retry. */
export interface ExtensivTokenFailure {
	message: string;
	/** A passing problem (5xx, 429, timeout): another try may work. False when a credential field is wrong. */
	retryable: boolean;
	/** The credential field to fix, when the answer names one. */
	field?: 'clientId/clientSecret' | 'userLogin' | 'tplGuid' | 'baseUrl';
}

/** What the token endpoint answered, or that nothing came back. */
export interface ExtensivTokenAnswer {
	url: string;
	status?: number;
	body?: unknown;
	/** The Location header of a 3xx answer. */
	location?: string;
	/** Network error code when no answer came back. */
	networkCode?: string;
	/** Values to scrub from anything quoted (the client secret). */
	secrets: string[];
}

function tokenApiMessage(body: unknown): string {
	if (typeof body === 'string') return body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
	const data = (body ?? {}) as TokenResponse;
	return String(data.error_description || data.message || data.Message || data.error || '').slice(0, 300);
}

function scrub(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
	return out;
}

/**
 * The single cause of a failed token request and the one field to check. Used by preAuthentication (workflow runs)
 * and by the credential test (the editor's Test button), so both say the same.
 */
export function extensivTokenFailure(answer: ExtensivTokenAnswer): ExtensivTokenFailure {
	const { url, status } = answer;
	const api = scrub(tokenApiMessage(answer.body), answer.secrets);
	const quoted = `HTTP ${status}${api ? `: ${api.replace(/\.$/, '')}` : ''}`;
	const baseUrlHint = `Check Base URL in the ${EXTENSIV_CREDENTIAL_LABEL} (https://secure-wms.com for production).`;
	if (status === undefined) {
		const host = hostOf(url);
		const code = answer.networkCode;
		return isAddressProblem(code)
			? { message: `No response from ${host} to the access-token request (${networkCodeText(code)}). ${baseUrlHint}`, retryable: false, field: 'baseUrl' }
			: {
					message: `No response from ${host} to the access-token request (${networkCodeText(code)}). Run again later; if it keeps failing, check Base URL in the ${EXTENSIV_CREDENTIAL_LABEL}.`,
					retryable: true,
				};
	}
	if (status >= 300 && status < 400) {
		return {
			message: `The 3PL Warehouse Manager token URL ${url} answered with a redirect (HTTP ${status}) to ${answer.location ?? 'an unnamed location'}; the client secret was not sent there. ${baseUrlHint}`,
			retryable: false,
			field: 'baseUrl',
		};
	}
	if (status >= 200 && status < 300) {
		return {
			message: `${url} answered the token request without an access token, so it is not the 3PL Warehouse Manager API. ${baseUrlHint}`,
			retryable: false,
			field: 'baseUrl',
		};
	}
	if (status === 429) return { message: `3PL Warehouse Manager is limiting token requests (${quoted}). Run again later.`, retryable: true };
	if (status >= 500) return { message: `3PL Warehouse Manager could not issue an access token (${quoted}). Run again later.`, retryable: true };
	if (status === 404 || status === 405) {
		return { message: `${url} is not a 3PL Warehouse Manager token endpoint (${quoted}). ${baseUrlHint}`, retryable: false, field: 'baseUrl' };
	}
	const code = String(((answer.body ?? {}) as TokenResponse).error ?? '').toLowerCase();
	const lower = `${code} ${api}`.toLowerCase();
	const refused = `3PL Warehouse Manager did not issue an access token (${quoted}).`;
	if (/\btpl\b|guid/.test(lower)) {
		return { message: `${refused} Check 3PL GUID in the ${EXTENSIV_CREDENTIAL_LABEL}: fill it only for single-tenant dynamic key sets, else leave it empty.`, retryable: false, field: 'tplGuid' };
	}
	if (code === 'invalid_grant' || /user|login/.test(lower)) {
		return {
			message: `${refused} Check User Login in the ${EXTENSIV_CREDENTIAL_LABEL}: the login name or numeric user ID of the user the key set belongs to.`,
			retryable: false,
			field: 'userLogin',
		};
	}
	if (status === 401 || code === 'invalid_client' || /client|secret/.test(lower)) {
		return {
			message: `${refused} Check Client ID and Client Secret in the ${EXTENSIV_CREDENTIAL_LABEL}: copy both again from the warehouse's REST API key set.`,
			retryable: false,
			field: 'clientId/clientSecret',
		};
	}
	return {
		message: `${refused} Check Client ID, Client Secret and User Login in the ${EXTENSIV_CREDENTIAL_LABEL}.`,
		retryable: false,
	};
}

/** The answer an error from n8n's httpRequest helper carries (an axios error, possibly wrapped). */
function tokenAnswerOf(url: string, error: unknown, secrets: string[]): ExtensivTokenAnswer {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		const e = current as { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> }; cause?: unknown };
		if (e.response?.status) {
			const location = Object.entries(e.response.headers ?? {}).find(([k]) => k.toLowerCase() === 'location')?.[1];
			return { url, status: e.response.status, body: e.response.data, location: location === undefined ? undefined : String(location), secrets };
		}
		current = e.cause;
	}
	return { url, networkCode: networkCodeOf(error), secrets };
}

/** A fresh error for a failed token request (never the original: it carries the request, Basic credentials included). */
export function extensivTokenError(failure: ExtensivTokenFailure): Error {
	return Object.assign(new Error(failure.message), { extensivToken: { retryable: failure.retryable, field: failure.field } });
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
			type: 'options',
			options: TIME_ZONES.map((zone) => ({ name: zone.replace(/_/g, ' '), value: zone })),
			default: 'UTC',
			description:
				'The time zone 3PL Warehouse Manager stores dates in (its "system time zone"; ask the warehouse if unsure), used to read shipped orders since a point in time. Type to search, e.g. "Chicago".',
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
		const url = `${extensivBaseUrl(credentials)}/AuthServer/api/Token`;
		const secrets = [String(credentials.clientSecret ?? '')];
		let response: TokenResponse;
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url,
				auth: { username: String(credentials.clientId ?? ''), password: String(credentials.clientSecret ?? '') },
				headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
				body: extensivTokenBody(credentials),
				json: true,
				timeout: 30000,
				// A redirect would carry the Basic client secret to wherever the Location header points.
				disableFollowRedirect: true,
			})) as TokenResponse;
		} catch (error) {
			// A fresh error: the original carries the request config, including the Basic credentials.
			throw extensivTokenError(extensivTokenFailure(tokenAnswerOf(url, error, secrets)));
		}
		if (!response?.access_token) {
			throw extensivTokenError(extensivTokenFailure({ url, status: 200, body: response, secrets }));
		}
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

	// The Test button runs extensivWarehouseManagerApiTest (nodes/shared/credentialTests), wired as `testedBy` on every
	// node that uses this credential. n8n ignores a node's testedBy while the credential has a `test` property.
}
