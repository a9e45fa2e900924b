/**
 * Test-only node types: a node whose execute hands its IExecuteFunctions to the test's function, so test code runs
 * inside a real node execution (n8n-core's helpers, credentials and static data).
 */
import type { IExecuteFunctions, INodeCredentialDescription, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runWorkflow, singleNodeWorkflow, type TestCredentials } from './harness';

export interface ProbeOptions {
	/** The type's name (register it as `test.<name>` in the harness's extraNodeTypes). */
	name: string;
	credentials?: INodeCredentialDescription[];
}

/** One empty item paired with the first input: what a probe emits when its function returns nothing. */
const EMPTY_OUTPUT = (): INodeExecutionData[][] => [[{ json: {}, pairedItem: { item: 0 } }]];

/** A node type whose execute calls `run(this)`; it outputs what `run` returns, or one empty item. */
export function probeNode(
	{ name, credentials }: ProbeOptions,
	run: (ctx: IExecuteFunctions) => Promise<INodeExecutionData[][] | void>,
): INodeType {
	const description: INodeTypeDescription = {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: 'Test probe',
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...(credentials ? { credentials } : {}),
		properties: [],
	};
	return {
		description,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return (await run(this)) ?? EMPTY_OUTPUT();
		},
	};
}

/**
 * Runs `fn` inside a one-node workflow (manual trigger -> probe named 'Probe') through the harness; resolves to what
 * `fn` returned, rejects with the error it threw (the real object) or, when it never ran, the run's error.
 */
export async function runInProbe<T>(
	probe: ProbeOptions,
	credentials: TestCredentials,
	fn: (ctx: IExecuteFunctions) => Promise<T>,
): Promise<T> {
	let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
	const node = probeNode(probe, async (ctx) => {
		try {
			outcome = { ok: true, value: await fn(ctx) };
		} catch (error) {
			outcome = { ok: false, error };
		}
	});
	const type = `test.${probe.name}`;
	const result = await runWorkflow(singleNodeWorkflow(type, {}, 'Probe'), { credentials, extraNodeTypes: { [type]: node }, startNode: 'Start' });
	if (!outcome) throw result.error ?? new Error('probe did not run');
	if (!outcome.ok) throw outcome.error;
	return outcome.value;
}
