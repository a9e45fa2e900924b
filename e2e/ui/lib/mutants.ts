/**
 * UI_MUTANT: reintroduces one defect in the INSTALLED copy of the package (the n8n user folder, never the repo) or
 * in the workflow file the test imports, to prove that the test catches it.
 *
 * - cred-show:     Confirm Shipment's warehouse credentials get `displayOptions.show.wmsType` back (what made
 *                  Warehouse System the editor's "main auth field": slots grouped under it, the BigCommerce slot
 *                  listing warehouse credentials).
 * - hidden-param:  Sync Inventory's BigCommerce credential gets a harmless-looking `displayOptions.show.source`
 *                  covering every Source value: the editor takes Source as the main auth field and hides it.
 * - green-failure: the "Stop and Error" path is removed from the imported order download workflow, so a run with
 *                  a failed order ends green.
 */
import * as fs from 'fs';
import * as path from 'path';

export const MUTANTS = ['cred-show', 'hidden-param', 'green-failure'] as const;
export type Mutant = (typeof MUTANTS)[number];

export function mutantFromEnv(): Mutant | undefined {
	const m = (process.env.UI_MUTANT ?? '').trim();
	if (!m) return undefined;
	if (!(MUTANTS as readonly string[]).includes(m)) throw new Error(`UI_MUTANT=${m} is unknown (known: ${MUTANTS.join(', ')})`);
	return m as Mutant;
}

/**
 * Wraps a node class of the installed package so that its description is changed after construction (the
 * compiled description is an instance field, so the class is subclassed under the same export name).
 */
function patchNodeDescription(installed: string, nodeDir: string, className: string, body: string): void {
	const file = path.join(installed, 'dist', 'nodes', nodeDir, `${nodeDir}.node.js`);
	if (!fs.existsSync(file)) throw new Error(`mutant: ${file} does not exist`);
	fs.appendFileSync(
		file,
		`\n;(() => { const Base = exports.${className};\n` +
			`exports.${className} = class ${className} extends Base { constructor(...a) { super(...a); const d = this.description;\n${body}\n} }; })();\n`,
	);
}

/** Applies a dist mutant to the installed package; returns what was changed. */
export function applyPackageMutant(m: Mutant | undefined, installed: string): string | undefined {
	if (m === 'cred-show') {
		patchNodeDescription(
			installed,
			'ConfirmShipment',
			'ConfirmShipment',
			`for (const c of d.credentials) {
				if (c.name === 'extensivWarehouseManagerApi') c.displayOptions = { show: { wmsType: ['extensiv'] } };
				if (c.name === 'wmsHttpApi') c.displayOptions = { show: { wmsType: ['http'] } };
			}`,
		);
		return 'Confirm Shipment: warehouse credentials with displayOptions.show.wmsType';
	}
	if (m === 'hidden-param') {
		patchNodeDescription(
			installed,
			'SyncInventory',
			'SyncInventory',
			`const src = d.properties.find((p) => p.name === 'source');
			const bc = d.credentials.find((c) => c.name === 'bigCommerceApi');
			bc.displayOptions = { show: { source: src.options.map((o) => o.value) } };`,
		);
		return "Sync Inventory: BigCommerce credential with displayOptions.show.source (every Source value)";
	}
	return undefined;
}

interface WorkflowFile {
	nodes: Array<{ name: string; type: string }>;
	connections: Record<string, { main?: Array<Array<{ node: string }> | null> }>;
}

/** green-failure: the workflow without its Stop and Error node(s) and the connections to them. */
export function mutateWorkflowFile(m: Mutant | undefined, text: string): string {
	if (m !== 'green-failure') return text;
	const wf = JSON.parse(text) as WorkflowFile;
	const stops = new Set(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stopAndError').map((n) => n.name));
	if (!stops.size) return text;
	wf.nodes = wf.nodes.filter((n) => !stops.has(n.name));
	for (const name of stops) delete wf.connections[name];
	for (const out of Object.values(wf.connections)) {
		out.main = (out.main ?? []).map((branch) => (branch ?? []).filter((c) => !stops.has(c.node)));
	}
	return JSON.stringify(wf, null, 2);
}
