/** 3PL Warehouse Manager request shapes we send, and the credential settings the adapter uses. */

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

/** Page sizes: /orders allows up to 1000 (detail=All rows are large, so fewer), stock details up to 500. */
export const ORDERS_PAGE_SIZE = 100;
export const STOCK_PAGE_SIZE = 500;
