/** Confirming 500 shipped WMS orders (1-3 packages each) as BigCommerce shipments with Confirm Shipment. */
import { runNode } from '../../test/helpers/harness';
import type { ShipPlan, WmsOrderRecord } from '../../sandbox/wms';
import type { BcOrder, BcOrderProduct, BcShipment } from '../../nodes/shared/bigcommerce/types';
import { parseReference } from '../../nodes/shared/reference';
import { peakRssMb, rssMb, timed, wallAtQuotaMs } from '../lib/measure';
import { extensivToken, naiveConfirm, postExtensivOrder } from '../lib/naive';
import type { Call } from '../lib/sandboxHost';
import type { BenchConfig, ScenarioRow } from '../lib/types';
import { addOrders, PREFIX, startWorld, type World } from '../lib/world';
import { measureNaive, pages } from './common';

const ORDERS = 500;
const NAIVE_SUBSET = 30;
const PLANS: ShipPlan[] = [
	{ kind: 'packages', count: 1 },
	{ kind: 'packages', count: 2 },
	{ kind: 'packages', count: 3 },
];

/**
 * Orders in the WMS (as WMS Deliver leaves them: reference BC-<id>, BigCommerce status 9) and shipped by the
 * simulator. Setup talks to the sandboxes directly, not through n8n, so this process's peak RSS is the
 * confirmation's alone.
 */
async function shippedWorld(cfg: BenchConfig, count: number): Promise<World> {
	const world = await startWorld(cfg, { products: 60, wmsLatencyMs: 0 });
	const ids = await addOrders(world, count);
	const products = await world.host.batch<BcOrderProduct[]>(ids.map((id): Call => ({ target: 'bc', method: 'getOrderProducts', args: [id] })));
	const token = await extensivToken(world.info.wms);
	for (const [i, id] of ids.entries()) await postExtensivOrder(world.info.wms, token, `${PREFIX}${id}`, products[i].map((p) => ({ sku: p.sku, quantity: p.quantity })));
	await world.host.batch(ids.map((id): Call => ({ target: 'bc', method: 'setOrderStatus', args: [id, 9] })));
	await world.host.wms('shipAll', { plans: PLANS });
	return world;
}

/** Shipped WMS orders as (BigCommerce order id, packages with SKU lines). */
function shippedByWms(records: WmsOrderRecord[]) {
	return records
		.filter((o) => o.status === 'closed')
		.map((o) => {
			const sku = new Map(o.lines.map((l) => [l.orderItemId, l.sku]));
			return {
				orderId: parseReference(o.referenceNum, PREFIX)!.orderId,
				packages: o.packages.map((p) => ({ trackingNumber: p.trackingNumber, lines: p.contents.map((c) => ({ sku: sku.get(c.orderItemId)!, quantity: c.qty })) })),
			};
		});
}

async function matches(world: World, shipped: ReturnType<typeof shippedByWms>): Promise<{ ok: number; overShipped: number }> {
	let ok = 0;
	let overShipped = 0;
	for (const s of shipped) {
		const [shipments, order, products] = await world.host.batch([
			{ target: 'bc', method: 'getShipments', args: [s.orderId] },
			{ target: 'bc', method: 'getOrder', args: [s.orderId] },
			{ target: 'bc', method: 'getOrderProducts', args: [s.orderId] },
		]) as [BcShipment[], BcOrder, BcOrderProduct[]];
		const want = s.packages.map((p) => p.trackingNumber).sort();
		const got = shipments.map((x) => x.tracking_number).sort();
		if (JSON.stringify(want) === JSON.stringify(got) && order.status_id === 2) ok++;
		const qty = new Map<number, number>();
		for (const x of shipments) for (const i of x.items) qty.set(i.order_product_id, (qty.get(i.order_product_id) ?? 0) + i.quantity);
		if (products.some((p) => (qty.get(p.id) ?? 0) > p.quantity)) overShipped++;
	}
	return { ok, overShipped };
}

export async function runConfirm(cfg: BenchConfig, command: string): Promise<ScenarioRow[]> {
	const world = await shippedWorld(cfg, ORDERS);
	const shipped = shippedByWms(await world.host.wms('listOrders'));
	const packages = shipped.reduce((n, s) => n + s.packages.length, 0);
	await world.measure();
	const baselineRssMb = rssMb();
	const { value, ms } = await timed(() =>
		runNode('confirmShipment', { source: 'wms', wmsType: 'extensiv', referencePrefix: PREFIX }, [{}], { credentials: world.credentials, staticData: {} }),
	);
	const bcRequests = await world.host.bc('countRequests');
	const wmsRequests = await world.host.wms('countRequests');
	const created = value.items.filter((i) => i.outcome === 'created').length;
	const { ok, overShipped } = await matches(world, shipped);
	const checkOk = !value.result.error && created === packages && ok === ORDERS && overShipped === 0;
	await world.close();

	const naiveWorld = await shippedWorld(cfg, NAIVE_SUBSET);
	const naiveShipped = shippedByWms(await naiveWorld.host.wms('listOrders'));
	const naivePackages = naiveShipped.reduce((n, s) => n + s.packages.length, 0);
	const naiveRun = await measureNaive(naiveWorld, (bc) => naiveConfirm(bc, naiveShipped));
	const subsetRequests = naiveRun.requests;
	const perOrder = (subsetRequests - naivePackages) / naiveShipped.length;
	const naiveRequests = Math.round(perOrder * ORDERS + packages);

	return [
		{
			id: 'confirm',
			title: `Confirm ${ORDERS} shipped orders, ${packages} packages (Confirm Shipment)`,
			bcRequests,
			wmsRequests,
			lowerBound: packages + pages(ORDERS),
			lowerBoundFormula: `${packages} shipment POSTs (no bulk endpoint) + ceil(${ORDERS}/250) pages of order lines`,
			naive: {
				subset: naiveShipped.length,
				subsetRequests,
				requests: naiveRequests,
				wallMs: wallAtQuotaMs(naiveRequests, cfg.quota, cfg.windowMs, cfg.latencyMs),
				formula:
					`measured on ${naiveShipped.length} orders / ${naivePackages} packages: ${subsetRequests} requests in ${(naiveRun.ms / 1000).toFixed(1)} s ` +
					`= ${perOrder.toFixed(2)} per order (GET products) + 1 per package (POST, no check for existing shipments); ` +
					`full size: ${perOrder.toFixed(2)} x ${ORDERS} + ${packages}; time = ceil(requests/${cfg.quota}) windows (estimate)`,
			},
			wallMs: ms,
			peakRssMb: peakRssMb(),
			baselineRssMb,
			check: `${created}/${packages} shipments created; ${ok}/${ORDERS} orders with exactly the WMS's tracking numbers and Shipped; ${overShipped} over-shipped`,
			checkOk,
			packages,
			notes: [`${(bcRequests / packages).toFixed(2)} BigCommerce requests per package (issue 5 target: <= 3)`, 'WMS latency 0 in this scenario (set at sandbox start; its WMS requests are a few list pages)'],
			command,
		},
	];
}
