/** The HTML report and the run history: escaped values, what could not be checked, the chart, the cap. */
import type { IDataObject } from 'n8n-workflow';
import { HISTORY_CAP, HISTORY_KEY, recordRun } from '../../../nodes/Reconcile/history';
import { driftChart, escapeHtml, renderReport } from '../../../nodes/Reconcile/report';
import { KINDS, type Finding, type FindingKind, type Summary } from '../../../nodes/Reconcile/types';

function summary(over: Partial<Summary> = {}): Summary {
	const totals = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
	return {
		kind: 'summary',
		ranAt: '2026-12-04T06:00:00.000Z',
		window: { from: '2026-11-20T06:00:00.000Z', to: '2026-12-04T06:00:00.000Z', days: 14 },
		checked: { bigCommerceOrders: 10, warehouseOrders: 9, bigCommerceSkus: 5, warehouseSkus: 5 },
		totals,
		total: 0,
		complete: true,
		notChecked: [],
		repair: false,
		repaired: 0,
		repairsFailed: 0,
		requests: { bigCommerce: 3 },
		message: '0 finding(s).',
		...over,
	};
}

describe('Reconcile report', () => {
	it('escapes every value from the stores', () => {
		expect(escapeHtml(`<script>"x"&'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;');
		const finding: Finding = { kind: 'skuOnlyInWarehouse', sku: '<img src=x onerror=alert(1)>', bigCommerce: {}, warehouse: {}, suggestedRepair: 'a & b', message: 'SKU <b>' };
		const s = summary({ total: 1, totals: { ...summary().totals, skuOnlyInWarehouse: 1 } });
		const html = renderReport(s, [finding], []);
		expect(html).not.toMatch(/<img|<script|<link/);
		expect(html).toContain('SKU &lt;b&gt;');
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(html).not.toMatch(/(src|href)="https?:/);
	});

	it('says in sync, or names what could not be checked', () => {
		expect(renderReport(summary(), [], [])).toContain('In sync: no drift found.');
		const html = renderReport(summary({ complete: false, notChecked: [{ part: 'warehouseStock', reason: 'HTTP 500' }] }), [], []);
		expect(html).toContain('Not checked:</b> warehouse stock (HTTP 500)');
		expect(html).toContain('No drift found in the parts that could be checked.');
	});

	it('draws one bar per run, orange when a run was incomplete', () => {
		const svg = driftChart([
			{ at: '2026-12-01T06:00:00Z', total: 0, complete: true },
			{ at: '2026-12-02T06:00:00Z', total: 5, complete: false },
			{ at: '2026-12-03T06:00:00Z', total: 2, complete: true },
		]);
		expect(svg.match(/<rect /g)).toHaveLength(3);
		expect(svg).toContain('#f0b429');
		expect(driftChart([])).toBe('');
	});

	it('keeps at most 60 runs in static data', () => {
		const staticData: IDataObject = {};
		for (let i = 0; i < HISTORY_CAP + 5; i++) recordRun(staticData, { ranAt: `run ${i}`, total: i, complete: true });
		const history = staticData[HISTORY_KEY] as Array<{ at: string }>;
		expect(history).toHaveLength(HISTORY_CAP);
		expect(history[0].at).toBe('run 5');
	});
});
