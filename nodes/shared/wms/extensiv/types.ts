/** 3PL Warehouse Manager request shapes we send, and the credential settings the adapter uses. */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

export const EXTENSIV_CREDENTIAL = 'extensivWarehouseManagerApi';

export interface ExtensivSettings {
	baseUrl: string;
	customerId: number;
	facilityId: number;
	warehouseTimeZone: string;
}

/** `OrderCreate` (rels/orders/import). Only the fields we fill. */
export interface ExtensivOrderCreate {
	customerIdentifier: { id: number };
	facilityIdentifier: { id: number };
	referenceNum: string;
	poNum?: string;
	notes?: string;
	billingCode?: string;
	routingInfo?: { carrier?: string; mode?: string };
	shipTo: ExtensivShipTo;
	orderItems: Array<{ itemIdentifier: { sku: string }; qty: number }>;
}

export interface ExtensivShipTo {
	companyName: string;
	name: string;
	address1: string;
	address2: string;
	city: string;
	state: string;
	zip: string;
	country: string;
	phoneNumber: string;
	emailAddress: string;
}

/** `readOnly.status` of an order (WarehouseTransactionApiStatus). */
export const ORDER_STATUS_CANCELLED = 2;
export const ORDER_STATUS_CLOSED = 1;

/** Page sizes: reference look-ups (an RQL in-list of up to 100 references) read 100 rows a page; listings of orders
 * (shipped orders, Reconcile's window) read the documented `pgsiz` maximum of /orders, 1000; stock details up to 500. */
export const ORDERS_PAGE_SIZE = 100;
export const ORDER_LIST_PAGE_SIZE = 1000;
export const STOCK_PAGE_SIZE = 500;

/** Whether a page was the last one: short, or the API's total reached. */
export function isLastPage(rowsOnPage: number, pageSize: number, pgnum: number, total: number | undefined): boolean {
	return rowsOnPage < pageSize || (total !== undefined && pgnum * pageSize >= total);
}

/** One request of the adapter (and of the change calls it lends its requests to). */
export interface ExtensivRequestSpec {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: Record<string, string>;
	/** Safe to repeat (reads). */
	retry: boolean;
}
