import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { getBcCredentials } from '../shared/bigcommerce/credentials';
import { isKnownStatus } from '../shared/bigcommerce/statuses';
import { DELIVERED_STATIC_KEY } from '../shared/model';
import { triggerClock } from './clock';
import { loadState, type DeliveredMap } from './orderCursor';
import { filterKey, OrderPoller, sampleOrders, type PollConfig } from './orderPoll';
import { ordersTriggerProperties, ordersTriggerSubtitle } from './description';
import { credentialTest } from '../shared/credentialTests';
import { pollChanges } from './changeEvent';
import { readChannelIds } from './channelIds';

const STATE_KEY = 'ordersTrigger';

export class BigCommerceOrdersTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigCommerce Orders Trigger',
		name: 'bigCommerceOrdersTrigger',
		icon: { light: 'file:bigCommerceOrdersTrigger.svg', dark: 'file:bigCommerceOrdersTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: ordersTriggerSubtitle,
		description: 'Starts the workflow for each BigCommerce order that reaches the chosen statuses, or that changes after it reached the warehouse',
		defaults: { name: 'BigCommerce Orders Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bigCommerceApi', testedBy: 'bigCommerceApiTest', displayName: 'BigCommerce', required: true }],
		properties: ordersTriggerProperties,
	};

	methods = { credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('event', 'newOrders') === 'changes') return await pollChanges(this);
		const cfg = await readConfig(this);
		if (this.getMode() === 'manual') {
			const sample = await sampleOrders.call(this, cfg);
			return sample.length ? [sample.map((order) => ({ json: order as unknown as IDataObject }))] : null;
		}

		const nodeData = this.getWorkflowStaticData('node');
		const globalData = this.getWorkflowStaticData('global');
		const delivered = globalData[DELIVERED_STATIC_KEY];
		const state = loadState(nodeData[STATE_KEY], filterKey(cfg));
		const orders = await new OrderPoller(
			this,
			cfg,
			state,
			delivered && typeof delivered === 'object' ? (delivered as DeliveredMap) : undefined,
			triggerClock.now(),
		).run();
		// Written only after the whole poll succeeded: a failed poll leaves the cursor where it was.
		nodeData[STATE_KEY] = state as unknown as IDataObject;
		return orders.length ? [orders.map((order) => ({ json: order as unknown as IDataObject }))] : null;
	}
}

async function readConfig(ctx: IPollFunctions): Promise<PollConfig> {
	const statuses = (ctx.getNodeParameter('statuses', []) as Array<number | string>).map(Number);
	const bad = statuses.filter((s) => !isKnownStatus(s));
	if (!statuses.length || bad.length) {
		throw new NodeOperationError(ctx.getNode(), statuses.length ? `Unknown order status ${bad.join(', ')}` : 'No order status selected', {
			description: 'Choose at least one order status to watch, e.g. Awaiting Fulfillment.',
		});
	}
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const channelIds = readChannelIds(ctx.getNode(), options);
	let earliestCreated: number | undefined;
	if (options.earliestOrderDate) {
		earliestCreated = Date.parse(String(options.earliestOrderDate));
		if (!Number.isFinite(earliestCreated)) {
			throw new NodeOperationError(ctx.getNode(), `Earliest Order Date "${String(options.earliestOrderDate)}" is not a date`, {
				description: 'Pick a date, e.g. 2026-01-01, or remove the option.',
			});
		}
	}
	const maxOrders = Math.floor(Number(options.maxOrders ?? 250));
	const redeliveryMinutes = Number(options.redeliveryMinutes ?? 30);
	const creds = await getBcCredentials.call(ctx);
	return {
		statuses: [...new Set(statuses)],
		maxOrders: Number.isFinite(maxOrders) && maxOrders > 0 ? maxOrders : 250,
		referencePrefix: String(options.referencePrefix ?? ''),
		skipWithoutPhysicalLines: options.skipWithoutPhysicalLines !== false,
		includeRaw: options.includeRaw === true,
		channelIds,
		earliestCreated,
		redeliveryMs: Number.isFinite(redeliveryMinutes) && redeliveryMinutes > 0 ? redeliveryMinutes * 60000 : 0,
		storeHash: creds.storeHash,
	};
}
