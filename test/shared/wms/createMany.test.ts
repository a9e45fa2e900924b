/** createMany: the batch form of the exactly-once create (nodes/shared/wms/createOnce.ts), step by step. */
import { createMany, type BatchItem, type BatchLookups, type CreateOnceSteps } from '../../../nodes/shared/wms/createOnce';
import type { WmsOrderRef } from '../../../nodes/shared/wms/adapter';
import type { SendResult } from '../../../nodes/shared/wms/request';

const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 };
const ok = (id: string): SendResult => ({ ok: true, response: { statusCode: 201, headers: {}, body: { id } as never } });
const fail = (status: number | undefined): SendResult => ({ ok: false, failure: { status, message: `HTTP ${status}` } });
const open = (id: string, reference: string): WmsOrderRef => ({ wmsOrderId: id, reference, status: 'open' });

/**
 * A warehouse with `existing` orders; `posts[ref]` answers each POST of a reference in turn (default: created with
 * a new id); `lostAfterCreate` references are created but their answer is lost. Every request is logged.
 */
function warehouse(existing: WmsOrderRef[] = [], posts: Record<string, SendResult[]> = {}, lostAfterCreate: string[] = []) {
	const orders = [...existing];
	const calls: string[] = [];
	let next = 100;
	const cancelled: string[] = [];
	const activeOf = (ref: string) => orders.filter((o) => o.reference === ref && o.status !== 'cancelled');
	const stepsFor = (reference: string): CreateOnceSteps => ({
		warehouse: 'test',
		reference,
		policy,
		find: async (ref) => {
			calls.push(`find ${ref}`);
			return activeOf(ref)[0] ?? null;
		},
		post: async () => {
			calls.push(`post ${reference}`);
			const scripted = posts[reference]?.shift();
			if (scripted && !scripted.ok) return scripted;
			const id = String(next++);
			orders.push(open(id, reference));
			return lostAfterCreate.includes(reference) && !posts[reference]?.length ? fail(undefined) : ok(id);
		},
		createdId: (body) => String((body as { id?: string }).id ?? ''),
		duplicateOf: () => undefined,
		noIdError: () => new Error('no id'),
		createError: (f) => new Error(`rejected ${f.status}`),
		activeOrders: async (ref) => {
			calls.push(`active ${ref}`);
			return activeOf(ref);
		},
		cancelOrder: async (id) => {
			cancelled.push(id);
			orders.find((o) => o.wmsOrderId === id)!.status = 'cancelled';
		},
		cannotCancel: () => new Error('cannot cancel'),
	});
	const lookups = (over: Partial<BatchLookups> = {}): BatchLookups => ({
		warehouse: `test|${Math.random()}`,
		parallel: 3,
		findMany: async (refs) => {
			calls.push(`findMany ${refs.length}`);
			return new Map(refs.map((r) => [r, activeOf(r)[0] ?? null]));
		},
		activeMany: async (refs) => {
			calls.push(`activeMany ${refs.length}`);
			return new Map(refs.map((r) => [r, activeOf(r)]));
		},
		...over,
	});
	const items = (refs: string[]): BatchItem[] => refs.map((reference) => ({ reference, steps: stepsFor(reference) }));
	return { orders, calls, cancelled, lookups, items };
}

const refs = (n: number) => Array.from({ length: n }, (_, i) => `BC-${i + 1}`);

