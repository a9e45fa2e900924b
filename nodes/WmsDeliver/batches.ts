/**
 * A run's orders in batches of up to REFERENCE_BATCH_SIZE warehouse references (issue 13 item 6): per batch one
 * BigCommerce status read, one warehouse look-up before creating and one after, so 1,000 single-address orders cost
 * 1,000 creates + 20 look-ups + 10 status reads instead of 3,000 warehouse requests. An order's destinations stay in
 * one batch; a reference never appears twice in a batch (a repeated input item goes to a later batch and finds its
 * order there as `exists`). Batches go to the warehouse one after the other; the status write-backs of a batch run
 * while the next batch is created.
 */
import { REFERENCE_BATCH_SIZE } from '../shared/wms/adapter';
import { createBatch, finishBatch, type CreatedOrder, type DeliverDeps, type OrderDelivery, type PlannedOrder } from '../shared/delivery/deliverOrder';

/** Consecutive batches of whole orders, at most `size` references each, no reference twice in one batch. */
export function batchesOf<T extends { plan: PlannedOrder }>(items: T[], size = REFERENCE_BATCH_SIZE): T[][] {
	const batches: T[][] = [];
	let current: T[] = [];
	let references = new Set<string>();
	for (const item of items) {
		const refs = item.plan.prepared.map((p) => p.reference.trim().toLowerCase());
		const clash = refs.some((r) => references.has(r));
		if (current.length && (clash || references.size + refs.length > size)) {
			batches.push(current);
			current = [];
			references = new Set();
		}
		current.push(item);
		for (const r of refs) references.add(r);
	}
	if (current.length) batches.push(current);
	return batches;
}

/** Every planned order through its batch and write-back; `done` once per order with its final delivery. */
export async function deliverInBatches<T extends { plan: PlannedOrder }>(
	items: T[],
	deps: DeliverDeps,
	parallel: number,
	done: (item: T, delivery: OrderDelivery) => void,
): Promise<void> {
	let writeBacks: Promise<void> = Promise.resolve();
	let writeBackError: unknown;
	try {
		for (const batch of batchesOf(items)) {
			const created = await createBatch(
				batch.map((b) => b.plan),
				deps,
				parallel,
			);
			const byPlan = new Map<PlannedOrder, T>(batch.map((b) => [b.plan, b]));
			writeBacks = writeBacks.then(async () => {
				await finishBatch(created, deps, parallel, (c: CreatedOrder, delivery) => done(byPlan.get(c.plan)!, delivery)).catch((error: unknown) => {
					writeBackError ??= error;
				});
			});
		}
	} finally {
		// No request is still running when the node returns, also after a failure.
		await writeBacks;
	}
	if (writeBackError !== undefined) throw writeBackError;
}
