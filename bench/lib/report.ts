/** The bench table (console), the done-when targets, and the HTML page with bar charts. */
import type { BenchConfig, ScenarioRow } from './types';

export interface TargetCheck {
	target: string;
	value: string;
	pass: boolean;
	command: string;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const n = (x: number) => x.toLocaleString('en-US');
/** Peak RSS, and what the node's run added where the scenario measured it. */
const rss = (r: ScenarioRow) => `${r.peakRssMb} MB${r.addedRssMb === undefined ? '' : ` (+${r.addedRssMb})`}`;

export function targets(rows: ScenarioRow[], cfg: BenchConfig, standard: boolean): TargetCheck[] {
	const out: TargetCheck[] = [];
	const by = (id: string) => rows.find((r) => r.id === id);
	const orders = by('orders');
	if (orders) {
		out.push({ target: 'orders: requests <= lower bound + 2 per 1,000', value: `${orders.bcRequests} <= ${orders.lowerBound} + 2`, pass: orders.bcRequests <= orders.lowerBound + 2, command: orders.command });
	}
	for (const inv of rows.filter((r) => r.id.startsWith('inventory'))) {
		out.push({ target: `${inv.id}: requests <= 2 x lower bound`, value: `${inv.bcRequests} <= 2 x ${inv.lowerBound}`, pass: inv.bcRequests <= 2 * inv.lowerBound, command: inv.command });
		out.push({ target: `${inv.id}: requests <= 1.2 x BigCommerce's bound (issue 13)`, value: `${inv.bcRequests} <= 1.2 x ${inv.lowerBound}`, pass: inv.bcRequests <= 1.2 * inv.lowerBound, command: inv.command });
		const ratio = inv.naive ? inv.naive.requests / inv.bcRequests : 0;
		out.push({ target: `${inv.id}: >= 100x fewer requests than naive`, value: `${n(inv.naive?.requests ?? 0)} / ${inv.bcRequests} = ${ratio.toFixed(0)}x`, pass: ratio >= 100, command: inv.command });
	}
	const full = by('inventory-full');
	if (full) {
		out.push({
			target: `inventory-full: wall time < 20 s at ${standard ? 'the Standard-plan quota (150/30 s)' : `quota ${cfg.quota}/${cfg.windowMs / 1000} s (NOT the Standard plan)`}`,
			value: secs(full.wallMs),
			pass: full.wallMs < 20000 && standard,
			command: full.command,
		});
	}
	const resync50k = by('inventory-50k-1pct');
	if (resync50k) {
		out.push({ target: 'inventory-50k-1pct: an every-5-minutes sync uses < 10% of the Standard quota (< 150 of 1,500 requests)', value: `${resync50k.bcRequests}`, pass: resync50k.bcRequests < 150, command: resync50k.command });
	}
	for (const r of rows.filter((x) => x.id.startsWith('inventory-50k') && x.addedRssMb !== undefined)) {
		out.push({ target: `${r.id}: the node adds < 100 MB RSS`, value: `+${r.addedRssMb} MB`, pass: r.addedRssMb! < 100, command: r.command });
	}
	const confirm = by('confirm');
	if (confirm?.packages) {
		const packages = confirm.packages;
		out.push({ target: 'confirm: <= 3 BigCommerce requests per package (issue 5)', value: `${(confirm.bcRequests / packages).toFixed(2)}`, pass: confirm.bcRequests / packages <= 3, command: confirm.command });
	}
	for (const r of rows) {
		// Issue 8's memory target is for the 10,000-SKU store; the 50,000-SKU rows have their own (RSS added, above).
		if (!r.id.startsWith('inventory-50k')) out.push({ target: `${r.id}: peak RSS < 200 MB`, value: `${r.peakRssMb} MB`, pass: r.peakRssMb < 200, command: r.command });
		out.push({ target: `${r.id}: end state correct`, value: r.check, pass: r.checkOk, command: r.command });
	}
	return out;
}

function pad(cells: string[][]): string {
	const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)));
	return cells.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export function table(rows: ScenarioRow[]): string {
	const head = ['scenario', 'BC req', 'lower bound', 'naive req', 'naive/ours', 'WMS req', 'wall', 'naive wall (est.)', 'peak RSS', 'command'];
	const body = rows.map((r) => [
		r.id,
		n(r.bcRequests),
		n(r.lowerBound),
		r.naive ? n(r.naive.requests) : '-',
		r.naive ? `${(r.naive.requests / r.bcRequests).toFixed(1)}x` : '-',
		n(r.wmsRequests),
		secs(r.wallMs),
		r.naive ? secs(r.naive.wallMs) : '-',
		rss(r),
		r.command,
	]);
	return pad([head, ...body]);
}

