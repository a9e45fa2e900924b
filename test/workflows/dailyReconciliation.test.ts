/**
 * workflows/daily-reconciliation.json as shipped, through n8n's engine against both sandboxes: a clean store passes
 * quietly, drift reaches "Needs attention" with the report attached, a part that could not be checked fails the run.
 */
import type { IDataObject } from 'n8n-workflow';
import { loadWorkflowFile, runWorkflow } from '../helpers/harness';
import { workflowProblems } from './validate';
import { HOUR, addBcOrder, alignStock, credentials, startWorld, syncedOrders, type World } from '../Reconcile/world';

const FILE = 'workflows/daily-reconciliation.json';

function workflow() {
	const wf = loadWorkflowFile(FILE);
	const node = wf.nodes.find((n) => n.name === 'Reconcile')!;
	node.parameters = { ...node.parameters, wmsType: 'http', referencePrefix: 'BC-', neverDeliveredHours: 1 };
	delete node.credentials;
	return wf;
}

describe('daily reconciliation workflow (as shipped)', () => {
	let w: World;
	beforeEach(async () => {
		w = await startWorld();
		await syncedOrders(w, 5);
		await alignStock(w);
	});
	afterEach(async () => {
		await w.close();
	});

	it('uses only node types and parameters the nodes have', () => {
		expect(workflowProblems(loadWorkflowFile(FILE) as never)).toEqual([]);
	});

	it('a clean store: nothing reaches Needs attention, the run succeeds', async () => {
		const run = await runWorkflow(workflow(), { credentials: credentials(w), startNode: 'Run now' });
		expect(run.status).toBe('success');
		expect(run.output('Needs attention: drift found')).toEqual([]);
		expect(run.executedNodes).not.toContain('Mark execution as failed');
	});

	it('drift: the summary with the report reaches Needs attention; drift alone does not fail the run', async () => {
		const late = addBcOrder(w, { statusId: 11, ageMs: 3 * HOUR });
		const run = await runWorkflow(workflow(), { credentials: credentials(w), startNode: 'Run now' });
		expect(run.status).toBe('success');
		const attention = run.run.data.resultData.runData['Needs attention: drift found'][0].data!.main[0]!;
		expect(attention).toHaveLength(1);
		expect(attention[0].json).toMatchObject({ kind: 'summary', total: 1, totals: { neverDelivered: 1 } });
		expect(attention[0].binary?.report?.fileName).toMatch(/^reconcile-.*\.html$/);
		expect(run.output('Reconcile').map((i: IDataObject) => i.orderId).filter(Boolean)).toEqual([late]);
	});

	it('a part that could not be checked fails the run after Needs attention got the summary', async () => {
		w.wms.setFaults({ rate: 1, kinds: ['500'], pathPattern: /inventory/ });
		const run = await runWorkflow(workflow(), { credentials: credentials(w), startNode: 'Run now' });
		expect(run.status).toBe('error');
		expect(run.output('Needs attention: drift found')).toHaveLength(1);
		expect(String(run.error?.message)).toMatch(/could not check everything: .*warehouse stock/);
	}, 60_000);
});
