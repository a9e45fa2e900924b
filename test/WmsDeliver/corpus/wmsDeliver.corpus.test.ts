/**
 * Bad-input corpus, WMS Deliver: malformed or hostile Order items in ONE run with good ones. Every bad item gets a
 * clear per-item outcome naming its order, and the good orders in the same run are still delivered.
 */
import type { IDataObject } from 'n8n-workflow';
import type { SandboxOrderInput } from '../../../sandbox/bigcommerce';
import { runNode } from '../../helpers/harness';
import { outputsByInput } from '../../helpers/corpus/outputs';
import { clone, line, ordersAsItems, useCorpusWorld, type CorpusWorld } from '../../helpers/corpus/world';

type Item = IDataObject;
interface Case {
	name: string;
	order?: (w: CorpusWorld) => SandboxOrderInput;
	/** The input item built from the mapped order (default: unchanged). */
	item?: (order: Item) => unknown;
	check: (results: IDataObject[], ctx: { w: CorpusWorld; order: Item }) => void;
}

const firstLine = (o: Item) => ((o.destinations as Item[])[0].lines as Item[])[0];
const outcome = (results: IDataObject[]) => results.map((r) => r.outcome);

const CASES: Case[] = [
	{
		name: 'custom line without SKU is held, naming the order and the line',
		order: (w) => ({ lines: [line(w, 'MUG-RED', 1), { sku: '', name: 'Engraving (custom)', quantity: 1 }] }),
		check: ([r], { order }) => {
			expect(r.outcome).toBe('held');
			expect(r.reason).toMatch(new RegExp(`${order.orderId}|Engraving`));
		},
	},
	{
		name: 'SKU unknown to the warehouse fails with the SKU and the WMS message',
		order: (w) => ({ lines: [line(w, 'MUG-RED', 1, { sku: 'NOT-IN-WMS' })] }),
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/NOT-IN-WMS/);
		},
	},
	{
		name: 'SKU of 300 characters fails clearly',
		item: (o) => {
			firstLine(o).sku = 'X'.repeat(300);
			return o;
		},
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(String(r.reason)).toMatch(/X{20}/);
		},
	},
	{
		name: 'a line with quantity 0 (e.g. refunded) is left out, the rest of the order is delivered',
		item: (o) => {
			firstLine(o).quantity = 0;
			return o;
		},
		check: ([r], { w, order }) => {
			expect(r.outcome).toBe('created');
			expect(w.wms.findByReference(String(order.reference))[0].lines.map((l) => [l.sku, l.qty])).toEqual([['TEE-S', 1]]);
		},
	},
	{
		name: 'an order whose only line has quantity 0 is not sent as an empty WMS order',
		order: (w) => ({ lines: [line(w, 'CAP', 1)] }),
		item: (o) => {
			firstLine(o).quantity = 0;
			return o;
		},
		check: ([r], { w, order }) => {
			expect(r.outcome).toMatch(/failed|held/);
			expect(r.reason).toMatch(new RegExp(String(order.orderId)));
			expect(w.wms.findByReference(String(order.reference))).toEqual([]);
		},
	},
	{
		name: 'negative quantity is refused, naming the line',
		item: (o) => {
			firstLine(o).quantity = -3;
			return o;
		},
		check: ([r], { w, order }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/quantity/);
			expect(r.reason).toMatch(/MUG-RED/);
			expect(w.wms.findByReference(String(order.reference))).toEqual([]);
		},
	},
	{
		name: 'fractional quantity 1.5 is refused',
		item: (o) => {
			firstLine(o).quantity = 1.5;
			return o;
		},
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/quantity/);
		},
	},
	{
		name: 'quantity as text "2" from an upstream node is read as 2',
		item: (o) => {
			firstLine(o).quantity = '2';
			return o;
		},
		check: ([r], { w, order }) => {
			expect(r.outcome).toBe('created');
			expect(w.wms.findByReference(String(order.reference))[0].lines.map((l) => [l.sku, l.qty])).toEqual([['MUG-RED', 2], ['TEE-S', 1]]);
		},
	},
	{
		name: 'quantity "lots" is refused, naming the order',
		item: (o) => {
			firstLine(o).quantity = 'lots';
			return o;
		},
		check: ([r], { order }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(new RegExp(`order ${order.orderId}.*quantity`));
		},
	},
	{
		name: 'quantity null is refused',
		item: (o) => {
			firstLine(o).quantity = null;
			return o;
		},
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/quantity/);
		},
	},
	{
		name: 'destinations as a string instead of a list',
		item: (o) => ({ ...o, destinations: 'Austin, TX' }),
		check: ([r], { order }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(new RegExp(`order ${order.orderId}.*"destinations" is missing or not a list`));
		},
	},
	{
		name: 'lines as an object instead of a list',
		item: (o) => {
			(o.destinations as Item[])[0].lines = { sku: 'MUG-RED', quantity: 1 };
			return o;
		},
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/"lines" list/);
		},
	},
	{
		name: 'orderId missing (an item from an unrelated node)',
		item: () => ({ customer: 'Ann', total: '12.00' }),
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/"orderId" is missing/);
		},
	},
	{
		name: 'orderId as text "abc"',
		item: (o) => ({ ...o, orderId: 'abc' }),
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/orderId/);
		},
	},
	{
		name: 'address without street and city is refused before the WMS is called',
		item: (o) => {
			const d = (o.destinations as Item[])[0];
			d.address = { ...(d.address as Item), street1: '', city: null };
			return o;
		},
		check: ([r], { w, order }) => {
			expect(r.outcome).toMatch(/failed|held/);
			expect(r.reason).toMatch(/street|address|city/i);
			expect(w.wms.findByReference(String(order.reference))).toEqual([]);
		},
	},
	{
		name: 'HTML and script in the customer message reach the WMS as plain text, unchanged',
		order: (w) => ({ lines: [line(w, 'CAP', 1)], customerMessage: '<script>alert("x")</script> <b>Ring</b> & wait' }),
		check: ([r], { w, order }) => {
			expect(r.outcome).toBe('created');
			expect(w.wms.findByReference(String(order.reference))[0].notes).toContain('<script>alert("x")</script> <b>Ring</b> & wait');
		},
	},
	{
		name: 'non-ASCII names and addresses (accents, CJK, emoji) arrive intact',
		order: (w) => ({ lines: [line(w, 'BAG', 1)], addresses: [{ firstName: 'Zoë', lastName: '山田 🚀', street1: 'Straße 5', city: 'Zürich', countryIso2: 'CH', country: 'Switzerland', zip: '8001' }] }),
		check: ([r], { w, order }) => {
			expect(r.outcome).toBe('created');
			const shipTo = w.wms.findByReference(String(order.reference))[0].shipTo as Item;
			expect(JSON.stringify(shipTo)).toContain('山田 🚀');
			expect(shipTo).toMatchObject({ address1: 'Straße 5', city: 'Zürich' });
		},
	},
	{
		name: 'a huge order (300 lines) is delivered whole',
		item: (o) => {
			const l = firstLine(o);
			(o.destinations as Item[])[0].lines = Array.from({ length: 300 }, (_, i) => ({ ...l, orderProductId: 900000 + i, sku: i % 2 ? 'CAP' : 'BAG', quantity: 1 }));
			return o;
		},
		check: ([r], { w, order }) => {
			expect(r.outcome).toBe('created');
			expect(w.wms.findByReference(String(order.reference))[0].lines.reduce((n, l) => n + l.qty, 0)).toBe(300);
		},
	},
	{
		name: 'reference with path and query characters cannot reach another URL',
		item: (o) => ({ ...o, reference: `${String(o.reference)}/../../orders?x=1` }),
		check: ([r], { w }) => {
			expect(r.outcome).toMatch(/created|failed/);
			if (r.outcome === 'created') expect(w.wms.findByReference(String(r.reference))).toHaveLength(1);
			else expect(r.reason).toMatch(/reference/i);
		},
	},
	{
		name: 'the same order twice in one run is created once, the second is "exists"',
		item: (o) => [o, clone(o)],
		check: (results, { w, order }) => {
			expect(outcome(results).sort()).toEqual(['created', 'exists']);
			expect(w.wms.findByReference(String(order.reference)).filter((x) => x.status !== 'cancelled')).toHaveLength(1);
		},
	},
];

