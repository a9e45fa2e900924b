/**
 * The one WMS interface (docs/architecture.md, "Layers"). WMS Deliver, Confirm Shipment and Sync Inventory talk to a warehouse
 * only through a `WmsAdapter`; `createWmsAdapter` (index.ts) picks the implementation from the node's `wmsType`.
 */
import type { Destination, Order, Shipment, StockLevel } from '../model';

export type WmsType = 'extensiv' | 'http';

export interface WmsRouting {
	carrier?: string;
	mode?: string;
	billingCode?: string;
}

/** One WMS order = one destination of a BigCommerce order. */
export interface WmsOrderInput {
	/** The WMS order number, unique per destination (e.g. `BC-1001`, `BC-1001/2`). */
	reference: string;
	order: Order;
	destination: Destination;
	routing?: WmsRouting;
}

export interface WmsOrderRef {
	wmsOrderId: string;
	reference: string;
	status: 'open' | 'closed' | 'cancelled';
}

export interface WmsCreateResult {
	wmsOrderId: string;
	/** `exists` when the WMS already had this reference (found by lookup, or a duplicate rejected by the WMS). */
	outcome: 'created' | 'exists';
}

/** A shipped (closed) WMS order in the data contract's Shipment shape, plus the WMS's own modification time. */
export interface WmsShippedOrder extends Shipment {
	/** ISO 8601 UTC: when the WMS last modified the order (used for the cursor). */
	modifiedAt: string;
}

/** One WMS order of any status, as the reconciliation lists them (extensiv/listOrders.ts, http/listOrders.ts). */
export interface WmsListedOrder extends WmsOrderRef {
	/** ISO 8601 UTC: when the WMS created the order ('' when it does not say). */
	createdAt: string;
	/** Closed orders: what the warehouse shipped, in the Shipment shape. */
	shipment?: WmsShippedOrder;
}

/** Up to this many references per batch look-up request (3PL WM RQL `in` list; generic `references=` list). */
export const REFERENCE_BATCH_SIZE = 100;

/** What `createOrders` did with one input: its create result, `null` for a look-only reference not there, or the error. */
export type WmsBatchCreateResult =
	| { reference: string; ok: true; result: WmsCreateResult & { note?: string } }
	| { reference: string; ok: true; result: null }
	| { reference: string; ok: false; error: unknown };

export interface WmsCreateOrdersOptions {
	/** Creates in flight at once (default 4). */
	parallel?: number;
	/** References only to report when already in the warehouse: never created (result `null` when absent). */
	lookOnly?: ReadonlySet<string>;
}

export interface WmsAdapter {
	readonly type: WmsType;
	findOrderByReference(reference: string): Promise<WmsOrderRef | null>;
	/**
	 * Batch form of findOrderByReference, REFERENCE_BATCH_SIZE references per request (3PL WM: `GET /orders` with
	 * `rql=referenceNum=in=(...)`; generic HTTP: `GET /orders?references=A,B`): reference as given -> its order or null.
	 */
	findOrdersByReferences(references: string[]): Promise<Map<string, WmsOrderRef | null>>;
	/** Every active order carrying each reference exactly, batched the same way (the check for twins after creating). */
	activeOrdersByReferences(references: string[]): Promise<Map<string, WmsOrderRef[]>>;
	/**
	 * createOrder for a batch (createOnce.ts createMany): the same guarantees with one look-up of all references before
	 * creating and one after (plus one per lost response). One result per input, in order; never throws for one order.
	 */
	createOrders(inputs: WmsOrderInput[], options?: WmsCreateOrdersOptions): Promise<WmsBatchCreateResult[]>;
	/**
	 * Exactly once: looks the reference up before creating; after a timeout or lost response looks it up again
	 * before any retry; never creates a second order for the same reference.
	 */
	createOrder(input: WmsOrderInput): Promise<WmsCreateResult>;
	/**
	 * Shipped/closed orders modified at or after `since` (ISO; undefined = the WMS's beginning), oldest first.
	 * Split parts keep their WMS reference (`REF-1`); mapping back to the base reference is the caller's job.
	 */
	listShippedOrders(since: string | undefined): Promise<WmsShippedOrder[]>;
	/** Available stock per SKU (3PL WM: `available` for the credential's facility). */
	listStock(): Promise<StockLevel[]>;
	cancelOrder(wmsOrderId: string, reason: string): Promise<void>;
	/** Every order (open, closed with its packages, cancelled) the WMS created at or after `createdSince` (ISO; Reconcile). */
	listOrders?(createdSince: string): Promise<WmsListedOrder[]>;
	/** Cancel and update after hand-off (WMS Order Changes); both adapters have it. */
	changes?(): WmsChangeAdapter;
}

/** How far the warehouse got with an order: what it still lets us change (changes.ts, WMS Order Changes). */
export type WmsOrderStage = 'unallocated' | 'allocated' | 'picking' | 'packed' | 'closed' | 'cancelled';

/** A warehouse order as the WMS Order Changes node sees it: found by reference, cancelled ones included. */
export interface WmsChangeTarget extends WmsOrderRef {
	stage: WmsOrderStage;
}

/** A shipping address in the few fields both sides know, for comparing and for "old vs new". */
export interface WmsAddressView {
	name: string;
	company: string;
	street1: string;
	street2: string;
	city: string;
	state: string;
	postalCode: string;
	country: string;
}

/** The address and lines the warehouse holds, for "old vs new". Undefined fields: the WMS did not say. */
export interface WmsOrderContents {
	address?: WmsAddressView;
	lines?: Array<{ sku: string; quantity: number }>;
}

export interface WmsCancelOutcome {
	/** `cancelled` now; `alreadyCancelled` (nothing sent); `refused` by the warehouse (picking started, shipped). */
	result: 'cancelled' | 'alreadyCancelled' | 'refused';
	stage: WmsOrderStage;
	/** The warehouse's own words when it refused. */
	message?: string;
}

export interface WmsUpdateOutcome {
	/** `updated`; `unchanged` (the warehouse already has it, nothing sent); `refused` (allocated, picking, closed). */
	result: 'updated' | 'unchanged' | 'refused';
	stage: WmsOrderStage;
	/** What the warehouse held before (for the report). */
	before: WmsOrderContents;
	/** Parts the WMS cannot change through its API (3PL WM: lines); reported, never sent. */
	notChanged?: Array<'address' | 'lines'>;
	message?: string;
}

/** Cancel and update of an order already in the warehouse (extensiv/changes.ts, http/changes.ts). */
export interface WmsChangeAdapter {
	/** Every order under the reference, cancelled ones included, and 3PL WM split parts `R-N`; one request. */
	findForChange(reference: string): Promise<WmsChangeTarget[]>;
	/** Cancels while the warehouse can still stop it; never a second cancel. */
	cancelForChange(target: WmsChangeTarget, reason: string): Promise<WmsCancelOutcome>;
	/** Replaces address (and lines where the WMS allows) while unallocated; never creates an order. */
	updateForChange(target: WmsChangeTarget, input: WmsOrderInput): Promise<WmsUpdateOutcome>;
}
