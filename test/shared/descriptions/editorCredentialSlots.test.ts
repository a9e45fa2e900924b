/**
 * The credential slots and parameter panel as n8n's editor computes them, for every node of the package.
 *
 * n8n's editor (packages/frontend/editor-ui: utils/nodeTypesUtils.ts `getNodeAuthFields`, `getMainAuthField`,
 * `isAuthRelatedParameter`; composables/useNodeCredentialOptions.ts and NodeCredentials.vue; ParameterInputList.vue
 * `shouldDisplayNodeParameter`; the same rules in 1.123 and 2.41) is re-implemented below from its source. When a node
 * has a "main auth field" the editor hides that parameter and the ones it depends on, and lists every
 * main-auth credential type in every required slot under "Credential to connect with": a BigCommerce slot offering
 * only warehouse credentials (issue 11). The tests assert that no node of the package gets there, and that the slot
 * shown for each combination of Source / Warehouse System / status after delivery is exactly the one needed.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type {
	INodeCredentialDescription,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { BigCommerceOrdersTrigger } from '../../../nodes/BigCommerceOrdersTrigger/BigCommerceOrdersTrigger.node';
import { ConfirmShipment } from '../../../nodes/ConfirmShipment/ConfirmShipment.node';
import { SyncInventory } from '../../../nodes/SyncInventory/SyncInventory.node';
import { WmsDeliver } from '../../../nodes/WmsDeliver/WmsDeliver.node';
import { WmsOrderChanges } from '../../../nodes/WmsOrderChanges/WmsOrderChanges.node';
import { Reconcile } from '../../../nodes/Reconcile/Reconcile.node';

type Description = Pick<INodeTypeDescription, 'credentials' | 'properties'>;

// ---- the editor's rules ----------------------------------------------------------------------------------------

/** editor-ui getNodeAuthFields: every node parameter named in a credential's `displayOptions.show`. */
function getNodeAuthFields(d: Description): INodeProperties[] {
	const fields: INodeProperties[] = [];
	for (const cred of d.credentials ?? []) {
		for (const name of Object.keys(cred.displayOptions?.show ?? {})) {
			for (const field of d.properties.filter((p) => p.name === name)) if (!fields.includes(field)) fields.push(field);
		}
	}
	return fields;
}

/** editor-ui findAlternativeAuthField: an auth field all of whose string option values some credential shows for. */
function findAlternativeAuthField(d: Description, fields: INodeProperties[]): INodeProperties | null {
	const referenced: Record<string, string[]> = {};
	for (const cred of d.credentials ?? []) {
		for (const [name, values] of Object.entries(cred.displayOptions?.show ?? {})) {
			referenced[name] = (referenced[name] ?? []).concat((values ?? []).map((v) => (v ? String(v) : '')));
		}
	}
	return (
		fields.find((field) =>
			(field.options ?? []).every(
				(o) => !('value' in o) || typeof (o as INodePropertyOptions).value !== 'string' || referenced[field.name].includes(String((o as INodePropertyOptions).value)),
			),
		) ?? null
	);
}

/** editor-ui getMainAuthField. */
function getMainAuthField(d: Description): INodeProperties | null {
	const fields = getNodeAuthFields(d);
	const authentication = fields.find(
		(p) => p.name === 'authentication' && !(p.options ?? []).some((o) => 'value' in o && (o as INodePropertyOptions).value === 'none'),
	);
	return authentication ?? findAlternativeAuthField(d, fields);
}

/** editor-ui isAuthRelatedParameter: a parameter some auth field's own `displayOptions.show` depends on. */
function isAuthRelatedParameter(authFields: INodeProperties[], parameter: INodeProperties): boolean {
	return authFields.some((f) => f.displayOptions?.show !== undefined && parameter.name in f.displayOptions.show);
}

/** ParameterInputList shouldDisplayNodeParameter, the auth part: parameters the editor removes from the panel. */
function hiddenParameters(d: Description): string[] {
	const main = getMainAuthField(d);
	if (!main) return [];
	const authFields = getNodeAuthFields(d);
	const hidden: string[] = [];
	const walk = (props: INodeProperties[]) => {
		for (const p of props) {
			if (p.name === main.name || isAuthRelatedParameter(authFields, p)) hidden.push(p.name);
			for (const o of p.options ?? []) {
				if ('values' in o) walk((o as INodePropertyCollection).values);
				else if ('type' in o) walk([o as INodeProperties]);
			}
		}
	};
	walk(d.properties);
	return hidden;
}

