/** Delivering 1,000 orders with WMS Deliver into the 3PL Warehouse Manager sandbox, with the 11 -> 9 write-back. */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../test/helpers/harness';
import { peakRssMb, rssMb, timed } from '../lib/measure';
import { naiveDeliver } from '../lib/naive';
import type { BenchConfig, ScenarioRow } from '../lib/types';
import { addOrders, PREFIX, pollUntil, startWorld, type World } from '../lib/world';
import { extrapolate, measureNaive } from './common';

const ORDERS = 1000;
const NAIVE_SUBSET = 50;

async function polledOrders(world: World, count: number) {
	await addOrders(world, count);
	const { orders } = await pollUntil(world, { statuses: [11], options: { referencePrefix: PREFIX, maxOrders: 5000 } }, {});
	return orders;
}

export async function runDeliver(cfg: BenchConfig, command: string): Promise<ScenarioRow[]> {
	const world = await startWorld(cfg, { products: 60 });
	const orders = await polledOrders(world, ORDERS);
	await world.measure();
	const baselineRssMb = rssMb();
	const { value, ms } = await timed(() =>
		runNode('wmsDeliver', { wmsType: 'extensiv' }, orders as unknown as IDataObject[], { credentials: world.credentials, staticData: {} }),
	);
	const bcRequests = await world.host.bc('countRequests');
	const wmsRequests = await world.host.wms('countRequests');
	const created = value.items.filter((i) => i.outcome === 'created').length;
	const refs = (await world.host.wms('listOrders')).map((o) => o.referenceNum);
	const bcOrders = await world.host.batch<{ status_id: number } | undefined>(orders.map((o) => ({ target: 'bc', method: 'getOrder', args: [o.orderId] })));
	const statuses = bcOrders.filter((o) => o?.status_id === 9).length;
	const checkOk = !value.result.error && created === ORDERS && new Set(refs).size === ORDERS && refs.length === ORDERS && statuses === ORDERS;
	await world.close();

	const naiveWorld = await startWorld(cfg, { products: 60 });
	const subset = await polledOrders(naiveWorld, NAIVE_SUBSET);
	const naiveRun = await measureNaive(naiveWorld, (bc) =>
		naiveDeliver(bc, naiveWorld.info.wms, subset.map((o) => ({ orderId: o.orderId, lines: o.destinations.flatMap((d) => d.lines) }))),
	);
	const naive = extrapolate(cfg, {
		subset: NAIVE_SUBSET,
		requests: naiveRun.requests,
		fixedSubset: 0,
		fixedFull: 0,
		full: ORDERS,
		what: 'orders (WMS create without look-up + PUT status per order)',
		ms: naiveRun.ms,
	});

	return [
		{
			id: 'deliver',
			title: `Deliver ${ORDERS.toLocaleString('en-US')} orders to 3PL WM + status write-back (WMS Deliver)`,
			bcRequests,
			wmsRequests,
			lowerBound: ORDERS,
			lowerBoundFormula: `${ORDERS} status updates (PUT /v2/orders/{id}: BigCommerce has no bulk status update); WMS: ${ORDERS} creates + 1 token`,
			naive,
			wallMs: ms,
			peakRssMb: peakRssMb(),
			baselineRssMb,
			check: `${created}/${ORDERS} created, ${new Set(refs).size} distinct WMS references (${refs.length} WMS orders), ${statuses} orders now Awaiting Shipment`,
			checkOk,
			notes: ['WMS requests include one reference look-up per order before its create (the duplicate guard); the naive flow has none'],
			command,
		},
	];
}
