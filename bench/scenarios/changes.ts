/**
 * Order changes after hand-off (issue 14): 200 orders delivered to the 3PL WM sandbox by WMS Deliver and seen once by
 * the Orders Trigger's change event; then 50 are cancelled in BigCommerce while the warehouse can still stop them,
 * 25 are cancelled after picking started, 25 get a new shipping address (not allocated). One poll of the change
 * event + WMS Order Changes is measured. Bounds: BigCommerce, ceil(orders modified since the last poll / 250) list
 * pages (lines embedded); warehouse, at most 3 requests per change event (look-up, read with ETag, cancel or update)
 * + the token.
 */
import type { IDataObject } from 'n8n-workflow';
import { PACKAGE_NAME, pollAndRun, runNode } from '../../test/helpers/harness';
import { TRIGGER, triggerWorkflow } from '../../test/helpers/triggerWorkflow';
import { peakRssMb, rssMb, timed } from '../lib/measure';
import type { Call } from '../lib/sandboxHost';
import type { BenchConfig, ScenarioRow } from '../lib/types';
import { addOrders, PREFIX, pollUntil, startWorld } from '../lib/world';
import { pages } from './common';

const ORDERS = 200;
const IN_TIME = 50;
const TOO_LATE = 25;
const EDITS = 25;
const CHANGES = IN_TIME + TOO_LATE + EDITS;
const CANCELLED = 5;
/** Issue 14: warehouse requests per change event. */
const WMS_PER_EVENT = 3;
const NODE = 'WMS Order Changes';

const workflow = triggerWorkflow(
	{ event: 'changes', options: { referencePrefix: PREFIX } },
	{
		nodes: [{ id: 'changes', name: NODE, type: `${PACKAGE_NAME}.wmsOrderChanges`, typeVersion: 1, position: [200, 0], parameters: { wmsType: 'extensiv' }, onError: 'continueRegularOutput' }],
		connections: { [TRIGGER]: { main: [[{ node: NODE, type: 'main' as never, index: 0 }]] } },
	},
);

export async function runChanges(cfg: BenchConfig, command: string): Promise<ScenarioRow[]> {
	const world = await startWorld(cfg, { products: 60, wmsLatencyMs: 0 });
	const staticData: IDataObject = {};
	const poll = async () => await pollAndRun(workflow, { credentials: world.credentials, staticData, triggerNode: TRIGGER });
	await poll(); // activation: the change event watches from now
	await addOrders(world, ORDERS);
	const { orders } = await pollUntil(world, { statuses: [11], options: { referencePrefix: PREFIX, maxOrders: 5000 } }, {});
	const delivery = await runNode('wmsDeliver', { wmsType: 'extensiv' }, orders as unknown as IDataObject[], { credentials: world.credentials, staticData: {} });
	const delivered = delivery.items.filter((i) => i.outcome === 'created').length;
	const seen = await poll(); // the delivered orders (now Awaiting Shipment) fingerprinted, nothing emitted

	const ids = orders.map((o) => o.orderId);
	const inTime = ids.slice(0, IN_TIME);
	const tooLate = ids.slice(IN_TIME, IN_TIME + TOO_LATE);
	const edited = ids.slice(IN_TIME + TOO_LATE, CHANGES);
	const wmsOrders = new Map((await world.host.wms('listOrders')).map((o) => [o.referenceNum, o.orderId]));
	await world.host.batch([
		...tooLate.map((id): Call => ({ target: 'wms', method: 'setStage', args: [wmsOrders.get(`${PREFIX}${id}`), 'picking'] })),
		...[...inTime, ...tooLate].map((id): Call => ({ target: 'bc', method: 'setOrderStatus', args: [id, CANCELLED] })),
		...edited.map((id): Call => ({ target: 'bc', method: 'editOrder', args: [id, { address: { street1: `${id} Changed Road` } }] })),
	]);
	await world.host.wms('setLatency', cfg.latencyMs);
	await world.measure();
	const baselineRssMb = rssMb();
	const { value, ms } = await timed(() => poll());
	const bcRequests = await world.host.bc('countRequests');
	const wmsLog = await world.host.wms('requestLog');
	const wmsRequests = wmsLog.length;
	const token = wmsLog.filter((r) => /token/i.test(r.path)).length;
	const records = await world.host.wms('listOrders');
	await world.close();

	const out = value.result?.output(NODE) ?? [];
	const outcome = (list: number[], want: string) => list.filter((id) => out.find((r) => r.orderId === id)?.outcome === want).length;
	const status = (id: number) => records.find((r) => r.referenceNum === `${PREFIX}${id}`);
	const cancelledThere = inTime.filter((id) => status(id)?.status === 'cancelled').length;
	const openThere = tooLate.filter((id) => status(id)?.status === 'open').length;
	const updatedThere = edited.filter((id) => JSON.stringify(status(id)?.shipTo ?? {}).includes(`${id} Changed Road`)).length;
	const emitted = value.emitted.length;
	const perEvent = (wmsRequests - token) / Math.max(emitted, 1);
	const bcPerEvent = bcRequests / Math.max(emitted, 1);
	const lowerBound = pages(ORDERS);
	const results = `${outcome(inTime, 'cancelled')}/${IN_TIME} cancelled, ${outcome(tooLate, 'needsAttention')}/${TOO_LATE} reported too late, ${outcome(edited, 'updated')}/${EDITS} updated`;
	const warehouse = `warehouse: ${cancelledThere} cancelled, ${openThere} still open, ${updatedThere} with the new address, ${records.length} orders (no new one)`;
	const perEventText = `per change event: ${bcPerEvent.toFixed(2)} BigCommerce (${bcRequests} for ${emitted}), ${perEvent.toFixed(2)} warehouse (${wmsRequests - token} + ${token} token) <= ${WMS_PER_EVENT}`;
	process.stderr.write(`${results}; ${warehouse}; ${perEventText}\n`);
	const checkOk =
		!value.result?.error &&
		delivered === ORDERS &&
		seen.emitted.length === 0 &&
		emitted === CHANGES &&
		cancelledThere === IN_TIME &&
		openThere === TOO_LATE &&
		updatedThere === EDITS &&
		outcome(inTime, 'cancelled') + outcome(tooLate, 'needsAttention') + outcome(edited, 'updated') === CHANGES &&
		records.length === ORDERS &&
		perEvent <= WMS_PER_EVENT &&
		bcRequests <= lowerBound + 1;
	return [
		{
			id: 'changes',
			title: `Order changes after hand-off: ${CHANGES} of ${ORDERS} delivered orders (${IN_TIME} cancelled in time, ${TOO_LATE} too late, ${EDITS} address edits), 1 poll (Orders Trigger change event + WMS Order Changes, 3PL WM)`,
			bcRequests,
			wmsRequests,
			lowerBound,
			lowerBoundFormula: `ceil(${ORDERS} orders modified since the last poll / 250) list pages (lines embedded); warehouse bound ${WMS_PER_EVENT} x ${CHANGES} events + token`,
			wallMs: ms,
			peakRssMb: peakRssMb(),
			baselineRssMb,
			check: `${results}; ${warehouse}; ${perEventText}`,
			checkOk,
			command,
		},
	];
}
