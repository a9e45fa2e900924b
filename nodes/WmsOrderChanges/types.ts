import type { WmsOrderContents, WmsOrderStage } from '../shared/wms/adapter';

export type ChangeOutcome = 'cancelled' | 'exists' | 'updated' | 'unchanged' | 'skipped' | 'needsAttention' | 'failed';

/** One output item per warehouse order (per shipping address) of a changed order. */
export interface ChangeResult {
	orderId: number;
	reference: string;
	destinationIndex: number;
	wmsOrderId: string | null;
	/** The trigger's change kind: cancelled, onHold, edited, partiallyRefunded. */
	change: string;
	outcome: ChangeOutcome;
	reason: string;
	needsAttention: boolean;
	/** How far the warehouse got: unallocated, allocated, picking, packed, closed, cancelled. */
	warehouseStage?: WmsOrderStage;
	/** Edits: what the warehouse held, and what BigCommerce now says. */
	before?: WmsOrderContents;
	after?: WmsOrderContents;
}
