/**
 * One change item of the Orders Trigger (event "Order Changes After Hand-Off") against the warehouse, one warehouse
 * order (shipping address) at a time: find it by reference, then cancel it, update it, or say why a person must act.
 * Never creates a warehouse order. At most 3 requests per warehouse order (look-up, read, write).
 */
import type { Destination, Order } from '../shared/model';
import { destinationReference } from '../shared/reference';
import { withKeyLock } from '../shared/keyedLock';
import type { WmsChangeAdapter, WmsChangeTarget, WmsOrderStage } from '../shared/wms/adapter';
import { addressStateCode } from '../shared/stateCode';
import { addressDifferences, addressView, describeAddress, lineDifferences, linesView } from '../shared/wms/changeCompare';
import type { ChangeResult } from './types';

export interface ChangeItem extends Order {
	change: { kind: string; kinds?: string[]; status?: { id: number; name: string }; key: string; refundedAmount?: number; edited?: string[] };
}

export interface ChangeSettings {
	cancelInWarehouse: boolean;
	updateInWarehouse: boolean;
	cancelReason: string;
}

export interface ChangeDeps {
	changes: WmsChangeAdapter;
	warehouse: string;
	describeError: (error: unknown) => string;
}

const GOODS_MAY_LEAVE = 'the goods may leave the warehouse: stop the order there by hand (or intercept the parcel) and refund or re-ship as needed.';

const STAGE_TEXT: Record<WmsOrderStage, string> = {
	unallocated: 'not allocated yet',
	allocated: 'allocated',
	picking: 'being picked',
	packed: 'packed',
	closed: 'shipped (closed)',
	cancelled: 'cancelled',
};

/**
 * The item as a change item (an orderId given as text, "1234", read as the number: a Set node or a spreadsheet);
 * else what is wrong with it, in words naming the field.
 */
export function toChangeItem(json: Record<string, unknown>): { item: ChangeItem } | { problem: string } {
	const problems: string[] = [];
	const rawId = typeof json.orderId === 'string' && /^\s*\d+\s*$/.test(json.orderId) ? Number(json.orderId) : json.orderId;
	if (rawId === undefined || rawId === null || rawId === '') problems.push('"orderId" is missing');
	else if (!Number.isSafeInteger(rawId) || (rawId as number) <= 0) problems.push(`"orderId" must be a positive whole number (got ${JSON.stringify(rawId)})`);
	if (json.reference === undefined || json.reference === null || json.reference === '') problems.push('"reference" is missing');
	else if (typeof json.reference !== 'string') problems.push(`"reference" must be text (got ${JSON.stringify(json.reference)})`);
	const change = json.change as ChangeItem['change'] | undefined;
	if (!change || typeof change !== 'object' || typeof change.kind !== 'string' || typeof change.key !== 'string') problems.push('it has no "change" (kind, key)');
	else if (!Array.isArray(json.destinations)) problems.push('it has no destinations');
	if (problems.length) return { problem: problems.join('; ') };
	return { item: { ...(json as unknown as ChangeItem), orderId: rawId as number } };
}

function references(order: ChangeItem): Array<{ index: number; reference: string; destination?: Destination }> {
	if (!order.destinations.length) return [{ index: 0, reference: order.reference }];
	return order.destinations.map((destination, index) => ({ index, reference: destinationReference(order.reference, index), destination }));
}

export async function handleChange(order: ChangeItem, settings: ChangeSettings, deps: ChangeDeps): Promise<ChangeResult[]> {
	const results: ChangeResult[] = [];
	for (const ref of references(order)) {
		results.push(
			await withKeyLock(`${deps.warehouse}|${ref.reference}`, async () => {
				try {
					return await handleOne(order, ref, settings, deps);
				} catch (error) {
					return result(order, ref, null, 'failed', `Order ${order.orderId} (${ref.reference}): ${deps.describeError(error)}. Nothing was changed twice; the Orders Trigger offers the change again after its redelivery window.`);
				}
			}),
		);
	}
	return results;
}

function result(
	order: ChangeItem,
	ref: { index: number; reference: string },
	target: WmsChangeTarget | null,
	outcome: ChangeResult['outcome'],
	reason: string,
	extra: Partial<ChangeResult> = {},
): ChangeResult {
	const r: ChangeResult = {
		orderId: order.orderId,
		reference: ref.reference,
		destinationIndex: ref.index,
		wmsOrderId: target?.wmsOrderId ?? null,
		change: order.change.kind,
		outcome,
		reason,
		needsAttention: outcome === 'needsAttention' || outcome === 'failed',
		...extra,
	};
	if (target) r.warehouseStage = target.stage;
	return r;
}

