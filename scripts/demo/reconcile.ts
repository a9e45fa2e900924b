/**
 * The demo's last step: Reconcile finds the drifts the demo plants and repairs them. A first run (report only) notes
 * what the seeded store already differs in; then the demo plants one drift of four kinds through the sandboxes (an
 * order never delivered, a shipment the warehouse made that BigCommerce does not have, an order cancelled in
 * BigCommerce but open in the warehouse, a stock level moved in the warehouse); the second run must find exactly
 * those as new, the third (Repair on) must repair each, and a fourth must find none of them. The report of the
 * second run is written to .demo/reconcile-<date>.html.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../test/helpers/harness';
import { HOUR, addBcOrder, deliver, type World } from '../../test/Reconcile/world';
import type { DemoWorld } from './world';

const key = (f: IDataObject) => `${String(f.kind)} ${String(f.orderId ?? f.sku)}`;

async function reconcile(world: DemoWorld, referencePrefix: string, repair: boolean) {
	const parameters = { wmsType: 'extensiv', referencePrefix, neverDeliveredHours: 1, repair };
	const { items, result } = await runNode('reconcile', parameters, [{}], { credentials: world.credentials });
	if (result.error) throw new Error(`Reconcile stopped: ${result.error.message}`);
	const binary = result.run.data.resultData.runData['Node Under Test'][0].data!.main[0]![0].binary?.report;
	const [summary, ...findings] = items;
	return { summary, findings, html: binary ? Buffer.from(binary.data, 'base64').toString('utf8') : '' };
}

/** A tracked SKU the store and the warehouse agree on, with its product, for planted orders and the stock drift. */
function pickSku(world: DemoWorld, taken: Set<string>): { sku: string; productId: number } {
	for (const p of world.bc.getProducts()) {
		const record = p.type === 'physical' ? world.bc.getInventory(p.sku) : undefined;
		const variants = world.bc.getVariants().filter((v) => v.product_id === p.id);
		if (record?.tracking === 'product' && variants.length === 1 && !taken.has(`stockDiffers ${p.sku}`) && (world.wms.getStock(p.sku) ?? -1) >= 0)
			return { sku: p.sku, productId: p.id };
	}
	throw new Error('no tracked simple product to plant drifts with');
}

async function plant(world: DemoWorld, referencePrefix: string, baseline: Set<string>): Promise<string[]> {
	const { sku, productId } = pickSku(world, baseline);
	const w = { bc: world.bc, wms: world.wms, productIds: new Map([[sku, productId]]) } as unknown as World;
	const late = addBcOrder(w, { statusId: 11, ageMs: 3 * HOUR, sku, quantity: 1 });
	const shipped = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR, sku, quantity: 1 });
	world.wms.ship(Number(await deliver(w, shipped, `${referencePrefix}${shipped}`)), { kind: 'single' });
	const cancelled = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR, sku, quantity: 1 });
	await deliver(w, cancelled, `${referencePrefix}${cancelled}`);
	world.bc.setOrderStatus(cancelled, 5);
	world.wms.setStock(sku, (world.wms.getStock(sku) ?? 0) + 9);
	return [`neverDelivered ${late}`, `shipmentMissingInBigCommerce ${shipped}`, `cancelledInBigCommerceActiveInWarehouse ${cancelled}`, `stockDiffers ${sku}`];
}

export async function runReconciliation(world: DemoWorld, referencePrefix: string, log: (line: string) => void): Promise<string[]> {
	const mismatches: string[] = [];
	log('');
	log('Reconciliation (Reconcile node): is everything in sync?');
	const before = await reconcile(world, referencePrefix, false);
	const baseline = new Set(before.findings.map(key));
	const kinds = Object.entries(before.summary.totals as Record<string, number>).filter(([, n]) => n > 0);
	log(`  Before: ${before.summary.message} What the seeded store already differs in: ${kinds.map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing'}.`);
	const planted = await plant(world, referencePrefix, baseline);
	log(`  Planted: ${planted.join('; ')}`);

	const found = await reconcile(world, referencePrefix, false);
	const fresh = found.findings.filter((f) => !baseline.has(key(f)));
	for (const f of fresh) log(`    found ${String(f.kind)}: ${String(f.message)}`);
	const freshKeys = fresh.map(key).sort();
	if (JSON.stringify(freshKeys) !== JSON.stringify([...planted].sort())) mismatches.push(`Reconcile found ${freshKeys.join(', ') || 'nothing new'}, planted ${planted.join(', ')}`);
	const dir = path.join(__dirname, '..', '..', '.demo');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `reconcile-${new Date().toISOString().slice(0, 10)}.html`);
	fs.writeFileSync(file, found.html);
	log(`  Report: ${file}`);

	const repaired = await reconcile(world, referencePrefix, true);
	for (const k of planted) {
		const f = repaired.findings.find((x) => key(x) === k);
		if (f?.repaired !== true) mismatches.push(`${k} was not repaired: ${String(f?.repairResult ?? 'not found')}`);
	}
	log(`  Repair: ${repaired.summary.message}`);
	for (const f of repaired.findings.filter((x) => x.repaired === false)) log(`    not repaired (seeded store): ${key(f)}: ${String(f.repairResult).slice(0, 160)}`);
	const after = await reconcile(world, referencePrefix, false);
	const left = after.findings.map(key).filter((k) => planted.includes(k));
	if (left.length) mismatches.push(`after Repair, Reconcile still finds ${left.join(', ')}`);
	log(`  After repair: ${after.summary.message}${left.length ? '' : ' None of the planted drifts is left.'}`);
	return mismatches;
}
