/**
 * Lists for the WMS Deliver panel. `searchShippingMethods`: the shipping method names on the store's most recent
 * orders. BigCommerce's shipping zone and method endpoints are not in the OpenAPI files this package follows, so
 * the names come from documented order data: `GET /v2/orders?sort=date_created:desc&include=consignments&
 * consignment_structure=object` (orders.v2.oas2.yml), each shipping consignment's `shipping_method`. Names are
 * deduplicated the way the mapping matches them (case and spaces ignored) and sorted; the search text filters them.
 */
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { bcPagesV2, type BcRequest } from '../../shared/bigcommerce/transport';
import type { BcOrder } from '../../shared/bigcommerce/types';
import { readBigCommerceList } from '../../shared/methods/bigCommerceList';
import type { ListNeeds } from '../../shared/methods/listErrors';
import { normalizeShipMethod } from '../../shared/delivery/shipMethodMap';

/** Orders per page (the V2 maximum) and pages read: the shipping methods of the last 500 orders. */
export const RECENT_ORDERS_PAGE_SIZE = 250;
export const RECENT_ORDERS_PAGES = 2;

export const SHIPPING_METHODS_LIST: ListNeeds = {
	what: 'recent orders',
	request: {
		method: 'GET',
		version: 'v2',
		path: '/orders',
		qs: { sort: 'date_created:desc', include: 'consignments', consignment_structure: 'object' },
		resource: 'the most recent orders',
	},
	typeInstead: 'Or choose "By Name" and type the shipping method exactly as it appears on BigCommerce orders.',
};

const NO_CREDENTIAL_REASON =
	'WMS Deliver asks for one only when "After Delivery, Set BigCommerce Status" changes the status.';

/** Shipping method names and how many consignments used each, from orders with embedded consignments. */
export function shippingMethodsOf(orders: BcOrder[]): Array<{ name: string; count: number }> {
	const byKey = new Map<string, { spellings: Map<string, number>; count: number }>();
	for (const order of orders) {
		const shipping = (order.consignments as { shipping?: unknown } | undefined)?.shipping;
		if (!Array.isArray(shipping)) continue;
		for (const consignment of shipping) {
			const raw = (consignment as { shipping_method?: unknown } | null)?.shipping_method;
			if (typeof raw !== 'string') continue;
			const name = raw.trim().replace(/\s+/g, ' ');
			if (!name) continue;
			const key = normalizeShipMethod(name);
			const entry = byKey.get(key) ?? { spellings: new Map<string, number>(), count: 0 };
			entry.count++;
			entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
			byKey.set(key, entry);
		}
	}
	const methods = [...byKey.values()].map(({ spellings, count }) => {
		// The spelling most orders carry (ties: alphabetical), so the list shows what BigCommerce shows.
		const [name] = [...spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
		return { name, count };
	});
	return methods.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** The most recent orders with their consignments: `RECENT_ORDERS_PAGES` pages of `RECENT_ORDERS_PAGE_SIZE`. */
async function recentOrders(ctx: ILoadOptionsFunctions): Promise<BcOrder[]> {
	const orders: BcOrder[] = [];
	const pages = bcPagesV2.call<ILoadOptionsFunctions, [BcRequest, number], AsyncGenerator<BcOrder[]>>(
		ctx,
		SHIPPING_METHODS_LIST.request,
		RECENT_ORDERS_PAGE_SIZE,
	);
	let read = 0;
	for await (const page of pages) {
		orders.push(...page);
		if (++read >= RECENT_ORDERS_PAGES) break;
	}
	return orders;
}

export async function searchShippingMethods(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const orders = await readBigCommerceList(this, SHIPPING_METHODS_LIST, async () => await recentOrders(this), NO_CREDENTIAL_REASON);
	const wanted = normalizeShipMethod(filter ?? '');
	const results: INodeListSearchItems[] = shippingMethodsOf(orders)
		.filter((m) => !wanted || normalizeShipMethod(m.name).includes(wanted))
		.map((m) => ({
			name: m.name,
			value: m.name,
			description: `${m.count} shipping address(es) in the last ${orders.length} orders`,
		}));
	return { results };
}
