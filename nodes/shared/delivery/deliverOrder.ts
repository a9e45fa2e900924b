/**
 * One BigCommerce order -> one WMS order per destination. Checks happen before anything is sent: an order that
 * cannot be delivered whole is held whole, so the warehouse never starts on half of it. Orders go in batches of up to
 * 100 references (batches.ts): right before creating, the batch's BigCommerce statuses are re-read in one request
 * (statusCheck.ts) and an order no longer to deliver is `skipped`; then the adapter creates the rest exactly once
 * (createOnce.ts createMany: a process-wide lock per reference, one look-up of all references before creating and one
 * after, a look-up after a lost response, and an overlapping run's twin cancelled, lowest WMS order id kept).
 */
import type { Destination, Order, OrderLine } from '../model';
import { statusName } from '../bigcommerce/statuses';
import { destinationReference } from '../reference';
import type { WmsAdapter, WmsBatchCreateResult, WmsOrderInput, WmsRouting } from '../wms/adapter';
import { runLimited } from './parallel';
import { movedOnReason, statusVerdict, type StatusVerdict } from './statusCheck';
import { routeShipMethod } from './shipMethodMap';
import type { DeliverResult, DeliverSettings } from './types';
import { missingAddressFields } from './validate';
import { hasSku } from '../sku';

export interface DeliverDeps {
	adapter: WmsAdapter;
	/** Sets the BigCommerce order status (PUT /v2/orders/{id} with only status_id). */
	setOrderStatus(orderId: number, statusId: number): Promise<void>;
	/**
	 * The current BigCommerce status per order id, undefined when BigCommerce no longer has the order (one request per
	 * batch; statusCheck.ts). Needed when any order's settings re-check the status.
	 */
	readStatuses?(orderIds: number[]): Promise<Map<number, number | undefined>>;
	/** The error's own message in words, without secrets. */
	describeError(error: unknown): string;
}

export interface OrderDelivery {
	results: DeliverResult[];
	/**
	 * Every destination is in the WMS and the status write-back (if any) is done: the Orders Trigger may forget it.
	 * After a failed write-back it stays undelivered, so the trigger offers it again and the next run (finding it
	 * in the WMS as `exists`) sets the status then.
	 */
	delivered: boolean;
}

interface PreparedDestination {
	index: number;
	reference: string;
	destination: Destination;
	routing?: WmsRouting;
	problems: string[];
}

const TOLERATED_WITH_LINE_SKIP = 'missing-sku';

const lineLabel = (line: OrderLine, n: number) => `line ${n} "${line.name || `product ${line.productId}`}"`;

function prepareDestination(order: Order, index: number, settings: DeliverSettings): PreparedDestination {
	const source = order.destinations[index];
	const label = order.destinations.length > 1 ? `destination ${index + 1}: ` : '';
	const problems: string[] = [];
	const lines: OrderLine[] = [];
	// Lines the trigger already reported as missing a SKU are not reported twice.
	const reportedMissingSku = new Set(
		(order.problems ?? []).filter((p) => p.code === TOLERATED_WITH_LINE_SKIP && p.orderProductId).map((p) => p.orderProductId),
	);
	for (const [l, line] of source.lines.entries()) {
		if (line.quantity <= 0) continue;
		if (!hasSku(line)) {
			if (settings.problems === 'hold' && !reportedMissingSku.has(line.orderProductId)) {
				problems.push(`${label}${lineLabel(line, l + 1)} has no SKU`);
			}
			continue;
		}
		lines.push(line);
	}
	if (lines.length === 0 && !problems.length) problems.push(`${label}no line has both a SKU and a quantity to ship`);
	const missing = missingAddressFields(source.address);
	if (missing.length) problems.push(`${label}the shipping address has no ${missing.join(', ')}`);
	const route = routeShipMethod(source.shippingMethod, settings);
	if (!route.mapped && route.hold) {
		problems.push(
			`${label}shipping method "${source.shippingMethod}" is not in the Ship Method Mapping`,
		);
	}
	return {
		index,
		reference: destinationReference(order.reference, index),
		destination: { ...source, lines },
		routing: route.routing,
		problems,
	};
}

function orderProblems(order: Order, settings: DeliverSettings): string[] {
	return (order.problems ?? [])
		.filter((p) => settings.problems === 'hold' || p.code !== TOLERATED_WITH_LINE_SKIP)
		.map((p) => (p.message || p.code).trim().replace(/\.$/, ''));
}

/** The order as the WMS should see it: only the notes the user chose. */
function orderForWms(order: Order, settings: DeliverSettings): Order {
	return {
		...order,
		notes: {
			customer: settings.includeCustomerMessage ? order.notes.customer : '',
			staff: settings.includeStaffNotes ? order.notes.staff : '',
		},
	};
}

