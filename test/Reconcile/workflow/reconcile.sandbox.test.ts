/**
 * Reconcile through n8n's engine against both sandboxes: each kind of drift planted through the sandboxes' APIs is
 * found, and only it; Repair leaves the sides equal and a second run finds nothing.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../helpers/harness';
import { HOUR, PREFIX, addBcOrder, alignStock, credentials, deliver, startWorld, syncedOrders, type World } from '../world';

function params(wmsType: 'http' | 'extensiv', extra: IDataObject = {}): IDataObject {
	return { wmsType, referencePrefix: PREFIX, neverDeliveredHours: 1, ...extra };
}

async function reconcile(w: World, wmsType: 'http' | 'extensiv', extra: IDataObject = {}, staticData: IDataObject = {}) {
	const { items, result } = await runNode('reconcile', params(wmsType, extra), [{}], { credentials: credentials(w), staticData });
	if (result.error) throw result.error;
	const [summary, ...findings] = items;
	return { summary, findings, result };
}

const brief = (findings: IDataObject[]) => findings.map((f) => `${f.kind} ${f.orderId ?? f.sku}`).sort();

interface Planted {
	neverDelivered: number;
	shipmentMissing: number;
	shippedOpen: number;
	cancelledActive: number;
	unknownRef: number;
}

/** One drift of each kind on top of a synced store. */
async function plantEveryKind(w: World): Promise<Planted> {
	const neverDelivered = addBcOrder(w, { statusId: 11, ageMs: 3 * HOUR });
	addBcOrder(w, { statusId: 11, ageMs: 10 * 60_000 }); // younger than the threshold: not yet late
	const shipmentMissing = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR });
	w.wms.ship(Number(await deliver(w, shipmentMissing)), { kind: 'packages', count: 2 });
	const shippedOpen = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR });
	await deliver(w, shippedOpen);
	w.bc.setOrderStatus(shippedOpen, 2);
	const cancelledActive = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR });
	await deliver(w, cancelledActive);
	w.bc.setOrderStatus(cancelledActive, 5);
	const unknownRef = 990001;
	await deliver(w, -1, `${PREFIX}${unknownRef}`);
	await alignStock(w);
	w.wms.setStock('MUG-BLUE', 77);
	w.wms.setStock('WMS-ONLY', 5);
	w.bc.addProduct({ sku: 'BC-ONLY', tracking: 'product', level: 3 });
	return { neverDelivered, shipmentMissing, shippedOpen, cancelledActive, unknownRef };
}

