/**
 * Reconcile on a synced store: 1,000 orders in the window (delivered, every fourth shipped on both sides) and 10,000
 * SKUs with equal stock. Lower bound (BigCommerce): ceil(orders/250) order pages (lines and quantities shipped
 * embedded) + ceil(products/250) catalog pages (products with their variants). Warehouse (3PL WM): a token,
 * ceil(orders/1000) order pages, ceil(stock rows/500) stock pages.
 */
import { runNode } from '../../test/helpers/harness';
import { peakRssMb, rssMb, settle, timed } from '../lib/measure';
import type { BenchConfig, ScenarioRow } from '../lib/types';
import { addOrders, PREFIX, startWorld, type World } from '../lib/world';
import { pages } from './common';
import type { Call } from '../lib/sandboxHost';

const ORDERS = 1000;
const SKUS = 10000;

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<unknown> {
	const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers }, body: JSON.stringify(body) });
	const text = await res.text();
	if (res.status >= 300) throw new Error(`${url}: ${res.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/** Every order delivered as WMS Deliver would (generic API of the same warehouse), every fourth shipped on both sides. */
async function syncOrders(world: World, ids: number[]): Promise<void> {
	const lines = await world.host.batch<Array<{ id: number; sku: string; quantity: number; order_address_id: number }>>(ids.map((id): Call => ({ target: 'bc', method: 'getOrderProducts', args: [id] })));
	const { baseUrl, headerName, headerValue } = world.info.wms.httpCredentials;
	const wmsIds: string[] = [];
	for (let i = 0; i < ids.length; i += 50) {
		const chunk = ids.slice(i, i + 50).map(async (id, j) => {
			const order = lines[i + j];
			const body = {
				reference: `${PREFIX}${id}`,
				order: { orderId: id, notes: { customer: '', staff: '' } },
				destination: { address: { street1: '1 Main St', city: 'Austin', postalCode: '78701', countryIso2: 'US' }, lines: order.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
			};
			return ((await post(`${baseUrl}/orders`, { [headerName]: headerValue }, body)) as { id: string }).id;
		});
		wmsIds.push(...(await Promise.all(chunk)));
	}
	await world.host.batch(ids.map((id): Call => ({ target: 'bc', method: 'setOrderStatus', args: [id, 9] })));
	const { url, storeHash, token } = world.info.bc;
	for (let i = 0; i < ids.length; i += 4) {
		await world.host.wms('ship', Number(wmsIds[i]), { kind: 'single' });
		const order = lines[i];
		await post(`${url}/stores/${storeHash}/v2/orders/${ids[i]}/shipments`, { 'X-Auth-Token': token }, {
			order_address_id: order[0].order_address_id,
			tracking_number: `1ZBENCH${ids[i]}`,
			items: order.map((l) => ({ order_product_id: l.id, quantity: l.quantity })),
		});
	}
	// Shipping took stock in the warehouse; BigCommerce's levels are the ones to keep equal.
	await world.host.batch(world.skus.map((sku): Call => ({ target: 'wms', method: 'setStock', args: [sku, 100000] })));
}

export async function runReconcile(cfg: BenchConfig, command: string): Promise<ScenarioRow[]> {
	const world = await startWorld(cfg, { products: SKUS, wmsLatencyMs: 0 });
	const ids = await addOrders(world, ORDERS);
	await syncOrders(world, ids);
	await world.host.wms('setLatency', cfg.latencyMs);
	await world.measure();
	settle();
	const baselineRssMb = rssMb();
	const params = { wmsType: 'extensiv', referencePrefix: PREFIX, neverDeliveredHours: 0 };
	const { value, ms } = await timed(() => runNode('reconcile', params, [{}], { credentials: world.credentials }));
	const bcRequests = await world.host.bc('countRequests');
	const wmsRequests = await world.host.wms('countRequests');
	const perOrder = (await world.host.bc('requestLog')).filter((r) => /^\/v2\/orders\/\d+/.test(r.path)).length;
	const products = (await world.host.bc('getProducts')).length;
	await world.close();
	const [summary, ...findings] = value.items;
	const lowerBound = pages(ORDERS) + pages(products);
	const within = bcRequests <= 1.5 * lowerBound;
	const checked = summary?.checked as { bigCommerceOrders?: number; warehouseOrders?: number; warehouseSkus?: number } | undefined;
	const checkOk = !value.result.error && findings.length === 0 && summary?.complete === true && checked?.bigCommerceOrders === ORDERS && checked?.warehouseOrders === ORDERS && perOrder === 0 && within;
	return [
		{
			id: 'reconcile',
			title: `Reconcile ${ORDERS.toLocaleString('en-US')} orders and ${SKUS.toLocaleString('en-US')} SKUs, in sync (Reconcile, 3PL WM)`,
			bcRequests,
			wmsRequests,
			lowerBound,
			lowerBoundFormula: `ceil(${ORDERS}/250) order pages + ceil(${products}/250) catalog pages`,
			wallMs: ms,
			peakRssMb: peakRssMb(),
			baselineRssMb,
			check: `${findings.length} findings on a synced store (complete: ${String(summary?.complete)}), ${perOrder} per-order reads, ${bcRequests} <= 1.5 x ${lowerBound}: ${within ? 'yes' : 'NO'}`,
			checkOk,
			command,
		},
	];
}
