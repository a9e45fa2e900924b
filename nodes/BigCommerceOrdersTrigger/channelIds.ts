import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Options → Channel IDs ("1, 2"): the distinct channel ids, [] when empty; a clear error when one is not a whole id. */
export function readChannelIds(node: INode, options: IDataObject): number[] {
	const channelText = String(options.channelIds ?? '').trim();
	const channelIds = channelText ? channelText.split(/[\s,;]+/).filter(Boolean).map(Number) : [];
	if (channelIds.some((c) => !Number.isSafeInteger(c) || c <= 0)) {
		throw new NodeOperationError(node, `Channel IDs "${channelText}" are not valid`, {
			description: 'Enter whole channel IDs separated by commas, e.g. 1, 2 (BigCommerce: Channel Manager), or leave the option empty.',
		});
	}
	return [...new Set(channelIds)];
}
