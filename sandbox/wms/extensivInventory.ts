/**
 * `GET /inventory/stocksummaries{?pgsiz,pgnum,rql,orderednotallocated}`: one row per item x facility, every customer
 * of the facility (a row carries no customer; two customers' same SKU are two rows with different item ids).
 * HAL: `{ totalResults, summaries: [...], _links }` (the documented `summaries[]` list); plain JSON:
 * `{ TotalResults, Summaries: [...] }` (the key the Singer tap reads).
 *
 * `GET /inventory/stockdetails{?customerid,facilityid,pgsiz,pgnum,rql,sort}` (customerid and facilityid required):
 * one row per receive item of that customer in that facility. HAL: `{ totalResults, _embedded: { item: [...] } }`
 * (the Singer tap's sample); plain JSON: `{ TotalResults, ResourceList: [...] }`.
 */
import type { WmsContext } from './context';
import { validationError } from './extensivErrors';
import { renderStockDetails, renderStockSummary, toPascal, wantsHal } from './extensivView';
import { json, type Reply, type SandboxRequest } from './http';
import { compileRql, RqlError, type RqlFields } from './rql';
import type { WarehouseItem } from './warehouse';

const MAX_PAGE = 500;
const DEFAULT_PAGE = 100;

function fields(facilityId: number): RqlFields<WarehouseItem> {
	return {
		facilityid: { type: 'number', get: () => facilityId },
		'itemidentifier.sku': { type: 'string', get: (i) => i.sku },
		'itemidentifier.id': { type: 'number', get: (i) => i.id },
		itemid: { type: 'number', get: (i) => i.id },
		available: { type: 'number', get: (i) => i.available + i.onHold },
		onhand: { type: 'number', get: (i) => i.available + i.onHold },
		allocated: { type: 'number', get: (i) => i.allocated },
		onhold: { type: 'number', get: (i) => i.onHold },
		totalreceived: { type: 'number', get: (i) => i.totalReceived },
	};
}

function pageParam(query: URLSearchParams, name: string, def: number, max: number): number | Reply {
	const raw = query.get(name);
	if (raw === null || raw === '') return def;
	const n = Number(raw);
	if (!/^\d+$/.test(raw.trim()) || n < 1 || n > max) {
		return validationError('ValueOutOfRange', `${name} must be a whole number from 1 to ${max}; specifying more is an error.`, [{ Name: name, Message: `Between 1 and ${max}`, Value: raw }]);
	}
	return n;
}

export function stockSummaries(ctx: WmsContext, req: SandboxRequest): Reply {
	const pgsiz = pageParam(req.query, 'pgsiz', DEFAULT_PAGE, MAX_PAGE);
	if (typeof pgsiz !== 'number') return pgsiz;
	const pgnum = pageParam(req.query, 'pgnum', 1, Number.MAX_SAFE_INTEGER);
	if (typeof pgnum !== 'number') return pgnum;
	const facilityId = ctx.settings.facilityId;
	let rows = ctx.warehouse.allItems();
	const rql = req.query.get('rql');
	if (rql) {
		try {
			rows = rows.filter(compileRql(rql, fields(facilityId), ctx.settings.timeZone));
		} catch (e) {
			if (e instanceof RqlError) return validationError('InvalidRql', e.message, [{ Name: 'rql', Message: e.message }]);
			throw e;
		}
	}
	const total = rows.length;
	const summaries = rows.slice((pgnum - 1) * pgsiz, pgnum * pgsiz).map((i) => renderStockSummary(i, facilityId));
	if (!wantsHal(req)) return json(200, { TotalResults: total, Summaries: summaries.map(toPascal) });
	const link = (n: number) => {
		const q = new URLSearchParams();
		if (rql) q.set('rql', rql);
		q.set('pgsiz', String(pgsiz));
		q.set('pgnum', String(n));
		return { href: `/inventory/stocksummaries?${q.toString()}` };
	};
	const links: Record<string, unknown> = { self: link(pgnum) };
	if (pgnum * pgsiz < total) links.next = link(pgnum + 1);
	return json(200, { totalResults: total, summaries, _links: links });
}

export function stockDetails(ctx: WmsContext, req: SandboxRequest): Reply {
	const pgsiz = pageParam(req.query, 'pgsiz', DEFAULT_PAGE, MAX_PAGE);
	if (typeof pgsiz !== 'number') return pgsiz;
	const pgnum = pageParam(req.query, 'pgnum', 1, Number.MAX_SAFE_INTEGER);
	if (typeof pgnum !== 'number') return pgnum;
	const ids: Record<string, number> = {};
	for (const name of ['customerid', 'facilityid']) {
		const raw = [...req.query.entries()].find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
		if (!/^\d+$/.test(raw.trim())) return validationError('Required', `${name} is required.`, [{ Name: name, Message: 'Required', Value: raw }]);
		ids[name] = Number(raw);
	}
	const { customerId, facilityId } = ctx.settings;
	const items = ids.facilityid === facilityId ? ctx.warehouse.itemsOf(ids.customerid, customerId) : [];
	const all = items.flatMap((i) => renderStockDetails(i, facilityId));
	const total = all.length;
	const rows = all.slice((pgnum - 1) * pgsiz, pgnum * pgsiz);
	if (!wantsHal(req)) return json(200, { TotalResults: total, ResourceList: rows.map(toPascal) });
	return json(200, { totalResults: total, _embedded: { item: rows } });
}
