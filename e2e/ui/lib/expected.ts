/**
 * What the editor should show for a node, computed from n8n's own node description (GET /types/nodes.json, what
 * the editor loads) with n8n-workflow's NodeHelpers (the runtime's copy): the top-level parameters that apply to
 * the node's current values, minus type 'hidden'.
 */
import type { NodeTypeDescription, WorkflowNode } from '../../lib/n8n-api';
import type { NodeHelpersLike } from '../../lib/validate';

export interface ExpectedParameter {
	name: string;
	displayName: string;
	type: string;
}

export function expectedVisibleParameters(
	node: WorkflowNode,
	desc: NodeTypeDescription,
	helpers: NodeHelpersLike,
): { visible: ExpectedParameter[]; notVisible: ExpectedParameter[] } {
	const values = helpers.getNodeParameters(desc.properties, node.parameters ?? {}, true, false, node, desc) ?? {};
	const visible: ExpectedParameter[] = [];
	const notVisible: ExpectedParameter[] = [];
	const seen = new Set<string>();
	for (const p of desc.properties) {
		const entry = { name: String(p.name), displayName: String(p.displayName ?? p.name), type: String(p.type) };
		if (p.type !== 'hidden' && helpers.displayParameter(values, p, node, desc)) {
			// A name may appear several times with different displayOptions; one visible copy is enough.
			if (!seen.has(entry.name) || entry.type === 'notice') visible.push(entry);
			seen.add(entry.name);
		} else {
			notVisible.push(entry);
		}
	}
	return { visible, notVisible: notVisible.filter((p) => !seen.has(p.name)) };
}

/** The credential types the node should offer a slot for, with the node's values (n8n's displayOptions rules). */
export function expectedCredentialSlots(
	node: WorkflowNode,
	desc: NodeTypeDescription,
	helpers: NodeHelpersLike,
): string[] {
	const values = helpers.getNodeParameters(desc.properties, node.parameters ?? {}, true, false, node, desc) ?? {};
	return (desc.credentials ?? [])
		.filter((c) => !c.displayOptions || helpers.displayParameter(values, c, node, desc))
		.map((c) => c.name);
}

/** Text of a notice parameter as the editor shows it (HTML tags dropped, whitespace collapsed). */
export function noticeText(displayName: string): string {
	return displayName
		.replace(/<[^>]+>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}
