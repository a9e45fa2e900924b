/**
 * The Test button of the WMS HTTP API credential: checks the fields, then reads the first stock page
 * (GET {Base URL}/inventory?page=1) with the key header, never following a redirect.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { failed, networkMessage, passed, quoted, redirectMessage, sendTestRequest, type TestAnswer } from './http';

export const WMS_HTTP_TEST_PATH = '/inventory';

/** RFC 7230 header-name characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export async function wmsHttpApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const key = typeof data.headerValue === 'string' ? data.headerValue : '';
	const secrets = [key];
	const baseUrl = String(data.baseUrl ?? '').trim().replace(/\/+$/, '');
	const headerName = String(data.headerName ?? '').trim();

	if (!baseUrl) return failed('Base URL is empty: enter the address of the WMS API, e.g. https://wms.example.com/api.');
	if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(baseUrl)) {
		return failed(`Base URL '${baseUrl}' is not valid: enter an address starting with https:// and without a query string, e.g. https://wms.example.com/api.`, secrets);
	}
	if (!HEADER_NAME.test(headerName)) {
		return failed(`Header Name '${headerName}' is not a valid HTTP header name: enter the header the WMS reads the API key from, e.g. X-Api-Key.`, secrets);
	}
	if (!key.trim()) return failed('Header Value is empty: paste the API key the WMS gave you.');

	const url = `${baseUrl}${WMS_HTTP_TEST_PATH}`;
	const answer = await sendTestRequest(this, {
		method: 'GET',
		url,
		qs: { page: 1 },
		headers: { [headerName]: key, Accept: 'application/json' },
	});
	if (answer.kind === 'network') return failed(networkMessage(url, answer.code, 'Base URL'), secrets);

	return stockPageAnswer(answer, url, headerName, secrets);
}

/** What the WMS's answer to the first stock page means, naming the field to fix. */
function stockPageAnswer(answer: Exclude<TestAnswer, { kind: 'network' }>, url: string, headerName: string, secrets: string[]): INodeCredentialTestResult {
	const { status, body } = answer;
	if (status >= 200 && status < 300) {
		const items = (body as { items?: unknown } | undefined)?.items;
		if (!Array.isArray(items)) {
			return failed(
				`${url} answered HTTP ${status} but not with the generic WMS contract (a JSON object with an "items" list). Check Base URL: it is the address before /orders, /shipments and /inventory.`,
				secrets,
			);
		}
		return passed(`Connected to the WMS: its first stock page lists ${items.length} item(s).`, secrets);
	}
	if (status >= 300 && status < 400) return failed(redirectMessage('WMS Base URL', url, status, answer.headers, 'Base URL'), secrets);
	if (status === 401) {
		return failed(
			`The WMS rejected the API key sent in header ${headerName} (${quoted(status, body)}). Check Header Value (the API key) and Header Name.`,
			secrets,
		);
	}
	if (status === 403) {
		return failed(
			`The WMS accepted the API key but does not let it read stock (${quoted(status, body)}). Ask the WMS for a key that may read stock and shipments and create orders, and put it in Header Value.`,
			secrets,
		);
	}
	if (status === 404) {
		return failed(
			`${url} does not exist (HTTP 404). Check Base URL: it is the address before /orders, /shipments and /inventory, e.g. https://wms.example.com/api.`,
			secrets,
		);
	}
	if (status === 429) return failed(`The WMS is limiting requests right now (${quoted(status, body)}). Test again in a minute.`, secrets);
	if (status >= 500) return failed(`The WMS failed on its side (${quoted(status, body)}). Test again in a few minutes.`, secrets);
	return failed(`The WMS answered ${quoted(status, body)} to GET ${WMS_HTTP_TEST_PATH}?page=1. Check Base URL.`, secrets);
}
