/**
 * Bad-input corpus, WMS Order Changes: items that are not change items, hostile fields and every kind of warehouse
 * answer (refusals, token and permission errors, 404, 5xx, HTML bodies, a lost answer on the cancel, split orders)
 * in ONE run with good change items. Every item gets an outcome naming its order (and the warehouse's own words),
 * the good changes of the same run are made, nothing is cancelled twice, and no secret appears anywhere.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import type { Order } from '../../../nodes/shared/model';
import { runNode, type TestCredentials } from '../../helpers/harness';
import { expectReadableNodeError, outputsByInput } from '../../helpers/corpus/outputs';
import { capturingLogs, expectNoSecrets, secretsOf } from '../../helpers/corpus/secrets';
import { clone, line, ordersAsItems, PREFIX, useCorpusWorld, type CorpusWorld } from '../../helpers/corpus/world';

type Item = IDataObject;
interface Ctx {
	w: CorpusWorld;
	order: Order;
	/** The 3PL WM order id WMS Deliver created for the order. */
	wmsId: number;
}
interface Case {
	name: string;
	/** Prepare the warehouse (stage, planted answers) after delivery. */
	before?: (ctx: Ctx) => void | Promise<void>;
	/** The case's input item(s); `many` marks a list of items. */
	item: (ctx: Ctx) => unknown;
	many?: boolean;
	check: (results: IDataObject[], ctx: Ctx) => void;
}

const STATUS_NAMES: Record<number, string> = { 4: 'Refunded', 5: 'Cancelled', 6: 'Declined', 12: 'Manual Verification Required' };
/** The Orders Trigger's change item for an order (Event = Order Changes After Hand-Off). */
function changeItem(order: Order, kind = 'cancelled', statusId = 5): Item {
	return { ...(clone(order) as unknown as Item), change: { kind, kinds: [kind], status: { id: statusId, name: STATUS_NAMES[statusId] }, key: `${order.orderId}:${kind}:${statusId}` } };
}

const cancelPosts = (w: CorpusWorld, wmsId: number) => w.wms.requestLog().filter((r) => r.method === 'POST' && r.path === `/orders/${wmsId}/canceler`);
const wmsStatus = (w: CorpusWorld, order: Order) => w.wms.findByReference(order.reference).map((o) => o.status);
/** The warehouse answers every request of `method path` with this (the other requests reach the sandbox). */
const plant = (w: CorpusWorld, method: 'get' | 'post', path: string, status: number, body: string | IDataObject, headers: Record<string, string> = {}) =>
	nock(w.wms.url, { allowUnmocked: true })[method](path).query(true).times(20).reply(status, body, { 'Content-Type': typeof body === 'string' ? 'text/html' : 'application/json', ...headers });
const HTML = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center>' + '<p>&nbsp;</p>'.repeat(200) + '</body></html>';

