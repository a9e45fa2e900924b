/**
 * The `wmsType` parameter and the WMS credentials it selects, shared by every node that talks to a warehouse
 * (WMS Deliver, WMS Order Changes, Confirm Shipment, Sync Inventory, Reconcile), so they stay identical.
 *
 * Credential entries never use `displayOptions.show`. n8n's editor (editor-ui `getNodeAuthFields` /
 * `getMainAuthField`, 1.x and 2.x) treats every parameter named in a credential's `show` as an authentication field:
 * when all of its option values are referenced by credentials it becomes the node's "main auth field", is hidden from
 * the parameter panel together with the parameters it depends on (Source), and every required credential slot then
 * lists all warehouse credential types under the label "Credential to connect with" (a BigCommerce slot included).
 * `hide` is not read by those functions, and in `displayParameter` a `hide` matches when ANY of its keys matches, so
 * "hide when another warehouse system is chosen" shows each WMS credential exactly for its own system.
 *
 * One `show` is still needed, on the node version (not a parameter, so it creates no auth field): n8n 1.x's editor
 * opens the form of the node's FIRST credential type from "Create new credential" in every slot whose credential has
 * no `displayOptions.show` (editor-ui `isRequiredCredential` -> the modal's auth selector -> `credentials[0]`), so a
 * Generic HTTP WMS slot opened a BigCommerce form. With `show: { '@version': [...] }` each slot opens its own form.
 * Every credential of a node with more than one credential carries OWN_FORM_SHOW.
 * test/shared/descriptions/editorCredentialSlots.test.ts checks every node against the editor's rules.
 */
import type { ICredentialsDisplayOptions, INodeCredentialDescription, INodeProperties, NodeParameterValue } from 'n8n-workflow';
import type { WmsType } from '../wms/adapter';

export const WMS_TYPE_PARAMETER = 'wmsType';

/** Every version of the package's nodes: the `show` that makes n8n 1.x open a slot's own credential form. */
export const OWN_FORM_SHOW: NonNullable<ICredentialsDisplayOptions['show']> = { '@version': [1] };

export const WMS_CREDENTIAL_BY_TYPE: Record<WmsType, string> = {
	extensiv: 'extensivWarehouseManagerApi',
	http: 'wmsHttpApi',
};

/** The Warehouse System option names; each WMS credential slot is labelled with the name of its system. */
export const WMS_DISPLAY_NAME: Record<WmsType, string> = {
	extensiv: 'Extensiv 3PL Warehouse Manager',
	http: 'Generic HTTP WMS',
};

/** The label of every BigCommerce credential slot. */
export const BIGCOMMERCE_DISPLAY_NAME = 'BigCommerce';

export const wmsTypeProperty: INodeProperties = {
	displayName: 'Warehouse System',
	name: WMS_TYPE_PARAMETER,
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: WMS_DISPLAY_NAME.extensiv,
			value: 'extensiv',
			description: 'Extensiv 3PL Warehouse Manager (formerly 3PL Central) REST API',
		},
		{
			name: WMS_DISPLAY_NAME.http,
			value: 'http',
			description: 'Any warehouse system that implements the package’s simple JSON contract',
		},
	],
	default: 'extensiv',
	description: 'Which warehouse system to talk to. Each one uses its own credential.',
};

/**
 * Hides a WMS credential when another warehouse system is chosen, and also when any parameter in `alsoHide` has one
 * of the listed values (e.g. `{ source: ['inputItems'] }`). `show` only on the node version: see the comment at the top.
 */
export function hideUnlessWmsType(
	type: WmsType,
	alsoHide: Record<string, NodeParameterValue[]> = {},
): ICredentialsDisplayOptions {
	const others = (Object.keys(WMS_CREDENTIAL_BY_TYPE) as WmsType[]).filter((t) => t !== type);
	return { show: OWN_FORM_SHOW, hide: { ...alsoHide, [WMS_TYPE_PARAMETER]: others } };
}

/**
 * The WMS credential entries. The n8n lint rules read a node's `credentials` as a literal array of object
 * literals, so node classes list them literally (name and displayName as strings,
 * `displayOptions: hideUnlessWmsType(...)`); tests compare each node's entries with this list.
 */
export function wmsCredentials(alsoHide: Record<string, NodeParameterValue[]> = {}): INodeCredentialDescription[] {
	return (Object.keys(WMS_CREDENTIAL_BY_TYPE) as WmsType[]).map((type) => ({
		name: WMS_CREDENTIAL_BY_TYPE[type],
		displayName: WMS_DISPLAY_NAME[type],
		required: true,
		displayOptions: hideUnlessWmsType(type, alsoHide),
	}));
}

export function isWmsType(value: unknown): value is WmsType {
	return typeof value === 'string' && value in WMS_CREDENTIAL_BY_TYPE;
}
