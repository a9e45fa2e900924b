/** One Reconcile run: read every part, compare, optionally repair, summarise, render the report. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { getBcRequestCount } from '../shared/bigcommerce/transport';
import { isKnownStatus } from '../shared/bigcommerce/statuses';
import { isWmsType } from '../shared/descriptions/wmsType';
import { createWmsAdapter } from '../shared/wms';
import { quantityToPublish, type QuantityToPublish } from '../shared/stock/quantity';
import { compareOrders, compareStock } from './compare';
import { DEFAULT_WATCHED_STATUSES } from './description';
import { recordRun, type HistoryPoint } from './history';
import { readAll, type ReadData } from './read';
import { repairAll } from './repair';
import { KINDS, PART_TITLES, type Finding, type FindingKind, type RepairAction, type Summary } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ReconcileSettings {
	wmsType: 'extensiv' | 'http';
	windowDays: number;
	neverDeliveredMs: number;
	watchedStatuses: number[];
	referencePrefix: string;
	compareStock: boolean;
	tolerance: number;
	safetyBuffer: number;
	quantityToPublish: QuantityToPublish;
	repair: boolean;
	repairs: RepairAction[];
}

export function readSettings(ctx: IExecuteFunctions): ReconcileSettings {
	const p = <T>(name: string, fallback: T): T => ctx.getNodeParameter(name, 0, fallback) as T;
	const wmsType = p<string>('wmsType', 'extensiv');
	if (!isWmsType(wmsType))
		throw new NodeOperationError(ctx.getNode(), `Unknown warehouse system "${wmsType}"`, { description: 'Choose Extensiv 3PL Warehouse Manager or Generic HTTP WMS.' });
	// A wrong value (an expression can give any) stops the run naming the parameter: a silent default would report the wrong drift.
	const wrong = (parameter: string, value: unknown, rule: string, what = `Set ${parameter} to ${rule}.`) =>
		new NodeOperationError(ctx.getNode(), `${parameter} must be ${rule} (got ${JSON.stringify(value) ?? String(value)})`, { description: what });
	const number = (name: string, parameter: string, fallback: number, min: number, max = Infinity) => {
		const raw = p<unknown>(name, fallback);
		const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw wrong(parameter, raw, max === Infinity ? `a number of ${min} or more` : `a number from ${min} to ${max}`);
		return v;
	};
	const watchedStatuses = (p<unknown[]>('watchedStatuses', DEFAULT_WATCHED_STATUSES) ?? []).map(Number);
	const unknown = watchedStatuses.filter((id) => !isKnownStatus(id));
	if (unknown.length) throw wrong('Watched Statuses', unknown, 'BigCommerce order statuses', 'Choose the statuses from the list in Watched Statuses.');
	const referencePrefix = String(p('referencePrefix', '') ?? '');
	if (referencePrefix !== referencePrefix.trim())
		throw wrong('Reference Prefix', referencePrefix, 'without spaces at the start or end', 'Remove the spaces: warehouse references have none there, so no warehouse order would match. Use the Reference Prefix of the Orders Trigger (e.g. BC-).');
	return {
		wmsType,
		windowDays: number('windowDays', 'Window (Days)', 14, 1, 365),
		neverDeliveredMs: number('neverDeliveredHours', 'Not Delivered After (Hours)', 2, 0) * HOUR,
		watchedStatuses,
		referencePrefix,
		compareStock: p<boolean>('compareStock', true) !== false,
		tolerance: number('stockTolerance', 'Stock Tolerance', 0, 0),
		safetyBuffer: number('safetyBuffer', 'Safety Buffer', 0, 0),
		quantityToPublish: quantityToPublish(p('quantityToPublish', 'available')),
		repair: p<boolean>('repair', false) === true,
		repairs: p<RepairAction[]>('repairs', ['redeliver', 'confirmShipments', 'cancel', 'resyncStock']) ?? [],
	};
}

function compare(data: ReadData, s: ReconcileSettings, nowMs: number): Finding[] {
	const findings: Finding[] = [];
	if (data.bcOrders && data.wmsOrders) {
		findings.push(...compareOrders(data.bcOrders, data.wmsOrders, { referencePrefix: s.referencePrefix, watchedStatuses: s.watchedStatuses, neverDeliveredMs: s.neverDeliveredMs, nowMs }));
	}
	if (data.skuIndex && data.stock) {
		findings.push(...compareStock(data.stock, data.skuIndex, { tolerance: s.tolerance, safetyBuffer: s.safetyBuffer, quantityToPublish: s.quantityToPublish }));
	}
	return findings;
}

function summarize(ctx: IExecuteFunctions, data: ReadData, findings: Finding[], s: ReconcileSettings, nowMs: number): Summary {
	const totals = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
	for (const f of findings) totals[f.kind]++;
	const repaired = findings.filter((f) => f.repaired === true).length;
	const repairsFailed = findings.filter((f) => f.repaired === false).length;
	const complete = data.notChecked.length === 0;
	const notChecked = complete ? '' : ` Not checked: ${data.notChecked.map((n) => `${PART_TITLES[n.part]} (${n.reason})`).join('; ')}.`;
	return {
		kind: 'summary',
		ranAt: new Date(nowMs).toISOString(),
		window: { from: new Date(nowMs - s.windowDays * DAY).toISOString(), to: new Date(nowMs).toISOString(), days: s.windowDays },
		checked: {
			bigCommerceOrders: data.bcOrders?.length ?? 0,
			warehouseOrders: data.wmsOrders?.length ?? 0,
			bigCommerceSkus: data.skuIndex?.size ?? 0,
			warehouseSkus: data.stock?.length ?? 0,
		},
		totals,
		total: findings.length,
		complete,
		notChecked: data.notChecked,
		repair: s.repair,
		repaired,
		repairsFailed,
		requests: { bigCommerce: getBcRequestCount(ctx) },
		message: `${findings.length} finding(s)${s.repair ? `, ${repaired} repaired, ${repairsFailed} repair(s) failed` : ''}.${notChecked}`,
	};
}

export async function reconcile(ctx: IExecuteFunctions, nowMs = Date.now()): Promise<{ summary: Summary; findings: Finding[]; history: HistoryPoint[] }> {
	const s = readSettings(ctx);
	const adapter = await createWmsAdapter(ctx, s.wmsType);
	const data = await readAll(ctx, adapter, { fromMs: nowMs - s.windowDays * DAY, referencePrefix: s.referencePrefix, compareStock: s.compareStock });
	const findings = compare(data, s, nowMs);
	if (s.repair) {
		await repairAll(
			{
				ctx,
				adapter,
				actions: s.repairs,
				referencePrefix: s.referencePrefix,
				safetyBuffer: s.safetyBuffer,
				quantityToPublish: s.quantityToPublish,
				orders: new Map((data.bcOrders ?? []).map((o) => [o.orderId, o])),
				wmsOrders: data.wmsOrders ?? [],
				stock: data.stock ?? [],
			},
			findings,
		);
	}
	const summary = summarize(ctx, data, findings, s, nowMs);
	const history = recordRun(ctx.getWorkflowStaticData('node') as IDataObject, summary);
	return { summary, findings, history };
}