const HOLD_ADVICE =
	'Fix it in BigCommerce (or change the WMS Deliver settings); the Orders Trigger offers the order again after its redelivery window.';

/** An order that passed the checks: its destinations ready to create. */
export interface PlannedOrder {
	order: Order;
	settings: DeliverSettings;
	wmsOrder: Order;
	prepared: PreparedDestination[];
}

/** The order held with every reason when anything stops it, else its plan. */
export function planOrder(order: Order, settings: DeliverSettings): { held: OrderDelivery } | { plan: PlannedOrder } {
	const prepared = order.destinations.map((_, index) => prepareDestination(order, index, settings));
	const problems = [...orderProblems(order, settings), ...prepared.flatMap((p) => p.problems)];
	const held = heldDelivery(order, prepared, problems);
	if (held) return { held };
	return { plan: { order, settings, wmsOrder: orderForWms(order, settings), prepared } };
}

/** An order after its batch went to the warehouse, before the status write-back. */
export interface CreatedOrder {
	plan: PlannedOrder;
	results: DeliverResult[];
}

/** One order alone: a batch of one (the same requests as before batching: look-up, create, look-up, write-back). */
export async function deliverOrder(order: Order, settings: DeliverSettings, deps: DeliverDeps): Promise<OrderDelivery> {
	const planned = planOrder(order, settings);
	if ('held' in planned) return planned.held;
	const [created] = await createBatch([planned.plan], deps, settings.parallel);
	return await finishOrder(created, deps);
}

/**
 * One batch into the warehouse: the status re-check (one BigCommerce read for the batch), then every destination of
 * the orders still to deliver through the adapter's batch create. Never throws for one order: its results say why.
 */
export async function createBatch(plans: PlannedOrder[], deps: DeliverDeps, parallel: number): Promise<CreatedOrder[]> {
	const verdicts = await verdictsOf(plans, deps);
	const inputs: WmsOrderInput[] = [];
	const lookOnly = new Set<string>();
	plans.forEach((plan, i) => {
		const verdict = verdicts[i];
		if ('failed' in verdict || verdict.kind === 'skip') return;
		for (const p of plan.prepared) {
			inputs.push({ reference: p.reference, order: plan.wmsOrder, destination: p.destination, routing: p.routing });
			if (verdict.kind === 'lookOnly') lookOnly.add(p.reference);
		}
	});
	const outcomes = inputs.length ? await deps.adapter.createOrders(inputs, { parallel, lookOnly }) : [];
	let next = 0;
	return plans.map((plan, i) => {
		const verdict = verdicts[i];
		const { order } = plan;
		if ('failed' in verdict) return { plan, results: plan.prepared.map((p) => statusUnreadResult(order, p, verdict.failed)) };
		if (verdict.kind === 'skip') return { plan, results: plan.prepared.map((p) => skippedResult(order, p, verdict.reason, verdict.current)) };
		const current = verdict.kind === 'lookOnly' ? verdict.current : undefined;
		const results = plan.prepared.map((p) => {
			const outcome = outcomes[next++];
			// Look-only and not in the warehouse: moved on by a person without being delivered.
			if (outcome.ok && outcome.result === null) return skippedResult(order, p, movedOnReason(order, current ?? -1), current);
			return destinationResult(order, p, outcome, deps);
		});
		return { plan, results };
	});
}

/** The status verdict of each order (statusCheck.ts); `failed` for every order of the batch when the read failed. */
async function verdictsOf(plans: PlannedOrder[], deps: DeliverDeps): Promise<Array<StatusVerdict | { failed: string }>> {
	const checked = plans.filter((p) => p.settings.statusCheck !== undefined).map((p) => p.order.orderId);
	if (!checked.length || !deps.readStatuses) return plans.map(() => ({ kind: 'deliver' }));
	try {
		const current = await deps.readStatuses(checked);
		return plans.map((p) => statusVerdict(p.order, p.settings, current.get(p.order.orderId)));
	} catch (error) {
		const failed = deps.describeError(error);
		return plans.map((p) => (p.settings.statusCheck === undefined ? { kind: 'deliver' as const } : { failed }));
	}
}

/** The write-back of a created order: whether the Orders Trigger may forget it, and the final results. */
export async function finishOrder(created: CreatedOrder, deps: DeliverDeps): Promise<OrderDelivery> {
	const { plan, results } = created;
	const inWms = results.every((r) => r.outcome === 'created' || r.outcome === 'exists');
	if (!inWms) return { results, delivered: false };
	if (plan.settings.statusAfterDelivery === undefined) return { results, delivered: true };
	return { results, delivered: await writeBack(plan.order, plan.settings.statusAfterDelivery, results, deps) };
}

