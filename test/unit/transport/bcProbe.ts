/**
 * Runs transport code inside a real node execution: a one-node workflow through the harness (n8n-core's
 * WorkflowExecute), whose probe node calls the given function with its IExecuteFunctions. So every request goes
 * through n8n-core's real httpRequestWithAuthentication and our credential's `authenticate` block.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runWorkflow } from '../../helpers/harness';

type ProbeFn<T> = (ctx: IExecuteFunctions) => Promise<T>;

let current: ProbeFn<unknown> | undefined;

class BcProbe implements INodeType {
	description = {
		displayName: 'BC Probe',
		name: 'bcProbe',
		group: ['transform'],
		version: 1,
		description: 'Test probe',
		defaults: { name: 'BC Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bigCommerceApi', required: true }],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		await current!(this);
		return [[{ json: {}, pairedItem: { item: 0 } }]];
	}
}

/** Calls `fn` inside a node run with the given BigCommerce credential; returns its result or throws its error as is. */
export async function inNode<T>(credentials: ICredentialDataDecryptedObject, fn: ProbeFn<T>): Promise<T> {
	let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
	current = async (ctx) => {
		try {
			outcome = { ok: true, value: await fn(ctx) };
		} catch (error) {
			outcome = { ok: false, error };
		}
	};
	const wf = {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
			{ id: 'probe', name: 'Probe', type: 'test.bcProbe', typeVersion: 1, position: [200, 0] as [number, number], parameters: {} },
		],
		connections: { Start: { main: [[{ node: 'Probe', type: NodeConnectionTypes.Main, index: 0 }]] } },
	};
	const result = await runWorkflow(wf, {
		credentials: { bigCommerceApi: credentials },
		extraNodeTypes: { 'test.bcProbe': new BcProbe() },
		startNode: 'Start',
	});
	current = undefined;
	if (!outcome) throw result.error ?? new Error('probe did not run');
	if (!outcome.ok) throw outcome.error;
	return outcome.value;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf<E = import('n8n-workflow').NodeApiError>(promise: Promise<unknown>): Promise<E> {
	return await promise.then(
		() => {
			throw new Error('expected a failure, but the call succeeded');
		},
		(error: unknown) => error as E,
	);
}