describe('bad-input corpus: WMS Deliver', () => {
	const w = useCorpusWorld();

	it(`gives each of ${CASES.length} bad items a clear outcome and delivers the good orders of the same run`, async () => {
		const good = (w: CorpusWorld): SandboxOrderInput => ({ lines: [line(w, 'MUG-RED', 2), line(w, 'TEE-S', 1)] });
		const orders = await ordersAsItems(w, [good(w), ...CASES.map((c) => (c.order ?? good)(w)), good(w)]);
		const items: unknown[] = [];
		const index: number[][] = [];
		const push = (json: unknown) => {
			items.push(json);
			return items.length - 1;
		};
		push(orders[0]);
		CASES.forEach((c, i) => {
			const built = c.item ? c.item(clone(orders[i + 1]) as unknown as Item) : orders[i + 1];
			index.push((c.name.includes('twice') ? (built as unknown[]) : [built]).map(push));
		});
		push(orders[orders.length - 1]);

		const { result } = await runNode('wmsDeliver', { wmsType: 'extensiv' }, items as IDataObject[], { credentials: w.credentials, staticData: {}, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const out = outputsByInput(result);
		const failures: string[] = [];
		CASES.forEach((c, i) => {
			const results = index[i].flatMap((k) => out.get(k) ?? []);
			if (process.env.CORPUS_DUMP) console.log(c.name, JSON.stringify(results.map((r) => [r.outcome, r.reason, r.reference])));
			try {
				expect(results.length).toBeGreaterThan(0);
				for (const r of results) expect(typeof r.reason === 'string' || r.outcome === 'created' || r.outcome === 'exists').toBe(true);
				c.check(results, { w, order: orders[i + 1] as unknown as Item });
			} catch (e) {
				failures.push(`${c.name}: ${(e as Error).message}\n  got ${JSON.stringify(results).slice(0, 600)}`);
			}
		});
		expect(failures).toEqual([]);
		// No lost work: the good orders before and after the bad ones are in the warehouse and Awaiting Shipment.
		for (const o of [orders[0], orders[orders.length - 1]]) {
			expect(out.get(items.indexOf(o))?.map((r) => r.outcome)).toEqual(['created']);
			expect(w.wms.findByReference(o.reference)).toHaveLength(1);
			expect(w.bc.getOrder(o.orderId)?.status_id).toBe(9);
		}
	});
});