const CASES: Case[] = [
	{
		name: 'an empty item {} is refused by position, with what to connect',
		item: () => ({}),
		check: ([r]) => {
			expect(r).toMatchObject({ outcome: 'failed', needsAttention: true });
			expect(r.reason).toMatch(/^Input item \d+ is not an order change .*Connect the BigCommerce Orders Trigger with Event = Order Changes After Hand-Off/);
		},
	},
	{
		name: 'a plain order without `change` (the new-orders event) is refused and not cancelled',
		item: ({ order }) => clone(order),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'failed', orderId: order.orderId });
			expect(r.reason).toMatch(/has no "change"/);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'a change of an unknown kind is skipped, naming the order and the kind, nothing sent',
		item: ({ order }) => changeItem(order, 'archived'),
		check: ([r], { w, order, wmsId }) => {
			expect(r).toMatchObject({ outcome: 'skipped', orderId: order.orderId });
			expect(r.reason).toMatch(new RegExp(`Order ${order.orderId}: change "archived" is not one this node handles`));
			expect(wmsStatus(w, order)).toEqual(['open']);
			expect(cancelPosts(w, wmsId)).toEqual([]);
		},
	},
	{
		name: '`change` as a string is refused',
		item: ({ order }) => ({ ...changeItem(order), change: 'cancelled' }),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'failed', orderId: order.orderId });
			expect(r.reason).toMatch(/has no "change" \(kind, key\)/);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'reference missing: refused, naming the field',
		item: ({ order }) => ({ ...changeItem(order), reference: undefined }),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'failed', orderId: order.orderId });
			expect(r.reason).toMatch(/"reference" is missing/);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'orderId missing: refused, naming the field',
		item: ({ order }) => ({ ...changeItem(order), orderId: undefined }),
		check: ([r], { w, order }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/"orderId" is missing/);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'orderId as text "abc": refused with the value',
		item: ({ order }) => ({ ...changeItem(order), orderId: 'abc' }),
		check: ([r], { w, order }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/"orderId" must be a positive whole number \(got "abc"\)/);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'orderId as text "1234" (a spreadsheet or Set node) is read as the number',
		item: ({ order }) => ({ ...changeItem(order), orderId: String(order.orderId) }),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'cancelled', orderId: order.orderId });
			expect(wmsStatus(w, order)).toEqual(['cancelled']);
		},
	},
	{
		name: 'change.status.id as text "5" still cancels',
		item: ({ order }) => {
			const c = changeItem(order);
			(c.change as Item).status = { id: '5', name: 'Cancelled' };
			return c;
		},
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'cancelled' });
			expect(wmsStatus(w, order)).toEqual(['cancelled']);
		},
	},
	{
		name: 'a garbage reference with RQL and path characters reaches no other order',
		item: ({ order }) => ({ ...changeItem(order), reference: `${order.reference}*,referenceNum==*;x/../1?y=1` }),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'skipped', orderId: order.orderId });
			expect(r.reason).toMatch(/is not in the warehouse \(no order BC-\d+\*,referenceNum==\*;x\/\.\.\/1\?y=1\)/);
			expect(wmsStatus(w, order)).toEqual(['open']);
			expect(w.wms.listOrders().filter((o) => o.status === 'cancelled' && !o.referenceNum.startsWith(PREFIX))).toEqual([]);
		},
	},
	{
		name: 'an item from WMS Deliver’s output is refused with the node to connect',
		item: ({ order, wmsId }) => ({ orderId: order.orderId, reference: order.reference, destinationIndex: 0, outcome: 'created', wmsOrderId: String(wmsId), reason: '' }),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'failed', orderId: order.orderId, reference: order.reference });
			expect(r.reason).toMatch(/is not an order change .*Order Changes After Hand-Off/);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'a huge item (500 lines, 200 KB customer message) is cancelled once',
		item: ({ order }) => {
			const c = changeItem(order);
			const d = (c.destinations as Item[])[0];
			d.lines = Array.from({ length: 500 }, (_, i) => ({ ...(d.lines as Item[])[0], orderProductId: 800000 + i }));
			c.customerMessage = 'x'.repeat(200_000);
			return c;
		},
		check: ([r], { w, order, wmsId }) => {
			expect(r).toMatchObject({ outcome: 'cancelled', orderId: order.orderId });
			expect(String(r.reason).length).toBeLessThan(1000);
			expect(wmsStatus(w, order)).toEqual(['cancelled']);
			expect(cancelPosts(w, wmsId).filter((p) => p.status < 300)).toHaveLength(1);
		},
	},
	{
		name: 'the same cancel twice in one run: cancelled once, the second says it already is',
		many: true,
		item: ({ order }) => [changeItem(order), changeItem(order)],
		check: (results, { w, order, wmsId }) => {
			expect(results.map((r) => r.outcome)).toEqual(['cancelled', 'exists']);
			expect(results[1].reason).toMatch(new RegExp(`Order ${order.orderId} is Cancelled in BigCommerce and already cancelled in the warehouse`));
			expect(cancelPosts(w, wmsId)).toHaveLength(1);
		},
	},
	{
		name: 'cancelled order that never reached the warehouse is skipped',
		item: ({ order }) => ({ ...changeItem(order), reference: `${PREFIX}999999`, orderId: 999999 }),
		check: ([r]) => {
			expect(r).toMatchObject({ outcome: 'skipped', orderId: 999999 });
			expect(r.reason).toMatch(/Order 999999 is not in the warehouse \(no order BC-999999\)/);
		},
	},
	{
		name: 'warehouse refuses the cancel with 409 and its words: needsAttention quoting them',
		before: ({ w, wmsId }) => void plant(w, 'post', `/orders/${wmsId}/canceler`, 409, { ErrorCode: 'InvalidState', Hint: 'Order is in a pick job' }),
		item: ({ order }) => changeItem(order),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'needsAttention', needsAttention: true, orderId: order.orderId });
			expect(r.reason).toMatch(new RegExp(`Order ${order.orderId} is Cancelled in BigCommerce, but the warehouse can no longer cancel ${order.reference} .*InvalidState: Order is in a pick job`));
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'warehouse refuses the cancel with 400 (validation): needsAttention with its words',
		before: ({ w, wmsId }) => void plant(w, 'post', `/orders/${wmsId}/canceler`, 400, { ErrorCode: 'Validation', Hint: 'Reason is too long' }),
		item: ({ order }) => changeItem(order, 'cancelled', 6),
		check: ([r], { order }) => {
			expect(r).toMatchObject({ outcome: 'needsAttention', orderId: order.orderId });
			expect(r.reason).toMatch(/Declined in BigCommerce.*Validation: Reason is too long/);
		},
	},
	{
		name: 'warehouse answers 403 (no permission to cancel): failed, naming the order and the warehouse’s words',
		before: ({ w, wmsId }) => void plant(w, 'post', `/orders/${wmsId}/canceler`, 403, { ErrorCode: 'Forbidden', Hint: 'User lacks the Cancel Orders permission' }),
		item: ({ order }) => changeItem(order),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'failed', needsAttention: true, orderId: order.orderId });
			expect(r.reason).toMatch(new RegExp(`Order ${order.orderId} \\(${order.reference}\\): .*403`));
			expect(r.reason).toMatch(/Cancel Orders permission.*may not do this for customer 1 in facility 1/);
			expect(r.reason).not.toMatch(/again later/);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'warehouse answers 401 to the cancel even with a fresh token: failed, naming the credential',
		before: ({ w, wmsId }) => void plant(w, 'post', `/orders/${wmsId}/canceler`, 401, { ErrorCode: 'Unauthorized', Hint: 'Token not accepted' }),
		item: ({ order }) => changeItem(order),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'failed', orderId: order.orderId });
			expect(r.reason).toMatch(new RegExp(`Order ${order.orderId} \\(${order.reference}\\): .*(401|access token)`));
			expect(r.reason).toMatch(/Check Client ID, Client Secret and User Login in the "Extensiv 3PL Warehouse Manager API" credential/);
			expect(r.reason).not.toMatch(/again later/);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'warehouse answers 404 to the cancel (order removed there): failed, naming the order',
		before: ({ w, wmsId }) => void plant(w, 'post', `/orders/${wmsId}/canceler`, 404, { ErrorCode: 'NotFound', Hint: `Order ${wmsId} not found` }),
		item: ({ order }) => changeItem(order),
		check: ([r], { order, wmsId }) => {
			expect(r).toMatchObject({ outcome: 'failed', orderId: order.orderId });
			expect(r.reason).toMatch(new RegExp(`Order ${order.orderId} \\(${order.reference}\\): .*HTTP 404.*Order ${wmsId} not found`));
		},
	},
	{
		name: 'warehouse answers 500 to the look-up every time: failed after retries, naming the order',
		before: ({ w, order }) =>
			void nock(w.wms.url, { allowUnmocked: true })
				.get('/orders')
				.query((q) => String(q.rql ?? '').includes(order.reference))
				.times(20)
				.reply(500, { ErrorCode: 'ServerError', Hint: 'Database timeout' }),
		item: ({ order }) => changeItem(order),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'failed', orderId: order.orderId });
			expect(r.reason).toMatch(new RegExp(`Order ${order.orderId} \\(${order.reference}\\): .*500.*Database timeout`));
			expect(r.reason).toMatch(/offers the change again|again later/);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'warehouse answers an HTML error page (502 from a proxy) to the cancel: failed, short, no HTML dump',
		before: ({ w, wmsId }) => void plant(w, 'post', `/orders/${wmsId}/canceler`, 502, HTML),
		item: ({ order }) => changeItem(order),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'failed', orderId: order.orderId });
			expect(r.reason).toMatch(new RegExp(`Order ${order.orderId} \\(${order.reference}\\): .*502`));
			expect(r.reason).toMatch(/HTTP 502 \(502 Bad Gateway 502 Bad Gateway nginx\)/);
			expect(r.reason).not.toMatch(/<html|<body|&nbsp;/i);
			expect(String(r.reason).length).toBeLessThan(700);
			expect(wmsStatus(w, order)).toEqual(['open']);
		},
	},
	{
		name: 'the cancel’s answer is lost: cancelled once (re-read, not re-sent)',
		before: ({ w, wmsId }) => w.wms.setFaults({ rate: 1, kinds: ['lost-response'], methods: ['POST'], pathPattern: new RegExp(`^/orders/${wmsId}/canceler$`) }),
		item: ({ order }) => changeItem(order),
		check: ([r], { w, order, wmsId }) => {
			expect(r).toMatchObject({ outcome: 'cancelled', orderId: order.orderId });
			expect(wmsStatus(w, order)).toEqual(['cancelled']);
			expect(cancelPosts(w, wmsId)).toHaveLength(1);
		},
	},
	{
		name: 'an order the warehouse split (R cancelled, R-1 and R-2 open): both parts cancelled, both named',
		before: async ({ w, order, wmsId }) => {
			for (const part of [1, 2]) await createGeneric(w, `${order.reference}-${part}`);
			w.wms.cancel(wmsId);
		},
		item: ({ order }) => changeItem(order),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'cancelled', orderId: order.orderId });
			expect(r.reason).toMatch(new RegExp(`cancelled in the warehouse \\(${order.reference}-1, ${order.reference}-2\\)`));
			expect(w.wms.listOrders().filter((o) => o.referenceNum.startsWith(`${order.reference}-`)).map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
		},
	},
	{
		name: 'a split order with one part already being picked: the other is cancelled, the picked one needs attention',
		before: async ({ w, order, wmsId }) => {
			const [first] = [await createGeneric(w, `${order.reference}-1`), await createGeneric(w, `${order.reference}-2`)];
			w.wms.setStage(first, 'picking');
			w.wms.cancel(wmsId);
		},
		item: ({ order }) => changeItem(order),
		check: ([r], { w, order }) => {
			expect(r).toMatchObject({ outcome: 'needsAttention', orderId: order.orderId });
			expect(r.reason).toMatch(new RegExp(`can no longer cancel ${order.reference}-1 \\(being picked\\) \\(cancelled: ${order.reference}-2\\)`));
			expect(w.wms.findByReference(`${order.reference}-2`)[0].status).toBe('cancelled');
			expect(w.wms.findByReference(`${order.reference}-1`)[0].status).toBe('open');
		},
	},
];

