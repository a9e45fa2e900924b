/**
 * Confirm Shipment under 20% faults on both sandboxes (5xx, 429 with and without headers, dropped connections and
 * shipments whose response is lost after BigCommerce applied them): reruns end with exactly the packages the WMS
 * shipped, no duplicate shipment and no over-shipped line.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../helpers/harness';
import { SCENARIOS, confirmParams, overShipped, shippedByWms, shipmentsInBc, useShippedWorld } from './setup';

const count = (list: string[]) => list.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});

/** Every scenario four times over: 40 packages, enough POSTs for lost responses to happen. */
const MANY = [1, 2, 3, 4].flatMap((n) => SCENARIOS.map((s) => ({ ...s, name: `${s.name} #${n}` })));

describe('Confirm Shipment under faults (http WMS, engine + sandboxes)', () => {
	const world = useShippedWorld('http', MANY);

	it('20% faults including lost responses: no duplicate shipment, everything confirmed after reruns', async () => {
		const { bc, wms } = world;
		// lost-response is listed three times so that it is 3 in 8 of the faults on POSTs (GETs never get it).
		const kinds = ['500', '503', '429', '429-no-headers', 'drop', 'lost-response', 'lost-response', 'lost-response'] as const;
		bc.setFaults({ rate: 0.2, kinds: [...kinds], seed: 11 });
		wms.setFaults({ rate: 0.2, kinds: ['500', '503', 'drop'], seed: 5 });
		const staticData: IDataObject = {};
		const outcomes: string[] = [];
		const reasons: string[] = [];
		let runs = 0;
		for (; runs < 8; runs++) {
			const { items } = await runNode('confirmShipment', confirmParams('http'), [{}], {
				credentials: world.credentials,
				staticData,
				continueOnFail: true,
			});
			outcomes.push(...items.map((i) => String(i.outcome)));
			reasons.push(...items.map((i) => String(i.reason ?? '')));
			const done = MANY.every((s) => shipmentsInBc(bc, world.orderIds[s.name]).length === shippedByWms(wms, world.orderIds[s.name]).length);
			if (done && items.every((i) => i.outcome !== 'failed')) break;
		}
		const faults = bc.requestLog().filter((r) => r.fault);
		bc.setFaults(null);
		wms.setFaults(null);
		const lost = faults.filter((f) => f.fault === 'lost-response');
		expect(lost.length).toBeGreaterThan(0);
		expect(lost.every((f) => f.method === 'POST' && /\/v2\/orders\/\d+\/shipments$/.test(f.path))).toBe(true);
		// Each lost response was recognised by re-reading the order's shipments, not posted again.
		expect(reasons.filter((r) => r.includes('response was lost'))).toHaveLength(lost.length);
		for (const s of MANY) {
			const orderId = world.orderIds[s.name];
			expect({ scenario: s.name, shipments: shipmentsInBc(bc, orderId) }).toEqual({ scenario: s.name, shipments: shippedByWms(wms, orderId) });
			expect(overShipped(bc, orderId)).toEqual([]);
			expect({ scenario: s.name, status: bc.getOrder(orderId)?.status_id }).toEqual({ scenario: s.name, status: s.status });
		}
		console.log(`[confirm faults] ${runs + 1} run(s), ${faults.length} BigCommerce faults (${faults.filter((f) => f.fault === 'lost-response').length} lost responses), outcomes: ${JSON.stringify(count(outcomes))}`);

		// And once more without faults and without the cursor: all "exists".
		const check = await runNode('confirmShipment', confirmParams('http'), [{}], { credentials: world.credentials, staticData: {} });
		expect(check.items.every((i) => i.outcome === 'exists')).toBe(true);
	});
});
