/**
 * Reads and checks the BigCommerce API credential before any request is built from it.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

type CredentialContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;

export const BC_CREDENTIAL = 'bigCommerceApi';
export const DEFAULT_API_URL = 'https://api.bigcommerce.com';
export const STORE_HASH_PATTERN = /^[a-z0-9]+$/;

export interface BigCommerceCredentials {
	storeHash: string;
	accessToken: string;
	apiUrl: string;
}

export interface CredentialProblem {
	field: 'storeHash' | 'accessToken' | 'apiUrl';
	message: string;
	description: string;
}

const LOCAL_HTTP = /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?$/i;
const HTTPS_URL = /^https:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/i;

export function storeHashProblem(value: unknown): CredentialProblem | undefined {
	const hash = typeof value === 'string' ? value.trim() : '';
	if (STORE_HASH_PATTERN.test(hash)) return undefined;
	return {
		field: 'storeHash',
		message: hash
			? `The Store Hash '${hash}' in the BigCommerce API credential is not valid`
			: 'The Store Hash in the BigCommerce API credential is empty',
		description:
			'Enter only the lowercase letters and digits after /stores/ in the API path of your store-level API account, e.g. abc123xyz for https://api.bigcommerce.com/stores/abc123xyz/v3/.',
	};
}

export function apiUrlProblem(value: unknown): CredentialProblem | undefined {
	const url = normalizeApiUrl(value);
	if (HTTPS_URL.test(url) || LOCAL_HTTP.test(url)) return undefined;
	return {
		field: 'apiUrl',
		message: `The API URL '${url}' in the BigCommerce API credential is not allowed`,
		description: `Use ${DEFAULT_API_URL} (the default). Another URL must start with https:// and have no query string; plain http:// is accepted only for 127.0.0.1 or localhost (a local sandbox).`,
	};
}

export function normalizeApiUrl(value: unknown): string {
	const url = typeof value === 'string' ? value.trim() : '';
	return (url || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** Checks every field; returns the first problem (in field order) or the normalized credential. */
export function checkBcCredentials(
	raw: Partial<Record<keyof BigCommerceCredentials, unknown>>,
): { problem: CredentialProblem } | { credentials: BigCommerceCredentials } {
	const problem =
		storeHashProblem(raw.storeHash) ??
		(typeof raw.accessToken === 'string' && raw.accessToken.trim()
			? undefined
			: {
					field: 'accessToken' as const,
					message: 'The Access Token in the BigCommerce API credential is empty',
					description: 'Paste the access token of your store-level API account into the credential.',
				}) ??
		apiUrlProblem(raw.apiUrl);
	if (problem) return { problem };
	return {
		credentials: {
			storeHash: (raw.storeHash as string).trim(),
			accessToken: raw.accessToken as string,
			apiUrl: normalizeApiUrl(raw.apiUrl),
		},
	};
}

/** The credential of the running node, checked; throws a NodeOperationError naming the wrong field. */
export async function getBcCredentials(this: CredentialContext): Promise<BigCommerceCredentials> {
	const raw = (await this.getCredentials(BC_CREDENTIAL)) as Partial<Record<keyof BigCommerceCredentials, unknown>>;
	const checked = checkBcCredentials(raw ?? {});
	if ('problem' in checked) {
		throw new NodeOperationError(this.getNode(), checked.problem.message, {
			description: checked.problem.description,
		});
	}
	return checked.credentials;
}
