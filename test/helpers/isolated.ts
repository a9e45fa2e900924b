/**
 * "Another n8n process" for engine tests: one of our nodes loaded in its own module registry, so it shares no
 * module state with the rest of the test (no process-wide locks, no rate-limit state), as a second queue-mode
 * worker would. n8n-workflow is shared (it is n8n's, not ours), and the fast retry settings of the tests are copied.
 */
import * as path from 'path';
import type { INodeType } from 'n8n-workflow';
import { PACKAGE_NAME } from './harness';
import { transportSettings } from '../../nodes/shared/bigcommerce/retry';
import { DEFAULT_RETRY } from '../../nodes/shared/wms/request';

const ROOT = path.resolve(__dirname, '..', '..');

/** A fresh instance of nodes/<Name>/<Name>.node.ts from its own module registry. */
export function nodeInOtherProcess(name: string): INodeType {
	const dir = name.charAt(0).toUpperCase() + name.slice(1);
	const workflowLib = jest.requireActual('n8n-workflow');
	let node: INodeType | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => workflowLib);
		const mod = require(path.join(ROOT, 'nodes', dir, `${dir}.node.ts`)) as Record<string, new () => INodeType>;
		Object.assign(require(path.join(ROOT, 'nodes/shared/bigcommerce/retry')).transportSettings, transportSettings);
		Object.assign(require(path.join(ROOT, 'nodes/shared/wms/request')).DEFAULT_RETRY, DEFAULT_RETRY);
		node = new mod[dir]();
	});
	return node!;
}

/** `extraNodeTypes` for the harness: the node `name` served from another "process". */
export function otherProcess(name: string): Record<string, INodeType> {
	return { [`${PACKAGE_NAME}.${name}`]: nodeInOtherProcess(name) };
}