async function handleOne(
	order: ChangeItem,
	ref: { index: number; reference: string; destination?: Destination },
	settings: ChangeSettings,
	deps: ChangeDeps,
): Promise<ChangeResult> {
	const targets = await deps.changes.findForChange(ref.reference);
	const what = `Order ${order.orderId}`;
	const status = order.change.status?.name ?? 'changed';
	if (!targets.length) {
		return result(order, ref, null, 'skipped', `${what} is not in the warehouse (no order ${ref.reference}): nothing to change there.`);
	}
	const active = targets.filter((t) => t.stage !== 'cancelled');
	// 3PL WM splits R into R-1, R-2 (R itself cancelled): the parts carry the order.
	const target = active.find((t) => t.reference.toLowerCase() === ref.reference.toLowerCase()) ?? active[0] ?? targets[0];
	const extraParts = active.length > 1 ? ` (the warehouse split it: ${active.map((t) => t.reference).join(', ')})` : '';
	switch (order.change.kind) {
		case 'cancelled':
			return await cancel(order, ref, active, target, settings, deps, extraParts);
		case 'onHold':
			if (target.stage === 'cancelled') return result(order, ref, target, 'skipped', `${what} is ${status} in BigCommerce; its warehouse order ${ref.reference} is already cancelled.`);
			return result(order, ref, target, 'needsAttention', `${what} is ${status} in BigCommerce but in the warehouse as ${target.reference} (${STAGE_TEXT[target.stage]})${extraParts}: hold it there by hand until it is released, or ${GOODS_MAY_LEAVE.replace('stop the order there by hand (or intercept the parcel) and refund or re-ship as needed', 'it ships as it is')}`);
		case 'edited':
			return await update(order, ref, target, settings, deps, extraParts);
		case 'partiallyRefunded':
			if (target.stage === 'cancelled') return result(order, ref, target, 'skipped', `${what} was refunded in part; its warehouse order ${ref.reference} is already cancelled.`);
			return result(order, ref, target, 'needsAttention', refundText(order, ref.reference, target));
		default:
			return result(order, ref, target, 'skipped', `${what}: change "${order.change.kind}" is not one this node handles.`);
	}
}

function refundText(order: ChangeItem, reference: string, target: WmsChangeTarget): string {
	const amount = order.change.refundedAmount !== undefined ? ` (${order.change.refundedAmount} ${order.currency} refunded so far)` : '';
	return `Order ${order.orderId} was refunded in part${amount}; the warehouse order ${reference} (${STAGE_TEXT[target.stage]}) was not changed. Check whether the refunded lines should still ship and edit the order in the warehouse if not.`;
}

async function cancel(
	order: ChangeItem,
	ref: { index: number; reference: string },
	active: WmsChangeTarget[],
	target: WmsChangeTarget,
	settings: ChangeSettings,
	deps: ChangeDeps,
	extraParts: string,
): Promise<ChangeResult> {
	const what = `Order ${order.orderId}`;
	const status = order.change.status?.name ?? 'Cancelled';
	if (!active.length) return result(order, ref, target, 'exists', `${what} is ${status} in BigCommerce and already cancelled in the warehouse (${target.reference}); nothing was sent.`);
	if (!settings.cancelInWarehouse) {
		return result(order, ref, target, 'needsAttention', `${what} is ${status} in BigCommerce; its warehouse order ${target.reference} (${STAGE_TEXT[target.stage]}) was not cancelled because Cancel Orders in the Warehouse is off: cancel it by hand, or ${GOODS_MAY_LEAVE}`);
	}
	const reason = `${settings.cancelReason || 'Cancelled in BigCommerce'} (order ${order.orderId}: ${status})`;
	const done: string[] = [];
	const refused: string[] = [];
	let last = target;
	for (const part of active) {
		const outcome = await deps.changes.cancelForChange(part, reason);
		last = { ...part, stage: outcome.stage };
		if (outcome.result === 'refused')
			refused.push(`${part.reference} (${STAGE_TEXT[outcome.stage]}${outcome.message ? `: "${outcome.message}"` : ''})`);
		else done.push(part.reference);
	}
	if (refused.length) {
		return result(order, ref, last, 'needsAttention', `${what} is ${status} in BigCommerce, but the warehouse can no longer cancel ${refused.join(', ')}${done.length ? ` (cancelled: ${done.join(', ')})` : ''}: ${GOODS_MAY_LEAVE}`);
	}
	return result(order, ref, last, 'cancelled', `${what} is ${status} in BigCommerce and was cancelled in the warehouse (${done.join(', ')})${extraParts}.`);
}

