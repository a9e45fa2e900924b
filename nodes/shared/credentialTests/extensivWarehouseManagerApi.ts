/**
 * The Test button of the Extensiv 3PL Warehouse Manager API credential: checks the fields, asks the token endpoint
 * for a token (the same messages as a workflow run, see extensivTokenFailure), then reads one order of the customer
 * and one stock row of the facility, so a wrong Customer ID or Facility ID shows here when the API says so.
 * Nothing follows a redirect.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import {
	extensivBaseUrl,
	extensivTokenBody,
	extensivTokenFailure,
} from '../../../credentials/ExtensivWarehouseManagerApi.credentials';
import { isValidTimeZone } from '../wms/extensiv/time';
import { apiWords, failed, networkMessage, passed, quoted, redirectMessage, sendTestRequest, type TestAnswer } from './http';

export const EXTENSIV_GRANT_PATH = '/AuthServer/api/Token';
export const EXTENSIV_ORDERS_PATH = '/orders';
export const EXTENSIV_STOCK_PATH = '/inventory/stocksummaries';

const HAL = 'application/hal+json';

function positive(value: unknown): number | undefined {
	const n = Number(value);
	return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The first field problem, in words, or undefined. */
function fieldProblem(data: ICredentialDataDecryptedObject): string | undefined {
	const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v).trim());
	if (!text(data.clientId)) return 'Client ID is empty: enter the REST API client ID the warehouse generated (Manage Credentials, External REST).';
	if (!text(data.clientSecret)) return 'Client Secret is empty: enter the client secret that belongs to the client ID.';
	if (!text(data.userLogin)) return 'User Login is empty: enter the login name or numeric user ID of the user the key set belongs to.';
	const guid = text(data.tplGuid).replace(/^\{|\}$/g, '');
	if (guid && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(guid)) {
		return `3PL GUID '${text(data.tplGuid)}' is not a GUID: enter it as {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, or leave it empty unless the key set is single-tenant dynamic.`;
	}
	if (!positive(data.customerId)) return 'Customer ID must be a positive number: the 3PL Warehouse Manager customer (brand) whose orders and stock this workflow handles.';
	if (!positive(data.facilityId)) return 'Facility ID must be a positive number: the warehouse (facility) that ships the orders and holds the stock.';
	const base = extensivBaseUrl(data);
	if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(base)) {
		return `Base URL '${base}' is not valid: use https://secure-wms.com (the default) or the address of a test system, without a query string.`;
	}
	const zone = text(data.warehouseTimeZone) || 'UTC';
	if (!isValidTimeZone(zone)) return `Warehouse Time Zone '${zone}' is not an IANA time zone: pick one from the list, e.g. America/Chicago.`;
	return undefined;
}

/** What a failed read of the customer's orders or the facility's stock means. */
function readProblem(answer: Exclude<TestAnswer, { kind: 'network' }>, url: string, what: 'customer' | 'facility', id: number, login: string): string {
	const { status, body } = answer;
	const field = what === 'customer' ? 'Customer ID' : 'Facility ID';
	const reading = what === 'customer' ? `orders of customer ${id}` : `stock of facility ${id}`;
	if (status >= 300 && status < 400) return redirectMessage('The 3PL Warehouse Manager API', url, status, answer.headers, 'Base URL');
	if (status === 401) {
		return `3PL Warehouse Manager issued a token but refused it for reading ${reading} (${quoted(status, body)}). Check that User Login '${login}' may use the REST API in 3PL Warehouse Manager.`;
	}
	if (status === 403) {
		return `User Login '${login}' may not read ${reading} (${quoted(status, body)}). Check ${field} in the credential, or give the user access to ${what} ${id} in 3PL Warehouse Manager.`;
	}
	if (status === 404 && !apiWords(body)) return `${url} does not exist (HTTP 404). Check Base URL (https://secure-wms.com for production).`;
	if (status === 429) return `3PL Warehouse Manager is limiting requests right now (${quoted(status, body)}). Test again in a minute.`;
	if (status >= 500) return `3PL Warehouse Manager failed on its side (${quoted(status, body)}). Test again in a few minutes.`;
	const words = apiWords(body).toLowerCase();
	if (words.includes(what)) return `3PL Warehouse Manager refused ${field} ${id} (${quoted(status, body)}). Check ${field} in the credential.`;
	return `3PL Warehouse Manager answered ${quoted(status, body)} when reading ${reading}. Check ${field} and Base URL in the credential.`;
}

