/** Reads a node's output items by the input item they belong to (n8n's pairedItem), for per-case assertions. */
import type { IDataObject, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import type { RunResult } from '../harness';

export function outputsByInput(result: RunResult, node = 'Node Under Test'): Map<number, IDataObject[]> {
	const items: INodeExecutionData[] = result.run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? [];
	const map = new Map<number, IDataObject[]>();
	for (const item of items) {
		const paired = (Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem) as IPairedItemData | number | undefined;
		const index = typeof paired === 'number' ? paired : (paired?.item ?? -1);
		map.set(index, [...(map.get(index) ?? []), item.json]);
	}
	return map;
}

/** A thrown error must be one of n8n's (NodeApiError / NodeOperationError), with a readable message: never a bare TypeError. */
export function expectReadableNodeError(error: unknown, message: RegExp): void {
	expect(error).toBeDefined();
	const e = error as Error & { description?: string };
	expect(e.name).toMatch(/^Node(Api|Operation)Error$/);
	expect(`${e.message} ${e.description ?? ''}`).toMatch(message);
	expect(e.message).not.toMatch(/TypeError|Cannot read propert|undefined is not|is not a function/);
}
