/** Picks the WMS adapter for a node's `wmsType` and the credential that goes with it. */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import type { WmsAdapter, WmsType } from './adapter';
import { ExtensivAdapter, extensivSettings } from './extensiv/adapter';
import { EXTENSIV_CREDENTIAL } from './extensiv/types';
import { HttpWmsAdapter, WMS_HTTP_CREDENTIAL } from './http/adapter';
import { DEFAULT_RETRY, type RetryPolicy } from './request';

export type { WmsAdapter, WmsType } from './adapter';
export { EXTENSIV_CREDENTIAL, WMS_HTTP_CREDENTIAL };

/** Credential type name for each WMS type (for the nodes' `credentials` display options). */
export const WMS_CREDENTIALS: Record<WmsType, string> = { extensiv: EXTENSIV_CREDENTIAL, http: WMS_HTTP_CREDENTIAL };

export async function createWmsAdapter(
	ctx: IExecuteFunctions | IPollFunctions,
	wmsType: WmsType,
	policy: RetryPolicy = DEFAULT_RETRY,
): Promise<WmsAdapter> {
	if (wmsType === 'http') return new HttpWmsAdapter(ctx, await ctx.getCredentials(WMS_HTTP_CREDENTIAL), policy);
	const data = await ctx.getCredentials(EXTENSIV_CREDENTIAL);
	return new ExtensivAdapter(ctx, extensivSettings(ctx, data), data, policy);
}
