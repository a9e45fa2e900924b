/**
 * Bad-input corpus, Confirm Shipment (input items): malformed or hostile Shipment items in ONE run with good ones.
 * Every package gets a clear outcome naming its order, nothing is over-shipped, and the good shipments of the same
 * run are created.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../helpers/harness';
import { outputsByInput } from '../../helpers/corpus/outputs';
import { line, PREFIX, useCorpusWorld, type CorpusWorld } from '../../helpers/corpus/world';

interface Ctx {
	w: CorpusWorld;
	orderId: number;
}
interface Case {
	name: string;
	/** The Shipment item for the case's own order (MUG-RED x2, TEE-S x1); `ref` is its reference. */
	item: (ref: string, orderId: number) => unknown;
	/** Prepare the order first (e.g. cancel it, or ship part of it). */
	before?: (ctx: Ctx) => void | Promise<void>;
	check: (results: IDataObject[], ctx: Ctx) => void;
}

const pkg = (trackingNumber: string, lines: unknown, extra: IDataObject = {}) => ({ trackingNumber, carrier: 'UPS', service: 'Ground', lines, ...extra });
const shipped = (w: CorpusWorld, orderId: number) => w.bc.getOrderProducts(orderId).map((p) => [p.sku, p.quantity_shipped]);

const CASES: Case[] = [
	{
		name: 'unknown order reference',
		item: () => ({ reference: `${PREFIX}999999`, packages: [pkg('1ZUNKNOWN', [{ sku: 'MUG-RED', quantity: 1 }])] }),
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/BigCommerce has no order 999999 \(reference BC-999999\)/);
		},
	},
	{
		name: 'SKU not on the order is reported by name; the package’s other line still ships',
		item: (ref) => ({ reference: ref, packages: [pkg('1ZNOSKU', [{ sku: 'MUG-RED', quantity: 1 }, { sku: 'NOT-ON-ORDER', quantity: 1 }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('created');
			expect(r.reason).toMatch(new RegExp(`SKU NOT-ON-ORDER is not on order ${orderId}; line not sent`));
			expect(shipped(w, orderId)).toEqual([['MUG-RED', 1], ['TEE-S', 0]]);
		},
	},
	{
		name: 'SKU in another letter case matches the order line',
		item: (ref) => ({ reference: ref, packages: [pkg('1ZCASE', [{ sku: 'mug-red', quantity: 2 }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('created');
			expect(shipped(w, orderId)).toEqual([['MUG-RED', 2], ['TEE-S', 0]]);
		},
	},
	{
		name: 'quantity 0 ships nothing and says so',
		item: (ref) => ({ reference: ref, packages: [pkg('1ZZERO', [{ sku: 'MUG-RED', quantity: 0 }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(new RegExp(`Nothing to ship for order ${orderId}. SKU MUG-RED: quantity must be a whole number above 0 \\(got 0\\)`));
			expect(w.bc.getShipments(orderId)).toEqual([]);
		},
	},
	{
		name: 'negative quantity ships nothing and says so',
		item: (ref) => ({ reference: ref, packages: [pkg('1ZNEG', [{ sku: 'MUG-RED', quantity: -2 }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/SKU MUG-RED: quantity must be a whole number above 0 \(got -2\)/);
			expect(w.bc.getShipments(orderId)).toEqual([]);
		},
	},
	{
		name: 'quantity above the remaining one is capped and the over-shipment reported',
		item: (ref) => ({ reference: ref, packages: [pkg('1ZOVER', [{ sku: 'MUG-RED', quantity: 5 }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('created');
			expect(r.reason).toMatch(/SKU MUG-RED: the package has 5 but only 2 remain unshipped.*over-shipment/);
			expect(shipped(w, orderId)).toEqual([['MUG-RED', 2], ['TEE-S', 0]]);
		},
	},
	{
		name: 'quantity as text "1" from a spreadsheet is read as 1',
		item: (ref) => ({ reference: ref, packages: [pkg('1ZTEXT', [{ sku: 'TEE-S', quantity: '1' }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('created');
			expect(shipped(w, orderId)).toEqual([['MUG-RED', 0], ['TEE-S', 1]]);
		},
	},
	{
		name: 'quantity "two" is refused, naming the field',
		item: (ref) => ({ reference: ref, packages: [pkg('1ZWORD', [{ sku: 'TEE-S', quantity: 'two' }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/'quantity' must be a number \(got "two"\)/);
			expect(w.bc.getShipments(orderId)).toEqual([]);
		},
	},
	{
		name: 'empty tracking number is allowed and the output says so',
		item: (ref) => ({ reference: ref, packages: [pkg('', [{ sku: 'TEE-S', quantity: 1 }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('created');
			expect(r.reason).toMatch(/No tracking number: BigCommerce accepts the shipment without one/);
			expect(w.bc.getShipments(orderId)).toHaveLength(1);
		},
	},
	{
		name: 'tracking number of 200 characters gets a clear outcome',
		item: (ref) => ({ reference: ref, packages: [pkg('T'.repeat(200), [{ sku: 'TEE-S', quantity: 1 }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(new RegExp(`Tracking number of order ${orderId} package 1 is 200 characters long; BigCommerce accepts at most 50`));
			expect(w.bc.getShipments(orderId)).toEqual([]);
		},
	},
	{
		name: 'order cancelled in BigCommerce after delivery is not shipped',
		before: ({ w, orderId }) => w.bc.setOrderStatus(orderId, 5),
		item: (ref) => ({ reference: ref, packages: [pkg('1ZCANCEL', [{ sku: 'MUG-RED', quantity: 1 }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('skipped');
			expect(r.reason).toMatch(new RegExp(`Order ${orderId} is Cancelled in BigCommerce`));
			expect(w.bc.getShipments(orderId)).toEqual([]);
		},
	},
	{
		name: 'a package confirmed by an earlier run (same tracking number) is "exists", not shipped twice',
		before: async ({ w, orderId }) => {
			const first = await runNode('confirmShipment', { source: 'inputItems', referencePrefix: PREFIX }, [{ reference: `${PREFIX}${orderId}`, packages: [pkg('1ZTWICE', [{ sku: 'MUG-RED', quantity: 1 }])] }], { credentials: w.credentials });
			expect(first.items.map((r) => r.outcome)).toEqual(['created']);
		},
		item: (ref) => ({ reference: ref, packages: [pkg('1ztwice ', [{ sku: 'MUG-RED', quantity: 1 }])] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('exists');
			expect(r.reason).toMatch(/already has shipment \d+ with tracking number 1ZTWICE/);
			expect(w.bc.getShipments(orderId)).toHaveLength(1);
			expect(shipped(w, orderId)).toEqual([['MUG-RED', 1], ['TEE-S', 0]]);
		},
	},
	{
		name: 'the same package twice in one input (a duplicated spreadsheet row) never over-ships',
		item: (ref) => [
			{ reference: ref, packages: [pkg('1ZROW', [{ sku: 'MUG-RED', quantity: 2 }])] },
			{ reference: ref, packages: [pkg('1ZROW', [{ sku: 'MUG-RED', quantity: 2 }])] },
		],
		check: ([first, second], { w, orderId }) => {
			expect(first.outcome).toBe('created');
			expect(second.outcome).not.toBe('created');
			expect(second.reason).toMatch(/MUG-RED/);
			expect(shipped(w, orderId)).toEqual([['MUG-RED', 2], ['TEE-S', 0]]);
		},
	},
	{
		name: 'packages as a string instead of a list',
		item: (ref) => ({ reference: ref, packages: '1ZSTRING' }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/'packages' must be a list/);
			expect(w.bc.getShipments(orderId)).toEqual([]);
		},
	},
	{
		name: 'an item with neither reference nor orderId (wrong upstream node)',
		item: () => ({ name: 'Ann', total: 12 }),
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/neither 'reference' nor 'orderId'/);
		},
	},
	{
		name: 'orderId as text "abc"',
		item: () => ({ orderId: 'abc', packages: [pkg('1ZABC', [{ sku: 'MUG-RED', quantity: 1 }])] }),
		check: ([r]) => {
			expect(r.outcome).toBe('failed');
			expect(r.reason).toMatch(/'orderId' must be a positive whole number \(got "abc"\)/);
		},
	},
	{
		name: 'reference with path and query characters does not reach another order',
		item: (_ref, orderId) => ({ reference: `${PREFIX}${orderId}/../1?x=1`, packages: [pkg('1ZINJECT', [{ sku: 'MUG-RED', quantity: 1 }])] }),
		check: ([r], { w }) => {
			expect(r.outcome).toBe('skipped');
			expect(String(r.reason)).toMatch(/Reference BC-\d+\/\.\.\/1\?x=1 is not a BigCommerce order reference/);
			expect(w.bc.getShipments(1)).toEqual([]);
		},
	},
	{
		name: 'HTML in the carrier name is sent as text without a carrier code',
		item: (ref) => ({ reference: ref, packages: [pkg('1ZHTML', [{ sku: 'TEE-S', quantity: 1 }], { carrier: '<img src=x onerror=alert(1)>' })] }),
		check: ([r], { w, orderId }) => {
			expect(r.outcome).toBe('created');
			expect(r.reason).toMatch(/has no BigCommerce tracking carrier code; sent without one/);
			expect(w.bc.getShipments(orderId)[0].tracking_carrier).toBe('');
		},
	},
];

describe('bad-input corpus: Confirm Shipment', () => {
	const w = useCorpusWorld();

	it(`gives each of ${CASES.length} bad shipments a clear outcome and confirms the good ones of the same run`, async () => {
		const newOrder = () => w.bc.addOrder({ statusId: 9, lines: [line(w, 'MUG-RED', 2), line(w, 'TEE-S', 1)] });
		const goodFirst = newOrder();
		const caseOrders = CASES.map(() => newOrder());
		const goodLast = newOrder();
		const items: unknown[] = [];
		const index: number[][] = [];
		const push = (json: unknown) => {
			items.push(json);
			return items.length - 1;
		};
		const good = (id: number) => ({ reference: `${PREFIX}${id}`, packages: [pkg(`1ZGOOD${id}`, [{ sku: 'MUG-RED', quantity: 2 }, { sku: 'TEE-S', quantity: 1 }])] });
		push(good(goodFirst));
		for (const [i, c] of CASES.entries()) {
			await c.before?.({ w, orderId: caseOrders[i] });
			const built = c.item(`${PREFIX}${caseOrders[i]}`, caseOrders[i]);
			index.push((Array.isArray(built) ? built : [built]).map(push));
		}
		push(good(goodLast));

		const { result } = await runNode('confirmShipment', { source: 'inputItems', referencePrefix: PREFIX }, items as IDataObject[], { credentials: w.credentials, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const out = outputsByInput(result);
		const failures: string[] = [];
		CASES.forEach((c, i) => {
			const results = index[i].flatMap((k) => out.get(k) ?? []);
			if (process.env.CORPUS_DUMP) console.log(c.name, JSON.stringify(results.map((r) => [r.outcome, r.reason])));
			try {
				expect(results.length).toBeGreaterThan(0);
				c.check(results, { w, orderId: caseOrders[i] });
			} catch (e) {
				failures.push(`${c.name}: ${(e as Error).message}\n  got ${JSON.stringify(results).slice(0, 600)}`);
			}
		});
		expect(failures).toEqual([]);
		for (const id of [goodFirst, goodLast]) {
			expect(w.bc.getShipments(id).map((s) => s.tracking_number)).toEqual([`1ZGOOD${id}`]);
			expect(w.bc.getOrder(id)?.status_id).toBe(2);
		}
		// Nothing anywhere was shipped beyond its quantity.
		for (const id of [goodFirst, ...caseOrders, goodLast]) for (const p of w.bc.getOrderProducts(id)) expect(p.quantity_shipped).toBeLessThanOrEqual(p.quantity);
	});
});
