/**
 * The bundled workflow files as shipped, and the node names the demo and the tests need, found by node type and
 * by following the connections (so renaming a node in a file does not break them).
 */
import * as path from 'path';
import type { IConnections, INode } from 'n8n-workflow';
import { loadWorkflowFile, PACKAGE_NAME, type WorkflowJson } from '../../test/helpers/harness';

export const WORKFLOWS_DIR = path.resolve(__dirname, '..', '..', 'workflows');

export const BUNDLED = {
	orderDownload: 'order-download.json',
	shipmentConfirmation: 'shipment-confirmation.json',
	inventorySync: 'inventory-sync.json',
} as const;

export interface BundledWorkflow {
	file: string;
	json: WorkflowJson;
	/** The node that starts a production run: the polling trigger or the Schedule Trigger. */
	trigger: string;
	/** Our action node (WMS Deliver, Confirm Shipment, Sync Inventory; WMS Order Changes on the changes branch). */
	action: string;
	/** The IF node after the action node. */
	check: string;
	/** The node on the IF's true branch: where the items that need attention end up. */
	attention: string;
	/** The second IF after the action node: does any item count as failed? */
	failCheck: string;
	/** The Stop and Error node on its true branch: ends the execution as failed. */
	stop: string;
}

function nodeOfType(nodes: INode[], file: string, predicate: (n: INode) => boolean, what: string): INode {
	const found = nodes.filter(predicate);
	if (found.length !== 1) throw new Error(`${file}: expected exactly one ${what}, found ${found.length}`);
	return found[0];
}

function next(connections: IConnections, from: string, output: number, file: string, connection = 0): string {
	const target = connections[from]?.main?.[output]?.[connection]?.node;
	if (!target) throw new Error(`${file}: "${from}" output ${output} is not connected`);
	return target;
}

/**
 * The workflow's branches: `main` starts at the Schedule Trigger or the Orders Trigger with Event = New Orders to
 * Deliver (the top-most trigger, the one n8n's editor runs on Execute workflow); `changes` at the Orders Trigger
 * with Event = Order Changes After Hand-Off (order-download.json's second branch, WMS Order Changes).
 */
export type BundledBranch = 'main' | 'changes';

const isChangesTrigger = (n: INode) => n.type === `${PACKAGE_NAME}.bigCommerceOrdersTrigger` && n.parameters.event === 'changes';

export function loadBundled(file: string, branch: BundledBranch = 'main'): BundledWorkflow {
	const json = loadWorkflowFile(path.join(WORKFLOWS_DIR, file));
	const ours = (n: INode) => n.type.startsWith(`${PACKAGE_NAME}.`);
	const trigger = nodeOfType(
		json.nodes,
		file,
		branch === 'changes'
			? isChangesTrigger
			: (n) => (n.type === 'n8n-nodes-base.scheduleTrigger' || n.type === `${PACKAGE_NAME}.bigCommerceOrdersTrigger`) && !isChangesTrigger(n),
		branch === 'changes' ? 'orders trigger with Event = Order Changes After Hand-Off' : 'schedule or orders trigger',
	).name;
	const action = next(json.connections, trigger, 0, file);
	const actionNode = json.nodes.find((n) => n.name === action);
	if (!actionNode || !ours(actionNode)) throw new Error(`${file}: "${trigger}" does not lead to an action node of the package`);
	const check = next(json.connections, action, 0, file);
	const attention = next(json.connections, check, 0, file);
	const failCheck = next(json.connections, action, 0, file, 1);
	const stop = next(json.connections, failCheck, 0, file);
	if (json.nodes.find((n) => n.name === stop)?.type !== 'n8n-nodes-base.stopAndError') throw new Error(`${file}: "${stop}" is not a Stop and Error node`);
	return { file, json, trigger, action, check, attention, failCheck, stop };
}
