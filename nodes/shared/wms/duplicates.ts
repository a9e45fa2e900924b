/**
 * Exactly one warehouse order per reference, without relying on the warehouse to refuse a repeated reference
 * (README "Exactly once under overlapping runs"). Both adapters create under a process-wide lock per warehouse +
 * reference (one n8n process), then look the reference up again (any number of processes): when more than one active
 * order carries it, overlapping runs created it at the same moment. Every run decides the same way: the lowest WMS
 * order id stays, the others are cancelled with the adapter's documented cancel. The last run to create always
 * sees the earlier ones, so no duplicate is left behind by a completed run.
 */
import type { WmsCreateResult, WmsOrderRef } from './adapter';

export interface GuardedCreateResult extends WmsCreateResult {
	/** What the guard did (a twin cancelled), in words, for the result's reason. */
	note?: string;
}

/** Active orders sorted by WMS order id, lowest first (numeric ids numerically). */
export function byLowestId(orders: WmsOrderRef[]): WmsOrderRef[] {
	const num = (id: string) => (/^\d+$/.test(id) ? Number(id) : Number.NaN);
	return orders
		.filter((o) => o.status !== 'cancelled')
		.sort((a, b) => {
			const x = num(a.wmsOrderId);
			const y = num(b.wmsOrderId);
			if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
			return a.wmsOrderId.localeCompare(b.wmsOrderId);
		});
}

export interface KeepOneDeps {
	/** Every active order with the reference (the adapter's lookup, re-read now). */
	activeOrders(reference: string): Promise<WmsOrderRef[]>;
	/** The adapter's cancel; throws an error naming the order when the warehouse refuses. */
	cancelOrder(wmsOrderId: string, reason: string): Promise<void>;
	/** Thrown when a twin cannot be cancelled: the message must name both orders and what to do. */
	cannotCancel(reference: string, kept: string, twin: string, error: unknown): Error;
}

/**
 * After this run created `ours` (or, `ours` undefined, found the order as `found` after a lost response): keeps the
 * lowest active order with the reference and cancels the others.
 */
export async function keepOne(
	reference: string,
	ours: string | undefined,
	deps: KeepOneDeps,
	found?: string,
): Promise<GuardedCreateResult> {
	let active: WmsOrderRef[];
	if (ours === undefined) active = byLowestId(await deps.activeOrders(reference));
	else
		try {
			active = byLowestId(await deps.activeOrders(reference));
		} catch (error) {
			// The create went through; only the check for a twin failed. The order stands (a twin, if any, is the
			// other run's to find: the run that creates last always sees the earlier order).
			return {
				wmsOrderId: ours,
				outcome: 'created',
				note: `Looking ${reference} up again after creating it failed (${(error as Error)?.message ?? String(error)}); check the warehouse for a second order ${reference} if another run delivered it at the same moment.`,
			};
		}
	if (!active.length) {
		// Not listed yet (the warehouse's search lags its writes), or found under a split reference: what we have stands.
		return ours !== undefined ? { wmsOrderId: ours, outcome: 'created' } : { wmsOrderId: found ?? '', outcome: 'exists' };
	}
	const [kept, ...twins] = active;
	const cancelled: string[] = [];
	for (const twin of twins) {
		try {
			await deps.cancelOrder(
				twin.wmsOrderId,
				`Duplicate of WMS order ${kept.wmsOrderId} (reference ${reference}), created at the same moment by an overlapping run`,
			);
		} catch (error) {
			// Another run cancelling the same twin at the same moment is fine: only a twin still active is a problem.
			const still = (await deps.activeOrders(reference)).some((o) => o.wmsOrderId === twin.wmsOrderId);
			if (still) throw deps.cannotCancel(reference, kept.wmsOrderId, twin.wmsOrderId, error);
		}
		cancelled.push(twin.wmsOrderId);
	}
	const oursCancelled = ours !== undefined && ours !== kept.wmsOrderId;
	const notes: string[] = [];
	if (oursCancelled) notes.push(`An overlapping run created ${reference} at the same moment; this run's WMS order ${ours} was cancelled as the duplicate.`);
	const others = cancelled.filter((id) => id !== ours);
	if (others.length) notes.push(`Duplicate WMS order ${others.join(', ')} from an overlapping run was cancelled.`);
	return {
		wmsOrderId: kept.wmsOrderId,
		outcome: ours !== undefined && !oursCancelled ? 'created' : 'exists',
		...(notes.length ? { note: notes.join(' ') } : {}),
	};
}

/** The process-wide lock key of a reference in one warehouse. */
export function referenceKey(warehouse: string, reference: string): string {
	return `wms-reference|${warehouse}|${reference.trim().toLowerCase()}`;
}
