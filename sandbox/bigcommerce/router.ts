/** Route table: method + path pattern -> handler, with the OAuth scope group each endpoint needs. */
import { absoluteAdjustment, listInventoryItems, listLocationItems, listLocations } from './inventory';
import { listProducts, listVariants, updateProduct, updateProducts } from './catalog';
import type { Ctx, Reply } from './http';
import {
	countOrders, getOrder, listOrderProducts, listOrderStatuses, listOrders, listShippingAddresses, updateOrder,
} from './orders';
import { countShipments, createShipment, deleteShipment, getShipment, listShipments } from './shipments';
import type { SandboxState } from './state';
import { getStore, getTime } from './storeInfo';

export type ScopeGroup = 'orders' | 'products' | 'inventory' | 'locations' | 'information';

export interface Route {
	method: string;
	pattern: RegExp;
	/** Names of the capture groups, in order. */
	keys: string[];
	scope: ScopeGroup;
	handler: (state: SandboxState, ctx: Ctx) => Reply;
}

/** Scope names (store-level API account): modify scope also grants read. */
export const SCOPES: Record<ScopeGroup, { read: string; modify: string }> = {
	orders: { read: 'store_v2_orders_read_only', modify: 'store_v2_orders' },
	products: { read: 'store_v2_products_read_only', modify: 'store_v2_products' },
	inventory: { read: 'store_inventory_read_only', modify: 'store_inventory' },
	locations: { read: 'store_locations_read_only', modify: 'store_locations' },
	information: { read: 'store_v2_information_read_only', modify: 'store_v2_information' },
};

export const ALL_SCOPES = Object.values(SCOPES).map((s) => s.modify);

function route(method: string, path: string, scope: ScopeGroup, handler: Route['handler']): Route {
	const keys: string[] = [];
	const source = path.replace(/\{(\w+)\}/g, (_, key: string) => {
		keys.push(key);
		return '(\\d+)';
	});
	return { method, pattern: new RegExp(`^${source}/?$`), keys, scope, handler };
}

export const ROUTES: Route[] = [
	route('GET', '/v2/store', 'information', getStore),
	route('GET', '/v2/time', 'information', getTime),
	route('GET', '/v2/order_statuses', 'orders', listOrderStatuses),
	route('GET', '/v2/orders', 'orders', listOrders),
	route('GET', '/v2/orders/count', 'orders', countOrders),
	route('GET', '/v2/orders/{orderId}', 'orders', getOrder),
	route('PUT', '/v2/orders/{orderId}', 'orders', updateOrder),
	route('GET', '/v2/orders/{orderId}/products', 'orders', listOrderProducts),
	route('GET', '/v2/orders/{orderId}/shipping_addresses', 'orders', listShippingAddresses),
	route('GET', '/v2/orders/{orderId}/shipments', 'orders', listShipments),
	route('GET', '/v2/orders/{orderId}/shipments/count', 'orders', countShipments),
	route('POST', '/v2/orders/{orderId}/shipments', 'orders', createShipment),
	route('GET', '/v2/orders/{orderId}/shipments/{shipmentId}', 'orders', getShipment),
	route('DELETE', '/v2/orders/{orderId}/shipments/{shipmentId}', 'orders', deleteShipment),
	route('GET', '/v3/catalog/products', 'products', listProducts),
	route('PUT', '/v3/catalog/products', 'products', updateProducts),
	route('PUT', '/v3/catalog/products/{productId}', 'products', updateProduct),
	route('GET', '/v3/catalog/variants', 'products', listVariants),
	route('GET', '/v3/inventory/locations', 'locations', listLocations),
	route('GET', '/v3/inventory/items', 'inventory', listInventoryItems),
	route('GET', '/v3/inventory/locations/{locationId}/items', 'inventory', listLocationItems),
	route('PUT', '/v3/inventory/adjustments/absolute', 'inventory', absoluteAdjustment),
];

export type RouteMatch = { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | undefined;

export function matchRoute(method: string, path: string): RouteMatch {
	let pathMatched = false;
	for (const r of ROUTES) {
		const m = r.pattern.exec(path);
		if (!m) continue;
		pathMatched = true;
		if (r.method !== method) continue;
		const params: Record<string, string> = {};
		r.keys.forEach((key, i) => (params[key] = m[i + 1]));
		return { route: r, params };
	}
	return pathMatched ? { methodNotAllowed: true } : undefined;
}

export function hasScope(granted: string[], group: ScopeGroup, write: boolean): boolean {
	const s = SCOPES[group];
	return granted.includes(s.modify) || (!write && granted.includes(s.read));
}
