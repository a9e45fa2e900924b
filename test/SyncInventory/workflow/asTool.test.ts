/**
 * Sync Inventory as an AI agent's tool (why it keeps `usableAsTool`): with Source = Input Items, its SKU and
 * Available Quantity parameters are plain values an agent fills through `$fromAI()`.
 *
 * Run the way n8n runs a node as a tool:
 * - the tool's inputs are what n8n-core's createNodeAsTool derives from the node's `$fromAI()` parameters (the
 *   schema the agent's model is shown);
 * - the call goes through n8n-core's engine requests (`requests-response.js`, what the Tools Agent returns): the
 *   agent asks the engine to execute the tool node with the model's arguments, WorkflowExecute runs the node with
 *   them as its input item and in `inputOverride.ai_tool` (where `$fromAI()` reads them), then resumes the agent with
 *   the node's result.
 * The stock is then checked in the BigCommerce sandbox.
 */
import type { EngineRequest, EngineResponse, IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { PACKAGE_NAME, packageNodeTypes, runWorkflow, type WorkflowJson } from '../../helpers/harness';
import { SyncInventory } from '../../../nodes/SyncInventory/SyncInventory.node';

/** What the test reads of the DynamicStructuredTool n8n builds (its zod schema's fields). */
interface ToolView {
	name: string;
	schema: { shape: Record<string, { description?: string; _def: { typeName: string } }> };
}

const TOOL_NODE = 'Set Stock';
const TOOL_PARAMETERS = {
	source: 'inputItems',
	sku: "={{ $fromAI('sku', 'The SKU of the product or variant whose stock to set', 'string') }}",
	available: "={{ $fromAI('available', 'Units available to sell', 'number') }}",
	options: { output: 'all' },
};

/** The tool form of a node, as n8n registers every `usableAsTool` node: `<name>Tool`, no main input, an ai_tool output. */
function asTool(nodeType: INodeType): INodeType {
	return {
		...nodeType,
		description: { ...nodeType.description, name: `${nodeType.description.name}Tool`, inputs: [], outputs: [NodeConnectionTypes.AiTool] },
		execute: nodeType.execute,
	};
}

/** A stand-in for the Tools Agent: asks the engine to run its tool with the given arguments, then outputs the tool's result. */
function agentCalling(args: IDataObject): INodeType {
	return {
		description: {
			displayName: 'Test Agent',
			name: 'testAgent',
			group: ['transform'],
			version: 1,
			description: 'Calls its connected tool once',
			defaults: { name: 'Agent' },
			inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions, response?: EngineResponse): Promise<INodeExecutionData[][] | EngineRequest> {
			// The engine passes an empty response on the first call and the tool results when it resumes the agent.
			if (!response?.actionResponses.length) {
				return {
					actions: [{ actionType: 'ExecutionNodeAction', nodeName: TOOL_NODE, input: args, type: NodeConnectionTypes.AiTool, id: 'call-1', metadata: { itemIndex: 0 } }],
					metadata: {},
				};
			}
			const [result] = response.actionResponses;
			const items = (result.data.data?.[NodeConnectionTypes.AiTool]?.[0] ?? []).map((i) => i.json);
			return [[{ json: { toolResult: items, toolError: result.data.error?.message ?? null } }]];
		},
	};
}

function agentWorkflow(): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'agent', name: 'Agent', type: 'test.testAgent', typeVersion: 1, position: [200, 0], parameters: {} },
			{ id: 'tool', name: TOOL_NODE, type: `${PACKAGE_NAME}.syncInventoryTool`, typeVersion: 1, position: [200, 200], parameters: TOOL_PARAMETERS },
		],
		connections: {
			Start: { main: [[{ node: 'Agent', type: 'main' as never, index: 0 }]] },
			[TOOL_NODE]: { [NodeConnectionTypes.AiTool]: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool as never, index: 0 }]] },
		},
	};
}

describe('Sync Inventory as an agent tool (Source = Input Items, $fromAI parameters)', () => {
	let bc: BcSandbox;
	afterEach(async () => {
		await bc?.close();
	});

	it('offers the agent exactly two inputs, sku (string) and available (number), with their descriptions', () => {
		const nodeType = asTool(new SyncInventory());
		const node = { id: 'tool', name: TOOL_NODE, type: `${PACKAGE_NAME}.syncInventoryTool`, typeVersion: 1, position: [0, 0] as [number, number], parameters: TOOL_PARAMETERS };
		const tool = (createNodeAsTool({ node, nodeType, handleToolInvocation: async () => '' }) as { response: unknown }).response as ToolView;
		expect(tool.name).toBe('Set_Stock');
		const shape = tool.schema.shape;
		expect(Object.keys(shape).sort()).toEqual(['available', 'sku']);
		expect(shape.sku._def.typeName).toBe('ZodString');
		expect(shape.sku.description).toBe('The SKU of the product or variant whose stock to set');
		expect(shape.available._def.typeName).toBe('ZodNumber');
	});

	it('sets the stock the agent asked for through the engine, and answers the agent with the outcome', async () => {
		bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false } });
		bc.addProduct({ sku: 'MUG-RED', tracking: 'product', level: 5 });
		bc.addProduct({ sku: 'CAP', tracking: 'product', level: 9 });
		const result = await runWorkflow(agentWorkflow(), {
			credentials: { bigCommerceApi: bc.credentials },
			extraNodeTypes: {
				'test.testAgent': agentCalling({ sku: 'mug-red', available: 12 }),
				[`${PACKAGE_NAME}.syncInventoryTool`]: asTool(packageNodeTypes()[`${PACKAGE_NAME}.syncInventory`]),
			},
			mode: 'manual',
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(bc.getInventory('MUG-RED')!.level).toBe(12);
		expect(bc.getInventory('CAP')!.level).toBe(9);
		const [answer] = result.output('Agent');
		expect(answer.toolError).toBeNull();
		expect(answer.toolResult).toEqual([expect.objectContaining({ sku: 'mug-red', outcome: 'updated', before: 5, after: 12 })]);
		// n8n logs the tool run under the ai_tool connection, with the model's arguments as its input.
		const toolRun = result.run.data.resultData.runData[TOOL_NODE]?.[0];
		expect(toolRun?.inputOverride?.[NodeConnectionTypes.AiTool]?.[0]?.[0]?.json).toMatchObject({ sku: 'mug-red', available: 12 });
	});
});
