/**
 * One scenario per bundled workflow: what to do around it in the sandboxes, and the end state to assert there.
 * Every workflow runs through n8n's own activation (its trigger fires on its schedule inside `n8n start`).
 */
import type { BcSandbox } from '../../sandbox/bigcommerce/types';
import type { WmsOrderRecord, WmsSandbox } from '../../sandbox/wms/types';
import type { N8nApi } from './n8n-api';
import { sleep } from './n8n-process';
import { countSuccesses, executionStatus, waitForRuns, waitUntil } from './wait';
import { trackedLine } from './harness';

export interface ScenarioContext {
	api: N8nApi;
	workflowId: string;
	bc: BcSandbox;
	wms: WmsSandbox;
	/** Facts one scenario leaves for the next (the cycle is order -> shipment -> stock). */
	shared: { deliveredOrderIds?: number[] };
	log(msg: string): void;
}

export interface Scenario {
	/** Path relative to the repository root. */
	file: string;
	/** Fixed workflow id given on import (n8n allows at most 16 characters). */
	workflowId: string;
	/** A scenario whose workflow must have passed first. */
	requires?: string;
	run(ctx: ScenarioContext): Promise<string>;
}

const RUN_TIMEOUT = 120_000;

/** Whether a WMS reference names this BigCommerce order (BC-1001, BC-1001/2, BC-1001-1, 1001 ...). */
const refNames = (reference: string, orderId: number) => new RegExp(`(^|\\D)${orderId}(\\D|$)`).test(reference);

function duplicates(values: string[]): string[] {
	const seen = new Set<string>();
	return [...new Set(values.filter((v) => (seen.has(v) ? true : (seen.add(v), false))))];
}

async function withActivation<T>(ctx: ScenarioContext, body: () => Promise<T>): Promise<T> {
	await ctx.api.activate(ctx.workflowId);
	try {
		return await body();
	} finally {
		await ctx.api.deactivate(ctx.workflowId).catch(() => undefined);
		// An execution may still be running; let it finish before the next workflow changes the sandboxes.
		await sleep(1500);
	}
}

const orderDownload: Scenario = {
	file: 'workflows/order-download.json',
	workflowId: 'e2eOrderDownload',
	async run(ctx) {
		const { bc, wms } = ctx;
		const before = bc.listOrderIds({ statusId: 11 });
		const line = trackedLine(bc);
		let created: number[] = [];
		const pending = () => created.filter((id) => !wms.listOrders().some((r) => refNames(r.referenceNum, id)));
		await withActivation(ctx, async () => {
			// Activation polls once at once (the orders already waiting); orders placed afterwards must be found by a
			// later poll on the trigger's schedule, which also re-reads the first ones (no duplicates asserted below).
			if (before.length) await waitForRuns(ctx.api, ctx.workflowId, 0, 1, 30_000).catch(() => 0);
			created = [1, 2].map((n) =>
				bc.addOrder({ statusId: 11, email: `e2e-${n}@example.com`, lines: [{ ...line, quantity: n }] }),
			);
			ctx.log(`placed orders ${created.join(', ')} after activation; waiting for the trigger's next poll`);
			await waitUntil('the new orders in the WMS', RUN_TIMEOUT, () => pending().length === 0, {
				api: ctx.api,
				workflowId: ctx.workflowId,
				describe: () => `not delivered: ${pending().join(', ')}`,
			});
		});
		const records = wms.listOrders();
		const dup = duplicates(records.map((r) => r.referenceNum));
		if (dup.length) throw new Error(`orders delivered twice to the WMS: ${dup.join(', ')}`);
		const eligible = [...before, ...created];
		const foreign = records.filter((r) => !eligible.some((id) => refNames(r.referenceNum, id)));
		if (foreign.length) {
			throw new Error(`WMS got orders that were not awaiting fulfillment: ${foreign.map((r) => r.referenceNum).join(', ')}`);
		}
		ctx.shared.deliveredOrderIds = eligible.filter((id) => records.some((r) => refNames(r.referenceNum, id)));
		const runs = await countSuccesses(ctx.api, ctx.workflowId);
		return `${records.length} WMS orders from ${ctx.shared.deliveredOrderIds.length} BC orders (${created.length} placed after activation), ${runs} trigger executions, no duplicates`;
	},
};

