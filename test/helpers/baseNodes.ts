/**
 * Minimal stand-ins for the few n8n-nodes-base nodes our bundled workflows use (the real package is too heavy to
 * install for unit tests). Each keeps the real node's type name, versions, parameters and outputs; the IF node
 * evaluates its conditions with n8n's own filter engine (the same code path as the real IF v2 node).
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

const base = (d: Partial<INodeTypeDescription>): INodeTypeDescription =>
	({ group: ['transform'], description: '', defaults: {}, inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], properties: [], ...d }) as INodeTypeDescription;

class TriggerStub implements INodeType {
	constructor(public description: INodeTypeDescription) {}
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const emit = () => this.emit([this.helpers.returnJsonArray([{ timestamp: new Date().toISOString() }])]);
		return { manualTriggerFunction: async () => emit() };
	}
}

class PassThrough implements INodeType {
	constructor(public description: INodeTypeDescription) {}
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class IfV2 implements INodeType {
	description = base({
		name: 'if',
		displayName: 'If',
		version: [2, 2.1, 2.2],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['true', 'false'],
		properties: [
			{
				displayName: 'Conditions',
				name: 'conditions',
				type: 'filter',
				default: {},
				typeOptions: { filter: { version: '={{ $nodeVersion >= 2.2 ? 2 : 1 }}', caseSensitive: '={{!$parameter.options.ignoreCase}}', typeValidation: '={{$parameter.options.looseTypeValidation ? "loose" : "strict"}}' } },
			},
			{ displayName: 'Convert types where required', name: 'looseTypeValidation', type: 'boolean', default: false },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'Ignore Case', name: 'ignoreCase', type: 'boolean', default: true },
					{ displayName: 'Less Strict Type Validation', name: 'looseTypeValidation', type: 'boolean', default: true },
				],
			},
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const trueItems: INodeExecutionData[] = [];
		const falseItems: INodeExecutionData[] = [];
		this.getInputData().forEach((item, itemIndex) => {
			const pass = this.getNodeParameter('conditions', itemIndex, false, { extractValue: true }) as boolean;
			(pass ? trueItems : falseItems).push({ ...item, pairedItem: { item: itemIndex } });
		});
		return [trueItems, falseItems];
	}
}

export function baseNodeTypes(): Record<string, INodeType> {
	const trigger = (name: string, version: number | number[]) =>
		new TriggerStub(base({ name, displayName: name, version, group: ['trigger'], inputs: [] }));
	return {
		'n8n-nodes-base.manualTrigger': trigger('manualTrigger', 1),
		'n8n-nodes-base.scheduleTrigger': trigger('scheduleTrigger', [1, 1.1, 1.2, 1.3]),
		'n8n-nodes-base.noOp': new PassThrough(base({ name: 'noOp', displayName: 'No Operation', version: 1 })),
		'n8n-nodes-base.stickyNote': new PassThrough(base({ name: 'stickyNote', displayName: 'Sticky Note', version: 1, inputs: [], outputs: [] })),
		'n8n-nodes-base.if': new IfV2(),
	};
}
