/**
 * Failures of the list methods (`listSearch`) in the words the editor shows. n8n passes a NodeApiError's message,
 * description and httpCode to the editor (any other error arrives as its message only); the resource locator's list
 * then shows "<httpCode> - <message>", the description below it, and for 401/403 a link to the credential. The
 * editor cuts list messages at dashes, so the messages here have none. Every description ends with how to type the
 * value instead, so a missing scope never blocks setting the node up.
 */
import { NodeApiError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INode, JsonObject } from 'n8n-workflow';
import { BC_CREDENTIAL, bcErrorInfo } from '../bigcommerce/transport';
import type { BcRequest } from '../bigcommerce/transport';
import { scopeFor } from '../bigcommerce/errors';

export interface ListNeeds {
	/** What the list shows, in words: `store locations`, `recent orders`. */
	what: string;
	/** The call the list makes (its first page); also names the scope a 403 asks for. */
	request: BcRequest & { method: 'GET' };
	/** How to enter the value without the list, one or two sentences. */
	typeInstead: string;
}

export function listError(node: INode, message: string, description: string, httpCode?: string): NodeApiError {
	const error = new NodeApiError(node, { message, description, httpCode: httpCode ?? null } as JsonObject, { message, description, httpCode });
	// NodeApiError rewrites some messages (status-code defaults); keep ours.
	error.message = message;
	error.description = description;
	error.messages = [];
	return error;
}

/** The scope a list needs, in BigCommerce's words, e.g. `Store Locations: read-only (store_locations_read_only)`. */
export function listScope(needs: ListNeeds): string {
	return scopeFor(needs.request.method, needs.request.version, needs.request.path);
}

/** Throws a helpful error when the node has no BigCommerce credential the list could use. */
export async function requireBigCommerceCredential(ctx: ILoadOptionsFunctions, needs: ListNeeds, whyMissing = ''): Promise<void> {
	try {
		await ctx.getCredentials(BC_CREDENTIAL);
	} catch {
		throw listError(
			ctx.getNode(),
			`Select a BigCommerce credential to list the ${needs.what}`,
			`The list is read from BigCommerce with the node's BigCommerce credential, and none is selected.${whyMissing ? ` ${whyMissing}` : ''} ${needs.typeInstead}`,
		);
	}
}

/** Any failure of a list method as an error the editor shows with what to do; 403 names the scope to add. */
export function listFailure(node: INode, error: unknown, needs: ListNeeds): NodeApiError {
	const info = bcErrorInfo(error);
	if (info?.httpStatus === 403) {
		return listError(
			node,
			`The BigCommerce API account may not read ${needs.what}`,
			`Its token lacks the scope "${listScope(needs)}". Scopes of an existing API account cannot be changed: create a store-level API account with this scope and the ones the node already needs, and put its token in the BigCommerce credential. ${needs.typeInstead}`,
			'403',
		);
	}
	const message = error instanceof Error && error.message ? error.message : `Could not read the ${needs.what} from BigCommerce`;
	const original = (error as { description?: unknown } | undefined)?.description;
	const description = [typeof original === 'string' ? original.trim() : '', needs.typeInstead].filter(Boolean).join(' ');
	return listError(node, message, description, info?.httpStatus !== undefined ? String(info.httpStatus) : undefined);
}
