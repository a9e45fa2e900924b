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
import { jsonParse, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

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

/**
 * n8n-nodes-base Stop and Error v1 (nodes/StopAndError/StopAndError.node.ts and utils.ts, identical in 1.123 and
 * 2.41 apart from the icon): no outputs; reads its parameters for item 0 only and throws a NodeOperationError with
 * the Error Message, or with the Error Object's message/description/error and the object as metadata.
 */
class StopAndError implements INodeType {
	description = base({
		name: 'stopAndError',
		displayName: 'Stop and Error',
		group: ['input'],
		version: 1,
		description: 'Throw an error in the workflow',
		defaults: { name: 'Stop and Error' },
		outputs: [],
		properties: [
			{
				displayName: 'Error Type',
				name: 'errorType',
				type: 'options',
				options: [
					{ name: 'Error Message', value: 'errorMessage' },
					{ name: 'Error Object', value: 'errorObject' },
				],
				default: 'errorMessage',
				description: 'Type of error to throw',
			},
			{
				displayName: 'Error Message',
				name: 'errorMessage',
				type: 'string',
				placeholder: 'An error occurred!',
				default: '',
				required: true,
				displayOptions: { show: { errorType: ['errorMessage'] } },
			},
			{
				displayName: 'Error Object',
				name: 'errorObject',
				type: 'json',
				description: 'Object containing error properties',
				default: '',
				typeOptions: { alwaysOpenEditWindow: true },
				required: true,
				displayOptions: { show: { errorType: ['errorObject'] } },
			},
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const errorType = this.getNodeParameter('errorType', 0) as string;
		const errorParameter = this.getNodeParameter(errorType === 'errorMessage' ? 'errorMessage' : 'errorObject', 0) as string;
		if (errorType === 'errorMessage') throw new NodeOperationError(this.getNode(), errorParameter);
		const errorObject = jsonParse<Record<string, unknown>>(errorParameter);
		const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : '');
		const message = text(errorObject.message) || text(errorObject.description) || text(errorObject.error) || `Error: ${JSON.stringify(errorObject)}`;
		throw new NodeOperationError(this.getNode(), message, {
			description: text(errorObject.description) || undefined,
			type: text(errorObject.type) || undefined,
			level: 'error',
			metadata: errorObject,
		});
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
		'n8n-nodes-base.stopAndError': new StopAndError(),
	};
}
