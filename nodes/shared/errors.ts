/** Turning any error into what n8n shows (a node error) or into words for a result item's reason. */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Keeps an n8n node error as it is (HTTP code and API message intact); wraps anything else. */
export function toNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof Error || (error && typeof error === 'object')) return new NodeApiError(node, error as JsonObject);
	return new NodeOperationError(node, String(error));
}

/**
 * An error in words for a result's reason: the message, then (as its own sentence) the description when it adds
 * something, e.g. "The WMS rejected order BC-1: SKU X unknown. Add the item in the WMS or fix the SKU".
 * No trailing full stop, so callers can continue the sentence.
 */
export function describeError(error: unknown): string {
	if (!(error instanceof Error)) return typeof error === 'string' ? error : 'unknown error';
	const message = error.message.trim().replace(/\.$/, '');
	const description = (error as { description?: unknown }).description;
	const detail = typeof description === 'string' ? description.trim().replace(/\.$/, '') : '';
	if (!detail || message.includes(detail)) return message || detail || 'unknown error';
	if (!message || detail.includes(message)) return detail;
	return `${message}. ${detail}`;
}