const shipmentConfirmation: Scenario = {
	file: 'workflows/shipment-confirmation.json',
	workflowId: 'e2eShipmentConf1',
	requires: 'workflows/order-download.json',
	async run(ctx) {
		const { bc, wms } = ctx;
		const orderOf = (r: WmsOrderRecord) => (ctx.shared.deliveredOrderIds ?? []).find((id) => refNames(r.referenceNum, id));
		let expected: Array<{ orderId: number; tracking: string }> = [];
		const missing = () =>
			expected.filter((e) => !bc.getShipments(e.orderId).some((s) => s.tracking_number === e.tracking));
		await withActivation(ctx, async () => {
			await waitForRuns(ctx.api, ctx.workflowId, 0, 1, RUN_TIMEOUT);
			const shipped = wms.shipAll();
			for (const r of shipped) {
				const orderId = orderOf(r);
				if (orderId === undefined) continue;
				// A package without line detail (an order closed without packages) is skipped by default, by design.
				for (const p of r.packages) {
					if (p.trackingNumber && p.contents.length) expected.push({ orderId, tracking: p.trackingNumber });
				}
			}
			if (!expected.length) throw new Error('the WMS shipped no package with a tracking number');
			ctx.log(`warehouse shipped ${shipped.length} orders (${expected.length} packages); waiting for BigCommerce shipments`);
			await waitUntil('the shipments in BigCommerce', RUN_TIMEOUT, () => missing().length === 0, {
				api: ctx.api,
				workflowId: ctx.workflowId,
				describe: () => `missing: ${missing().map((e) => `order ${e.orderId} tracking ${e.tracking}`).join('; ')}`,
			});
			await waitForRuns(ctx.api, ctx.workflowId, await countSuccesses(ctx.api, ctx.workflowId), 1, RUN_TIMEOUT);
		});
		expected = [...new Map(expected.map((e) => [e.tracking, e])).values()];
		const orderIds = [...new Set(expected.map((e) => e.orderId))];
		let shipments = 0;
		for (const orderId of orderIds) {
			const list = bc.getShipments(orderId);
			shipments += list.length;
			const dup = duplicates(list.map((s) => s.tracking_number).filter(Boolean));
			if (dup.length) throw new Error(`order ${orderId}: tracking ${dup.join(', ')} confirmed twice`);
			for (const line of bc.getOrderProducts(orderId)) {
				const qty = list.flatMap((s) => s.items).filter((i) => i.order_product_id === line.id).reduce((a, i) => a + i.quantity, 0);
				if (qty > line.quantity) throw new Error(`order ${orderId} line ${line.sku}: shipped ${qty} of ${line.quantity}`);
			}
		}
		return `${expected.length} packages -> ${shipments} BigCommerce shipments on ${orderIds.length} orders, none twice, no line over-shipped`;
	},
};

const inventorySync: Scenario = {
	file: 'workflows/inventory-sync.json',
	workflowId: 'e2eInventorySync',
	async run(ctx) {
		const { bc, wms } = ctx;
		// The SKUs that hold stock in BigCommerce: the product SKU when it tracks per product, else its variant SKUs.
		const skus = bc
			.getProducts()
			.flatMap((p) =>
				p.inventory_tracking === 'product'
					? [p.sku]
					: p.inventory_tracking === 'variant'
						? bc.getVariants().filter((v) => v.product_id === p.id).map((v) => v.sku)
						: [],
			)
			.filter((sku) => sku && bc.getInventory(sku) && wms.getStock(sku) !== undefined);
		if (!skus.length) throw new Error('no SKU is both tracked in BigCommerce and known to the WMS');
		const changed = skus.slice(0, 10);
		changed.forEach((sku, i) => wms.setStock(sku, bc.getInventory(sku)!.level + 7 + i));
		const differing = () => skus.filter((sku) => bc.getInventory(sku)!.level !== wms.getStock(sku));
		await withActivation(ctx, async () => {
			await waitUntil('BigCommerce stock to match the WMS', RUN_TIMEOUT, () => differing().length === 0, {
				api: ctx.api,
				workflowId: ctx.workflowId,
				describe: () =>
					differing()
						.slice(0, 10)
						.map((sku) => `${sku}: BC ${bc.getInventory(sku)!.level}, WMS ${wms.getStock(sku)}`)
						.join('; '),
			});
		});
		return `${skus.length} tracked SKUs match the WMS (${changed.length} changed in the warehouse before the run)`;
	},
};

