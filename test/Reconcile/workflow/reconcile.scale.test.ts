/**
 * Reconcile at size and under faults: no false positive on a synced store of 1,000 orders in the window and 10,000
 * SKUs (with its request counts against the lower bound), and under 20% faults on both sandboxes the report either
 * is complete (exactly the planted drifts) or names the part it could not check, never a drift that is not there.
 */
import type { IDataObject } from 'n8n-workflow';
import { DEFAULT_TRANSPORT_SETTINGS, transportSettings } from '../../../nodes/shared/bigcommerce/retry';
import { runNode } from '../../helpers/harness';
import { HOUR, PREFIX, addBcOrder, alignStock, credentials, deliver, startWorld, syncedOrders, type World } from '../world';

async function reconcile(w: World, wmsType: 'http' | 'extensiv', extra: IDataObject = {}) {
	const { items, result } = await runNode('reconcile', { wmsType, referencePrefix: PREFIX, neverDeliveredHours: 1, ...extra }, [{}], { credentials: credentials(w) });
	if (result.error) throw result.error;
	const [summary, ...findings] = items;
	return { summary, findings };
}

describe('Reconcile at size and under faults (engine + sandboxes)', () => {
	let w: World;
	beforeAll(() => {
		Object.assign(transportSettings, { backoffBaseMs: 2, backoffCapMs: 20, maxWaitMs: 2000, rateLimitMarginMs: 5 });
	});
	afterAll(() => {
		Object.assign(transportSettings, DEFAULT_TRANSPORT_SETTINGS);
	});
	afterEach(async () => {
		await w?.close();
	});

	it.each(['http', 'extensiv'] as const)('no false positive on 1,000 orders and 10,000 SKUs (%s), list reads only', async (wmsType) => {
		w = await startWorld();
		for (let i = 1; i <= 10000 - 6; i++) {
			const sku = `GEN-${String(i).padStart(5, '0')}`;
			w.wms.setStock(sku, i % 97);
			w.bc.addProduct({ sku, tracking: 'product', level: i % 97 });
		}
		await syncedOrders(w, 1000, 4);
		await alignStock(w);
		w.bc.resetRequestLog();
		w.wms.resetRequestLog();
		const { summary, findings } = await reconcile(w, wmsType);
		expect(findings).toEqual([]);
		expect(summary).toMatchObject({ total: 0, complete: true, checked: { bigCommerceOrders: 1000, warehouseOrders: 1000, warehouseSkus: 10000 } });
		const products = w.bc.getProducts().length;
		const bound = Math.ceil(1000 / 250) + Math.ceil(products / 250);
		const used = w.bc.countRequests();
		const wmsUsed = w.wms.countRequests();
		console.log(`[reconcile ${wmsType}] 1,000 orders + ${products} products: ${used} BigCommerce requests (lower bound ${bound}), ${wmsUsed} warehouse requests`);
		expect(used).toBeLessThanOrEqual(Math.floor(1.5 * bound));
		// No per-order reads: only list endpoints.
		expect(w.bc.requestLog().filter((r) => /^\/v2\/orders\/\d+/.test(r.path))).toEqual([]);
		expect(w.wms.requestLog().filter((r) => /\/orders\/\d+/.test(r.path))).toEqual([]);
	}, 120_000);

	it.each([1, 2, 3])('20%% faults (seed %i): complete with exactly the planted drifts, or names what it could not check', async (seed) => {
		w = await startWorld();
		await syncedOrders(w, 20);
		const late = addBcOrder(w, { statusId: 11, ageMs: 3 * HOUR });
		const cancelled = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR });
		await deliver(w, cancelled);
		w.bc.setOrderStatus(cancelled, 5);
		await alignStock(w);
		w.wms.setStock('MUG-BLUE', 70);
		const planted = [`neverDelivered ${late}`, `cancelledInBigCommerceActiveInWarehouse ${cancelled}`, 'stockDiffers MUG-BLUE'];
		w.bc.setFaults({ rate: 0.2, kinds: ['500', '503', '429', '429-no-headers', 'drop'], seed });
		w.wms.setFaults({ rate: 0.2, kinds: ['500', '503', 'drop'], seed: seed + 10 });
		const { summary, findings } = await reconcile(w, 'http');
		const faults = w.bc.requestLog().filter((r) => r.fault).length + w.wms.requestLog().filter((r) => r.fault).length;
		const found = findings.map((f) => `${f.kind} ${f.orderId ?? f.sku}`);
		console.log(`[reconcile faults seed ${seed}] ${faults} faults injected, complete: ${String(summary.complete)}, not checked: ${JSON.stringify(summary.notChecked)}`);
		expect(faults).toBeGreaterThan(0);
		for (const f of found) expect(planted).toContain(f);
		if (summary.complete) expect(found.sort()).toEqual([...planted].sort());
		else expect((summary.notChecked as IDataObject[]).length).toBeGreaterThan(0);
	}, 120_000);

	it('a part that stays down is named in the summary and the report; the other findings are still exact', async () => {
		w = await startWorld();
		await syncedOrders(w, 10);
		const late = addBcOrder(w, { statusId: 11, ageMs: 3 * HOUR });
		await alignStock(w);
		w.wms.setFaults({ rate: 1, kinds: ['500'], pathPattern: /inventory/ });
		const { summary, findings } = await reconcile(w, 'http');
		expect(findings.map((f) => `${f.kind} ${f.orderId ?? f.sku}`)).toEqual([`neverDelivered ${late}`]);
		expect(summary).toMatchObject({ complete: false, notChecked: [{ part: 'warehouseStock', reason: expect.stringMatching(/stock/) }] });
		expect(String(summary.message)).toMatch(/Not checked: warehouse stock/);
	}, 120_000);
});
