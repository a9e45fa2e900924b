import type { Outcome } from '../model';
import type { WmsRouting } from '../wms/adapter';

export type DeliverOutcome = Extract<Outcome, 'created' | 'exists' | 'held' | 'skipped' | 'failed'>;

/**
 * Which BigCommerce statuses still mean "deliver it", checked right before creating (statusCheck.ts):
 * `asReceived` = the status the input item carries (the one the trigger read it in); or a list of status ids.
 */
export type StillToDeliver = 'asReceived' | number[];

export interface ShipMethodMapping {
	shippingMethod: string;
	routing: WmsRouting;
}

export interface DeliverSettings {
	shipMethods: ShipMethodMapping[];
	/** `hold`, or the routing to use for a method that is not mapped (undefined = let the warehouse decide). */
	unmapped: { action: 'hold' } | { action: 'useDefault'; routing?: WmsRouting };
	problems: 'hold' | 'deliverLinesWithSku';
	/** Status id to set in BigCommerce once every destination is in the WMS; undefined = don't change. */
	statusAfterDelivery?: number;
	includeCustomerMessage: boolean;
	includeStaffNotes: boolean;
	/** Orders in flight at once. */
	parallel: number;
	/** Re-read the BigCommerce status right before creating and skip orders no longer to deliver; undefined = don't. */
	statusCheck?: StillToDeliver;
}

/** One output item per destination. */
export interface DeliverResult {
	orderId: number | null;
	reference: string;
	destinationIndex: number;
	wmsOrderId: string | null;
	outcome: DeliverOutcome;
	reason: string;
	/** The status the order has in BigCommerce after the write-back (only when it was set or already so). */
	bigCommerceStatus?: { id: number; name: string };
	/** Why the write-back failed; the order is in the WMS regardless. */
	statusUpdateError?: string;
	/**
	 * Set by the node on every output item (heldNotices.ts): true when a person must be told, i.e. `failed`, or
	 * `held` for an order and reason not reported before; false for `created`, `exists` and a hold already reported
	 * (the Orders Trigger redelivers held orders after its redelivery window). The bundled workflow routes on it.
	 */
	needsAttention?: boolean;
}
