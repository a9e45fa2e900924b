/**
 * The demo's step "order changes after hand-off": order-download.json's second branch as shipped ("Order changes
 * after hand-off" -> WMS Order Changes). Two new orders reach the warehouse through the first branch; the warehouse
 * starts picking one of them; the customer cancels both in BigCommerce. One poll of the change trigger must cancel
 * the first in the warehouse and put the second (too late: picking started) on "Needs attention: order changes"
 * with the reason; then a person stops that one in the warehouse by hand. Returns what does not match the sandboxes.
 */
import type { IDataObject } from 'n8n-workflow';
import { pollAndRun, pollOnce, runWorkflow } from '../../test/helpers/harness';
import { BUNDLED, loadBundled } from './workflows';
import type { DemoWorld } from './world';

const AWAITING_FULFILLMENT = 11;
const CANCELLED = 5;

/** A simple physical product whose SKU the warehouse stocks, for the two demo orders. */
function stockedLine(world: DemoWorld): { sku: string; productId: number } {
	for (const p of world.bc.getProducts()) {
		const variants = world.bc.getVariants().filter((v) => v.product_id === p.id);
		if (p.type === 'physical' && p.sku && variants.length === 1 && (world.wms.getStock(p.sku) ?? 0) > 2) return { sku: p.sku, productId: p.id };
	}
	throw new Error('no simple product the warehouse stocks');
}

export async function runOrderChanges(world: DemoWorld, log: (line: string) => void): Promise<string[]> {
	const { bc, wms, credentials } = world;
	const main = loadBundled(BUNDLED.orderDownload);
	const changes = loadBundled(BUNDLED.orderDownload, 'changes');
	const staticData: IDataObject = {};
	const mismatches: string[] = [];
	log('');
	log(`Order changes after hand-off (${changes.file}, branch "${changes.trigger}" -> ${changes.action}):`);

	// The workflow is activated: the change trigger starts watching from now.
	await pollAndRun(changes.json, { triggerNode: changes.trigger, credentials, staticData });
	const line = stockedLine(world);
	const [inTime, tooLate] = [1, 2].map((n) => bc.addOrder({ statusId: AWAITING_FULFILLMENT, email: `changes-${n}@example.com`, lines: [{ ...line, quantity: n }] }));
	const polled = (await pollOnce(main.json, { triggerNode: main.trigger, credentials, staticData: {} }))?.[0] ?? [];
	const delivery = await runWorkflow(main.json, {
		credentials,
		staticData,
		startNode: main.trigger,
		startItems: polled.filter((i) => [inTime, tooLate].includes(Number(i.json.orderId))),
	});
	const created = delivery.output(main.action).filter((r) => r.outcome === 'created').map((r) => Number(r.orderId));
	const warehouseOrder = (orderId: number) => wms.findByReference(String(orderId))[0];
	if (created.length !== 2 || !warehouseOrder(inTime) || !warehouseOrder(tooLate)) {
		return [`Order changes: orders ${inTime} and ${tooLate} should have reached the warehouse, WMS Deliver created ${created.join(', ') || 'none'}`];
	}
	log(`  Orders ${inTime} and ${tooLate} delivered to the warehouse (first branch).`);
	wms.setStage(warehouseOrder(tooLate).orderId, 'picking');
	log(`  The warehouse starts picking order ${tooLate}. The customer cancels both orders in BigCommerce.`);
	bc.setOrderStatus(inTime, CANCELLED);
	bc.setOrderStatus(tooLate, CANCELLED);

	const calls0 = { bc: bc.requestLog().length, wms: wms.requestLog().length };
	const { emitted, result } = await pollAndRun(changes.json, { triggerNode: changes.trigger, credentials, staticData });
	const calls = { bc: bc.requestLog().length - calls0.bc, wms: wms.requestLog().length - calls0.wms };
	const results = result?.output(changes.action) ?? [];
	const attention = result?.output(changes.attention) ?? [];
	const byOrder = new Map(results.map((r) => [Number(r.orderId), r]));
	log(`  Change trigger poll: ${emitted.length} changed orders (${calls.bc} BigCommerce and ${calls.wms} warehouse requests); run ${result?.status ?? 'not started'}.`);
	const others = results.filter((r) => ![inTime, tooLate].includes(Number(r.orderId)));
	if (others.length) {
		const outcomes = [...new Set(others.map((r) => String(r.outcome)))].join(', ');
		log(`    ${others.length} other orders of the seeded store changed lately (${outcomes}), e.g. ${String(others[0].reason)}`);
	}
	for (const id of [inTime, tooLate]) {
		const r = byOrder.get(id);
		log(`    order ${id}: ${String(r?.outcome ?? 'no result')}${r?.needsAttention ? ' -> Needs attention' : ''}: ${String(r?.reason ?? '')}`);
	}

	if (result?.status !== 'success') mismatches.push(`Order changes: the run ended ${result?.status ?? 'without running'} (${result?.error?.message ?? ''})`);
	if (byOrder.get(inTime)?.outcome !== 'cancelled' || warehouseOrder(inTime).status !== 'cancelled')
		mismatches.push(`Order changes: order ${inTime} (cancelled in time) is ${String(byOrder.get(inTime)?.outcome)}, ${warehouseOrder(inTime).status} in the warehouse`);
	if (byOrder.get(tooLate)?.outcome !== 'needsAttention' || warehouseOrder(tooLate).status !== 'open')
		mismatches.push(`Order changes: order ${tooLate} (too late) is ${String(byOrder.get(tooLate)?.outcome)}, ${warehouseOrder(tooLate).status} in the warehouse`);
	const reported = attention.map((a) => Number(a.orderId));
	if (reported.join() !== String(tooLate)) mismatches.push(`Order changes: "${changes.attention}" holds orders [${reported.join(', ')}], expected [${tooLate}]`);
	const cancels = wms.requestLog().slice(calls0.wms).filter((r) => r.method === 'POST' && /cancel/i.test(r.path) && r.status < 300).length;
	if (cancels !== 1) mismatches.push(`Order changes: ${cancels} successful warehouse cancellations, expected 1`);

	// What the person told on "Needs attention" does: stops the order at the warehouse by hand.
	wms.cancel(warehouseOrder(tooLate).orderId);
	log(`  A person reads "${changes.attention}" and stops order ${tooLate} at the warehouse by hand.`);
	const again = await pollAndRun(changes.json, { triggerNode: changes.trigger, credentials, staticData });
	if (again.emitted.length) mismatches.push(`Order changes: the next poll emitted ${again.emitted.length} changes again`);
	return mismatches;
}
