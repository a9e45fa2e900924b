import nock from 'nock';
import type { ICredentialType, IExecuteFunctions, INodeExecutionData, INodeType, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { extraCredentialTypes, pollAndRun, pollOnce, runNode, runWorkflow, type WorkflowJson } from '../helpers/harness';

class ProbeApi implements ICredentialType {
	name = 'probeApi';
	displayName = 'Probe';
	properties = [
		{ displayName: 'Token', name: 'token', type: 'string' as const, default: '' },
		{ displayName: 'Base', name: 'base', type: 'string' as const, default: 'https://probe.test' },
	];
	authenticate = { type: 'generic' as const, properties: { headers: { 'X-Auth-Token': '={{$credentials.token}}' } } };
}

const description = (name: string, extra: object) =>
	({ name, displayName: name, group: ['transform'], version: 1, description: '', defaults: {}, inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], properties: [], ...extra }) as INodeType['description'];

class ProbeAction implements INodeType {
	description = description('probeAction', { credentials: [{ name: 'probeApi', required: true }] });
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { base } = await this.getCredentials('probeApi');
		const out: INodeExecutionData[] = [];
		for (const [i, item] of this.getInputData().entries()) {
			const res = await this.helpers.httpRequestWithAuthentication.call(this, 'probeApi', { method: 'POST', url: `${base}/ship`, body: item.json, json: true });
			out.push({ json: { ...res, outcome: item.json.orderId === 2 ? 'failed' : 'created' }, pairedItem: { item: i } });
		}
		return [out];
	}
}

class ProbeTrigger implements INodeType {
	description = description('probeTrigger', { group: ['trigger'], polling: true, inputs: [] });
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const data = this.getWorkflowStaticData('node');
		if (this.getMode() === 'manual') return [[{ json: { sample: true } }]];
		data.lastId = ((data.lastId as number) ?? 0) + 1;
		return [[{ json: { orderId: data.lastId } }]];
	}
}

const extraNodeTypes = { 'test.probeAction': new ProbeAction(), 'test.probeTrigger': new ProbeTrigger() };
const credentials = { probeApi: { token: 'secret-123' } };

const wf: WorkflowJson = {
	nodes: [
		{ id: '1', name: 'Trigger', type: 'test.probeTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: '2', name: 'Action', type: 'test.probeAction', typeVersion: 1, position: [200, 0], parameters: {} },
		{
			id: '3',
			name: 'Failed?',
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			position: [400, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [{ id: 'c1', leftValue: '={{ $json.outcome }}', rightValue: 'failed', operator: { type: 'string', operation: 'equals' } }],
					combinator: 'and',
				},
				options: {},
			},
		},
		{ id: '4', name: 'Needs attention', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [600, 0], parameters: {} },
	],
	connections: {
		Trigger: { main: [[{ node: 'Action', type: NodeConnectionTypes.Main, index: 0 }]] },
		Action: { main: [[{ node: 'Failed?', type: NodeConnectionTypes.Main, index: 0 }]] },
		'Failed?': { main: [[{ node: 'Needs attention', type: NodeConnectionTypes.Main, index: 0 }], []] },
	},
};

describe('test harness', () => {
	beforeAll(() => {
		extraCredentialTypes.probeApi = new ProbeApi();
	});
	afterEach(() => nock.cleanAll());

	it('polls with persisted static data and runs the workflow in trigger mode with generic auth and IF routing', async () => {
		const seen: unknown[] = [];
		nock('https://probe.test', { reqheaders: { 'x-auth-token': 'secret-123' } })
			.post('/ship')
			.times(2)
			.reply(200, (_uri, body) => {
				seen.push(body);
				return { shipped: true };
			});
		const staticData = {};
		const first = await pollAndRun(wf, { credentials, staticData, triggerNode: 'Trigger', extraNodeTypes });
		expect(first.emitted).toEqual([{ orderId: 1 }]);
		expect(first.result?.status).toBe('success');
		expect(first.result?.output('Action')).toEqual([{ shipped: true, outcome: 'created' }]);
		expect(first.result?.executedNodes).not.toContain('Needs attention');
		const second = await pollAndRun(wf, { credentials, staticData, triggerNode: 'Trigger', extraNodeTypes });
		expect(second.emitted).toEqual([{ orderId: 2 }]);
		expect(second.result?.output('Needs attention')).toEqual([{ shipped: true, outcome: 'failed' }]);
		expect(staticData).toMatchObject({ 'node:Trigger': { lastId: 2 } });
		expect(seen).toEqual([{ orderId: 1 }, { orderId: 2 }]);
	});

	it('manual poll returns a sample without touching the cursor', async () => {
		const staticData = { 'node:Trigger': { lastId: 7 } };
		const items = await pollOnce(wf, { credentials, staticData, triggerNode: 'Trigger', mode: 'manual', extraNodeTypes });
		expect(items?.[0][0].json).toEqual({ sample: true });
		expect(staticData['node:Trigger'].lastId).toBe(7);
	});

	it('reports a node error as a failed run', async () => {
		nock('https://probe.test').post('/ship').reply(500, { message: 'boom' });
		const { result } = await runNode('test.probeAction', {}, [{ orderId: 5 }], { credentials, extraNodeTypes });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBeTruthy();
	});

	it('runs a workflow from a named start node', async () => {
		nock('https://probe.test').post('/ship').reply(200, { ok: 1 });
		const result = await runWorkflow(wf, { credentials, startNode: 'Action', startItems: [{ json: { orderId: 9 } }], extraNodeTypes });
		expect(result.output('Action')).toEqual([{ ok: 1, outcome: 'created' }]);
	});
});