export function markdown(rows: ScenarioRow[]): string {
	const lines = [
		'| Scenario | BigCommerce requests | Lower bound | Naive requests | Naive / ours | WMS requests | Wall time | Naive wall time (est.) | Peak RSS |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	for (const r of rows) {
		lines.push(
			`| ${r.title} | ${n(r.bcRequests)} | ${n(r.lowerBound)} | ${r.naive ? n(r.naive.requests) : '-'} | ${r.naive ? `${(r.naive.requests / r.bcRequests).toFixed(1)}x` : '-'} | ${n(r.wmsRequests)} | ${secs(r.wallMs)} | ${r.naive ? secs(r.naive.wallMs) : '-'} | ${rss(r)} |`,
		);
	}
	return lines.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One horizontal bar group per scenario (ours, lower bound, naive) on a log scale, as inline SVG. */
function bars(rows: ScenarioRow[], pick: (r: ScenarioRow) => Array<[string, number, string]>, unit: string): string {
	const max = Math.max(...rows.flatMap((r) => pick(r).map(([, v]) => v)), 1);
	const scale = (v: number) => (v <= 0 ? 0 : (Math.log10(v + 1) / Math.log10(max + 1)) * 520);
	const groupH = 20 * 3 + 24;
	let y = 0;
	const parts: string[] = [];
	for (const r of rows) {
		parts.push(`<text x="0" y="${y + 14}" font-weight="bold">${esc(r.title)}</text>`);
		pick(r).forEach(([label, value, color], i) => {
			const by = y + 20 + i * 20;
			parts.push(`<text x="0" y="${by + 13}">${esc(label)}</text>`);
			parts.push(`<rect x="130" y="${by}" width="${Math.max(1, scale(value)).toFixed(1)}" height="16" fill="${color}"/>`);
			parts.push(`<text x="${(136 + scale(value)).toFixed(1)}" y="${by + 13}">${esc(value.toLocaleString('en-US'))} ${unit}</text>`);
		});
		y += groupH;
	}
	return `<svg xmlns="http://www.w3.org/2000/svg" width="820" height="${y}" font-family="sans-serif" font-size="12">${parts.join('')}</svg>`;
}

export function html(rows: ScenarioRow[], checks: TargetCheck[], meta: { config: BenchConfig; date: string; machine: string }): string {
	const requests = bars(
		rows,
		(r) => [
			['ours', r.bcRequests, '#2e7d32'],
			['lower bound', r.lowerBound, '#9e9e9e'],
			['naive (HTTP nodes)', r.naive?.requests ?? 0, '#c62828'],
		],
		'requests',
	);
	const time = bars(
		rows,
		(r) => [
			['ours', Math.round(r.wallMs / 100) / 10, '#2e7d32'],
			['naive (est.)', Math.round((r.naive?.wallMs ?? 0) / 100) / 10, '#c62828'],
		],
		's',
	);
	const checkRows = checks
		.map((c) => `<tr><td>${c.pass ? '✅ PASS' : '❌ FAIL'}</td><td>${esc(c.target)}</td><td>${esc(c.value)}</td><td><code>${esc(c.command)}</code></td></tr>`)
		.join('');
	return `<!doctype html><html><head><meta charset="utf-8"><title>n8n-nodes-bigcommerce-wms bench</title>
<style>body{font-family:sans-serif;max-width:900px;margin:2em auto}td,th{padding:2px 8px;text-align:left;border-bottom:1px solid #ddd}code{font-size:11px}</style></head><body>
<h1>BigCommerce API requests (log scale)</h1>
<p>${esc(meta.date)} on ${esc(meta.machine)}. Quota ${meta.config.quota} requests / ${meta.config.windowMs / 1000} s, ${meta.config.latencyMs} ms latency per request. Naive = the same job with HTTP Request nodes (one request per order or SKU), measured on a subset and extrapolated.</p>
${requests}
<h1>Wall time (log scale)</h1>
${time}
<h1>Targets</h1><table>${checkRows}</table>
</body></html>
`;
}
