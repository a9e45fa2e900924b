/**
 * Confirm Shipment through n8n's engine against the BigCommerce and WMS sandboxes, for both WMS targets: orders
 * delivered by WMS Deliver and shipped by the WMS simulator (single package, three packages, split -1/-2,
 * short-shipped line, two-address order) end up in BigCommerce with exactly the packages the WMS shipped, the right
 * statuses, at most 3 BigCommerce requests per package; reruns create nothing.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../helpers/harness';
import {
	SCENARIOS,
	confirmParams,
	overShipped,
	shipScenarios,
	shippedByWms,
	shipmentsInBc,
	startWorld,
	useShippedWorld,
	type Scenario,
	type Target,
} from './setup';

describe.each<Target>(['extensiv', 'http'])('Confirm Shipment from the %s WMS (engine + sandboxes)', (target) => {
	const world = useShippedWorld(target);

	it('every package becomes one BigCommerce shipment with its tracking number and lines; statuses 2 vs 3; <= 3 requests per package', async () => {
		const { bc, wms } = world;
		const staticData: IDataObject = {};
		bc.resetRequestLog();
		const { items, result } = await runNode('confirmShipment', confirmParams(target), [{}], { credentials: world.credentials, staticData });
		expect(result.error).toBeUndefined();
		const requests = bc.countRequests();

		const packages = SCENARIOS.reduce((n, s) => n + shippedByWms(wms, world.orderIds[s.name]).length, 0);
		expect(packages).toBe(1 + 3 + 2 + 1 + 3);
		expect(items.filter((i) => i.outcome !== 'created')).toEqual([]);
		expect(items).toHaveLength(packages);
		for (const s of SCENARIOS) {
			const orderId = world.orderIds[s.name];
			expect({ scenario: s.name, shipments: shipmentsInBc(bc, orderId) }).toEqual({ scenario: s.name, shipments: shippedByWms(wms, orderId) });
			expect({ scenario: s.name, status: bc.getOrder(orderId)?.status_id }).toEqual({ scenario: s.name, status: s.status });
			const last = items.filter((i) => i.orderId === orderId).pop();
			expect({ scenario: s.name, reported: (last?.orderStatus as IDataObject)?.id }).toEqual({ scenario: s.name, reported: s.status });
			expect(overShipped(bc, orderId)).toEqual([]);
		}
		const short = items.find((i) => i.orderId === world.orderIds['short-shipped line'])!;
		expect(short.linesShipped).toEqual(expect.arrayContaining([expect.objectContaining({ sku: 'MUG-RED', quantity: 2 })]));
		// Carrier mapping: every known simulator carrier gets its BigCommerce code; unknown ones go without.
		for (const i of items) {
			const expected = ({ UPS: 'ups', FedEx: 'fedex', USPS: 'usps', 'DHL Express': 'dhl' } as Record<string, string>)[i.carrier as string] ?? '';
			expect({ carrier: i.carrier, code: i.trackingCarrier }).toEqual({ carrier: i.carrier, code: expected });
		}
		console.log(`[confirm ${target}] ${packages} packages, ${requests} BigCommerce requests = ${(requests / packages).toFixed(2)} per package`);
		expect(requests / packages).toBeLessThanOrEqual(3);

		// Runs 2 and 3: nothing new, no BigCommerce request at all (the cursor and its seen set skip handled orders).
		for (let run = 2; run <= 3; run++) {
			bc.resetRequestLog();
			const again = await runNode('confirmShipment', confirmParams(target), [{}], { credentials: world.credentials, staticData });
			expect(again.result.error).toBeUndefined();
			expect(again.items).toEqual([]);
			expect(bc.countRequests()).toBe(0);
		}

		// A fresh cursor (e.g. the node was copied): every package is recognised as "exists", no POST.
		bc.resetRequestLog();
		const fresh = await runNode('confirmShipment', confirmParams(target), [{}], { credentials: world.credentials, staticData: {} });
		expect(fresh.items.map((i) => i.outcome)).toEqual(Array(packages).fill('exists'));
		expect(bc.countRequests({ method: 'POST' })).toBe(0);
		for (const s of SCENARIOS) {
			const orderId = world.orderIds[s.name];
			expect(shipmentsInBc(bc, orderId)).toEqual(shippedByWms(wms, orderId));
		}
	});

	it('an order closed without packages: skipped by default, one shipment of every line with the option', async () => {
		const scenario: Scenario = {
			name: 'no packages',
			order: { lines: [{ sku: 'MUG-RED', quantity: 2 }, { sku: 'PEN-BLK', quantity: 1 }] },
			plans: [{ kind: 'no-packages' }],
			status: 2,
		};
		const w = await startWorld(target, [scenario]);
		try {
			shipScenarios(w, [scenario]);
			const orderId = w.orderIds['no packages'];
			const off = await runNode('confirmShipment', confirmParams(target), [{}], { credentials: w.credentials, staticData: {} });
			expect(off.items).toEqual([expect.objectContaining({ orderId, outcome: 'skipped' })]);
			expect(w.bc.getShipments(orderId)).toEqual([]);

			const params = { ...confirmParams(target), options: { shipClosedWithoutPackages: true } };
			const on = await runNode('confirmShipment', params, [{}], { credentials: w.credentials, staticData: {} });
			expect(on.items).toEqual([expect.objectContaining({ orderId, outcome: 'created', orderStatus: { id: 2, name: 'Shipped' } })]);
			const [record] = w.wms.findByReference(`BC-${orderId}`);
			expect(shipmentsInBc(w.bc, orderId)).toEqual([`${record.routing.trackingNumber ?? ''} => mug-red:2|pen-blk:1`]);
			expect(w.bc.getOrder(orderId)?.status_id).toBe(2);
		} finally {
			await w.close();
		}
	});
});