describe.each(['http', 'extensiv'] as const)('Reconcile (%s WMS, engine + sandboxes)', (wmsType) => {
	let w: World;
	beforeEach(async () => {
		w = await startWorld();
	});
	afterEach(async () => {
		await w.close();
	});

	it('finds nothing on a synced store', async () => {
		await syncedOrders(w, 30);
		await alignStock(w);
		const { summary, findings } = await reconcile(w, wmsType);
		expect(findings).toEqual([]);
		expect(summary).toMatchObject({ kind: 'summary', total: 0, complete: true, notChecked: [], checked: { bigCommerceOrders: 30, warehouseOrders: 30 } });
	});

	it('finds exactly the planted drifts, one of each kind, with both sides and a suggested repair', async () => {
		await syncedOrders(w, 20);
		const p = await plantEveryKind(w);
		const { summary, findings, result } = await reconcile(w, wmsType);
		expect(brief(findings)).toEqual(
			[
				`neverDelivered ${p.neverDelivered}`,
				`shipmentMissingInBigCommerce ${p.shipmentMissing}`,
				`shippedInBigCommerceOpenInWarehouse ${p.shippedOpen}`,
				`cancelledInBigCommerceActiveInWarehouse ${p.cancelledActive}`,
				`unknownToBigCommerce ${p.unknownRef}`,
				'stockDiffers MUG-BLUE',
				'skuOnlyInWarehouse WMS-ONLY',
				'skuOnlyInBigCommerce BC-ONLY',
			].sort(),
		);
		for (const f of findings) {
			expect(f.bigCommerce).toBeDefined();
			expect(f.warehouse).toBeDefined();
			expect(String(f.suggestedRepair)).not.toBe('');
			expect(f.repaired).toBeUndefined();
		}
		expect(findings.find((f) => f.kind === 'stockDiffers')).toMatchObject({ bigCommerce: { level: 80 }, warehouse: { quantity: 77, expectedInBigCommerce: 77 } });
		expect(summary).toMatchObject({ total: 8, complete: true, totals: { neverDelivered: 1, stockDiffers: 1 } });
		const binary = result.run.data.resultData.runData['Node Under Test'][0].data!.main[0]![0].binary!.report;
		expect(binary).toMatchObject({ mimeType: 'text/html', fileExtension: 'html' });
		expect(binary.fileName).toMatch(/^reconcile-\d{4}-\d{2}-\d{2}\.html$/);
	});

	it('repairs every repairable drift exactly once; a second run finds nothing', async () => {
		await syncedOrders(w, 10);
		const neverDelivered = addBcOrder(w, { statusId: 11, ageMs: 3 * HOUR });
		const shipmentMissing = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR });
		w.wms.ship(Number(await deliver(w, shipmentMissing)), { kind: 'packages', count: 2 });
		const cancelled = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR });
		await deliver(w, cancelled);
		w.bc.setOrderStatus(cancelled, 5);
		await deliver(w, -1, `${PREFIX}990002`);
		await alignStock(w);
		w.wms.setStock('MUG-BLUE', 61);
		w.wms.setStock('POSTER-A2', 12);

		const staticData: IDataObject = {};
		const first = await reconcile(w, wmsType, { repair: true }, staticData);
		expect(first.findings).toHaveLength(6);
		for (const f of first.findings) expect([f.kind, f.repaired, f.repairResult]).toEqual([f.kind, true, expect.any(String)]);
		expect(first.summary).toMatchObject({ repaired: 6, repairsFailed: 0 });

		// The sides are equal: the order is in the warehouse once and Awaiting Shipment, the shipments exist once
		// per package, the cancelled orders are cancelled, stock matches.
		expect(w.wms.findByReference(`${PREFIX}${neverDelivered}`).filter((o) => o.status !== 'cancelled')).toHaveLength(1);
		expect(w.bc.getOrder(neverDelivered)!.status_id).toBe(9);
		expect(w.bc.getShipments(shipmentMissing)).toHaveLength(2);
		expect(w.wms.findByReference(`${PREFIX}${cancelled}`)[0].status).toBe('cancelled');
		expect(w.wms.findByReference(`${PREFIX}990002`)[0].status).toBe('cancelled');
		expect(w.bc.getInventory('MUG-BLUE')!.level).toBe(61);

		const second = await reconcile(w, wmsType, { repair: true }, staticData);
		expect(brief(second.findings)).toEqual([]);
		expect(second.summary).toMatchObject({ total: 0, repaired: 0 });
		expect(w.bc.getShipments(shipmentMissing)).toHaveLength(2);
		expect((staticData['node:Node Under Test'] as IDataObject).reconcileHistory).toEqual([expect.objectContaining({ total: 6 }), expect.objectContaining({ total: 0 })]);
	});

	it('split shipments (R-1, R-2) and a two-address order (R, R/2): nothing when Confirm Shipment confirmed them; a split not confirmed is found and repaired', async () => {
		await syncedOrders(w, 3);
		const split = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR, quantity: 4 });
		w.wms.ship(Number(await deliver(w, split)), { kind: 'split' });
		const twoAddresses = w.bc.addOrder({
			statusId: 9,
			dateCreated: new Date(Date.now() - 3 * HOUR),
			lines: [
				{ sku: 'MUG-RED', quantity: 1, productId: w.productIds.get('MUG-RED'), addressIndex: 0 },
				{ sku: 'POSTER-A2', quantity: 2, productId: w.productIds.get('POSTER-A2'), addressIndex: 1 },
			],
		});
		const [first] = [...new Set(w.bc.getOrderProducts(twoAddresses).map((l) => l.order_address_id))].sort((a, b) => a - b);
		const linesOf = (addressId: number) => w.bc.getOrderProducts(twoAddresses).filter((l) => l.order_address_id === addressId);
		expect(linesOf(first).map((l) => l.sku)).toEqual(['MUG-RED']);
		w.wms.ship(Number(await deliver(w, twoAddresses, `${PREFIX}${twoAddresses}`)), { kind: 'single' });
		await deliver(w, twoAddresses, `${PREFIX}${twoAddresses}/2`);
		const confirm = await runNode('confirmShipment', { source: 'wms', wmsType, referencePrefix: PREFIX }, [{}], { credentials: credentials(w) });
		expect(confirm.result.error).toBeUndefined();
		expect(w.bc.getShipments(split)).toHaveLength(2);
		await alignStock(w);
		expect(brief((await reconcile(w, wmsType)).findings)).toEqual([]);

		const missing = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR, quantity: 4 });
		w.wms.ship(Number(await deliver(w, missing)), { kind: 'split' });
		await alignStock(w);
		const found = await reconcile(w, wmsType);
		expect(brief(found.findings)).toEqual([`shipmentMissingInBigCommerce ${missing}`]);
		expect(found.findings[0]).toMatchObject({ warehouse: { lines: [{ sku: 'MUG-RED', shipped: 4 }] }, bigCommerce: { lines: [{ sku: 'MUG-RED', ordered: 4, shipped: 0 }] } });
		const repaired = await reconcile(w, wmsType, { repair: true });
		expect(repaired.findings[0]).toMatchObject({ repaired: true });
		expect(w.bc.getShipments(missing)).toHaveLength(2);
		expect(brief((await reconcile(w, wmsType, { repair: true })).findings)).toEqual([]);
		expect(w.bc.getShipments(missing)).toHaveLength(2);
	});
});
