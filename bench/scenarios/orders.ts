/** Downloading 1,000 new orders with the BigCommerce Orders Trigger (polled until done) vs the naive per-order flow. */
import type { IDataObject } from 'n8n-workflow';
import { peakRssMb, rssMb, timed } from '../lib/measure';
import { naiveDownload } from '../lib/naive';
import type { BenchConfig, ScenarioRow } from '../lib/types';
import { addOrders, PREFIX, pollUntil, startWorld } from '../lib/world';
import { extrapolate, measureNaive, pages } from './common';

const ORDERS = 1000;
const NAIVE_SUBSET = 50;

export async function runOrders(cfg: BenchConfig, command: string): Promise<ScenarioRow[]> {
	const world = await startWorld(cfg, { products: 60 });
	const params = { statuses: [11], options: { referencePrefix: PREFIX, maxOrders: ORDERS } };
	const staticData: IDataObject = {};
	await pollUntil(world, params, staticData);
	const ids = await addOrders(world, ORDERS);
	await world.measure();
	const baselineRssMb = rssMb();
	const { value, ms } = await timed(() => pollUntil(world, params, staticData, ORDERS));
	const bcRequests = await world.host.bc('countRequests');
	const emitted = value.orders.map((o) => o.orderId).sort((a, b) => a - b);
	const unique = new Set(emitted).size;
	const products = await world.host.batch<unknown[]>(value.orders.map((o) => ({ target: 'bc', method: 'getOrderProducts', args: [o.orderId] })));
	const linesOk = value.orders.every((o, i) => o.destinations.flatMap((d) => d.lines).length === products[i].length);
	const checkOk = unique === ORDERS && emitted.length === ORDERS && emitted.every((id, i) => id === ids[i]) && linesOk;
	await world.close();

	const naiveWorld = await startWorld(cfg, { products: 60 });
	await addOrders(naiveWorld, NAIVE_SUBSET);
	const naiveRun = await measureNaive(naiveWorld, naiveDownload);
	const naive = extrapolate(cfg, {
		subset: naiveRun.value,
		requests: naiveRun.requests,
		fixedSubset: pages(NAIVE_SUBSET),
		fixedFull: pages(ORDERS),
		full: ORDERS,
		what: 'orders (list + GET products + GET shipping_addresses per order)',
		ms: naiveRun.ms,
	});

	return [
		{
			id: 'orders',
			title: `Download ${ORDERS.toLocaleString('en-US')} new orders (Orders Trigger, ${value.polls} poll${value.polls === 1 ? '' : 's'})`,
			bcRequests,
			wmsRequests: 0,
			lowerBound: pages(ORDERS),
			lowerBoundFormula: `ceil(${ORDERS}/250) pages of orders with lines and addresses`,
			naive,
			wallMs: ms,
			peakRssMb: peakRssMb(),
			baselineRssMb,
			check: `${unique}/${ORDERS} orders emitted once each, oldest first, every line present`,
			checkOk,
			command,
		},
	];
}
