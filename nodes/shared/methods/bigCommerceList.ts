/**
 * A list the editor reads from BigCommerce (`listSearch` methods of Sync Inventory and WMS Deliver): first the
 * BigCommerce credential is required, then the list's requests run, and any failure becomes the editor's error with
 * the scope hint and how to type the value instead (listErrors.ts). Filtering by the search text stays with each list,
 * since each matches in its own way.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { listFailure, requireBigCommerceCredential, type ListNeeds } from './listErrors';

/**
 * Reads a list from BigCommerce for the editor: `read` makes the list's requests (`list.request` and its pages).
 * `whyNoCredential` adds a sentence to the "select a credential" message (e.g. when the node asks for one only
 * with some settings).
 */
export async function readBigCommerceList<T>(
	ctx: ILoadOptionsFunctions,
	list: ListNeeds,
	read: () => Promise<T>,
	whyNoCredential?: string,
): Promise<T> {
	await requireBigCommerceCredential(ctx, list, whyNoCredential);
	try {
		return await read();
	} catch (error) {
		throw listFailure(ctx.getNode(), error, list);
	}
}