/**
 * Issue 14: order-download.json's second branch ("Order changes after hand-off" -> WMS Order Changes), a copy of its
 * own (own id and static data). Two orders are delivered by the first branch after activation; the warehouse starts
 * picking one; both are cancelled in BigCommerce; the change trigger's next poll must cancel the other in the
 * warehouse and leave the picked one open, flagged (needsAttention) on "Needs attention: order changes". No execution
 * may fail (a too-late cancellation is reported, not a failure).
 */
const orderChangesAfterHandOff: Scenario = {
	file: 'workflows/order-download.json',
	workflowId: 'e2eOrderChanges1',
	requires: 'workflows/order-download.json',
	async run(ctx) {
		const { bc, wms } = ctx;
		const line = trackedLine(bc);
		const wmsOrder = (id: number) => wms.listOrders().find((r) => refNames(r.referenceNum, id));
		const [inTime, tooLate] = [1, 2].map((n) => bc.addOrder({ statusId: 11, email: `e2e-change-${n}@example.com`, lines: [{ ...line, quantity: n }] }));
		const flagged = async () => {
			for (const e of await ctx.api.executions(ctx.workflowId)) {
				for (const [node, runs] of Object.entries(e.data?.resultData?.runData ?? {})) {
					if (!/^Needs attention: order changes$/.test(node)) continue;
					const items = (runs ?? []).flatMap((r) => (r?.data?.main ?? []).flat()).map((i) => i?.json ?? {});
					const item = items.find((j) => j.orderId === tooLate && j.needsAttention === true);
					if (item) return item as { outcome?: string; reason?: string };
				}
			}
			return undefined;
		};
		let reported: { outcome?: string; reason?: string } | undefined;
		await withActivation(ctx, async () => {
			// Activation polls both triggers: the change event starts watching, the order download delivers the two.
			await waitUntil('the two orders in the WMS', RUN_TIMEOUT, () => !!wmsOrder(inTime) && !!wmsOrder(tooLate), {
				api: ctx.api,
				workflowId: ctx.workflowId,
				describe: () => `not delivered: ${[inTime, tooLate].filter((id) => !wmsOrder(id)).join(', ')}`,
			});
			wms.setStage(wmsOrder(tooLate)!.orderId, 'picking');
			bc.setOrderStatus(inTime, 5);
			bc.setOrderStatus(tooLate, 5);
			ctx.log(`orders ${inTime} and ${tooLate} delivered; ${tooLate} now being picked; both cancelled in BigCommerce; waiting for the change trigger`);
			await waitUntil('the change trigger to handle both cancellations', RUN_TIMEOUT, async () => wmsOrder(inTime)?.status === 'cancelled' && !!(reported = await flagged()), {
				api: ctx.api,
				workflowId: ctx.workflowId,
				describe: () => `warehouse order of ${inTime}: ${wmsOrder(inTime)?.status}; ${tooLate} on "Needs attention: order changes": ${reported ? 'yes' : 'no'}`,
			});
		});
		if (wmsOrder(tooLate)?.status !== 'open') throw new Error(`order ${tooLate} (being picked) is ${wmsOrder(tooLate)?.status} in the WMS, expected open`);
		if (wms.listOrders().filter((r) => refNames(r.referenceNum, inTime) || refNames(r.referenceNum, tooLate)).length !== 2) throw new Error('a second warehouse order was created');
		return `order ${inTime} cancelled in the WMS; order ${tooLate} still open and flagged (${reported?.outcome}: ${String(reported?.reason ?? '').slice(0, 80)}...)`;
	},
};