/**
 * n8n 2.x ParameterInputList: parameter names taken from credentials' `show` (hidden for AI-gateway credentials).
 * `@version` is the node's version, not a parameter.
 */
function credentialShowKeys(d: Description): string[] {
	const keys = (d.credentials ?? []).flatMap((c) => Object.keys(c.displayOptions?.show ?? {}));
	return [...new Set(keys.filter((k) => d.properties.some((p) => p.name === k)))];
}

/** editor-ui isRequiredCredential: no `show`, or a `show` on the main auth field. */
function isRequiredCredential(d: Description, cred: INodeCredentialDescription): boolean {
	const show = cred.displayOptions?.show;
	if (!show) return true;
	const main = getMainAuthField(d);
	return main ? main.name in show : false;
}

/**
 * n8n 1.x "Create new credential" in a slot: a "required" credential opens the modal with the auth selector, which
 * (no node auth options) selects the node's FIRST credential type; any other opens the slot's own type.
 */
function createNewOpens(d: Description, cred: INodeCredentialDescription): string {
	return isRequiredCredential(d, cred) ? (d.credentials ?? [])[0].name : cred.name;
}

/** useNodeCredentialOptions: the credential types a slot lists, and NodeCredentials.vue: its label. */
function slot(d: Description, cred: INodeCredentialDescription): { types: string[]; label: string } {
	const main = getMainAuthField(d);
	const mixed = cred.required === true; // showMixedCredentials: required and not a KEEP_AUTH_IN_NDV node
	const types =
		mixed && main ? (d.credentials ?? []).filter((c) => c.displayOptions?.show && main.name in c.displayOptions.show).map((c) => c.name) : [cred.name];
	const label = cred.displayName ?? (mixed && main ? 'Credential to connect with' : `Credential for ${cred.name}`);
	return { types, label };
}

/** The slots the editor shows for the given parameter values (defaults filled in as the editor does). */
function shownSlots(d: INodeTypeDescription, values: INodeParameters): string[] {
	const node = { typeVersion: 1 };
	const parameters = NodeHelpers.getNodeParameters(d.properties, values, true, false, node, d) ?? {};
	return (d.credentials ?? []).filter((c) => c.displayOptions === undefined || NodeHelpers.displayParameter(parameters, c, node, d)).map((c) => c.name);
}

// ---- the package's nodes ---------------------------------------------------------------------------------------

const NODES: INodeType[] = [new BigCommerceOrdersTrigger(), new WmsDeliver(), new ConfirmShipment(), new SyncInventory(), new Reconcile(), new WmsOrderChanges()];

const BC = 'bigCommerceApi';
const EXTENSIV = 'extensivWarehouseManagerApi';
const HTTP = 'wmsHttpApi';

function problems(d: Description): string[] {
	const found: string[] = [];
	const main = getMainAuthField(d);
	if (main) found.push(`main auth field "${main.name}"`);
	for (const name of hiddenParameters(d)) found.push(`parameter "${name}" hidden`);
	for (const name of credentialShowKeys(d)) found.push(`credential displayOptions.show on "${name}"`);
	for (const cred of d.credentials ?? []) {
		const { types, label } = slot(d, cred);
		if (types.length !== 1 || types[0] !== cred.name) found.push(`slot ${cred.name} lists ${types.join(', ')}`);
		if (!cred.displayName) found.push(`slot ${cred.name} has no displayName (label "${label}")`);
		const opens = createNewOpens(d, cred);
		if (opens !== cred.name) found.push(`slot ${cred.name}: "Create new credential" opens a ${opens} form on n8n 1.x`);
	}
	return found;
}

