/** What a person sees of each node before running it: subtitles, live-run notices, the status list, codex. */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { BigCommerceOrdersTrigger } from '../../../nodes/BigCommerceOrdersTrigger/BigCommerceOrdersTrigger.node';
import { ConfirmShipment } from '../../../nodes/ConfirmShipment/ConfirmShipment.node';
import { SyncInventory } from '../../../nodes/SyncInventory/SyncInventory.node';
import { WmsDeliver } from '../../../nodes/WmsDeliver/WmsDeliver.node';
import { WmsOrderChanges } from '../../../nodes/WmsOrderChanges/WmsOrderChanges.node';

const trigger = new BigCommerceOrdersTrigger();
const deliver = new WmsDeliver();
const confirm = new ConfirmShipment();
const sync = new SyncInventory();
const changes = new WmsOrderChanges();

/** Evaluates a node's subtitle with n8n's own expression engine, as the editor does for the canvas. */
function subtitle(node: INodeType, parameters: INodeParameters): string {
	const n: INode = { id: '1', name: 'N', type: node.description.name, typeVersion: 1, position: [0, 0], parameters };
	const nodeTypes = { getByName: () => node, getByNameAndVersion: () => node, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [n], connections: {}, active: false, nodeTypes });
	return String(workflow.expression.getSimpleParameterValue(n, node.description.subtitle as string, 'internal', {}));
}

function property(node: INodeType, name: string): INodeProperties {
	const p = node.description.properties.find((x) => x.name === name);
	if (!p) throw new Error(`no parameter ${name}`);
	return p;
}

describe('node subtitles', () => {
	it('are short and name the system or status', () => {
		expect(subtitle(deliver, { wmsType: 'extensiv' })).toBe('Extensiv 3PL WM');
		expect(subtitle(deliver, { wmsType: 'http' })).toBe('HTTP WMS');
		for (const node of [confirm, sync]) {
			expect(subtitle(node, { source: 'wms', wmsType: 'extensiv' })).toBe('From Extensiv 3PL WM');
			expect(subtitle(node, { source: 'wms', wmsType: 'http' })).toBe('From HTTP WMS');
			expect(subtitle(node, { source: 'inputItems' })).toBe('From input items');
		}
		expect(subtitle(trigger, { statuses: [11] })).toBe('Awaiting Fulfillment');
		expect(subtitle(trigger, { statuses: [11, 9, 12] })).toBe('3 statuses');
		expect(subtitle(trigger, { statuses: [] })).toBe('0 statuses');
		expect(subtitle(trigger, { event: 'changes', statuses: [11] })).toBe('Order changes after hand-off');
		expect(subtitle(changes, { wmsType: 'extensiv' })).toBe('Extensiv 3PL WM');
		expect(subtitle(changes, { wmsType: 'http' })).toBe('HTTP WMS');
	});
});

describe('live-run notices', () => {
	it.each([
		['WMS Deliver', deliver, /really creates the orders in the warehouse/],
		['Confirm Shipment', confirm, /really creates shipments in BigCommerce/],
		['Sync Inventory', sync, /really changes stock levels in BigCommerce, unless Options > Dry Run is on/],
		['WMS Order Changes', changes, /really cancels and changes orders in the warehouse/],
	] as const)('%s warns first that running it writes for real', (_name, node, text) => {
		const first = node.description.properties[0];
		expect(first.type).toBe('notice');
		expect(first.displayName).toMatch(text);
		expect(first.displayName).toMatch(/"Execute workflow" or "Execute step"/);
	});

	it('the trigger says Fetch Test Event is a sample of at most 3 and does not move its position', () => {
		const first = trigger.description.properties[0];
		expect(first.type).toBe('notice');
		expect(first.displayName).toMatch(/at most 3, not every order that is waiting/);
		expect(first.displayName).toMatch(/does not move the trigger's position/);
	});
});

describe('After Delivery, Set BigCommerce Status', () => {
	it('offers Awaiting Shipment (default), Don’t Change, then only statuses that fit an accepted order, same ids', () => {
		const p = property(deliver, 'statusAfterDelivery');
		expect(p.default).toBe(9);
		const options = p.options as INodePropertyOptions[];
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Awaiting Shipment', 9],
			["Don't Change", 'dontChange'],
			['Awaiting Fulfillment', 11],
			['Awaiting Pickup', 8],
		]);
		for (const o of options) expect(o.description).toBeTruthy();
	});
});

describe('codex', () => {
	const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
	const repo = String(pkg.homepage).replace(/#.*$/, '');
	const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
	const anchors = new Set(
		readme
			.split('\n')
			.filter((l) => /^#+ /.test(l))
			.map((l) =>
				l
					.replace(/^#+ /, '')
					.trim()
					.toLowerCase()
					.replace(/[^\w\- ]/g, '')
					.replace(/ /g, '-'),
			),
	);

	it.each([
		['BigCommerceOrdersTrigger', trigger],
		['WmsDeliver', deliver],
		['ConfirmShipment', confirm],
		['SyncInventory', sync],
		['WmsOrderChanges', changes],
	] as const)('%s: codex names the node, has search aliases and links to README sections that exist', (dir, node) => {
		const codex = JSON.parse(readFileSync(join(__dirname, `../../../nodes/${dir}/${dir}.node.json`), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.${node.description.name}`);
		expect(codex.categories).toContain('Sales');
		const alias = (codex.alias as string[]).map((a) => a.toLowerCase());
		for (const word of ['bigcommerce', 'warehouse', 'wms', '3pl', 'extensiv', 'fulfillment']) expect(alias).toContain(word);
		const links = [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation].map((l: { url: string }) => l.url);
		for (const url of links) {
			expect(url.startsWith(`${repo}#`)).toBe(true);
			expect(anchors).toContain(url.slice(repo.length + 1));
		}
	});

	it('each search word of issue 11 finds the nodes it should', () => {
		const aliases = Object.fromEntries(
			['BigCommerceOrdersTrigger', 'WmsDeliver', 'ConfirmShipment', 'SyncInventory'].map((dir) => [
				dir,
				JSON.parse(readFileSync(join(__dirname, `../../../nodes/${dir}/${dir}.node.json`), 'utf8')).alias.map((a: string) => a.toLowerCase()),
			]),
		);
		const has = (dir: string, word: string) => aliases[dir].includes(word);
		for (const dir of Object.keys(aliases)) for (const w of ['extensiv', 'warehouse', '3pl']) expect(has(dir, w)).toBe(true);
		expect(has('ConfirmShipment', 'shipment') && has('ConfirmShipment', 'tracking')).toBe(true);
		expect(has('SyncInventory', 'stock') && has('SyncInventory', 'inventory')).toBe(true);
	});
});
