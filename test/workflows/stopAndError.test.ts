/**
 * The Stop and Error stand-in (test/helpers/baseNodes.ts) behaves as n8n-nodes-base's StopAndError v1: parameters of
 * item 0 only, a NodeOperationError with the Error Message, or with an Error Object's message/description; the
 * execution ends as failed in that node.
 */
import { runWorkflow, singleNodeWorkflow } from '../helpers/harness';

async function stop(parameters: Record<string, string>, items = [{ json: { id: 1 } }, { json: { id: 2 } }]) {
	const wf = singleNodeWorkflow('n8n-nodes-base.stopAndError', parameters, 'Stop and Error');
	return await runWorkflow(wf, { credentials: {}, startNode: 'Start', startItems: items });
}

describe('Stop and Error stand-in', () => {
	it('throws the Error Message (default type), evaluated for the first item, and fails the execution', async () => {
		const run = await stop({ errorMessage: '=Stopped at {{ $json.id }} of {{ $input.all().length }}' });
		expect(run.status).toBe('error');
		expect(run.run.data.resultData.lastNodeExecuted).toBe('Stop and Error');
		expect(run.error?.message).toBe('Stopped at 1 of 2');
		expect(run.error?.name).toBe('NodeOperationError');
	});

	it('throws an Error Object with its message and description', async () => {
		const run = await stop({ errorType: 'errorObject', errorObject: '{"message": "Order 7 failed", "description": "See Needs attention"}' });
		expect(run.error).toMatchObject({ message: 'Order 7 failed', description: 'See Needs attention' });
		const bare = await stop({ errorType: 'errorObject', errorObject: '{"code": 404}' });
		expect(bare.error?.message).toBe('Error: {"code":404}');
	});
});