/** Write-backs of a batch's orders, `parallel` at a time (one order never twice at once). */
export async function finishBatch(created: CreatedOrder[], deps: DeliverDeps, parallel: number, done: (c: CreatedOrder, d: OrderDelivery) => void): Promise<void> {
	await runLimited(created.length, parallel, (i) => String(created[i].plan.order.orderId), async (i) => {
		done(created[i], await finishOrder(created[i], deps));
	});
}

function resultBase(order: Order, p: PreparedDestination) {
	return { orderId: order.orderId, reference: p.reference, destinationIndex: p.index };
}

/** The order held with every reason when anything stops it (all destinations or none go), else undefined. */
function heldDelivery(order: Order, prepared: PreparedDestination[], problems: string[]): OrderDelivery | undefined {
	if (prepared.length === 0) {
		const why = problems.length ? problems.join('; ') : 'it has no shipping destinations, so there is nothing to ship';
		return {
			delivered: false,
			results: [
				{
					orderId: order.orderId,
					reference: order.reference,
					destinationIndex: 0,
					wmsOrderId: null,
					outcome: 'held',
					reason: `Order ${order.orderId} was held and not sent to the warehouse: ${why}.`,
				},
			],
		};
	}

	if (problems.length) {
		const what = order.destinations.length > 1 ? `Order ${order.orderId} (all ${order.destinations.length} destinations)` : `Order ${order.orderId}`;
		return {
			delivered: false,
			results: prepared.map((p) => ({
				...resultBase(order, p),
				wmsOrderId: null,
				outcome: 'held',
				reason: `${what} was held and not sent to the warehouse as ${p.reference}: ${problems.join('; ')}. ${HOLD_ADVICE}`,
			})),
		};
	}

	return undefined;
}

/** The result of one destination from the adapter's batch answer. */
function destinationResult(order: Order, p: PreparedDestination, outcome: WmsBatchCreateResult, deps: DeliverDeps): DeliverResult {
	if (!outcome.ok) return failedResult(order, p, outcome.error, deps);
	const created = outcome.result!;
	const result: DeliverResult = {
		...resultBase(order, p),
		wmsOrderId: created.wmsOrderId,
		outcome: created.outcome,
		reason:
			created.outcome === 'created'
				? `Order ${order.orderId} was created in the warehouse as ${p.reference} (WMS order ${created.wmsOrderId}).`
				: created.note
					? `Order ${order.orderId} is in the warehouse as ${p.reference} (WMS order ${created.wmsOrderId}).`
					: `Order ${order.orderId} was already in the warehouse as ${p.reference} (WMS order ${created.wmsOrderId}); it was not sent again.`,
	};
	if (created.note) result.reason += ` ${created.note}`;
	return result;
}

function failedResult(order: Order, p: PreparedDestination, error: unknown, deps: DeliverDeps): DeliverResult {
	return {
		...resultBase(order, p),
		wmsOrderId: null,
		outcome: 'failed',
		reason: `Order ${order.orderId} could not be created in the warehouse as ${p.reference}: ${deps.describeError(error)}. The Orders Trigger offers the order again after its redelivery window; it will not be created twice.`,
	};
}

function statusUnreadResult(order: Order, p: PreparedDestination, message: string): DeliverResult {
	return {
		...resultBase(order, p),
		wmsOrderId: null,
		outcome: 'failed',
		reason: `Order ${order.orderId} was not sent to the warehouse as ${p.reference}: its current BigCommerce status could not be read right before creating (${message}). The Orders Trigger offers the order again after its redelivery window.`,
	};
}

/** Not sent: the BigCommerce status right before creating says it is no longer to deliver. */
function skippedResult(order: Order, p: PreparedDestination, reason: string, current: number | undefined): DeliverResult {
	const result: DeliverResult = { ...resultBase(order, p), wmsOrderId: null, outcome: 'skipped', reason };
	if (current !== undefined) result.bigCommerceStatus = { id: current, name: statusName(current) };
	return result;
}

/** Sets the BigCommerce status; false when that failed (the results say so). */
async function writeBack(order: Order, statusId: number, results: DeliverResult[], deps: DeliverDeps): Promise<boolean> {
	const status = { id: statusId, name: statusName(statusId) };
	if (order.status.id !== statusId) {
		try {
			await deps.setOrderStatus(order.orderId, statusId);
		} catch (error) {
			const message = deps.describeError(error);
			for (const r of results) {
				r.statusUpdateError = message;
				r.reason += ` Its BigCommerce status could not be set to ${status.name}: ${message}. The order is in the warehouse; the Orders Trigger offers it again after its redelivery window and the status is set then (it will not be created twice), or set the status by hand.`;
			}
			return false;
		}
	}
	for (const r of results) {
		r.bigCommerceStatus = status;
		r.reason += ` BigCommerce status: ${status.name}.`;
	}
	return true;
}
