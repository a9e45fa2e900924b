/**
 * Runs a credential's Test button the way n8n's server does (packages/cli/src/services/credentials-tester.service.ts,
 * read in the installed runtimes n8n 1.123.81 and 2.41.1, where `getCredentialTestFunction` is the same):
 *   1. a credential class with a `test` property wins: its request is run and the nodes' testedBy is ignored;
 *   2. otherwise the nodes that list the credential (`supportedNodes`, in load order) are searched and the FIRST
 *      one naming `testedBy` for it decides: a string is looked up in that node's `methods.credentialTest`;
 *   3. none: "No testing function found for this credential."
 * A test function is called with n8n-core's CredentialTestContext (only `helpers.request`), as the server does.
 */
import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';
import { packageCredentialTypes, packageNodeTypes } from '../../helpers/harness';

export type Found = ICredentialTestFunction | { testRequest: ICredentialTestRequest } | undefined;

/** n8n's getCredentialTestFunction over the given credential class and node types (load order = array order). */
export function getCredentialTestFunction(type: ICredentialType, nodes: INodeType[]): Found {
	if (type.test) return { testRequest: type.test };
	for (const node of nodes) {
		for (const { name, testedBy } of node.description.credentials ?? []) {
			if (name === type.name && !!testedBy) {
				if (typeof testedBy === 'string') return node.methods?.credentialTest?.[testedBy];
				return { testRequest: testedBy };
			}
		}
	}
	return undefined;
}

/** The package's nodes that list the credential (what n8n calls its supportedNodes). */
export function supportedNodes(credentialName: string): INodeType[] {
	return Object.values(packageNodeTypes()).filter((n) => (n.description.credentials ?? []).some((c) => c.name === credentialName));
}

/** Same outcome as the Test button in n8n's credential dialog, for this package's credential `name`. */
export async function testCredential(name: string, data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const type = packageCredentialTypes()[name];
	const found = getCredentialTestFunction(type, supportedNodes(name));
	if (typeof found !== 'function') throw new Error(`${name}: the Test button would not run a package function (${found ? 'declarative test' : 'none'})`);
	return await found.call(new CredentialTestContext(), { id: 'cred-1', name: 'test credential', type: name, data });
}
