import type { INodeProperties } from 'n8n-workflow';
import { wmsTypeProperty } from '../shared/descriptions/wmsType';

export const wmsOrderChangesProperties: INodeProperties[] = [
	{
		displayName:
			'Running this node, also with "Execute workflow" or "Execute step", really cancels and changes orders in the warehouse. Try it with test orders first.',
		name: 'liveRunNotice',
		type: 'notice',
		default: '',
	},
	wmsTypeProperty,
	{
		displayName:
			'Input: the items of the BigCommerce Orders Trigger with Event = Order Changes After Hand-Off. A cancelled order is cancelled in the warehouse once, while the warehouse can still stop it; anything the warehouse cannot take back goes out with needsAttention = true. No warehouse order is ever created here.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Cancel Orders in the Warehouse',
		name: 'cancelInWarehouse',
		type: 'boolean',
		default: true,
		description:
			'Whether to cancel the warehouse order of an order cancelled, declined or refunded in BigCommerce. Off: it is only reported (needsAttention).',
	},
	{
		displayName: 'Update Edited Orders in the Warehouse',
		name: 'updateInWarehouse',
		type: 'boolean',
		default: true,
		description:
			'Whether to update the warehouse order when its shipping address (generic WMS: also its lines) was edited in BigCommerce and nothing is allocated yet. Off, or once the warehouse has started: the difference (old vs new) is reported.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Cancel Reason',
				name: 'cancelReason',
				type: 'string',
				default: 'Cancelled in BigCommerce',
				description: 'The reason sent with each cancellation (3PL Warehouse Manager requires one); the BigCommerce status is added',
			},
		],
	},
];
