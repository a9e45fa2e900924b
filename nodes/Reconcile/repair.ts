/**
 * Repair, through the code the other nodes write with (never a copy, so a repair can never duplicate):
 * re-deliver with WMS Deliver's deliverOrder (createOnce: look up, create once, look again), confirm shipments with
 * Confirm Shipment's ShipmentConfirmer (existing shipments read first, tracking numbers matched, never beyond a
 * line's remaining quantity), cancel with the adapter's cancelOrder (3PL WM: If-Match; cancelled orders are left
 * alone), re-sync stock with Sync Inventory's syncInventory (absolute levels).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { ShipmentConfirmer } from '../shared/shipments/confirm';
import { deliverOrder } from '../shared/delivery/deliverOrder';
import type { DeliverSettings } from '../shared/delivery/types';
import { syncInventory } from '../shared/stock/sync';
import { toStockInput, type QuantityToPublish } from '../shared/stock/quantity';
import { setOrderStatus } from '../shared/bigcommerce/orderStatus';
import { AWAITING_FULFILLMENT, AWAITING_SHIPMENT } from '../shared/bigcommerce/statuses';
import { describeError } from '../shared/errors';
import type { Order, StockLevel } from '../shared/model';
import { skuKey } from '../shared/sku';
import type { WmsAdapter, WmsListedOrder } from '../shared/wms/adapter';
import { groupWarehouseOrders } from './compare';
import type { Finding, RepairAction } from './types';

export interface RepairContext {
	ctx: IExecuteFunctions;
	adapter: WmsAdapter;
	actions: RepairAction[];
	referencePrefix: string;
	safetyBuffer: number;
	quantityToPublish: QuantityToPublish;
	orders: Map<number, Order>;
	wmsOrders: WmsListedOrder[];
	stock: StockLevel[];
}

const CANCEL_REASON = 'Cancelled by Reconcile (n8n): the BigCommerce order is cancelled, refunded or unknown.';

function done(f: Finding, ok: boolean, result: string): void {
	f.repaired = ok;
	f.repairResult = result;
}

/** Re-delivered like WMS Deliver with its defaults (no ship-method mapping: the warehouse chooses). */
async function redeliver(r: RepairContext, f: Finding): Promise<void> {
	const order = r.orders.get(f.orderId!);
	if (!order) return done(f, false, `order ${f.orderId} was not read`);
	const settings: DeliverSettings = {
		shipMethods: [],
		unmapped: { action: 'useDefault' },
		problems: 'hold',
		statusAfterDelivery: order.status.id === AWAITING_FULFILLMENT ? AWAITING_SHIPMENT : undefined,
		includeCustomerMessage: true,
		includeStaffNotes: false,
		parallel: 1,
	};
	const delivery = await deliverOrder(order, settings, {
		adapter: r.adapter,
		setOrderStatus: async (orderId, statusId) => {
			await setOrderStatus.call(r.ctx, orderId, statusId);
		},
		describeError,
	});
	const ok = delivery.results.every((x) => x.outcome === 'created' || x.outcome === 'exists');
	done(f, ok, delivery.results.map((x) => x.reason).join(' '));
}

async function confirmShipments(r: RepairContext, f: Finding, confirmer: ShipmentConfirmer): Promise<void> {
	const groups = groupWarehouseOrders(r.wmsOrders, r.referencePrefix);
	const closed = [...groups.entries()]
		.filter(([k]) => k.startsWith(`${f.orderId}/`))
		.flatMap(([, list]) => list)
		.filter((o) => o.status === 'closed' && o.shipment);
	const reasons: string[] = [];
	let ok = true;
	for (const o of closed) {
		for (const { result } of await confirmer.confirm(o.shipment!)) {
			if (result.outcome === 'failed') ok = false;
			reasons.push(`${o.reference} package ${result.packageNumber}: ${result.outcome}${result.reason ? ` (${result.reason})` : ''}`);
		}
	}
	done(f, ok && closed.length > 0, reasons.join('; ') || 'no shipped warehouse order to confirm');
}

async function cancel(r: RepairContext, f: Finding): Promise<void> {
	const orders = ((f.warehouse.orders ?? []) as Array<{ wmsOrderId: string; reference: string; status: string }>).filter((o) => o.status === 'open');
	const reasons: string[] = [];
	let ok = true;
	for (const o of orders) {
		try {
			await r.adapter.cancelOrder(o.wmsOrderId, CANCEL_REASON);
			reasons.push(`warehouse order ${o.reference} (${o.wmsOrderId}) cancelled`);
		} catch (error) {
			ok = false;
			reasons.push(`warehouse order ${o.reference} (${o.wmsOrderId}) could not be cancelled: ${describeError(error)}`);
		}
	}
	done(f, ok, reasons.join('; '));
}

async function resyncStock(r: RepairContext, findings: Finding[]): Promise<void> {
	if (!findings.length) return;
	const wanted = new Set(findings.map((f) => skuKey(f.sku!)));
	const inputs = r.stock.filter((l) => wanted.has(skuKey(l.sku))).map((l) => toStockInput(l, r.quantityToPublish));
	const { results } = await syncInventory.call(r.ctx, inputs, {
		locationId: 1,
		safetyBuffer: r.safetyBuffer,
		untracked: 'report',
		unknownSkus: 'report',
		dryRun: false,
		reason: 'Reconcile repair (n8n)',
	});
	const bySku = new Map(results.map((x) => [skuKey(x.sku), x]));
	for (const f of findings) {
		const x = bySku.get(skuKey(f.sku!));
		const ok = x?.outcome === 'updated' || x?.outcome === 'unchanged';
		done(f, ok, x ? `${x.outcome}: ${x.reason ?? `${x.before} -> ${x.after}`}` : 'not written');
	}
}

/** Repairs every finding whose action is chosen; failures are recorded on the finding, never thrown. */
export async function repairAll(r: RepairContext, findings: Finding[]): Promise<void> {
	const chosen = findings.filter((f) => f.repairAction && r.actions.includes(f.repairAction));
	const confirmer = new ShipmentConfirmer(r.ctx, { referencePrefix: r.referencePrefix, shipClosedWithoutPackages: true, comments: '' });
	for (const f of chosen) {
		try {
			if (f.repairAction === 'redeliver') await redeliver(r, f);
			else if (f.repairAction === 'confirmShipments') await confirmShipments(r, f, confirmer);
			else if (f.repairAction === 'cancel') await cancel(r, f);
		} catch (error) {
			done(f, false, describeError(error));
		}
	}
	const stock = chosen.filter((f) => f.repairAction === 'resyncStock');
	try {
		await resyncStock(r, stock);
	} catch (error) {
		for (const f of stock) done(f, false, describeError(error));
	}
}