/** A warehouse order under `reference` (as 3PL WM creates split parts), through the generic API; its id. */
async function createGeneric(w: CorpusWorld, reference: string): Promise<number> {
	const { baseUrl, headerName, headerValue } = w.wms.httpCredentials;
	const res = await fetch(`${baseUrl}/orders`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', [headerName]: headerValue },
		body: JSON.stringify({ reference, order: { notes: { customer: '', staff: '' } }, destination: { address: { firstName: 'Ann', street1: '1 Main St', city: 'Austin', postalCode: '78701', countryIso2: 'US' }, lines: [{ sku: 'CAP', quantity: 1 }] } }),
	});
	if (res.status !== 201) throw new Error(`create ${reference}: ${res.status} ${await res.text()}`);
	return Number(((await res.json()) as { id: string }).id);
}

describe('bad-input corpus: WMS Order Changes', () => {
	const w = useCorpusWorld();
	afterEach(() => {
		nock.cleanAll();
		w.wms.setFaults(null);
	});

	/** `count` orders created in BigCommerce and delivered by WMS Deliver; each with its 3PL WM order id. */
	async function delivered(count: number): Promise<Array<{ order: Order; wmsId: number }>> {
		const orders = await ordersAsItems(w, Array.from({ length: count }, () => ({ lines: [line(w, 'MUG-RED', 2), line(w, 'TEE-S', 1)] })));
		const { items } = await runNode('wmsDeliver', { wmsType: 'extensiv' }, orders as unknown as IDataObject[], { credentials: w.credentials, staticData: {} });
		expect(items.map((i) => i.outcome)).toEqual(orders.map(() => 'created'));
		return orders.map((order) => ({ order, wmsId: w.wms.findByReference(order.reference)[0].orderId }));
	}

	it(`gives each of ${CASES.length} bad change items or warehouse answers a clear outcome, makes the good changes of the same run, and leaks no secret`, async () => {
		const [goodFirst, ...rest] = await delivered(CASES.length + 2);
		const goodLast = rest.pop()!;
		const items: unknown[] = [];
		const index: number[][] = [];
		const push = (json: unknown) => {
			items.push(json);
			return items.length - 1;
		};
		push(changeItem(goodFirst.order));
		for (const [i, c] of CASES.entries()) {
			await c.before?.({ w, ...rest[i] });
			const built = c.item({ w, ...rest[i] });
			index.push((c.many ? (built as unknown[]) : [built]).map(push));
		}
		push(changeItem(goodLast.order, 'cancelled', 4));
		w.wms.resetRequestLog();

		const staticData: IDataObject = {};
		const { value: run, logs } = await capturingLogs(() => runNode('wmsOrderChanges', { wmsType: 'extensiv' }, items as IDataObject[], { credentials: w.credentials, staticData, continueOnFail: true }));
		const { result } = run;
		expect(result.error).toBeUndefined();
		const out = outputsByInput(result);
		const failures: string[] = [];
		CASES.forEach((c, i) => {
			const results = index[i].flatMap((k) => out.get(k) ?? []);
			if (process.env.CORPUS_DUMP) console.log(c.name, JSON.stringify(results.map((r) => [r.outcome, r.reason])));
			try {
				expect(results.length).toBeGreaterThan(0);
				for (const r of results) expect(typeof r.reason).toBe('string');
				c.check(results, { w, ...rest[i] });
			} catch (e) {
				failures.push(`${c.name}: ${(e as Error).message}\n  got ${JSON.stringify(results).slice(0, 600)}`);
			}
		});
		expect(failures).toEqual([]);
		// No lost work: the good changes before and after the bad ones are made, once, and recorded for the trigger.
		for (const g of [goodFirst, goodLast]) {
			expect(out.get(items.findIndex((i) => (i as Item).orderId === g.order.orderId))?.map((r) => r.outcome)).toEqual(['cancelled']);
			expect(wmsStatus(w, g.order)).toEqual(['cancelled']);
			expect(cancelPosts(w, g.wmsId)).toHaveLength(1);
		}
		const marks = (result.staticData.global as IDataObject).bigCommerceWmsChangesHandled as Record<string, { key: string }>;
		expect(marks[String(goodFirst.order.orderId)]?.key).toBe(`${goodFirst.order.orderId}:cancelled:5`);
		expectNoSecrets({ run: result.run.data, logs }, secretsOf(w.credentials, result));
	});

	it('without Continue On Fail: the first failure names its order, the good change of the same run is still made, no secret leaks', async () => {
		const [bad, good] = await delivered(2);
		plant(w, 'post', `/orders/${bad.wmsId}/canceler`, 403, { ErrorCode: 'Forbidden', Hint: 'User lacks the Cancel Orders permission' });
		const { result } = await runNode('wmsOrderChanges', { wmsType: 'extensiv' }, [changeItem(bad.order), {}, changeItem(good.order)], { credentials: w.credentials, staticData: {} });
		expectReadableNodeError(result.error, new RegExp(`Order ${bad.order.orderId} \\(${bad.order.reference}\\): .*403`));
		expect(result.error?.description).toMatch(/2 of the 3 order changes failed; the others were still handled/);
		expect(result.error?.description).toMatch(/Input item 2 is not an order change/);
		expect(result.error?.description).toMatch(/On Error > Continue/);
		expect(wmsStatus(w, good.order)).toEqual(['cancelled']);
		expect(wmsStatus(w, bad.order)).toEqual(['open']);
		expectNoSecrets(result.run.data, secretsOf(w.credentials, result));
	});

	it('a rerun of a cancel whose answer was lost sends no second cancel', async () => {
		const [{ order, wmsId }] = await delivered(1);
		w.wms.setFaults({ rate: 1, kinds: ['lost-response'], methods: ['POST'], pathPattern: /canceler$/ });
		const first = await runNode('wmsOrderChanges', { wmsType: 'extensiv' }, [changeItem(order)], { credentials: w.credentials, continueOnFail: true });
		w.wms.setFaults(null);
		const again = await runNode('wmsOrderChanges', { wmsType: 'extensiv' }, [changeItem(order)], { credentials: w.credentials, continueOnFail: true });
		expect([first.items[0].outcome, again.items[0].outcome]).toEqual(['cancelled', 'exists']);
		expect(cancelPosts(w, wmsId)).toHaveLength(1);
		expect(wmsStatus(w, order)).toEqual(['cancelled']);
	});

	it.each([
		['with', true],
		['without', false],
	])('a refused client secret, %s Continue On Fail: the credential is named, nothing is cancelled, the secret is not echoed', async (_label, continueOnFail) => {
		const [{ order }] = await delivered(1);
		const credentials: TestCredentials = { ...w.credentials, extensivWarehouseManagerApi: { ...w.wms.extensivCredentials, clientSecret: 'not-the-secret-77' } };
		const { result, items } = await runNode('wmsOrderChanges', { wmsType: 'extensiv' }, [changeItem(order)], { credentials, continueOnFail, staticData: {} });
		const message = continueOnFail ? String(items[0]?.reason ?? items[0]?.error) : `${result.error?.message} ${result.error?.description}`;
		if (continueOnFail) expect(items[0]).toMatchObject({ outcome: 'failed', orderId: order.orderId });
		else expectReadableNodeError(result.error, /Client ID and Client Secret/);
		expect(message).toMatch(/Check Client ID and Client Secret in the "Extensiv 3PL Warehouse Manager API" credential/);
		expect(wmsStatus(w, order)).toEqual(['open']);
		expectNoSecrets(result.run.data, [...secretsOf(credentials, result), 'not-the-secret-77']);
	});

	it('an unknown warehouse system (parameter set by an expression) says which parameter and what to choose', async () => {
		const [{ order }] = await delivered(1);
		const { result } = await runNode('wmsOrderChanges', { wmsType: 'sap' }, [changeItem(order)], { credentials: w.credentials });
		expectReadableNodeError(result.error, /Unknown warehouse system "sap".*Choose Extensiv 3PL Warehouse Manager or Generic HTTP WMS/);
		expect(wmsStatus(w, order)).toEqual(['open']);
	});
});
