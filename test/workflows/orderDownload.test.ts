/**
 * workflows/order-download.json as shipped, through n8n's engine against both sandboxes: every order awaiting
 * fulfillment with something to ship reaches the warehouse exactly once per shipping address with its lines, and
 * is set to Awaiting Shipment; the order with a line without SKU is held and routed to "Needs attention"; the
 * digital-only order is left out; the example ship-method mapping reaches the warehouse; polling again later sends
 * nothing twice and the held order does not reach "Needs attention" again. With the warehouse down, or WMS Deliver
 * unable to start, every order lands on "Needs attention" and the run ends as failed (Stop and Error) naming them.
 */
import type { IDataObject } from 'n8n-workflow';
import { triggerClock } from '../../nodes/BigCommerceOrdersTrigger/clock';
import { pollAndRun } from '../helpers/harness';
import { fastRetries, restoreRetries } from '../WmsDeliver/workflow/setup';
import {
	AWAITING_FULFILLMENT,
	AWAITING_SHIPMENT,
	BUNDLED,
	downloadAll,
	loadBundled,
	physicalLines,
	startWorld,
	type DemoWorld,
} from './setup';

describe('bundled workflow: order-download.json', () => {
	let world: DemoWorld;
	const realNow = triggerClock.now;
	const wf = loadBundled(BUNDLED.orderDownload);

	beforeAll(async () => {
		world = await startWorld(2);
	});
	afterAll(async () => {
		triggerClock.now = realNow;
		await world?.close();
	});

	it('delivers each order once per address, holds the one without SKU, skips digital-only; a later poll sends nothing twice', async () => {
		const { bc, wms } = world;
		const awaiting = bc.listOrderIds({ statusId: AWAITING_FULFILLMENT });
		const digitalOnly = awaiting.filter((id) => physicalLines(world, id).length === 0);
		const withoutSku = awaiting.filter((id) => physicalLines(world, id).some((l) => l.sku === ''));
		const deliverable = awaiting.filter((id) => !digitalOnly.includes(id) && !withoutSku.includes(id));
		// The seeded store has all the special cases this test is about.
		expect(digitalOnly.length).toBeGreaterThanOrEqual(1);
		expect(withoutSku.length).toBeGreaterThanOrEqual(1);
		expect(deliverable.some((id) => bc.getShippingAddresses(id).length === 2)).toBe(true);

		const staticData: IDataObject = {};
		const { emitted, runs } = await downloadAll(world, wf, staticData);
		// No order failed: every run succeeds and never reaches Stop and Error.
		for (const run of runs) expect({ status: run.status, error: run.error?.message }).toEqual({ status: 'success', error: undefined });
		for (const run of runs) expect(run.executedNodes).not.toContain(wf.stop);
		expect(emitted.map((o) => o.orderId).sort()).toEqual([...deliverable, ...withoutSku].sort());

		// The warehouse: one order per shipping address, with that address's lines, nothing else.
		const expectedRefs: string[] = [];
		let mapped = 0;
		for (const id of deliverable) {
			bc.getShippingAddresses(id).forEach((address, index) => {
				const ref = index === 0 ? String(id) : `${id}/${index + 1}`;
				expectedRefs.push(ref);
				const records = wms.findByReference(ref);
				expect({ ref, count: records.length }).toEqual({ ref, count: 1 });
				const want = physicalLines(world, id)
					.filter((l) => l.order_address_id === address.id)
					.map((l) => `${l.sku}:${l.quantity}`)
					.sort();
				expect({ ref, lines: records[0].lines.map((l) => `${l.sku}:${l.qty}`).sort() }).toEqual({ ref, lines: want });
				// The example mapping of the shipped file: "UPS Ground" -> carrier UPS, mode Ground.
				if (address.shipping_method === 'UPS Ground') {
					mapped++;
					expect(records[0].routing).toMatchObject({ carrier: 'UPS', mode: 'Ground', billingCode: 'Prepaid' });
				}
			});
			expect({ id, status: bc.getOrder(id)?.status_id }).toEqual({ id, status: AWAITING_SHIPMENT });
		}
		expect(wms.listOrders().map((r) => r.referenceNum).sort()).toEqual(expectedRefs.sort());
		expect(mapped).toBeGreaterThan(0);

		// Held: still awaiting fulfillment, not in the warehouse, on the "Needs attention" branch with the reason.
		const attention = runs.flatMap((r) => r.output(wf.attention));
		expect(attention.map((a) => [a.orderId, a.outcome]).sort()).toEqual(withoutSku.map((id) => [id, 'held']).sort());
		for (const a of attention) expect(a).toMatchObject({ reason: expect.stringMatching(/has no SKU/), needsAttention: true });
		for (const id of [...withoutSku, ...digitalOnly]) expect(bc.getOrder(id)?.status_id).toBe(AWAITING_FULFILLMENT);
		const delivered = runs.flatMap((r) => r.output(wf.action)).filter((i) => i.outcome === 'created');
		expect(delivered).toHaveLength(expectedRefs.length);

		// Past the redelivery window only the held order is offered again; it is held again and nothing is duplicated.
		triggerClock.now = () => realNow() + 31 * 60000;
		const again = await downloadAll(world, wf, staticData);
		expect(again.emitted.map((o) => o.orderId).sort()).toEqual([...withoutSku].sort());
		expect(again.runs.flatMap((r) => r.output(wf.action)).map((i) => i.outcome)).toEqual(withoutSku.map(() => 'held'));
		expect(wms.listOrders()).toHaveLength(expectedRefs.length);
		// The same hold was reported already: it does not reach "Needs attention" again, and the run succeeds.
		expect(again.runs.flatMap((r) => r.output(wf.action)).map((i) => i.needsAttention)).toEqual(withoutSku.map(() => false));
		expect(again.runs.flatMap((r) => r.output(wf.attention))).toEqual([]);
		for (const run of again.runs) expect(run.status).toBe('success');
	});

	it('with the warehouse down, every order reaches "Needs attention", nothing changed, and each run ends as failed naming its orders', async () => {
		const down = await startWorld(6);
		fastRetries();
		try {
			down.wms.setFaults({ rate: 1, kinds: ['503'] });
			const awaiting = down.bc.listOrderIds({ statusId: AWAITING_FULFILLMENT });
			const { emitted, runs } = await downloadAll(down, wf, {});
			expect(emitted.length).toBeGreaterThan(5);
			for (const run of runs) {
				expect(run.status).toBe('error');
				expect(run.run.data.resultData.lastNodeExecuted).toBe(wf.stop);
				const failedIds = [...new Set(run.output(wf.action).filter((i) => i.outcome === 'failed').map((i) => i.orderId))];
				expect(run.error?.message).toMatch(new RegExp(`^${failedIds.length} BigCommerce order\\(s\\) could not be sent to the warehouse: `));
				for (const id of failedIds.slice(0, 20)) expect(run.error?.message).toMatch(new RegExp(`\\b${id}\\b`));
			}
			const attention = runs.flatMap((r) => r.output(wf.attention));
			const ids = new Set(emitted.map((o) => o.orderId));
			expect(new Set(attention.map((a) => a.orderId))).toEqual(ids);
			for (const a of attention) expect(a.outcome === 'failed' || a.outcome === 'held').toBe(true);
			expect(attention.filter((a) => a.outcome === 'failed').length).toBeGreaterThan(0);
			expect(down.wms.listOrders()).toEqual([]);
			expect(down.bc.listOrderIds({ statusId: AWAITING_FULFILLMENT })).toEqual(awaiting);
		} finally {
			restoreRetries();
			await down.close();
		}
	});

	it('when WMS Deliver cannot start at all (incomplete warehouse credential), the orders reach "Needs attention" and the run fails', async () => {
		const broken = await startWorld(7);
		try {
			const credentials = { ...broken.credentials, extensivWarehouseManagerApi: { ...broken.credentials.extensivWarehouseManagerApi, customerId: '' } };
			const { emitted, result } = await pollAndRun(wf.json, { triggerNode: wf.trigger, credentials, staticData: {} });
			expect(emitted.length).toBeGreaterThan(5);
			expect(result?.status).toBe('error');
			expect(result?.error?.message).toMatch(/^WMS Deliver could not run, so none of the \d+ orders was sent: open WMS Deliver in this execution/);
			const attention = result!.output(wf.attention);
			expect(attention.map((a) => a.orderId).sort()).toEqual(emitted.map((o) => o.orderId).sort());
			for (const a of attention) expect(a.outcome).toBeUndefined();
			expect(broken.wms.listOrders()).toEqual([]);
		} finally {
			await broken.close();
		}
	});
});
