/**
 * Calls a node's list method the way n8n's backend does for the editor (DynamicNodeParametersService): a one-node
 * workflow holding the panel's current parameters and credentials, a LoadOptionsContext from n8n-core, and the
 * method called with the search text. Requests go through n8n-core's real httpRequestWithAuthentication and the
 * package's credential, so nock and the sandboxes see what a real editor session sends.
 */
import { LoadOptionsContext } from 'n8n-core/dist/execution-engine/node-execution-context';
import type {
	INode,
	INodeCredentials,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { PACKAGE_NAME, packageNodeTypes, TestCredentialsHelper, type TestCredentials } from '../../helpers/harness';

class PackageNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = packageNodeTypes();
	getByName(type: string): INodeType {
		return this.types[type];
	}
	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.types[type], version);
	}
	getKnownTypes() {
		return {};
	}
}

export interface ListCall {
	/** Node type without the package prefix, e.g. `syncInventory`. */
	nodeType: string;
	method: string;
	parameters?: INodeParameters;
	/** Credential data by type; each one given is also selected in the node (as the user would). */
	credentials: TestCredentials;
	filter?: string;
	/** Path of the parameter whose list is loaded, as the editor sends it. */
	path?: string;
}

export async function callListSearch(call: ListCall): Promise<INodeListSearchResult> {
	const nodeTypes = new PackageNodeTypes();
	const type = `${PACKAGE_NAME}.${call.nodeType}`;
	const nodeType = nodeTypes.getByNameAndVersion(type, 1);
	const credentials: INodeCredentials = {};
	for (const name of Object.keys(call.credentials)) credentials[name] = { id: `test-${name}`, name };
	const node: INode = {
		id: 'list-node',
		name: 'Temp-Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: call.parameters ?? {},
		credentials: Object.keys(credentials).length ? credentials : undefined,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(call.credentials),
		currentNodeParameters: node.parameters,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, call.path ?? 'parameters');
	const method = nodeType.methods?.listSearch?.[call.method];
	if (!method) throw new Error(`${type} has no listSearch method ${call.method}`);
	return await method.call(context, call.filter);
}