/** A token from the grant endpoint, or the failed test result saying which field to fix (as a workflow run would). */
async function requestToken(
	ctx: ICredentialTestFunctions,
	data: ICredentialDataDecryptedObject,
	base: string,
	secrets: string[],
): Promise<string | INodeCredentialTestResult> {
	const tokenUrl = `${base}${EXTENSIV_GRANT_PATH}`;
	const basic = Buffer.from(`${String(data.clientId).trim()}:${String(data.clientSecret ?? '')}`).toString('base64');
	const token = await sendTestRequest(ctx, {
		method: 'POST',
		url: tokenUrl,
		headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
		body: extensivTokenBody(data),
	});
	const accessToken =
		token.kind === 'response' && token.status >= 200 && token.status < 300
			? (token.body as { access_token?: unknown } | undefined)?.access_token
			: undefined;
	if (typeof accessToken === 'string' && accessToken) return accessToken;
	const failure =
		token.kind === 'network'
			? extensivTokenFailure({ url: tokenUrl, networkCode: token.code, secrets })
			: extensivTokenFailure({
					url: tokenUrl,
					status: token.status,
					body: token.body,
					location: Object.entries(token.headers).find(([k]) => k.toLowerCase() === 'location')?.[1] as string | undefined,
					secrets,
				});
	return failed(failure.message.replace(/in the "Extensiv 3PL Warehouse Manager API" credential/g, 'in this credential'), secrets);
}

export async function extensivWarehouseManagerApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const secret = String(data.clientSecret ?? '');
	const secrets = [secret];
	const problem = fieldProblem(data);
	if (problem) return failed(problem, secrets);

	const base = extensivBaseUrl(data);
	const login = String(data.userLogin).trim();
	const customerId = positive(data.customerId)!;
	const facilityId = positive(data.facilityId)!;

	const accessToken = await requestToken(this, data, base, secrets);
	if (typeof accessToken !== 'string') return accessToken;
	secrets.push(accessToken);
	const auth = { Authorization: `Bearer ${accessToken}`, Accept: HAL };

	const ordersUrl = `${base}${EXTENSIV_ORDERS_PATH}`;
	const orders = await sendTestRequest(this, {
		method: 'GET',
		url: ordersUrl,
		headers: auth,
		qs: { pgsiz: 1, pgnum: 1, rql: `readOnly.customerIdentifier.id==${customerId}` },
	});
	if (orders.kind === 'network') return failed(networkMessage(ordersUrl, orders.code, 'Base URL'), secrets);
	if (orders.status < 200 || orders.status >= 300) return failed(readProblem(orders, ordersUrl, 'customer', customerId, login), secrets);

	const stockUrl = `${base}${EXTENSIV_STOCK_PATH}`;
	const stock = await sendTestRequest(this, {
		method: 'GET',
		url: stockUrl,
		headers: auth,
		qs: { pgsiz: 1, pgnum: 1, rql: `facilityId==${facilityId}` },
	});
	if (stock.kind === 'network') return failed(networkMessage(stockUrl, stock.code, 'Base URL'), secrets);
	if (stock.status < 200 || stock.status >= 300) return failed(readProblem(stock, stockUrl, 'facility', facilityId, login), secrets);

	return passed(`Connected to 3PL Warehouse Manager as ${login}: orders of customer ${customerId} and stock of facility ${facilityId} are readable.`, secrets);
}
