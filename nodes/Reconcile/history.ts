/** Drift over the runs: one point per scheduled run in the node's static data, at most HISTORY_CAP. */
import type { IDataObject } from 'n8n-workflow';
import type { Summary } from './types';

export const HISTORY_KEY = 'reconcileHistory';
export const HISTORY_CAP = 60;

export interface HistoryPoint {
	at: string;
	total: number;
	complete: boolean;
}

export function readHistory(staticData: IDataObject): HistoryPoint[] {
	const raw = staticData[HISTORY_KEY];
	if (!Array.isArray(raw)) return [];
	return raw.filter((p): p is HistoryPoint => !!p && typeof p === 'object' && typeof (p as HistoryPoint).at === 'string' && Number.isFinite((p as HistoryPoint).total));
}

/** The history with this run added (oldest dropped beyond the cap); written back to static data. */
export function recordRun(staticData: IDataObject, summary: Pick<Summary, 'ranAt' | 'total' | 'complete'>): HistoryPoint[] {
	const history = [...readHistory(staticData), { at: summary.ranAt, total: summary.total, complete: summary.complete }].slice(-HISTORY_CAP);
	staticData[HISTORY_KEY] = history as unknown as IDataObject[];
	return history;
}
