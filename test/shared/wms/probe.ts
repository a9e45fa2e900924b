/**
 * Drives a WmsAdapter inside n8n's real engine (test harness): a one-node workflow whose node builds the adapter with
 * `createWmsAdapter` and hands it to the test's function. Credentials go through the harness's CredentialsHelper
 * (preAuthentication, generic authenticate), so token handling is n8n's.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { TestCredentials } from '../../helpers/harness';
import { runInProbe } from '../../helpers/probe';
import type { WmsAdapter, WmsType } from '../../../nodes/shared/wms/adapter';
import { createWmsAdapter } from '../../../nodes/shared/wms';
import type { RetryPolicy } from '../../../nodes/shared/wms/request';

export const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 3000 };

const WMS_PROBE = {
	name: 'wmsProbe',
	credentials: [
		{ name: 'extensivWarehouseManagerApi', required: false },
		{ name: 'wmsHttpApi', required: false },
	],
};

/** Runs `fn` with an adapter; resolves to its value, rejects with the error the adapter threw (the real object). */
export async function withAdapter<T>(
	type: WmsType,
	credentials: TestCredentials,
	fn: (adapter: WmsAdapter, ctx: IExecuteFunctions) => Promise<T>,
	policy: RetryPolicy = FAST_RETRY,
): Promise<T> {
	return await runInProbe(WMS_PROBE, credentials, async (ctx) => await fn(await createWmsAdapter(ctx, type, policy), ctx));
}
