import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { PACKAGE_NAME, type WorkflowJson } from './harness';

export const TRIGGER = 'BigCommerce Orders Trigger';

/** The Orders Trigger with these parameters, plus any further nodes and connections. */
export function triggerWorkflow(parameters: IDataObject, extra: Partial<WorkflowJson> = {}): WorkflowJson {
	return {
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: `${PACKAGE_NAME}.bigCommerceOrdersTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INodeParameters,
			},
			...(extra.nodes ?? []),
		],
		connections: extra.connections ?? {},
	};
}
