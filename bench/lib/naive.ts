/**
 * The naive approach, as users build it by hand with n8n HTTP Request nodes: list, then one request per order or
 * per SKU. Implemented honestly against the same sandboxes, and generous to it: it waits out 429s using the
 * rate-limit headers (the HTTP Request node does not), and 429s are not counted.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import type { SandboxHost, StartedInfo } from './sandboxHost';

export class NaiveBigCommerce {
	constructor(
		private readonly host: SandboxHost,
		private readonly bc: StartedInfo['bc'],
	) {}

	async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, config: AxiosRequestConfig = {}): Promise<{ status: number; data: T }> {
		for (;;) {
			const res = await axios.request<T>({
				method,
				url: `${this.bc.url}/stores/${this.bc.storeHash}${path}`,
				headers: { 'X-Auth-Token': this.bc.token, Accept: 'application/json', 'Content-Type': 'application/json' },
				validateStatus: () => true,
				...config,
			});
			if (res.status === 429) {
				await new Promise((r) => setTimeout(r, Number(res.headers['x-rate-limit-time-reset-ms'] ?? 1000) + 20));
				continue;
			}
			if (res.status >= 400) throw new Error(`naive ${method} ${path}: ${res.status} ${JSON.stringify(res.data)}`);
			return { status: res.status, data: res.data };
		}
	}

	/** Every page of a V2 list (204 = past the end). */
	async listV2<T>(path: string, params: Record<string, string | number>): Promise<T[]> {
		const rows: T[] = [];
		for (let page = 1; ; page++) {
			const { status, data } = await this.request<T[]>('GET', path, { params: { ...params, page, limit: 250 } });
			if (status === 204 || !Array.isArray(data)) break;
			rows.push(...data);
			if (data.length < 250) break;
		}
		return rows;
	}

	/** Requests BigCommerce answered (429s excluded). */
	async count(): Promise<number> {
		return (await this.host.bc('requestLog')).filter((r) => r.status !== 429).length;
	}
}

/** Naive order download: list the orders, then per order its products and its shipping addresses. */
export async function naiveDownload(bc: NaiveBigCommerce): Promise<number> {
	const orders = await bc.listV2<{ id: number }>('/v2/orders', { status_id: 11 });
	for (const o of orders) {
		await bc.request('GET', `/v2/orders/${o.id}/products`, { params: { limit: 250 } });
		await bc.request('GET', `/v2/orders/${o.id}/shipping_addresses`);
	}
	return orders.length;
}

/** A 3PL Warehouse Manager access token, as any HTTP client gets one. */
export async function extensivToken(wms: StartedInfo['wms']): Promise<string> {
	const creds = wms.extensivCredentials;
	const basic = Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64');
	const token = await axios.post<{ access_token: string }>(
		`${creds.baseUrl}/AuthServer/api/Token`,
		{ grant_type: 'client_credentials', user_login: creds.userLogin },
		{ headers: { Authorization: `Basic ${basic}` } },
	);
	return token.data.access_token;
}

/** One 3PL WM order create, without a look-up first. */
export async function postExtensivOrder(wms: StartedInfo['wms'], token: string, referenceNum: string, lines: Array<{ sku: string; quantity: number }>): Promise<void> {
	const creds = wms.extensivCredentials;
	await axios.post(
		`${creds.baseUrl}/orders`,
		{
			customerIdentifier: { id: creds.customerId },
			facilityIdentifier: { id: creds.facilityId },
			referenceNum,
			shipTo: { name: 'Bench Customer', address1: '1 Main St', city: 'Austin', zip: '73301', country: 'US' },
			orderItems: lines.map((l) => ({ itemIdentifier: { sku: l.sku }, qty: l.quantity })),
		},
		{ headers: { Authorization: `Bearer ${token}` } },
	);
}

/** Naive delivery of already-fetched orders: one WMS create per order (no look-up) and one status update. */
export async function naiveDeliver(bc: NaiveBigCommerce, wms: StartedInfo['wms'], orders: Array<{ orderId: number; lines: Array<{ sku: string; quantity: number }> }>): Promise<void> {
	const token = await extensivToken(wms);
	for (const o of orders) {
		await postExtensivOrder(wms, token, `NAIVE-${o.orderId}`, o.lines);
		await bc.request('PUT', `/v2/orders/${o.orderId}`, { data: { status_id: 9 } });
	}
}

/** Naive shipment confirmation: per shipped order its lines (to find order_product_id), then one POST per package. */
export async function naiveConfirm(
	bc: NaiveBigCommerce,
	shipped: Array<{ orderId: number; packages: Array<{ trackingNumber: string; lines: Array<{ sku: string; quantity: number }> }> }>,
): Promise<number> {
	let packages = 0;
	for (const s of shipped) {
		const { data: products } = await bc.request<Array<{ id: number; sku: string; order_address_id: number }>>('GET', `/v2/orders/${s.orderId}/products`, { params: { limit: 250 } });
		for (const p of s.packages) {
			const items = p.lines.map((l) => ({ order_product_id: products.find((x) => x.sku.toLowerCase() === l.sku.toLowerCase())!.id, quantity: l.quantity }));
			await bc.request('POST', `/v2/orders/${s.orderId}/shipments`, {
				data: { order_address_id: products[0].order_address_id, tracking_number: p.trackingNumber, items },
			});
			packages++;
		}
	}
	return packages;
}

/** Naive stock sync: per SKU, look the variant up by SKU; write its level when it differs (one item per request). */
export async function naiveInventory(bc: NaiveBigCommerce, stock: Array<{ sku: string; available: number }>): Promise<number> {
	let writes = 0;
	for (const { sku, available } of stock) {
		const { data } = await bc.request<{ data: Array<{ id: number; product_id: number; inventory_level: number; option_values: unknown[] }> }>('GET', '/v3/catalog/variants', { params: { sku } });
		const v = data.data[0];
		if (!v || v.inventory_level === available) continue;
		const item = v.option_values.length ? { location_id: 1, variant_id: v.id, quantity: available } : { location_id: 1, product_id: v.product_id, quantity: available };
		await bc.request('PUT', '/v3/inventory/adjustments/absolute', { data: { reason: 'naive sync', items: [item] } });
		writes++;
	}
	return writes;
}
