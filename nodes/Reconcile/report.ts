/**
 * The HTML report: one self-contained page (inline CSS and SVG, no scripts, no external assets) with the totals, what
 * could not be checked, a small chart of drift over the runs and a table per kind. Every value is escaped.
 */
import type { HistoryPoint } from './history';
import { KIND_TITLES, KINDS, PART_TITLES, type Finding, type Summary } from './types';

export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;margin:24px;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.muted{color:#616e7c}
.totals{display:flex;flex-wrap:wrap;gap:8px;margin:16px 0}.card{border:1px solid #d9e2ec;border-radius:6px;padding:8px 12px;min-width:150px}
.card b{display:block;font-size:22px}.card.drift b{color:#c0392b}.ok{color:#1e7e34;font-weight:600}.warn{background:#fff4e5;border:1px solid #f0b429;border-radius:6px;padding:8px 12px}
table{border-collapse:collapse;width:100%;margin-top:4px}th,td{border-bottom:1px solid #e4e7eb;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f5f7fa;font-weight:600}td.num{text-align:right}.repaired{color:#1e7e34}.failed{color:#c0392b}`;

/** A bar per run (newest right), height by findings; runs that were not complete are hatched orange. */
export function driftChart(history: HistoryPoint[]): string {
	const w = 600;
	const h = 120;
	if (!history.length) return '';
	const max = Math.max(1, ...history.map((p) => p.total));
	const step = Math.min(24, w / Math.max(history.length, 1));
	const bars = history
		.map((p, i) => {
			const bh = Math.max(p.total ? 2 : 0, Math.round((p.total / max) * (h - 20)));
			const fill = p.complete ? (p.total ? '#c0392b' : '#1e7e34') : '#f0b429';
			return `<rect x="${(i * step + 1).toFixed(1)}" y="${h - bh}" width="${Math.max(1, step - 2).toFixed(1)}" height="${bh}" fill="${fill}"><title>${escapeHtml(p.at)}: ${p.total} finding(s)${p.complete ? '' : ', incomplete'}</title></rect>`;
		})
		.join('');
	return `<svg role="img" aria-label="Findings per run" width="${w}" height="${h + 16}" viewBox="0 0 ${w} ${h + 16}" xmlns="http://www.w3.org/2000/svg"><line x1="0" y1="${h}" x2="${w}" y2="${h}" stroke="#9aa5b1"/>${bars}<text x="0" y="${h + 13}" font-size="11" fill="#616e7c">${escapeHtml(history[0].at.slice(0, 10))}</text><text x="${w}" y="${h + 13}" font-size="11" fill="#616e7c" text-anchor="end">max ${max}</text></svg>`;
}

function repairCell(f: Finding): string {
	if (f.repaired === undefined) return escapeHtml(f.suggestedRepair);
	const cls = f.repaired ? 'repaired' : 'failed';
	return `<span class="${cls}">${f.repaired ? 'Repaired' : 'Repair failed'}</span>: ${escapeHtml(f.repairResult ?? '')}`;
}

function kindTable(findings: Finding[]): string {
	const rows = findings
		.map((f) => `<tr><td>${escapeHtml(f.orderId ?? f.sku ?? '')}</td><td>${escapeHtml(f.reference ?? '')}</td><td>${escapeHtml(f.message)}</td><td>${repairCell(f)}</td></tr>`)
		.join('');
	return `<table><thead><tr><th>Order / SKU</th><th>Reference</th><th>What differs</th><th>Repair</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderReport(summary: Summary, findings: Finding[], history: HistoryPoint[]): string {
	const cards = KINDS.map((k) => `<div class="card${summary.totals[k] ? ' drift' : ''}"><span>${escapeHtml(KIND_TITLES[k])}</span><b>${summary.totals[k]}</b></div>`).join('');
	const notChecked = summary.notChecked.length
		? `<p class="warn"><b>Not checked:</b> ${summary.notChecked.map((n) => `${escapeHtml(PART_TITLES[n.part])} (${escapeHtml(n.reason)})`).join('; ')}. Findings that need these parts are missing from this report; run it again.</p>`
		: '';
	const sections = KINDS.filter((k) => summary.totals[k])
		.map((k) => `<h2>${escapeHtml(KIND_TITLES[k])} (${summary.totals[k]})</h2>${kindTable(findings.filter((f) => f.kind === k))}`)
		.join('');
	const verdict = summary.total ? `<p><b>${summary.total}</b> finding(s).${summary.repair ? ` Repaired: ${summary.repaired}, repair failed: ${summary.repairsFailed}.` : ''}</p>` : `<p class="ok">${summary.complete ? 'In sync: no drift found.' : 'No drift found in the parts that could be checked.'}</p>`;
	const chart = history.length ? `<h2>Findings per run</h2>${driftChart(history)}` : '';
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Reconciliation ${escapeHtml(summary.ranAt.slice(0, 10))}</title><style>${STYLE}</style></head><body>
<h1>BigCommerce ↔ warehouse reconciliation</h1>
<p class="muted">Run ${escapeHtml(summary.ranAt)} · orders created ${escapeHtml(summary.window.from.slice(0, 10))} to ${escapeHtml(summary.window.to.slice(0, 10))} · ${summary.checked.bigCommerceOrders} BigCommerce orders, ${summary.checked.warehouseOrders} warehouse orders, ${summary.checked.bigCommerceSkus} BigCommerce SKUs, ${summary.checked.warehouseSkus} warehouse SKUs</p>
${notChecked}${verdict}<div class="totals">${cards}</div>${chart}${sections}
</body></html>`;
}
