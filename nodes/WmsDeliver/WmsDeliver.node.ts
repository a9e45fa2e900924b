import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { setOrderStatus } from '../shared/bigcommerce/orderStatus';
import { OWN_FORM_SHOW, hideUnlessWmsType, isWmsType } from '../shared/descriptions/wmsType';
import { createWmsAdapter } from '../shared/wms';
import { planOrder, type DeliverDeps, type PlannedOrder } from '../shared/delivery/deliverOrder';
import { deliverInBatches } from './batches';
import { readOrderStatuses } from './readOrderStatuses';
import { markDelivered } from '../shared/deliveredMarks';
import { markNeedsAttention } from './heldNotices';
import { DONT_CHANGE, wmsDeliverProperties } from './description';
import { describeError } from '../shared/errors';
import { readSettings } from './settings';
import type { DeliverResult } from '../shared/delivery/types';
import { checkOrderItem } from '../shared/delivery/validate';
import { credentialTest } from '../shared/credentialTests';
import { listSearch } from './methods';

// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- not an agent tool: it reads whole Order items (the BigCommerce Orders Trigger's data contract, destinations and lines) that an agent cannot map, and records delivered marks for the trigger
export class WmsDeliver implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WMS Deliver',
		name: 'wmsDeliver',
		icon: { light: 'file:wmsDeliver.svg', dark: 'file:wmsDeliver.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["wmsType"] === "http" ? "HTTP WMS" : "Extensiv 3PL WM"}}',
		description: 'Send BigCommerce orders to the warehouse (Extensiv 3PL or an HTTP WMS), exactly once',
		defaults: { name: 'WMS Deliver' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Never `displayOptions.show` on a credential: see nodes/shared/descriptions/wmsType.ts.
		credentials: [
			{
				name: 'extensivWarehouseManagerApi',
				testedBy: 'extensivWarehouseManagerApiTest',
				displayName: 'Extensiv 3PL Warehouse Manager',
				required: true,
				displayOptions: hideUnlessWmsType('extensiv'),
			},
			{ name: 'wmsHttpApi', testedBy: 'wmsHttpApiTest', displayName: 'Generic HTTP WMS', required: true, displayOptions: hideUnlessWmsType('http') },
			{
				name: 'bigCommerceApi',
				testedBy: 'bigCommerceApiTest',
				displayName: 'BigCommerce',
				required: true,
				displayOptions: { show: OWN_FORM_SHOW, hide: { statusAfterDelivery: [DONT_CHANGE] } },
			},
		],
		properties: wmsDeliverProperties,
	};

	methods = { credentialTest, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (items.length === 0) return [[]];
		const deps = await deliverDeps(this);
		const resultsByItem: DeliverResult[][] = [];
		const delivered: number[] = [];
		const planned: Array<{ itemIndex: number; plan: PlannedOrder }> = [];
		items.forEach((item, i) => {
			const check = checkOrderItem(item.json, i);
			if (!check.ok) {
				const { orderId, reference, reason } = check;
				resultsByItem[i] = [{ orderId, reference, destinationIndex: 0, wmsOrderId: null, outcome: 'failed', reason }];
				return;
			}
			const plan = planOrder(check.order, readSettings(this, i));
			if ('held' in plan) resultsByItem[i] = plan.held.results;
			else planned.push({ itemIndex: i, plan: plan.plan });
		});

		try {
			const parallel = readSettings(this, 0).parallel;
			await deliverInBatches(planned, deps, parallel, ({ itemIndex, plan }, delivery) => {
				resultsByItem[itemIndex] = delivery.results;
				if (delivery.delivered) delivered.push(plan.order.orderId);
			});
		} finally {
			if (delivered.length) markDelivered(this.getWorkflowStaticData('global'), delivered, new Date());
		}

		const { output, failed } = outputOf(resultsByItem);
		if (failed.length && !this.continueOnFail()) throw failedOrdersError(this.getNode(), failed, items.length);
		// Only once the results go out: a hold counts as reported when it reached the output.
		markNeedsAttention(this.getWorkflowStaticData('global'), resultsByItem.flat(), delivered, new Date());
		return [output];
	}
}

/** The warehouse adapter of the node's `wmsType` and the BigCommerce status write-back, for deliverOrder. */
async function deliverDeps(ctx: IExecuteFunctions): Promise<DeliverDeps> {
	const wmsType = ctx.getNodeParameter('wmsType', 0);
	if (!isWmsType(wmsType)) {
		throw new NodeOperationError(ctx.getNode(), `Unknown warehouse system "${String(wmsType)}"`, {
			description: 'Choose Extensiv 3PL Warehouse Manager or Generic HTTP WMS.',
		});
	}
	return {
		adapter: await createWmsAdapter(ctx, wmsType),
		setOrderStatus: async (orderId, statusId) => {
			await setOrderStatus.call(ctx, orderId, statusId);
		},
		readStatuses: async (orderIds) => await readOrderStatuses(ctx, orderIds),
		describeError,
	};
}

interface FailedOrder {
	itemIndex: number;
	reason: string;
}

/** One output item per result, paired with its input item; the failed ones listed. */
function outputOf(resultsByItem: DeliverResult[][]): { output: INodeExecutionData[]; failed: FailedOrder[] } {
	const output: INodeExecutionData[] = [];
	const failed: FailedOrder[] = [];
	resultsByItem.forEach((results, itemIndex) => {
		for (const result of results) {
			output.push({ json: result as unknown as IDataObject, pairedItem: { item: itemIndex } });
			if (result.outcome === 'failed') failed.push({ itemIndex, reason: result.reason });
		}
	});
	return { output, failed };
}

/** Without Continue On Fail: the first failure as the error, the next three and the count in its description. */
function failedOrdersError(node: INode, failed: FailedOrder[], total: number): NodeOperationError {
	const lines = [
		`${failed.length} of the ${total} input orders failed; the other orders were still sent (or held) as usual.`,
		...failed.slice(1, 4).map((f) => f.reason),
	];
	if (failed.length > 4) lines.push(`(and ${failed.length - 4} more)`);
	lines.push('Turn on Settings > On Error > Continue to get one result item per order and route the failures instead of stopping.');
	return new NodeOperationError(node, failed[0].reason, {
		itemIndex: failed[0].itemIndex,
		description: lines.join('\n'),
	});
}
