/**
 * What the n8n editor would complain about when a workflow is opened: unknown node types or versions ("?" nodes,
 * "Install this node to use it"), credential types the node does not have, parameters the node does not know (the
 * editor silently drops them), and required parameters left empty (the red warning triangle).
 *
 * The node and credential descriptions come from the running n8n (GET /types/*.json, exactly what the editor
 * loads); the parameter logic is n8n-workflow's NodeHelpers, the code the editor itself runs.
 */
import * as path from 'path';

import type { CredentialTypeDescription, NodeTypeDescription, WorkflowJson } from './n8n-api';

export interface NodeHelpersLike {
	getNodeParameters(props: any[], values: any, returnDefaults: boolean, returnNoneDisplayed: boolean, node: any, desc: any): any;
	getNodeParametersIssues(props: any[], node: any, desc: any): { parameters?: Record<string, string[]> } | null;
	displayParameter(values: any, parameter: any, node: any, desc: any): boolean;
}

/** n8n-workflow of the runtime itself when it loads in this process, else the repo's own copy. */
export function loadNodeHelpers(runtimeDir: string): { helpers: NodeHelpersLike; from: string } {
	const candidates = [path.join(runtimeDir, 'node_modules', 'n8n-workflow'), 'n8n-workflow'];
	for (const c of candidates) {
		try {
			const mod = require(c);
			if (mod.NodeHelpers?.getNodeParameters) return { helpers: mod.NodeHelpers, from: c };
		} catch {
			// try the next one
		}
	}
	throw new Error('n8n-workflow could not be loaded');
}

export class TypeCatalog {
	private readonly nodes = new Map<string, NodeTypeDescription[]>();
	readonly credentials = new Set<string>();

	constructor(nodeTypes: NodeTypeDescription[], credentialTypes: CredentialTypeDescription[]) {
		for (const d of nodeTypes) {
			const list = this.nodes.get(d.name) ?? [];
			list.push(d);
			this.nodes.set(d.name, list);
		}
		for (const c of credentialTypes) this.credentials.add(c.name);
	}

	has(type: string): boolean {
		return this.nodes.has(type);
	}

	find(type: string, version: number): NodeTypeDescription | undefined {
		return this.nodes.get(type)?.find((d) => (Array.isArray(d.version) ? d.version : [d.version]).includes(version));
	}

	versions(type: string): number[] {
		return (this.nodes.get(type) ?? []).flatMap((d) => (Array.isArray(d.version) ? d.version : [d.version]));
	}
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths present in `given` but absent from what n8n resolved (unknown or not applicable parameters). */
function droppedPaths(given: unknown, resolved: unknown, prefix: string): string[] {
	if (isPlainObject(given)) {
		if (!isPlainObject(resolved)) return [];
		return Object.keys(given).flatMap((k) =>
			k in resolved ? droppedPaths(given[k], resolved[k], prefix ? `${prefix}.${k}` : k) : [prefix ? `${prefix}.${k}` : k],
		);
	}
	if (Array.isArray(given) && Array.isArray(resolved)) {
		return given.flatMap((g, i) => droppedPaths(g, resolved[i], `${prefix}[${i}]`));
	}
	return [];
}

export function validateWorkflow(wf: WorkflowJson, catalog: TypeCatalog, helpers: NodeHelpersLike): string[] {
	const problems: string[] = [];
	const names = new Set(wf.nodes.map((n) => n.name));
	for (const node of wf.nodes) {
		const where = `node "${node.name}" (${node.type})`;
		if (!catalog.has(node.type)) {
			problems.push(`${where}: unknown node type; n8n would show "Install this node to use it"`);
			continue;
		}
		const desc = catalog.find(node.type, node.typeVersion);
		if (!desc) {
			problems.push(`${where}: typeVersion ${node.typeVersion} unknown (n8n has ${catalog.versions(node.type).join(', ')})`);
			continue;
		}
		const params = node.parameters ?? {};
		let resolved: Record<string, unknown>;
		try {
			resolved = helpers.getNodeParameters(desc.properties, params, true, false, node, desc) ?? {};
			// n8n resolves the saved parameters (defaults included) again for every execution: that must work too.
			helpers.getNodeParameters(desc.properties, resolved, true, false, node, desc);
		} catch (e) {
			problems.push(`${where}: n8n cannot resolve the node's parameters, executions would fail: ${(e as Error).message}`);
			continue;
		}
		for (const p of droppedPaths(params, resolved, '')) {
			problems.push(`${where}: parameter "${p}" is not a parameter of this node (or does not apply to its settings)`);
		}
		const issues = helpers.getNodeParametersIssues(desc.properties, { ...node, parameters: resolved }, desc);
		for (const [param, messages] of Object.entries(issues?.parameters ?? {})) {
			problems.push(`${where}: parameter "${param}": ${messages.join(' ')}`);
		}
		for (const credType of Object.keys(node.credentials ?? {})) {
			if (!catalog.credentials.has(credType)) {
				problems.push(`${where}: credential type "${credType}" does not exist in n8n`);
			} else if (!node.type.startsWith('n8n-nodes-base.') && !desc.credentials?.some((c) => c.name === credType)) {
				problems.push(`${where}: the node does not use credential type "${credType}"`);
			}
		}
	}
	for (const [from, outputs] of Object.entries(wf.connections ?? {})) {
		if (!names.has(from)) problems.push(`connection from "${from}", a node that does not exist`);
		for (const conns of Object.values(outputs as Record<string, Array<Array<{ node: string }> | null>>)) {
			for (const c of (conns ?? []).flat()) {
				if (c && !names.has(c.node)) problems.push(`connection to "${c.node}", a node that does not exist`);
			}
		}
	}
	return problems;
}

/** The credential types a node needs with its current parameters (credentials hidden by displayOptions excluded). */
export function neededCredentials(
	node: { parameters: Record<string, any>; typeVersion: number },
	desc: NodeTypeDescription,
	helpers: NodeHelpersLike,
): string[] {
	return (desc.credentials ?? [])
		.filter((c) => helpers.displayParameter(node.parameters ?? {}, c, node, desc))
		.map((c) => c.name);
}
