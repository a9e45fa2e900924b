/**
 * Drives a WmsAdapter inside n8n's real engine (test harness): a one-node workflow whose node builds the adapter with
 * `createWmsAdapter` and hands it to the test's function. Credentials go through the harness's CredentialsHelper
 * (preAuthentication, generic authenticate), so token handling is n8n's.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runWorkflow, singleNodeWorkflow, type TestCredentials } from '../../helpers/harness';
import type { WmsAdapter, WmsType } from '../../../nodes/shared/wms/adapter';
import { createWmsAdapter } from '../../../nodes/shared/wms';
import type { RetryPolicy } from '../../../nodes/shared/wms/request';

export const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 3000 };

type ProbeFn = (adapter: WmsAdapter, ctx: IExecuteFunctions) => Promise<unknown>;

let current: { type: WmsType; policy: RetryPolicy; fn: ProbeFn; value?: unknown; error?: unknown } | undefined;

class WmsProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WMS Probe',
		name: 'wmsProbe',
		group: ['transform'],
		version: 1,
		description: 'Runs a test function with a WMS adapter',
		defaults: { name: 'WMS Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'extensivWarehouseManagerApi', required: false },
			{ name: 'wmsHttpApi', required: false },
		],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const probe = current!;
		try {
			const adapter = await createWmsAdapter(this, probe.type, probe.policy);
			probe.value = await probe.fn(adapter, this);
		} catch (error) {
			probe.error = error;
		}
		return [[{ json: {}, pairedItem: { item: 0 } }]];
	}
}

const PROBE_TYPE = 'test.wmsProbe';

/** Runs `fn` with an adapter; resolves to its value, rejects with the error the adapter threw (the real object). */
export async function withAdapter<T>(
	type: WmsType,
	credentials: TestCredentials,
	fn: (adapter: WmsAdapter, ctx: IExecuteFunctions) => Promise<T>,
	policy: RetryPolicy = FAST_RETRY,
): Promise<T> {
	current = { type, policy, fn };
	try {
		const result = await runWorkflow(singleNodeWorkflow(PROBE_TYPE, {}), {
			credentials,
			extraNodeTypes: { [PROBE_TYPE]: new WmsProbe() },
			startNode: 'Start',
		});
		if (result.error) throw result.error;
		if (current.error) throw current.error;
		return current.value as T;
	} finally {
		current = undefined;
	}
}
