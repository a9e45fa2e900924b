/**
 * Delivering 1,000 orders with WMS Deliver into the 3PL Warehouse Manager sandbox, with the 11 -> 9 write-back.
 * Warehouse requests per order against the bound (issue 13 item 6): one create per order + ceil(orders / 100) batch
 * look-ups + the token; and the BigCommerce status re-read before creating (issue 14 item 1), one per batch.
 */
import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../test/helpers/harness';
import { peakRssMb, rssMb, timed } from '../lib/measure';
import { naiveDeliver } from '../lib/naive';
import type { BenchConfig, ScenarioRow } from '../lib/types';
import { addOrders, PREFIX, pollUntil, startWorld, type World } from '../lib/world';
import { extrapolate, measureNaive } from './common';

const ORDERS = 1000;
const NAIVE_SUBSET = 50;
/** References per batch look-up (REFERENCE_BATCH_SIZE). */
const BATCH = 100;
/** Before batching (measured 2026-12-04): a look-up, the create and a look-up after it per order, + the token. */
const OLD_WMS_REQUESTS = 3004;
/** What issue 13 measured in a real n8n before the look-up after the create existed: a look-up and a create per order. */
const ISSUE_WMS_REQUESTS = 2026;
/** Issue 13's target: warehouse requests per order. */
const WMS_TARGET_PER_ORDER = 1.15;

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
	const statusReads = await world.host.bc('countRequests', { method: 'GET', pathPrefix: '/v2/orders' });
	const wmsRequests = await world.host.wms('countRequests');
	const wmsBound = ORDERS + Math.ceil(ORDERS / BATCH) + 1;
	const perOrder = (n: number) => (n / ORDERS).toFixed(3);
	const created = value.items.filter((i) => i.outcome === 'created').length;
	const refs = (await world.host.wms('listOrders')).map((o) => o.referenceNum);
	const bcOrders = await world.host.batch<{ status_id: number } | undefined>(orders.map((o) => ({ target: 'bc', method: 'getOrder', args: [o.orderId] })));
	const statuses = bcOrders.filter((o) => o?.status_id === 9).length;
	const checkOk =
		!value.result.error &&
		created === ORDERS &&
		new Set(refs).size === ORDERS &&
		refs.length === ORDERS &&
		statuses === ORDERS &&
		wmsRequests / ORDERS <= WMS_TARGET_PER_ORDER;
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
			lowerBoundFormula: `${ORDERS} status updates (PUT /v2/orders/{id}: BigCommerce has no bulk status update); WMS: ${ORDERS} creates + ceil(${ORDERS}/${BATCH}) batch look-ups + 1 token = ${wmsBound}`,
			naive,
			wallMs: ms,
			peakRssMb: peakRssMb(),
			baselineRssMb,
			check: `${created}/${ORDERS} created, ${new Set(refs).size} distinct WMS references (${refs.length} WMS orders), ${statuses} orders now Awaiting Shipment; WMS requests per order ${perOrder(wmsRequests)} <= ${WMS_TARGET_PER_ORDER} (bound ${perOrder(wmsBound)})`,
			checkOk,
			notes: [
				`WMS requests per order: old ${perOrder(OLD_WMS_REQUESTS)} (${OLD_WMS_REQUESTS.toLocaleString('en-US')}: look-up, create, look-up per order; issue 13 measured ${ISSUE_WMS_REQUESTS.toLocaleString('en-US')} = ${perOrder(ISSUE_WMS_REQUESTS)} before the look-up after the create), new ${perOrder(wmsRequests)} (${wmsRequests.toLocaleString('en-US')}: ${ORDERS.toLocaleString('en-US')} creates + a look-up before and after each batch of ${BATCH} + token), bound ${perOrder(wmsBound)} (${wmsBound.toLocaleString('en-US')}: ${ORDERS.toLocaleString('en-US')} creates + ceil(${ORDERS}/${BATCH}) look-ups + token)`,
				`BigCommerce status re-read right before creating: ${statusReads} GET /v2/orders (min_id/max_id, one per batch) = ${perOrder(statusReads)} per order, on top of the ${ORDERS.toLocaleString('en-US')} status writes`,
			],
			command,
		},
	];
}
