/**
 * Runs a credential type's `test` request the way n8n's CLI does (packages/cli credentials-tester.service.ts):
 * the request becomes the routing of a temporary node property, executed by n8n-core's RoutingNode over the real
 * httpRequestWithAuthentication helper; the generic `authenticate` block is resolved with n8n-workflow's expression
 * engine by the harness's TestCredentialsHelper (a mirror of the CLI's CredentialsHelper). Failures are turned into a message with the same rules as the CLI.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeCredentialTestResult,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { TestCredentialsHelper } from '../../helpers/harness';

/** Same outcome as the n8n UI's "Test" button on a credential with a declarative `test`. */
export async function testCredential(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const testRequest = type.test!;
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type.name, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		} as INodeType['description'],
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: (_name: string, version?: number) => NodeHelpers.getVersionedNodeType(nodeType, version),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type.name]: { id: 'cred-1', name: 'test credential' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({}),
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: '',
		instanceBaseUrl: '',
		formWaitingBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
	} as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = { id: 'cred-1', name: 'test credential', type: type.name, data };
	const routingNode = new RoutingNode(context, nodeType, credentialsDecrypted);
	try {
		await routingNode.runNode();
	} catch (error) {
		// From here on: the CLI's CredentialsTester.testCredentials, verbatim in behaviour.
		if (error.cause?.response) {
			const statusCode = error.cause.response.status as number;
			const statusMessage = error.cause.response.statusText as string;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
