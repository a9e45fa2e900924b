/**
 * The bundled workflow files are importable as they are: only node types, versions, credential types and parameters
 * this package (and the few n8n base nodes used) really has; the shape n8n's import CLI and editor expect; failures
 * routed to a clearly named branch; a schedule on every workflow. And the checker itself catches a wrong name.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IDataObject, INode } from 'n8n-workflow';
import { PACKAGE_NAME, loadWorkflowFile, type WorkflowJson } from '../helpers/harness';
import { BUNDLED, WORKFLOWS_DIR, loadBundled } from '../../scripts/demo/workflows';
import { workflowProblems } from './validate';

const FILES = Object.values(BUNDLED);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type FileJson = WorkflowJson & IDataObject & { nodes: INode[] };
const read = (file: string) => loadWorkflowFile(path.join(WORKFLOWS_DIR, file)) as FileJson;
const clone = (wf: FileJson) => JSON.parse(JSON.stringify(wf)) as FileJson;
const nodeOf = (wf: FileJson, type: string) => wf.nodes.find((n) => n.type === `${PACKAGE_NAME}.${type}` || n.type === type)!;

const conditionsOf = (ifNode: INode) => (ifNode.parameters.conditions as IDataObject).conditions as IDataObject[];
const equalsOutcomes = (ifNode: INode) =>
	conditionsOf(ifNode)
		.filter((c) => (c.operator as IDataObject).operation === 'equals' && c.leftValue === '={{ $json.outcome }}')
		.map((c) => c.rightValue);

describe('bundled workflow files', () => {
	it('workflows/ holds exactly the three bundled workflows', () => {
		// daily-reconciliation.json (Reconcile) has its own tests: test/workflows/dailyReconciliation.test.ts.
		expect(fs.readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.json')).sort()).toEqual([...FILES, 'daily-reconciliation.json'].sort());
	});

	describe.each(FILES)('%s', (file) => {
		const wf = read(file);

		it('uses only node types, versions, credentials and parameters the nodes have', () => {
			expect(workflowProblems(wf)).toEqual([]);
		});

		it('has the shape n8n imports: fixed short id, inactive, v1 execution order, UUID node ids, placeholder credentials', () => {
			expect(typeof wf.id).toBe('string');
			expect((wf.id as string).length).toBeLessThanOrEqual(16);
			expect(wf.name).toBeTruthy();
			expect(wf).toMatchObject({ active: false, pinData: {}, settings: { executionOrder: 'v1' } });
			for (const n of wf.nodes) {
				expect({ name: n.name, id: UUID.test(n.id) }).toEqual({ name: n.name, id: true });
				expect(n.position).toHaveLength(2);
				for (const c of Object.values(n.credentials ?? {})) expect(c).toEqual({ id: 'REPLACE_WITH_YOUR_CREDENTIAL', name: expect.any(String) });
			}
			expect(new Set(wf.nodes.map((n) => n.id)).size).toBe(wf.nodes.length);
		});

		it('routes what needs a person to a "Needs attention" node and keeps running on item errors', () => {
			const b = loadBundled(file);
			const action = wf.nodes.find((n) => n.name === b.action)!;
			expect(action.onError).toBe('continueRegularOutput');
			const check = wf.nodes.find((n) => n.name === b.check)!;
			expect(check).toMatchObject({ type: 'n8n-nodes-base.if', typeVersion: 2.2 });
			expect((check.parameters.conditions as IDataObject).combinator).toBe('or');
			const left = conditionsOf(check).map((c) => `${String(c.leftValue)} ${String((c.operator as IDataObject).operation)} ${String(c.rightValue ?? '')}`.trim());
			if (file === BUNDLED.orderDownload) {
				// WMS Deliver decides (needsAttention: failed, or a hold not reported before); no outcome = it could not start.
				expect(left).toEqual(['={{ $json.needsAttention === true }} true', '={{ $json.outcome }} empty']);
			} else {
				expect(equalsOutcomes(check).sort()).toEqual(['failed', 'skipped']);
				expect(left.some((l) => /outcome/.test(l) && /empty|true/.test(l) && !/equals/.test(l))).toBe(true);
			}
			expect(b.attention).toMatch(/^Needs attention: /);
			expect(wf.nodes.find((n) => n.name === b.attention)?.type).toBe('n8n-nodes-base.noOp');
			// Its output is left free for the user's email/Slack node.
			expect(wf.connections[b.attention]).toBeUndefined();
			expect(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').length).toBeGreaterThanOrEqual(3);
		});

		it('ends the execution as failed through Stop and Error when an item failed, on a branch n8n runs after "Needs attention"', () => {
			const b = loadBundled(file);
			expect(wf.connections[b.action].main[0]).toEqual([
				{ node: b.check, type: 'main', index: 0 },
				{ node: b.failCheck, type: 'main', index: 0 },
			]);
			const failCheck = wf.nodes.find((n) => n.name === b.failCheck)!;
			expect(failCheck).toMatchObject({ type: 'n8n-nodes-base.if', typeVersion: 2.2 });
			expect(equalsOutcomes(failCheck)).toEqual(['failed']);
			expect((failCheck.parameters.conditions as IDataObject).combinator).toBe('or');
			expect(wf.connections[b.failCheck].main[1] ?? []).toEqual([]);
			const stop = wf.nodes.find((n) => n.name === b.stop)!;
			expect(stop).toMatchObject({ type: 'n8n-nodes-base.stopAndError', typeVersion: 1 });
			expect(stop.parameters.errorType ?? 'errorMessage').toBe('errorMessage');
			expect(String(stop.parameters.errorMessage)).toMatch(/^=.*\$input\.all\(\)/);
			expect(String(stop.parameters.errorMessage)).toContain(`"${b.attention}"`);
			// n8n's v1 order runs the children of one output top to bottom, each branch to its end: the check (and
			// whatever the user adds after "Needs attention") must sit above the fail check.
			const y = (name: string) => wf.nodes.find((n) => n.name === name)!.position[1];
			expect(y(b.check)).toBeLessThan(y(b.failCheck));
		});

		it('sticky notes name the button as on current and older n8n, warn about live runs and say how to add an alert', () => {
			const notes = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => String(n.parameters.content));
			const all = notes.join('\n');
			expect(all).not.toMatch(/\*\*Test workflow\*\*/);
			if (file !== BUNDLED.orderDownload) expect(all).toMatch(/\*\*Execute workflow\*\* \(called \*Test workflow\* on older n8n/);
			if (file === BUNDLED.orderDownload) expect(all).toMatch(/\*\*Execute workflow\*\* \(called \*Test workflow\* on older n8n\)[^\n]*really create[^\n]*warehouse[^\n]*BigCommerce/);
			expect(all).toMatch(/live/);
			expect(all).toMatch(/Slack/);
			expect(all).toMatch(/Execute Once/);
			expect(all).toMatch(/Error Workflow/);
		});

		it('runs on a schedule (and by hand where a Schedule Trigger starts it)', () => {
			const b = loadBundled(file);
			const trigger = wf.nodes.find((n) => n.name === b.trigger)!;
			if (file === BUNDLED.orderDownload) {
				expect(trigger.parameters.pollTimes).toEqual({ item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] });
			} else {
				expect(trigger).toMatchObject({ type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2 });
				const interval = file === BUNDLED.shipmentConfirmation ? { field: 'minutes', minutesInterval: 15 } : { field: 'hours', hoursInterval: 1 };
				expect(trigger.parameters.rule).toEqual({ interval: [interval] });
				const manual = wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')!;
				expect(wf.connections[manual.name].main[0]).toEqual(wf.connections[trigger.name].main[0]);
				expect(wf.connections[trigger.name].main[0]).toEqual([{ node: b.action, type: 'main', index: 0 }]);
			}
		});
	});

	it('the checker reports a wrong node type, credential name, parameter name or option value', () => {
		const wf = read(BUNDLED.orderDownload);
		const broken = (change: (w: FileJson) => void) => {
			const w = clone(wf);
			change(w);
			return workflowProblems(w).join('\n');
		};
		expect(broken((w) => (nodeOf(w, 'wmsDeliver').type = `${PACKAGE_NAME}.wmsDelivery`))).toMatch(/unknown node type/);
		expect(broken((w) => (nodeOf(w, 'wmsDeliver').typeVersion = 2))).toMatch(/typeVersion 2 unknown/);
		expect(
			broken((w) => {
				const n = nodeOf(w, 'wmsDeliver');
				n.credentials = { ...n.credentials, bigCommerceAPI: n.credentials!.bigCommerceApi };
				delete n.credentials.bigCommerceApi;
			}),
		).toMatch(/credential type "bigCommerceAPI" does not exist[\s\S]*needs a "bigCommerceApi" credential/);
		expect(broken((w) => (nodeOf(w, 'wmsDeliver').parameters.shipMethodMapping = {}))).toMatch(/parameter "shipMethodMapping" is not a parameter/);
		expect(broken((w) => ((nodeOf(w, 'bigCommerceOrdersTrigger').parameters.options as IDataObject).prefix = 'BC-'))).toMatch(/parameter "options.prefix"/);
		expect(broken((w) => (nodeOf(w, 'wmsDeliver').parameters.wmsType = 'http'))).toMatch(/needs a "wmsHttpApi" credential/);
		expect(broken((w) => (nodeOf(w, 'wmsDeliver').parameters.unmappedShipMethods = 'drop'))).toMatch(/unmappedShipMethods/);
		expect(broken((w) => (nodeOf(w, 'n8n-nodes-base.stickyNote').parameters.text = 'x'))).toMatch(/parameter "text"/);
		expect(broken((w) => (nodeOf(w, 'n8n-nodes-base.stopAndError').parameters.message = 'x'))).toMatch(/parameter "message" is not a parameter/);
		expect(broken((w) => (nodeOf(w, 'n8n-nodes-base.stopAndError').parameters.errorMessage = ''))).toMatch(/parameter "errorMessage"/);
		const schedule = read(BUNDLED.inventorySync);
		const s = clone(schedule);
		(nodeOf(s, 'n8n-nodes-base.scheduleTrigger').parameters.rule as IDataObject).interval = [{ field: 'hours', minutesInterval: 5 }];
		expect(workflowProblems(s).join('\n')).toMatch(/"minutesInterval" does not apply to field hours/);
	});
});