/**
 * Issue 11: a run in which an order failed is a failed execution in n8n (red in the Executions list, the instance's
 * Error Workflow fires), ended by the workflow's Stop and Error node with a message naming the order, after the
 * other orders were delivered. A second copy of order-download.json (own id and static data), run last.
 */
const failedOrderFailsTheRun: Scenario = {
	file: 'workflows/order-download.json',
	workflowId: 'e2eOrderDlFail01',
	requires: 'workflows/order-download.json',
	async run(ctx) {
		const { bc, wms } = ctx;
		const product = bc.addProduct({ sku: 'E2E-NOT-IN-WMS', level: 5 });
		const good = bc.addOrder({ statusId: 11, email: 'e2e-good@example.com', lines: [{ ...trackedLine(bc), quantity: 1 }] });
		const failing = bc.addOrder({ statusId: 11, email: 'e2e-fail@example.com', lines: [{ sku: product.sku, productId: product.id, quantity: 1 }] });
		const stop = (await ctx.api.getWorkflow(ctx.workflowId)).nodes.find((n) => n.type === 'n8n-nodes-base.stopAndError')?.name;
		if (!stop) throw new Error('the workflow has no Stop and Error node');
		let seen = '';
		const failedRun = async () => {
			const list = await ctx.api.executions(ctx.workflowId);
			const other = list.find((e) => executionStatus(e) !== 'success' && e.data?.resultData?.error?.node?.name !== stop);
			if (other) throw new Error(`execution ${other.id} ended ${executionStatus(other)} outside "${stop}": ${other.data?.resultData?.error?.message ?? ''}`);
			const failed = list.find((e) => executionStatus(e) === 'error' && e.data?.resultData?.error?.node?.name === stop);
			seen = failed?.data?.resultData?.error?.message ?? '';
			return failed;
		};
		await ctx.api.activate(ctx.workflowId);
		try {
			const started = Date.now();
			while (!(await failedRun())) {
				if (Date.now() - started > RUN_TIMEOUT) throw new Error(`no execution ended failed in "${stop}" within ${RUN_TIMEOUT / 1000} s`);
				await sleep(1000);
			}
		} finally {
			await ctx.api.deactivate(ctx.workflowId).catch(() => undefined);
			await sleep(1500);
		}
		if (!new RegExp(`could not be sent to the warehouse: (.*, )?${failing}\\b`).test(seen)) {
			throw new Error(`the failed execution's message does not name order ${failing}: ${seen}`);
		}
		if (wms.listOrders().some((r) => refNames(r.referenceNum, failing))) throw new Error(`order ${failing} reached the WMS`);
		if (!wms.listOrders().some((r) => refNames(r.referenceNum, good))) throw new Error(`order ${good}, in the same run, was not delivered`);
		return `execution failed in "${stop}": ${seen.slice(0, 90)}...; order ${good} of the same run delivered`;
	},
};

/** Temporary smoke test while workflows/ is empty: our credential type authenticates a real request. */
const credentialSmoke: Scenario = {
	file: 'e2e/fixtures/credential-smoke.json',
	workflowId: 'e2eCredSmoke0001',
	async run(ctx) {
		ctx.bc.resetRequestLog();
		await withActivation(ctx, async () => {
			await waitForRuns(ctx.api, ctx.workflowId, 0, 1, RUN_TIMEOUT);
		});
		const calls = ctx.bc.requestLog().filter((r) => r.method === 'GET' && r.path === '/v2/store');
		if (!calls.some((c) => c.status === 200)) {
			throw new Error(`expected an authenticated GET /v2/store, saw statuses [${calls.map((c) => c.status).join(', ')}]`);
		}
		return `n8n's HTTP Request node authenticated with our bigCommerceApi credential (${calls.length} call(s), HTTP 200)`;
	},
};

export const bundledScenarios: Scenario[] = [orderDownload, shipmentConfirmation, inventorySync, orderChangesAfterHandOff, failedOrderFailsTheRun];
export const fixtureScenarios: Scenario[] = [credentialSmoke];