describe('credential slots as the n8n editor shows them', () => {
	it('covers every node the package ships', () => {
		const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toHaveLength(NODES.length);
		for (const n of NODES) expect(pkg.n8n.nodes.some((p: string) => p.endsWith(`.node.js`) && p.toLowerCase().includes(`/${n.description.name.toLowerCase()}.node.js`))).toBe(true);
	});

	it.each(NODES.map((n) => [n.description.displayName, n] as const))(
		'%s: no main auth field, no hidden parameter, one service per slot, every slot labelled',
		(_name, n) => {
			expect(problems(n.description)).toEqual([]);
			const labels = (n.description.credentials ?? []).map((c) => c.displayName);
			expect(new Set(labels).size).toBe(labels.length);
		},
	);

	it('detects the old design: credentials shown with displayOptions.show make Source and Warehouse System disappear', () => {
		const d = new ConfirmShipment().description;
		const old: Description = {
			properties: d.properties,
			credentials: [
				{ name: BC, required: true },
				{ name: EXTENSIV, required: true, displayOptions: { show: { source: ['wms'], wmsType: ['extensiv'] } } },
				{ name: HTTP, required: true, displayOptions: { show: { source: ['wms'], wmsType: ['http'] } } },
			],
		};
		expect(getMainAuthField(old)?.name).toBe('wmsType');
		expect(hiddenParameters(old)).toEqual(expect.arrayContaining(['wmsType', 'source']));
		expect(slot(old, old.credentials![0])).toEqual({ types: [EXTENSIV, HTTP], label: 'Credential to connect with' });
		expect(problems(old)).toEqual(
			expect.arrayContaining(['main auth field "wmsType"', 'parameter "source" hidden', `slot ${BC} lists ${EXTENSIV}, ${HTTP}`, `slot ${BC} has no displayName (label "Credential to connect with")`]),
		);
	});

	it('detects the n8n 1.x wrong form: a later slot without displayOptions.show opens the first credential type', () => {
		const d = new SyncInventory().description;
		const hideOnly: Description = {
			properties: d.properties,
			credentials: (d.credentials ?? []).map((c) => ({ ...c, displayOptions: c.displayOptions?.hide ? { hide: c.displayOptions.hide } : undefined })),
		};
		expect(problems(hideOnly)).toEqual([
			`slot ${EXTENSIV}: "Create new credential" opens a ${BC} form on n8n 1.x`,
			`slot ${HTTP}: "Create new credential" opens a ${BC} form on n8n 1.x`,
		]);
		for (const n of NODES) for (const c of n.description.credentials ?? []) expect(createNewOpens(n.description, c)).toBe(c.name);
	});

	it('detects a credential without displayName even without a main auth field', () => {
		expect(problems({ properties: [], credentials: [{ name: BC, required: true }] })).toEqual([`slot ${BC} has no displayName (label "Credential for ${BC}")`]);
	});

	it('WMS Deliver shows the warehouse slot of the chosen system, and BigCommerce unless the status is left alone', () => {
		const d = new WmsDeliver().description;
		expect(shownSlots(d, {})).toEqual([EXTENSIV, BC]);
		expect(shownSlots(d, { wmsType: 'http' })).toEqual([HTTP, BC]);
		expect(shownSlots(d, { statusAfterDelivery: 'dontChange' })).toEqual([EXTENSIV]);
		expect(shownSlots(d, { wmsType: 'http', statusAfterDelivery: 'dontChange' })).toEqual([HTTP]);
	});

	it.each([new ConfirmShipment(), new SyncInventory()].map((n) => [n.description.displayName, n] as const))(
		'%s shows BigCommerce always and the warehouse slot of the chosen system only for Source = Warehouse',
		(_name, n) => {
			const d = n.description;
			expect(shownSlots(d, {})).toEqual([BC, EXTENSIV]);
			expect(shownSlots(d, { source: 'wms', wmsType: 'http' })).toEqual([BC, HTTP]);
			expect(shownSlots(d, { source: 'inputItems' })).toEqual([BC]);
			expect(shownSlots(d, { source: 'inputItems', wmsType: 'http' })).toEqual([BC]);
		},
	);

	it('WMS Order Changes shows only the warehouse slot of the chosen system (no BigCommerce request, no BigCommerce slot)', () => {
		const d = new WmsOrderChanges().description;
		expect(shownSlots(d, { wmsType: 'extensiv' })).toEqual([EXTENSIV]);
		expect(shownSlots(d, { wmsType: 'http' })).toEqual([HTTP]);
	});

	it('the trigger shows one BigCommerce slot', () => {
		expect(shownSlots(new BigCommerceOrdersTrigger().description, {})).toEqual([BC]);
	});
});
