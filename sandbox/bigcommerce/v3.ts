/** V3 collection helpers: paging with `meta.pagination`, include_fields. */
import type { BcPagination } from '../../nodes/shared/bigcommerce/types';
import type { Ctx, Reply } from './http';
import { intParam, listParam } from './http';

/** V3 page/limit: default 50; a limit above `max` is clamped to `max` (see README). */
export function v3List<T>(ctx: Ctx, items: T[], render: (item: T) => unknown, max = 250): Reply {
	const page = intParam(ctx.query, 'page', 1);
	const limit = Math.min(intParam(ctx.query, 'limit', 50), max);
	const total = items.length;
	const totalPages = Math.ceil(total / limit);
	const slice = items.slice((page - 1) * limit, page * limit);
	const query = (p: number): string => {
		const q = new URLSearchParams(ctx.query);
		q.set('page', String(p));
		q.set('limit', String(limit));
		return `?${q.toString()}`;
	};
	const links: BcPagination['links'] = { current: query(page) };
	if (page > 1) links.previous = query(page - 1);
	if (page < totalPages) links.next = query(page + 1);
	const pagination: BcPagination = { total, count: slice.length, per_page: limit, current_page: page, total_pages: totalPages, links };
	const fields = listParam(ctx.query, 'include_fields');
	const data = slice.map((item) => pickFields(render(item) as Record<string, unknown>, fields));
	return { status: 200, body: { data, meta: { pagination } } };
}

/** `include_fields`: keep `id` plus the listed fields (sub-resources added by `include` stay). */
export function pickFields(obj: Record<string, unknown>, fields: string[] | undefined, keep: string[] = ['variants', 'options', 'modifiers']): Record<string, unknown> {
	if (!fields || fields.length === 0) return obj;
	const out: Record<string, unknown> = { id: obj.id };
	for (const f of [...fields, ...keep]) if (f in obj) out[f] = obj[f];
	return out;
}
