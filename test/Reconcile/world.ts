/**
 * A BigCommerce sandbox and a WMS sandbox in sync (every delivered order in the warehouse, shipped ones shipped on
 * both sides, equal stock), and helpers that plant each kind of drift through the sandboxes' own APIs.
 */
import { startBigCommerceSandbox, type BcSandbox } from '../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../sandbox/wms';

export const PREFIX = 'BC-';
export const HOUR = 3_600_000;
export const SKUS = ['MUG-RED', 'MUG-BLUE', 'TSHIRT-S', 'TSHIRT-M', 'TSHIRT-L', 'POSTER-A2'];

export interface World {
	bc: BcSandbox;
	wms: WmsSandbox;
	productIds: Map<string, number>;
	close(): Promise<void>;
}

async function call(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<{ status: number; body: unknown }> {
	const res = await fetch(url, init);
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function startWorld(opts: { extraSkus?: number } = {}): Promise<World> {
	const bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false }, quota: 100000, windowMs: 1000 });
	const wms = await startWmsSandbox({ faults: null });
	if (opts.extraSkus) wms.generateItems(opts.extraSkus, { prefix: 'GEN-', seed: 3 });
	const productIds = new Map<string, number>();
	for (const sku of SKUS) productIds.set(sku, bc.addProduct({ sku, tracking: 'product', level: 0 }).id);
	bc.addProduct({ sku: 'EBOOK', tracking: 'none', type: 'digital' });
	return { bc, wms, productIds, close: async () => void (await Promise.all([bc.close(), wms.close()])) };
}


export function addBcOrder(w: World, opts: { statusId: number; ageMs: number; sku?: string; quantity?: number }): number {
	const sku = opts.sku ?? 'MUG-RED';
	return w.bc.addOrder({
		statusId: opts.statusId,
		dateCreated: new Date(Date.now() - opts.ageMs),
		lines: [{ sku, quantity: opts.quantity ?? 2, productId: w.productIds.get(sku) }],
	});
}

/** Creates the warehouse order of a BigCommerce order through the generic API (as WMS Deliver would). */
export async function deliver(w: World, orderId: number, reference = `${PREFIX}${orderId}`): Promise<string> {
	const lines = orderId > 0 ? w.bc.getOrderProducts(orderId).map((l) => ({ sku: l.sku, quantity: l.quantity, orderProductId: l.id })) : [{ sku: 'MUG-RED', quantity: 1 }];
	const res = await call(`${w.wms.httpCredentials.baseUrl}/orders`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', [w.wms.httpCredentials.headerName]: w.wms.httpCredentials.headerValue },
		body: JSON.stringify({
			reference,
			order: { orderId, notes: { customer: '', staff: '' } },
			destination: { address: { firstName: 'Ann', street1: '1 Main St', city: 'Austin', postalCode: '78701', countryIso2: 'US' }, lines },
		}),
	});
	if (res.status !== 201) throw new Error(`deliver ${reference}: ${res.status} ${JSON.stringify(res.body)}`);
	return (res.body as { id: string }).id;
}

/** Creates the BigCommerce shipment of a shipped warehouse order (as Confirm Shipment would). */
export async function shipInBigCommerce(w: World, orderId: number, tracking = `1Z${orderId}`): Promise<void> {
	const lines = w.bc.getOrderProducts(orderId);
	const res = await call(`${w.bc.url}/stores/${w.bc.storeHash}/v2/orders/${orderId}/shipments`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Auth-Token': w.bc.token },
		body: JSON.stringify({ order_address_id: lines[0].order_address_id, tracking_number: tracking, items: lines.map((l) => ({ order_product_id: l.id, quantity: l.quantity })) }),
	});
	if (res.status !== 201) throw new Error(`shipment of ${orderId}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Sets BigCommerce stock to the warehouse's available quantity for every SKU both have. */
export async function alignStock(w: World): Promise<void> {
	const items: Array<{ location_id: number; product_id: number; quantity: number }> = [];
	for (const [sku, productId] of w.productIds) items.push({ location_id: 1, product_id: productId, quantity: w.wms.getStock(sku) ?? 0 });
	for (let i = 0; i < items.length; i += 2000) {
		const res = await call(`${w.bc.url}/stores/${w.bc.storeHash}/v3/inventory/adjustments/absolute`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Auth-Token': w.bc.token },
			body: JSON.stringify({ reason: 'test', items: items.slice(i, i + 2000) }),
		});
		if (res.status >= 300) throw new Error(`align stock: ${res.status} ${JSON.stringify(res.body)}`);
	}
}

/** `count` orders in sync: delivered (Awaiting Shipment, open in the warehouse); every `shipEvery`-th shipped on both sides. */
export async function syncedOrders(w: World, count: number, shipEvery = 5): Promise<number[]> {
	const ids: number[] = [];
	for (let i = 0; i < count; i++) {
		const id = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR + i * 1000, quantity: 1 });
		const wmsId = await deliver(w, id);
		if (i % shipEvery === 0) {
			w.wms.ship(Number(wmsId), { kind: 'single' });
			await shipInBigCommerce(w, id, `1ZTEST${id}`);
		}
		ids.push(id);
	}
	return ids;
}


export function credentials(w: World) {
	return { bigCommerceApi: w.bc.credentials, wmsHttpApi: w.wms.httpCredentials, extensivWarehouseManagerApi: w.wms.extensivCredentials };
}
