import { createOnce, type CreateOnceSteps } from '../../../nodes/shared/wms/createOnce';
import type { WmsOrderRef } from '../../../nodes/shared/wms/adapter';
import type { SendResult } from '../../../nodes/shared/wms/request';

const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 };
const ok = (body: object): SendResult => ({ ok: true, response: { statusCode: 201, headers: {}, body: body as never } });
const fail = (status: number | undefined, body?: unknown): SendResult => ({ ok: false, failure: { status, body, message: `HTTP ${status}` } });
const ref = (id: string): WmsOrderRef => ({ wmsOrderId: id, reference: 'BC-1', status: 'open' });

/** A warehouse whose lookups return `found` in turn (the last one repeats) and whose POSTs answer `posts` in turn. */
function steps(found: Array<WmsOrderRef | null>, posts: SendResult[], overrides: Partial<CreateOnceSteps> = {}) {
	const calls: string[] = [];
	const s: CreateOnceSteps = {
		warehouse: `test|${Math.random()}`,
		reference: 'BC-1',
		policy,
		find: async () => {
			calls.push('find');
			return found.length > 1 ? found.shift()! : found[0];
		},
		post: async () => {
			calls.push('post');
			return posts.shift()!;
		},
		createdId: (body) => String((body as { id?: unknown } | undefined)?.id ?? ''),
		duplicateOf: (f) => (f.status === 409 ? '' : undefined),
		noIdError: () => new Error('no id'),
		createError: (f, kind) => new Error(`${kind} ${f.status}`),
		activeOrders: async () => {
			calls.push('active');
			return [];
		},
		cancelOrder: async () => undefined,
		cannotCancel: () => new Error('cannot cancel'),
		...overrides,
	};
	return { s, calls };
}

describe('createOnce: the one exactly-once create loop of both WMS adapters', () => {
	it('an order already there is not posted', async () => {
		const { s, calls } = steps([ref('5')], []);
		await expect(createOnce(s)).resolves.toEqual({ wmsOrderId: '5', outcome: 'exists' });
		expect(calls).toEqual(['find']);
	});
	it('creates, then looks again for twins', async () => {
		const { s, calls } = steps([null], [ok({ id: 9 })]);
		await expect(createOnce(s)).resolves.toEqual({ wmsOrderId: '9', outcome: 'created' });
		expect(calls).toEqual(['find', 'post', 'active']);
	});
	it('an answer without id: the lookup names the order; neither: the adapter says so', async () => {
		await expect(createOnce(steps([null, ref('4')], [ok({})]).s)).resolves.toMatchObject({ wmsOrderId: '4', outcome: 'created' });
		await expect(createOnce(steps([null], [ok({})]).s)).rejects.toThrow('no id');
	});
	it('"already exists" is exists when the lookup finds it, the adapter\'s duplicate error when not', async () => {
		await expect(createOnce(steps([null, ref('3')], [fail(409)]).s)).resolves.toEqual({ wmsOrderId: '3', outcome: 'exists' });
		await expect(createOnce(steps([null], [fail(409)], { duplicateOf: () => '8' }).s)).resolves.toEqual({ wmsOrderId: '8', outcome: 'exists' });
		await expect(createOnce(steps([null], [fail(409)]).s)).rejects.toThrow('duplicate 409');
	});
	it('a lost answer is looked up before any retry; found means the first POST went through', async () => {
		const { s, calls } = steps([null, ref('6')], [fail(502)]);
		await expect(createOnce(s)).resolves.toMatchObject({ wmsOrderId: '6', outcome: 'exists' });
		expect(calls).toEqual(['find', 'post', 'find', 'active']);
	});
	it('after a 429 it retries without a lookup; a 4xx is rejected at once; tries are bounded', async () => {
		const retried = steps([null], [fail(429), ok({ id: 2 })]);
		await expect(createOnce(retried.s)).resolves.toMatchObject({ wmsOrderId: '2', outcome: 'created' });
		expect(retried.calls).toEqual(['find', 'post', 'post', 'active']);
		await expect(createOnce(steps([null], [fail(422)]).s)).rejects.toThrow('rejected 422');
		const exhausted = steps([null], [fail(503), fail(503), fail(503)]);
		await expect(createOnce(exhausted.s)).rejects.toThrow('rejected 503');
		expect(exhausted.calls.filter((c) => c === 'post')).toHaveLength(3);
	});
});