describe('createMany: exactly once for a batch, with the look-ups batched', () => {
	it('100 new references: one look-up before, 100 POSTs, one look-up after', async () => {
		const w = warehouse();
		const results = await createMany(w.lookups(), w.items(refs(100)));
		expect(results.every((r) => r.ok && r.result?.outcome === 'created')).toBe(true);
		expect(w.calls.filter((c) => c.startsWith('post'))).toHaveLength(100);
		expect(w.calls.filter((c) => !c.startsWith('post'))).toEqual(['findMany 100', 'activeMany 100']);
	});

	it('references already there are exists without a POST; nothing created means no look-up after', async () => {
		const w = warehouse([open('7', 'BC-1'), open('8', 'BC-2')]);
		const results = await createMany(w.lookups(), w.items(['BC-1', 'BC-2']));
		expect(results).toEqual([
			{ reference: 'BC-1', ok: true, result: { wmsOrderId: '7', outcome: 'exists' } },
			{ reference: 'BC-2', ok: true, result: { wmsOrderId: '8', outcome: 'exists' } },
		]);
		expect(w.calls).toEqual(['findMany 2']);
	});

	it('a lost answer: that reference alone is looked up before a retry, found means created once (exists)', async () => {
		const w = warehouse([], {}, ['BC-2']);
		const results = await createMany(w.lookups(), w.items(['BC-1', 'BC-2', 'BC-3']));
		expect(results.map((r) => (r.ok ? r.result?.outcome : 'failed'))).toEqual(['created', 'exists', 'created']);
		expect(w.calls.filter((c) => c === 'post BC-2')).toHaveLength(1);
		expect(w.calls).toContain('find BC-2');
		expect(w.calls.filter((c) => c.startsWith('activeMany'))).toEqual(['activeMany 3']);
		expect(w.orders.filter((o) => o.reference === 'BC-2')).toHaveLength(1);
	});

	it('a 503 with nothing created is retried after a look-up; a 422 fails only its own order', async () => {
		const w = warehouse([], { 'BC-1': [fail(503)], 'BC-2': [fail(422)] });
		const results = await createMany(w.lookups(), w.items(['BC-1', 'BC-2', 'BC-3']));
		expect(results[0]).toMatchObject({ ok: true, result: { outcome: 'created' } });
		expect(results[1]).toMatchObject({ ok: false, error: new Error('rejected 422') });
		expect(results[2]).toMatchObject({ ok: true, result: { outcome: 'created' } });
		expect(w.calls.filter((c) => c === 'post BC-1')).toHaveLength(2);
	});

	it('the batch look-up after creating sees an overlapping run\'s twin: the lowest id stays, the other is cancelled', async () => {
		const w = warehouse();
		const lookups = w.lookups({
			activeMany: async (list) => {
				w.calls.push(`activeMany ${list.length}`);
				// Another process created BC-2 at the same moment with a lower id.
				w.orders.push(open('5', 'BC-2'));
				return new Map(list.map((r) => [r, w.orders.filter((o) => o.reference === r && o.status !== 'cancelled')]));
			},
		});
		const results = await createMany(lookups, w.items(['BC-1', 'BC-2']));
		expect(results[1]).toMatchObject({ ok: true, result: { wmsOrderId: '5', outcome: 'exists' } });
		expect(w.cancelled).toEqual(['101']);
		expect(w.orders.filter((o) => o.reference === 'BC-2' && o.status !== 'cancelled').map((o) => o.wmsOrderId)).toEqual(['5']);
	});

	it('a failed look-up before creating fails every order of the batch, nothing is posted', async () => {
		const w = warehouse();
		const lookups = w.lookups({ findMany: async () => await Promise.reject(new Error('HTTP 503 after 5 tries')) });
		const results = await createMany(lookups, w.items(['BC-1', 'BC-2']));
		expect(results).toEqual([
			{ reference: 'BC-1', ok: false, error: new Error('HTTP 503 after 5 tries') },
			{ reference: 'BC-2', ok: false, error: new Error('HTTP 503 after 5 tries') },
		]);
		expect(w.calls.filter((c) => c.startsWith('post'))).toEqual([]);
	});

	it('a failed look-up after creating keeps the created orders and says so', async () => {
		const w = warehouse();
		const lookups = w.lookups({ activeMany: async () => await Promise.reject(new Error('HTTP 503')) });
		const [result] = await createMany(lookups, w.items(['BC-1']));
		expect(result).toMatchObject({ ok: true, result: { wmsOrderId: '100', outcome: 'created' } });
		expect(result.ok && result.result?.note).toMatch(/Looking BC-1 up again after creating it failed \(HTTP 503\)/);
	});

	it('look-only references are never created; a repeated reference is created once and reported exists', async () => {
		const w = warehouse([open('9', 'BC-2')]);
		const results = await createMany(w.lookups({ lookOnly: new Set(['BC-1', 'BC-2']) }), w.items(['BC-1', 'BC-2', 'BC-3', 'BC-3']));
		expect(results).toEqual([
			{ reference: 'BC-1', ok: true, result: null },
			{ reference: 'BC-2', ok: true, result: { wmsOrderId: '9', outcome: 'exists' } },
			{ reference: 'BC-3', ok: true, result: { wmsOrderId: '100', outcome: 'created' } },
			{ reference: 'BC-3', ok: true, result: { wmsOrderId: '100', outcome: 'exists' } },
		]);
		expect(w.calls.filter((c) => c.startsWith('post'))).toEqual(['post BC-3']);
	});

	it('an item whose steps could not be built fails alone', async () => {
		const w = warehouse();
		const items: BatchItem[] = [{ reference: 'BC-1', error: new Error('line 2 has no SKU') }, ...w.items(['BC-2'])];
		const results = await createMany(w.lookups(), items);
		expect(results[0]).toEqual({ reference: 'BC-1', ok: false, error: new Error('line 2 has no SKU') });
		expect(results[1]).toMatchObject({ ok: true, result: { outcome: 'created' } });
	});

	it('two batches sharing references in one process take turns: the second finds what the first created', async () => {
		const w = warehouse();
		const lookups = w.lookups();
		const [a, b] = await Promise.all([createMany(lookups, w.items(['BC-1', 'BC-2'])), createMany(lookups, w.items(['BC-2', 'BC-3']))]);
		const outcomes = [...a, ...b].map((r) => `${r.reference} ${r.ok ? r.result?.outcome : 'failed'}`).sort();
		expect(outcomes).toEqual(['BC-1 created', 'BC-2 created', 'BC-2 exists', 'BC-3 created']);
		expect(w.orders.map((o) => o.reference).sort()).toEqual(['BC-1', 'BC-2', 'BC-3']);
	});
});
