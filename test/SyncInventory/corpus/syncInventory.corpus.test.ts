/**
 * Bad-input corpus, Sync Inventory (input items): malformed or hostile stock items in ONE run with good ones. Every
 * bad item gets a per-SKU outcome naming the SKU, and the good SKUs of the same run are synced.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../helpers/harness';
import { useCorpusWorld, type CorpusWorld } from '../../helpers/corpus/world';

interface Case {
	name: string;
	/** Stock items for this case (a SKU is used by one case only). */
	items: IDataObject[];
	check: (find: (sku: unknown) => IDataObject | undefined, w: CorpusWorld, items: IDataObject[]) => void;
}

const CASES: Case[] = [
	{
		name: 'negative quantity is set to 0 and said so',
		items: [{ sku: 'TEE-S', available: -4 }],
		check: (find, w) => {
			expect(find('TEE-S')).toMatchObject({ outcome: 'updated', after: 0 });
			expect(find('TEE-S')!.reason).toMatch(/-4.*set to 0/);
			expect(w.bc.getInventory('TEE-S')!.level).toBe(0);
		},
	},
	{
		name: 'non-numeric quantity fails naming the SKU and the value',
		items: [{ sku: 'TEE-M', available: 'lots' }],
		check: (find, w) => {
			expect(find('TEE-M')).toMatchObject({ outcome: 'failed' });
			expect(find('TEE-M')!.reason).toMatch(/TEE-M.*"lots" is not a number/);
			expect(w.bc.getInventory('TEE-M')!.level).toBe(4);
		},
	},
	{
		name: 'quantity null fails, stock untouched',
		items: [{ sku: 'NULLQ', available: null }],
		check: (find) => {
			expect(find('NULLQ')).toMatchObject({ outcome: 'failed' });
			expect(find('NULLQ')!.reason).toMatch(/SKU NULLQ: the available quantity .* is not a number; stock was left unchanged/);
		},
	},
	{
		name: 'quantity as a list [5] fails',
		items: [{ sku: 'LISTQ', available: [5] }],
		check: (find) => {
			expect(find('LISTQ')).toMatchObject({ outcome: 'failed' });
			expect(find('LISTQ')!.reason).toMatch(/SKU LISTQ: the available quantity \[5\] is not a number/);
		},
	},
	{
		name: 'fractional quantity 2.5 fails (stock is whole units)',
		items: [{ sku: 'FRAC', available: 2.5 }],
		check: (find) => {
			expect(find('FRAC')).toMatchObject({ outcome: 'failed' });
			expect(find('FRAC')!.reason).toMatch(/SKU FRAC: the available quantity 2\.5 is not a whole number/);
		},
	},
	{
		name: 'quantity as text "7" is read as 7',
		items: [{ sku: 'CAP', available: '7' }],
		check: (find, w) => {
			expect(find('CAP')).toMatchObject({ outcome: 'updated', before: 10, after: 7 });
			expect(w.bc.getInventory('CAP')!.level).toBe(7);
		},
	},
	{
		name: 'duplicate SKUs differing in case: the last value wins and the duplicate is reported',
		items: [
			{ sku: 'mug-red', available: 3 },
			{ sku: 'MUG-RED', available: 6 },
		],
		check: (find, w) => {
			expect(find('MUG-RED')).toMatchObject({ outcome: 'updated', after: 6 });
			expect(find('MUG-RED')!.reason).toMatch(/appeared 2 times.*last value \(6\)/);
			expect(w.bc.getInventory('MUG-RED')!.level).toBe(6);
		},
	},
	{
		name: 'product that does not track inventory is skipped, not enabled',
		items: [{ sku: 'POSTER', available: 9 }],
		check: (find, w) => {
			expect(find('POSTER')).toMatchObject({ outcome: 'skipped' });
			expect(find('POSTER')!.reason).toMatch(/does not track inventory/);
			expect(w.bc.getInventory('POSTER')!.tracking).toBe('none');
		},
	},
	{
		name: 'SKU not in BigCommerce is reported',
		items: [{ sku: 'GHOST-1', available: 1 }],
		check: (find) => expect(find('GHOST-1')).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/^SKU GHOST-1 was not found in BigCommerce/) }),
	},
	{
		name: 'SKU as a number from a spreadsheet is matched as text (not found here), no TypeError',
		items: [{ sku: 12345, available: 1 }],
		check: (find) => {
			const r = find('12345');
			expect(r).toBeDefined();
			expect(r!.reason).toMatch(/12345.*not found in BigCommerce/);
		},
	},
	{
		name: 'item without a SKU (wrong upstream node) is reported by its position',
		items: [{ name: 'Ann', total: 12 }],
		check: (find, _w, items) => {
			const r = find('');
			expect(r).toBeDefined();
			expect(r!.reason).toMatch(new RegExp(`Item ${items.findIndex((i) => i.name === 'Ann') + 1} has no SKU`));
		},
	},
	{
		name: 'parent SKU of a product with variants is skipped: stock is per variant',
		items: [{ sku: 'TEE', available: 10 }],
		check: (find) => {
			expect(find('TEE')).toMatchObject({ outcome: 'skipped' });
			expect(find('TEE')!.reason).toMatch(/per variant/);
		},
	},
	{
		name: 'HTML/script as a SKU is only ever reported as text',
		items: [{ sku: '<script>alert(1)</script>', available: 1 }],
		check: (find) => expect(find('<script>alert(1)</script>')!.reason).toMatch(/not found in BigCommerce/),
	},
	{
		name: 'path characters in a SKU do not reach another URL',
		items: [{ sku: '../v2/store?x=1', available: 1 }],
		check: (find, w) => {
			expect(find('../v2/store?x=1')!.reason).toMatch(/not found in BigCommerce/);
			expect(w.bc.requestLog().filter((r) => r.path.includes('..') || r.path.startsWith('/v2/store'))).toEqual([]);
		},
	},
];

describe('bad-input corpus: Sync Inventory', () => {
	const w = useCorpusWorld();

	it(`gives each of ${CASES.length} bad stock items a per-SKU outcome and syncs the good SKU of the same run`, async () => {
		const items = [{ sku: 'BAG', available: 1 }, ...CASES.flatMap((c) => c.items)];
		const { result, items: out } = await runNode('syncInventory', { source: 'inputItems', options: { output: 'all' } }, items, { credentials: w.credentials, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const find = (sku: unknown) => [...out].reverse().find((r) => String(r.sku ?? '') === String(sku));
		const failures: string[] = [];
		for (const c of CASES) {
			if (process.env.CORPUS_DUMP) console.log(c.name, JSON.stringify(c.items.map((i) => find(i.sku ?? ''))));
			try {
				c.check(find, w, items);
			} catch (e) {
				failures.push(`${c.name}: ${(e as Error).message}\n  got ${JSON.stringify(c.items.map((i) => find(i.sku ?? '')))}`);
			}
		}
		expect(failures).toEqual([]);
		expect(find('BAG')).toMatchObject({ outcome: 'updated', before: 10, after: 1 });
		expect(w.bc.getInventory('BAG')!.level).toBe(1);
	});
});
