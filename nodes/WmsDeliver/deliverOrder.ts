/**
 * One BigCommerce order -> one WMS order per destination. Checks happen before anything is sent: an order that
 * cannot be delivered whole is held whole, so the warehouse never starts on half of it. Exactly-once creation is the
 * adapter's job: a process-wide lock per reference, lookup before create, lookup again after the create (and after a
 * lost response), and an overlapping run's twin cancelled, lowest WMS order id kept (nodes/shared/wms/duplicates.ts).
 */
import type { Destination, Order, OrderLine } from '../shared/model';
import { statusName } from '../shared/bigcommerce/statuses';
import { destinationReference } from '../shared/reference';
import type { WmsAdapter, WmsRouting } from '../shared/wms/adapter';
import type { GuardedCreateResult } from '../shared/wms/duplicates';
import { routeShipMethod } from './shipMethodMap';
import type { DeliverResult, DeliverSettings } from './types';
import { missingAddressFields } from './validate';
import { hasSku } from '../shared/sku';

export interface DeliverDeps {
	adapter: WmsAdapter;
	/** Sets the BigCommerce order status (PUT /v2/orders/{id} with only status_id). */
	setOrderStatus(orderId: number, statusId: number): Promise<void>;
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

export async function deliverOrder(order: Order, settings: DeliverSettings, deps: DeliverDeps): Promise<OrderDelivery> {
	const prepared = order.destinations.map((_, index) => prepareDestination(order, index, settings));
	const problems = [...orderProblems(order, settings), ...prepared.flatMap((p) => p.problems)];
	const held = heldDelivery(order, prepared, problems);
	if (held) return held;

	const wmsOrder = orderForWms(order, settings);
	const results: DeliverResult[] = [];
	for (const p of prepared) results.push(await createDestination(order, wmsOrder, p, deps));

	const inWms = results.every((r) => r.outcome === 'created' || r.outcome === 'exists');
	if (!inWms) return { results, delivered: false };
	if (settings.statusAfterDelivery === undefined) return { results, delivered: true };
	return { results, delivered: await writeBack(order, settings.statusAfterDelivery, results, deps) };
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

/** One destination into the warehouse, exactly once (the adapter looks the reference up first): its result. */
async function createDestination(order: Order, wmsOrder: Order, p: PreparedDestination, deps: DeliverDeps): Promise<DeliverResult> {
	try {
		const created: GuardedCreateResult = await deps.adapter.createOrder({
			reference: p.reference,
			order: wmsOrder,
			destination: p.destination,
			routing: p.routing,
		});
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
	} catch (error) {
		return {
			...resultBase(order, p),
			wmsOrderId: null,
			outcome: 'failed',
			reason: `Order ${order.orderId} could not be created in the warehouse as ${p.reference}: ${deps.describeError(error)}. The Orders Trigger offers the order again after its redelivery window; it will not be created twice.`,
		};
	}
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
