/**
 * Overlapping WMS Deliver runs through n8n's engine (issue 17 item 2): 2, 3 and 5 runs of the same node started at
 * once with the same 13 references, against a warehouse that ACCEPTS a repeated reference (so nothing relies on the
 * warehouse refusing duplicates), for both WMS types, 0 ms and 3 ms WMS latency, shared and separate static data, in
 * one process (process-wide lock per reference) and as separate processes (each run's node from its own module
 * registry: only the lookup after the create and the cancel of the higher twin). Every reference ends in the
 * warehouse exactly once, exactly one run reports it `created`, none `failed`.
 */
import type { IDataObject, INodeType } from 'n8n-workflow';
import type { Order } from '../../../nodes/shared/model';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox } from '../../../sandbox/wms';
import { PACKAGE_NAME, runNode } from '../../helpers/harness';
import { nodeInOtherProcess } from '../../helpers/isolated';
import { assertWmsHasExactly, catalogItems, expectedWmsOrders, fastRetries, fetchOrderItems, restoreRetries } from './setup';

type Target = 'extensiv' | 'http';
type Mode = 'one process' | 'separate processes';
const CASES: Array<[Target, number, number, 'shared' | 'separate', Mode]> = [];
for (const target of ['extensiv', 'http'] as Target[])
	for (const runs of [2, 3, 5])
		for (const latency of [0, 3])
			for (const statics of ['shared', 'separate'] as const)
				for (const mode of ['one process', 'separate processes'] as Mode[]) CASES.push([target, runs, latency, statics, mode]);

let bc: BcSandbox;
let orders: Order[];
let processes: INodeType[] = [];
const totals = { cases: 0, runs: 0, references: 0, twinsCancelled: 0, separateProcessTwins: 0, finalDuplicates: 0 };

beforeAll(async () => {
	fastRetries();
	bc = await startBigCommerceSandbox({ seed: { orders: 15 + 12, awaitingFulfillmentShare: 1, specialOrders: false }, quota: 1000, windowMs: 1000 });
	const variants = bc.getVariants().filter((v) => v.sku);
	bc.addOrder({
		lines: [
			{ sku: variants[0].sku, productId: variants[0].product_id, variantId: variants[0].id, quantity: 2, addressIndex: 0 },
			{ sku: variants[1].sku, productId: variants[1].product_id, variantId: variants[1].id, quantity: 3, addressIndex: 1 },
		],
		addresses: [{}, { city: 'Boston' }],
	});
	orders = await fetchOrderItems(bc);
	processes = Array.from({ length: 5 }, () => nodeInOtherProcess('wmsDeliver'));
});
afterAll(async () => {
	restoreRetries();
	await bc?.close();
	console.log(`[deliver overlap] ${totals.cases} cases, ${totals.runs} runs, ${totals.references} references each delivered once: ${totals.twinsCancelled} twin WMS orders created by overlapping runs and cancelled (${totals.separateProcessTwins} across "processes"), ${totals.finalDuplicates} duplicates left`);
});

describe('WMS Deliver: overlapping runs create every warehouse order once, even when the warehouse accepts duplicates', () => {
	it.each(CASES)('%s WMS, %i runs at once, %i ms latency, %s static data, %s', async (target, runs, latency, statics, mode) => {
		// Every case starts from orders still Awaiting Fulfillment (the previous case moved them to Awaiting Shipment,
		// and the status re-check would rightly skip an order moved on but not in this fresh warehouse).
		for (const o of orders) bc.setOrderStatus(o.orderId, 11);
		const wms = await startWmsSandbox({ items: catalogItems(bc), latencyMs: latency, extensiv: { allowDuplicateReferences: true }, http: { allowDuplicateReferences: true } });
		try {
			const credentials = {
				bigCommerceApi: bc.credentials,
				...(target === 'extensiv' ? { extensivWarehouseManagerApi: { ...wms.extensivCredentials } } : { wmsHttpApi: { ...wms.httpCredentials } }),
			};
			const shared: IDataObject = {};
			const results = await Promise.all(
				Array.from({ length: runs }, async (_, i) =>
					await runNode('wmsDeliver', { wmsType: target }, orders as never[], {
						credentials,
						staticData: statics === 'shared' ? shared : {},
						continueOnFail: true,
						extraNodeTypes: mode === 'separate processes' ? { [`${PACKAGE_NAME}.wmsDeliver`]: processes[i] } : undefined,
					}),
				),
			);
			for (const r of results) expect(r.result.error).toBeUndefined();
			const items = results.flatMap((r) => r.items);
			expect(items.filter((i) => i.outcome !== 'created' && i.outcome !== 'exists').map((i) => `${i.reference}: ${i.outcome} ${i.reason}`)).toEqual([]);

			assertWmsHasExactly(wms, orders);
			const references = [...expectedWmsOrders(orders).keys()];
			expect(references.length).toBeGreaterThanOrEqual(10);
			for (const reference of references) {
				const created = items.filter((i) => i.reference === reference && i.outcome === 'created');
				expect({ reference, created: created.length }).toEqual({ reference, created: 1 });
				// Every run names the one order that stays.
				const kept = wms.findByReference(reference).find((o) => o.status !== 'cancelled')!;
				expect(new Set(items.filter((i) => i.reference === reference).map((i) => i.wmsOrderId))).toEqual(new Set([String(kept.orderId)]));
			}
			const twins = wms.listOrders().filter((o) => o.status === 'cancelled').length;
			if (mode === 'one process') expect(twins).toBe(0);
			else totals.separateProcessTwins += twins;
			totals.twinsCancelled += twins;
			totals.cases++;
			totals.runs += runs;
			totals.references += references.length;
			const active = wms.listOrders().filter((o) => o.status !== 'cancelled').map((o) => o.referenceNum);
			totals.finalDuplicates += active.length - new Set(active).size;
		} finally {
			await wms.close();
		}
	});

	it('the separate-process cases did race: the warehouse accepted twins and the guard cancelled them', () => {
		expect(totals.cases).toBe(CASES.length);
		expect(totals.separateProcessTwins).toBeGreaterThan(0);
		expect(totals.finalDuplicates).toBe(0);
	});
});