async function update(
	order: ChangeItem,
	ref: { index: number; reference: string; destination?: Destination },
	target: WmsChangeTarget,
	settings: ChangeSettings,
	deps: ChangeDeps,
	extraParts: string,
): Promise<ChangeResult> {
	const what = `Order ${order.orderId}`;
	const destination = ref.destination;
	if (!destination) return result(order, ref, target, 'needsAttention', `${what} was edited and has no shipping address with lines left; its warehouse order ${ref.reference} was not changed: check it in the warehouse.`);
	const after = { address: addressView(destination.address), lines: linesView(destination.lines) };
	const refund = order.change.kinds?.includes('partiallyRefunded') ? ` ${refundText(order, ref.reference, target)}` : '';
	if (target.stage === 'cancelled') return result(order, ref, target, 'skipped', `${what} was edited; its warehouse order ${ref.reference} is cancelled, so nothing was changed.`, { after });
	if (!settings.updateInWarehouse || extraParts) {
		const why = extraParts ? `the warehouse split it${extraParts.replace(' (the warehouse split it', '').replace(/\)$/, '')}` : 'Update Edited Orders in the Warehouse is off';
		return result(order, ref, target, 'needsAttention', `${what} was edited in BigCommerce (${(order.change.edited ?? []).join(' and ') || 'address or lines'}); the warehouse order ${target.reference} was not changed because ${why}. New: ${describeAddress(after.address)}; lines ${after.lines.map((l) => `${l.sku} x${l.quantity}`).join(', ')}.${refund}`, { after });
	}
	const outcome = await deps.changes.updateForChange(target, { reference: ref.reference, order, destination });
	const stage = { ...target, stage: outcome.stage };
	const diff = differences(outcome.before, after, [addressStateCode(destination.address) ?? '']);
	if (outcome.result === 'updated' && !outcome.notChanged?.length)
		return result(order, ref, stage, 'updated', `${what} was edited in BigCommerce and its warehouse order ${target.reference} was updated (${diff}).${refund}`, { before: outcome.before, after, needsAttention: refund !== '' } as Partial<ChangeResult>);
	if (outcome.result === 'unchanged' && !outcome.notChanged?.length)
		return result(order, ref, stage, refund ? 'needsAttention' : 'unchanged', `${what} was edited in BigCommerce; the warehouse order ${target.reference} already has the same address and lines.${refund}`, { before: outcome.before, after });
	const notByApi = outcome.notChanged?.length ? `its ${outcome.notChanged.join(' and ')} cannot be changed through the warehouse's API` : '';
	const late = outcome.result === 'refused' && !notByApi ? `the warehouse has ${STAGE_TEXT[outcome.stage]} it${outcome.message ? ` ("${outcome.message}")` : ''}` : notByApi;
	const partly = outcome.result === 'updated' ? ' The address was updated;' : '';
	return result(order, ref, stage, 'needsAttention', `${what} was edited in BigCommerce but the warehouse order ${target.reference} was not fully changed:${partly} ${late}. Change it in the warehouse by hand: ${diff}.${refund}`, { before: outcome.before, after });
}

function differences(
	before: { address?: ReturnType<typeof addressView>; lines?: ReturnType<typeof linesView> },
	after: { address: ReturnType<typeof addressView>; lines: ReturnType<typeof linesView> },
	stateNames: string[],
): string {
	const parts: string[] = [];
	if (before.address && addressDifferences(before.address, after.address, stateNames).length)
		parts.push(`address ${describeAddress(before.address)} -> ${describeAddress(after.address)}`);
	if (before.lines) {
		const lines = lineDifferences(before.lines, after.lines);
		if (lines) parts.push(`lines ${lines}`);
	}
	return parts.join('; ') || 'no difference found';
}
