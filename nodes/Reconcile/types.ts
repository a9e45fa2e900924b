/** Reconcile's findings and summary (README "Reconcile"). */
import type { IDataObject } from 'n8n-workflow';

export type FindingKind =
	| 'neverDelivered'
	| 'shipmentMissingInBigCommerce'
	| 'shippedInBigCommerceOpenInWarehouse'
	| 'cancelledInBigCommerceActiveInWarehouse'
	| 'unknownToBigCommerce'
	| 'stockDiffers'
	| 'skuOnlyInWarehouse'
	| 'skuOnlyInBigCommerce';

/** Every kind, in the order the summary and the report list them, with its heading. */
export const KIND_TITLES: Record<FindingKind, string> = {
	neverDelivered: 'Never delivered to the warehouse',
	shipmentMissingInBigCommerce: 'Shipped by the warehouse, shipment missing in BigCommerce',
	shippedInBigCommerceOpenInWarehouse: 'Shipped in BigCommerce, open in the warehouse',
	cancelledInBigCommerceActiveInWarehouse: 'Cancelled or refunded in BigCommerce, active in the warehouse',
	unknownToBigCommerce: 'Warehouse orders BigCommerce does not have',
	stockDiffers: 'Stock differs',
	skuOnlyInWarehouse: 'SKU only in the warehouse',
	skuOnlyInBigCommerce: 'SKU only in BigCommerce',
};

export const KINDS = Object.keys(KIND_TITLES) as FindingKind[];

export type RepairAction = 'redeliver' | 'confirmShipments' | 'cancel' | 'resyncStock';

export interface Finding extends IDataObject {
	kind: FindingKind;
	orderId?: number;
	reference?: string;
	sku?: string;
	bigCommerce: IDataObject;
	warehouse: IDataObject;
	/** What Repair would do, or what a person should do, in words. */
	suggestedRepair: string;
	/** The repair Reconcile can make (absent: a person must decide). */
	repairAction?: RepairAction;
	/** The finding in one sentence. */
	message: string;
	/** Set when Repair is on and this finding has a repair: whether it succeeded. */
	repaired?: boolean;
	repairResult?: string;
}

/** The parts of a run; each is read once and can fail alone. */
export type Part = 'bigCommerceOrders' | 'warehouseOrders' | 'bigCommerceCatalog' | 'warehouseStock';

export const PART_TITLES: Record<Part, string> = {
	bigCommerceOrders: 'BigCommerce orders',
	warehouseOrders: 'warehouse orders',
	bigCommerceCatalog: 'BigCommerce catalog and stock',
	warehouseStock: 'warehouse stock',
};

export interface NotChecked extends IDataObject {
	part: Part;
	reason: string;
}

export interface Summary extends IDataObject {
	kind: 'summary';
	ranAt: string;
	window: { from: string; to: string; days: number };
	checked: { bigCommerceOrders: number; warehouseOrders: number; bigCommerceSkus: number; warehouseSkus: number };
	totals: Record<FindingKind, number>;
	total: number;
	/** True when every part was read; otherwise `notChecked` names what was not, and the findings it affects are absent. */
	complete: boolean;
	notChecked: NotChecked[];
	repair: boolean;
	repaired: number;
	repairsFailed: number;
	requests: { bigCommerce: number };
	message: string;
}
