/**
 * What n8n's editor would flag in a workflow file, checked against this package's node and credential descriptions
 * (loaded from source) with n8n-workflow's own parameter logic: unknown node types or versions, credential types
 * that do not exist or that the node does not use, parameters a node does not have or that do not apply to its
 * settings (the editor drops them silently), required parameters left empty, option values a parameter does not
 * offer, credentials the node needs but the file does not name, and connections to missing nodes. For the few
 * n8n-nodes-base nodes the bundled workflows use, their parameter names are listed here (n8n-nodes-base 2.0.x).
 */
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import type { IDataObject, INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { baseNodeTypes } from '../helpers/baseNodes';
import { PACKAGE_NAME, packageCredentialTypes, packageNodeTypes, type WorkflowJson } from '../helpers/harness';

/** Schedule Trigger `rule.interval[]` keys by `field` (n8n-nodes-base Schedule/SchedulerInterface.ts). */
const SCHEDULE_FIELDS: Record<string, string[]> = {
	seconds: ['secondsInterval'],
	minutes: ['minutesInterval'],
	hours: ['hoursInterval', 'triggerAtMinute'],
	days: ['daysInterval', 'triggerAtHour', 'triggerAtMinute'],
	weeks: ['weeksInterval', 'triggerAtDay', 'triggerAtHour', 'triggerAtMinute'],
	months: ['monthsInterval', 'triggerAtDayOfMonth', 'triggerAtHour', 'triggerAtMinute'],
	cronExpression: ['expression'],
};

/** Top-level parameters of the base nodes without a description in test/helpers/baseNodes.ts. */
const BASE_PARAMETERS: Record<string, string[]> = {
	'n8n-nodes-base.scheduleTrigger': ['rule'],
	'n8n-nodes-base.manualTrigger': [],
	'n8n-nodes-base.noOp': [],
	'n8n-nodes-base.stickyNote': ['content', 'height', 'width', 'color'],
};

/** Base nodes whose stand-in in test/helpers/baseNodes.ts carries the real node's parameters: checked like ours. */
const DESCRIBED_BASE_NODES = ['n8n-nodes-base.if', 'n8n-nodes-base.stopAndError'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths present in `given` but absent from what n8n resolved. */
function droppedPaths(given: unknown, resolved: unknown, prefix: string): string[] {
	if (isObject(given)) {
		if (!isObject(resolved)) return [];
		return Object.keys(given).flatMap((k) => {
			const p = prefix ? `${prefix}.${k}` : k;
			return k in resolved ? droppedPaths(given[k], resolved[k], p) : [p];
		});
	}
	if (Array.isArray(given) && Array.isArray(resolved)) return given.flatMap((g, i) => droppedPaths(g, resolved[i], `${prefix}[${i}]`));
	return [];
}

/** Our node descriptions as n8n serves them to the editor (polling nodes get n8n's Poll Times parameter). */
function ourDescriptions(): Record<string, INodeTypeDescription> {
	const out: Record<string, INodeTypeDescription> = {};
	for (const [type, node] of Object.entries(packageNodeTypes())) {
		const d = node.description;
		out[type] = { ...d, properties: [...(d.polling ? (commonPollingParameters as INodeProperties[]) : []), ...d.properties] };
	}
	return out;
}

function baseNodeProblems(node: INode, where: string): string[] {
	const known = BASE_PARAMETERS[node.type];
	if (!known) return [`${where}: unknown node type`];
	const problems = Object.keys(node.parameters ?? {})
		.filter((k) => !known.includes(k))
		.map((k) => `${where}: parameter "${k}" is not a parameter of this node`);
	if (node.type === 'n8n-nodes-base.scheduleTrigger') {
		const rule = (node.parameters.rule ?? {}) as IDataObject;
		const intervals = rule.interval;
		if (!Array.isArray(intervals) || !intervals.length) problems.push(`${where}: rule.interval must list at least one interval`);
		for (const interval of (Array.isArray(intervals) ? intervals : []) as IDataObject[]) {
			const allowed = SCHEDULE_FIELDS[String(interval.field)];
			if (!allowed) problems.push(`${where}: unknown interval field "${String(interval.field)}"`);
			for (const k of Object.keys(interval)) if (k !== 'field' && !allowed?.includes(k)) problems.push(`${where}: interval parameter "${k}" does not apply to field ${String(interval.field)}`);
		}
		if (Object.keys(rule).some((k) => k !== 'interval')) problems.push(`${where}: rule has keys other than interval`);
	}
	return problems;
}

const isExpression = (v: unknown) => typeof v === 'string' && v.startsWith('=');

/** Values of options / multiOptions parameters (also inside collections and fixed collections) that are not options. */
function optionValueProblems(props: INodeProperties[], values: IDataObject, path: string): string[] {
	const problems: string[] = [];
	for (const prop of props) {
		const value = values[prop.name];
		if (value === undefined || isExpression(value)) continue;
		const where = path ? `${path}.${prop.name}` : prop.name;
		const allowed = (prop.options ?? []).flatMap((o) => ('value' in o ? [o.value] : []));
		if (prop.type === 'options' && !prop.typeOptions?.loadOptionsMethod && !allowed.includes(value as string)) {
			problems.push(`parameter "${where}": ${JSON.stringify(value)} is not one of its options`);
		}
		if (prop.type === 'multiOptions' && !prop.typeOptions?.loadOptionsMethod) {
			for (const v of Array.isArray(value) ? value : [value]) if (!allowed.includes(v as string)) problems.push(`parameter "${where}": ${JSON.stringify(v)} is not one of its options`);
		}
		if (prop.type === 'collection' && isObject(value)) problems.push(...optionValueProblems(prop.options as INodeProperties[], value as IDataObject, where));
		if (prop.type === 'fixedCollection' && isObject(value)) {
			for (const group of prop.options ?? []) {
				if (!('values' in group)) continue;
				const entries = value[group.name];
				for (const entry of (Array.isArray(entries) ? entries : entries ? [entries] : []) as IDataObject[]) {
					problems.push(...optionValueProblems(group.values, entry, `${where}.${group.name}`));
				}
			}
		}
	}
	return problems;
}

export function workflowProblems(wf: WorkflowJson): string[] {
	const problems: string[] = [];
	const ours = ourDescriptions();
	const base = baseNodeTypes();
	const credentialTypes = packageCredentialTypes();
	const names = new Set<string>();
	for (const node of wf.nodes) {
		const where = `node "${node.name}" (${node.type})`;
		if (names.has(node.name)) problems.push(`${where}: name used twice`);
		names.add(node.name);
		const desc = ours[node.type] ?? base[node.type]?.description;
		if (!desc) {
			problems.push(`${where}: unknown node type`);
			continue;
		}
		const versions = Array.isArray(desc.version) ? desc.version : [desc.version];
		if (!versions.includes(node.typeVersion)) problems.push(`${where}: typeVersion ${node.typeVersion} unknown (the node has ${versions.join(', ')})`);
		if (!node.type.startsWith(`${PACKAGE_NAME}.`) && !DESCRIBED_BASE_NODES.includes(node.type)) {
			problems.push(...baseNodeProblems(node, where));
			continue;
		}
		const params = node.parameters ?? {};
		const resolved = NodeHelpers.getNodeParameters(desc.properties, params, true, false, node, desc) ?? {};
		for (const p of droppedPaths(params, resolved, '')) problems.push(`${where}: parameter "${p}" is not a parameter of this node (or does not apply to its settings)`);
		const issues = NodeHelpers.getNodeParametersIssues(desc.properties, { ...node, parameters: resolved }, desc);
		for (const [param, messages] of Object.entries(issues?.parameters ?? {})) problems.push(`${where}: parameter "${param}": ${messages.join(' ')}`);
		const shown = desc.properties.filter((p) => NodeHelpers.displayParameter(resolved, p, node, desc));
		for (const p of optionValueProblems(shown, resolved as IDataObject, '')) problems.push(`${where}: ${p}`);
		const given = Object.keys(node.credentials ?? {});
		for (const type of given) {
			if (!credentialTypes[type]) problems.push(`${where}: credential type "${type}" does not exist`);
			else if (!desc.credentials?.some((c) => c.name === type)) problems.push(`${where}: the node does not use credential type "${type}"`);
		}
		const needed = (desc.credentials ?? []).filter((c) => NodeHelpers.displayParameter(resolved, c, node, desc)).map((c) => c.name);
		for (const type of needed) if (!given.includes(type)) problems.push(`${where}: needs a "${type}" credential, the file names none`);
		for (const type of given) if (!needed.includes(type)) problems.push(`${where}: names a "${type}" credential its settings do not use`);
	}
	for (const [from, outputs] of Object.entries(wf.connections ?? {})) {
		if (!names.has(from)) problems.push(`connection from "${from}", a node that does not exist`);
		for (const conns of Object.values(outputs)) {
			for (const c of (conns ?? []).flat()) if (c && !names.has(c.node)) problems.push(`connection to "${c.node}", a node that does not exist`);
		}
	}
	return problems;
}
