/** The trigger's event "Order Changes After Hand-Off": parameters, the poll, and Fetch Test Event's sample. */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { getBcCredentials } from '../shared/bigcommerce/credentials';
import { parseBcDateMs, mapOrder } from '../shared/bigcommerce/orderMapper';
import { completeOrder, listOrdersPage } from '../shared/bigcommerce/orders';
import { isKnownStatus, statusName } from '../shared/bigcommerce/statuses';
import { changeMarks } from '../shared/changeMarks';
import type { Order } from '../shared/model';
import { ChangePoller, loadChangeState, type ChangeConfig, type OrderChange } from './changePoll';
import { triggerClock } from './clock';
import { SAMPLE_SIZE } from './orderPoll';
import { readChannelIds } from './channelIds';

/** Node static data key of this event's state, apart from the new-order cursor (`ordersTrigger`). */
export const CHANGES_STATE_KEY = 'orderChanges';

function statusList(ctx: IPollFunctions, name: string, label: string, fallback: number[]): number[] {
	const ids = (ctx.getNodeParameter(name, fallback) as Array<number | string>).map(Number);
	const bad = ids.filter((s) => !isKnownStatus(s));
	if (bad.length)
		throw new NodeOperationError(ctx.getNode(), `Unknown order status ${bad.join(', ')} in ${label}`, {
			description: `Choose statuses from the list in ${label}.`,
		});
	return [...new Set(ids)];
}

async function readChangeConfig(ctx: IPollFunctions): Promise<ChangeConfig> {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const channelIds = readChannelIds(ctx.getNode(), options);
	const maxOrders = Math.floor(Number(options.maxOrders ?? 250));
	const redeliveryMinutes = Number(options.redeliveryMinutes ?? 30);
	const creds = await getBcCredentials.call(ctx);
	return {
		cancelStatuses: statusList(ctx, 'cancelStatuses', 'Cancel in the Warehouse When Status Is', [5, 6, 4]),
		holdStatuses: statusList(ctx, 'holdStatuses', 'Report as Hold When Status Is', []),
		reportEdits: ctx.getNodeParameter('reportEdits', true) !== false,
		reportRefunds: ctx.getNodeParameter('reportRefunds', true) !== false,
		maxOrders: Number.isFinite(maxOrders) && maxOrders > 0 ? maxOrders : 250,
		redeliveryMs: Number.isFinite(redeliveryMinutes) && redeliveryMinutes > 0 ? redeliveryMinutes * 60000 : 0,
		channelIds,
		referencePrefix: String(options.referencePrefix ?? ''),
		includeRaw: options.includeRaw === true,
		storeHash: creds.storeHash,
	};
}

const items = (orders: Order[]): INodeExecutionData[][] | null =>
	orders.length ? [orders.map((order) => ({ json: order as unknown as IDataObject }))] : null;

export async function pollChanges(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const cfg = await readChangeConfig(ctx);
	if (ctx.getMode() === 'manual') return items(await sampleChanges(ctx, cfg));
	const nodeData = ctx.getWorkflowStaticData('node');
	const state = loadChangeState(nodeData[CHANGES_STATE_KEY]);
	const orders = await new ChangePoller(ctx, cfg, state, changeMarks(ctx.getWorkflowStaticData('global')), triggerClock.now()).run();
	// Written only after the whole poll succeeded: a failed poll leaves the cursor where it was.
	nodeData[CHANGES_STATE_KEY] = state as unknown as IDataObject;
	return items(orders);
}

/** Fetch Test Event: the newest orders in a cancel status, as "cancelled" changes. Reads no state, records nothing. */
async function sampleChanges(ctx: IPollFunctions, cfg: ChangeConfig): Promise<Order[]> {
	const found = [];
	for (const statusId of cfg.cancelStatuses) {
		found.push(...(await listOrdersPage.call(ctx, { statusId, sort: 'date_created:desc', page: 1, limit: SAMPLE_SIZE })));
	}
	const created = (o: { date_created: string }) => parseBcDateMs(o.date_created) ?? 0;
	const out: Order[] = [];
	for (const order of found.sort((a, b) => created(b) - created(a)).slice(0, SAMPLE_SIZE)) {
		const completed = await completeOrder.call(ctx, order);
		const mapped = mapOrder(completed.order, { storeHash: cfg.storeHash, referencePrefix: cfg.referencePrefix, includeRaw: cfg.includeRaw, linesByAddress: completed.linesByAddress });
		const statusId = Number(order.status_id);
		const change: OrderChange = { kind: 'cancelled', kinds: ['cancelled'], status: { id: statusId, name: statusName(statusId) }, key: `sample:${statusId}`, detectedAt: new Date().toISOString() };
		out.push({ ...mapped, change } as Order);
	}
	return out;
}
