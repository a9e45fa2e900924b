/**
 * The Test button of the BigCommerce API credential. Checks every field before anything is sent, then reads
 * GET /stores/{hash}/v2/store with the token (never following a redirect) and says, for each answer, what is wrong
 * and which field to fix.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { apiUrlProblem, normalizeApiUrl, STORE_HASH_PATTERN } from '../bigcommerce/credentials';
import { scopeFor } from '../bigcommerce/errors';
import { apiWords, failed, networkMessage, passed, quoted, redirectMessage, sendTestRequest, type TestAnswer } from './http';

/** The documented read the test sends (the store's own profile; needs Information & Settings: read-only). */
export const BIGCOMMERCE_TEST_PATH = '/v2/store';

const ACCOUNT_HINT = 'Settings > API > Store-level API accounts';

/** A store hash pasted as a URL: the code after /stores/ in it, if any. */
function hashInUrl(value: string): string | undefined {
	return /\/stores\/([a-z0-9]+)(?:[/?#]|$)/i.exec(value)?.[1]?.toLowerCase();
}

/** The problem with the Store Hash field, in words, or undefined when it is fine. */
export function storeHashMessage(raw: unknown): string | undefined {
	const hash = typeof raw === 'string' ? raw.trim() : '';
	if (STORE_HASH_PATTERN.test(hash)) return undefined;
	if (!hash) return 'Store Hash is empty: enter the code after /stores/ in the API path of your store-level API account, e.g. abc123.';
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hash) || /\.(com|net|io|store|shop)\b|\/stores\//i.test(hash)) {
		const found = hashInUrl(hash);
		return `Store Hash must be only the code after /stores/ in the API path, e.g. abc123 — you entered a URL${found ? `; enter ${found}` : ''}.`;
	}
	if (/^[A-Za-z0-9]+$/.test(hash)) return `Store Hash '${hash}' is not valid: store hashes are lowercase; enter ${hash.toLowerCase()}.`;
	return `Store Hash '${hash}' is not valid: enter only the lowercase letters and digits after /stores/ in the API path, e.g. abc123.`;
}

export async function bigCommerceApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const token = typeof data.accessToken === 'string' ? data.accessToken : '';
	const secrets = [token];

	const hashProblem = storeHashMessage(data.storeHash);
	if (hashProblem) return failed(hashProblem, secrets);
	if (!token.trim()) return failed(`Access Token is empty: paste the access token of your store-level API account (${ACCOUNT_HINT}).`);
	const urlProblem = apiUrlProblem(data.apiUrl);
	if (urlProblem) {
		return failed(
			`API URL '${normalizeApiUrl(data.apiUrl)}' is not valid: use https://api.bigcommerce.com (the default). Another URL must start with https:// and have no query string; plain http:// is accepted only for 127.0.0.1 or localhost.`,
			secrets,
		);
	}

	const hash = String(data.storeHash).trim();
	const apiUrl = normalizeApiUrl(data.apiUrl);
	const url = `${apiUrl}/stores/${hash}${BIGCOMMERCE_TEST_PATH}`;
	const answer = await sendTestRequest(this, {
		method: 'GET',
		url,
		headers: { 'X-Auth-Token': token.trim(), Accept: 'application/json' },
	});
	if (answer.kind === 'network') return failed(networkMessage(url, answer.code, 'API URL (https://api.bigcommerce.com for a real store)'), secrets);

	return storeAnswer(answer, url, hash, secrets);
}

/** What BigCommerce's answer to the store profile read means, naming the field to fix. */
function storeAnswer(answer: Exclude<TestAnswer, { kind: 'network' }>, url: string, hash: string, secrets: string[]): INodeCredentialTestResult {
	const { status, body } = answer;
	if (status >= 200 && status < 300) {
		const store = (body ?? {}) as { name?: unknown; domain?: unknown; id?: unknown };
		if (!body || typeof body !== 'object' || (store.id === undefined && store.domain === undefined && store.name === undefined)) {
			return failed(`${url} answered HTTP ${status} but not like the BigCommerce API. Check API URL (https://api.bigcommerce.com for a real store).`, secrets);
		}
		return passed(`Connected to BigCommerce store ${typeof store.name === 'string' && store.name ? `"${store.name}"` : hash}.`, secrets);
	}
	if (status >= 300 && status < 400) {
		return failed(redirectMessage('BigCommerce API URL', url, status, answer.headers, 'API URL (https://api.bigcommerce.com for a real store)'), secrets);
	}
	if (status === 401) {
		return failed(
			`BigCommerce rejected the Access Token for store ${hash} (HTTP 401). Check Access Token: copy it again from the store-level API account of this store (${ACCOUNT_HINT}); deleting the API account revokes its token.`,
			secrets,
		);
	}
	if (status === 403) {
		return failed(
			`The Access Token is valid but its API account lacks the scope "${scopeFor('GET', 'v2', '/store')}" (HTTP 403). Create a store-level API account with the scopes listed under Access Token (scopes of an existing account cannot be changed) and paste its token.`,
			secrets,
		);
	}
	if (status === 404) {
		return failed(
			`BigCommerce has no store with Store Hash '${hash}' (HTTP 404). Check Store Hash: it is the code after /stores/ in the API path of your store-level API account, e.g. abc123.`,
			secrets,
		);
	}
	if (status === 429) return failed('BigCommerce is rate-limiting this store right now (HTTP 429). Test again in a minute.', secrets);
	if (status >= 500) return failed(`BigCommerce failed on its side (${quoted(status, body)}). Test again in a few minutes.`, secrets);
	const words = apiWords(body);
	return failed(`BigCommerce answered ${quoted(status, body)}${words ? '' : ' to the store profile request'}. Check Store Hash and API URL.`, secrets);
}
