import type { INodeProperties } from 'n8n-workflow';
import { AWAITING_FULFILLMENT, BC_ORDER_STATUSES, statusOptions } from '../shared/bigcommerce/statuses';
import { SAMPLE_SIZE } from './orderPoll';

const CANCEL_OPTIONS = [4, 5, 6];
const HOLD_OPTIONS = [7, 12, 13];
const options = (ids: number[]) => statusOptions().filter((o) => ids.includes(Number(o.value)));

/** Parameters of the event "Order Changes After Hand-Off". */
const changeProperties: INodeProperties[] = [
	{
		displayName: 'Cancel in the Warehouse When Status Is',
		name: 'cancelStatuses',
		type: 'multiOptions',
		options: options(CANCEL_OPTIONS),
		default: [5, 6, 4],
		displayOptions: { show: { event: ['changes'] } },
		description:
			'An order that reaches one of these statuses after it was delivered is emitted as "cancelled": WMS Order Changes cancels it in the warehouse while the warehouse can still stop it, and reports it otherwise',
	},
	{
		displayName: 'Report as Hold When Status Is',
		name: 'holdStatuses',
		type: 'multiOptions',
		options: options(HOLD_OPTIONS),
		default: [],
		displayOptions: { show: { event: ['changes'] } },
		description:
			'An order that reaches one of these statuses is emitted as "onHold": WMS Order Changes reports it (Needs attention) so that a person holds it in the warehouse. Empty: holds are not reported.',
	},
	{
		displayName: 'Report Address and Line Edits',
		name: 'reportEdits',
		type: 'boolean',
		default: true,
		displayOptions: { show: { event: ['changes'] } },
		description:
			'Whether an order whose shipping address or lines were edited is emitted as "edited" (WMS Order Changes updates the warehouse order while nothing is allocated, and reports the difference otherwise). An edit is seen when the trigger had seen the order before it, so keep this trigger active from the start.',
	},
	{
		displayName: 'Report Partial Refunds',
		name: 'reportRefunds',
		type: 'boolean',
		default: true,
		displayOptions: { show: { event: ['changes'] } },
		description: 'Whether an order refunded in part is emitted as "partiallyRefunded" (reported, never changed in the warehouse)',
	},
];

const STATUS_NAMES = JSON.stringify(Object.fromEntries(BC_ORDER_STATUSES.map((s) => [s.id, s.name])));

/** The node subtitle: the status name when one status is watched ("Awaiting Fulfillment"), else "3 statuses". */
export const ordersTriggerSubtitle = `={{$parameter["event"] === "changes" ? "Order changes after hand-off" : ($parameter["statuses"] || []).length === 1 ? (${STATUS_NAMES}[$parameter["statuses"][0]] || "1 status") : ($parameter["statuses"] || []).length + " statuses"}}`;

export const ordersTriggerProperties: INodeProperties[] = [
	{
		displayName: `Fetch Test Event shows a sample: the newest matching orders, at most ${SAMPLE_SIZE}, not every order that is waiting. It does not move the trigger's position: once the workflow is active (published), every waiting order is emitted, oldest first.`,
		name: 'sampleNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'New Orders to Deliver',
				value: 'newOrders',
				description: 'One item per new order in the chosen statuses, for WMS Deliver',
			},
			{
				name: 'Order Changes After Hand-Off',
				value: 'changes',
				description:
					'One item per order cancelled, put on hold, refunded in part or edited (shipping address, lines) after it reached the warehouse, for WMS Order Changes',
			},
		],
		default: 'newOrders',
		description: 'What starts the workflow',
	},
	...changeProperties,
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: statusOptions(),
		default: [AWAITING_FULFILLMENT],
		required: true,
		displayOptions: { show: { event: ['newOrders'] } },
		description:
			'Order statuses to watch. Each order is emitted once when it is in one of them. On the first poll (and for a status added later) the orders already in the status are emitted too, oldest first and at most the maximum per poll, so a new install picks up the current backlog; use Earliest Order Date to leave old orders out.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Channel IDs',
				name: 'channelIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1, 2',
				description: 'Only orders from these sales channels (comma-separated channel IDs). Empty means every channel.',
			},
			{
				displayName: 'Earliest Order Date',
				name: 'earliestOrderDate',
				displayOptions: { show: { '/event': ['newOrders'] } },
				type: 'dateTime',
				default: '',
				description:
					'Orders created before this date are never emitted. Set it when installing on a store with old orders still in the watched statuses. Changing it (or the channel IDs) makes the trigger re-read the watched statuses from the start.',
			},
			{
				displayName: 'Include Raw Order',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add the order exactly as BigCommerce returned it, under "raw"',
			},
			{
				displayName: 'Max Orders per Poll',
				name: 'maxOrders',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: 250,
				description: 'The most orders one poll emits, oldest first. The rest come on the next poll.',
			},
			{
				displayName: 'Redelivery Window (Minutes)',
				name: 'redeliveryMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description:
					'An emitted order that WMS Deliver has not confirmed (for example because the run failed) is emitted again after this many minutes, as long as it is still in a watched status. 0 turns redelivery off: use it when no WMS Deliver node follows this trigger in the same workflow.',
			},
			{
				displayName: 'Reference Prefix',
				name: 'referencePrefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. BC-',
				description:
					'Put in front of the BigCommerce order ID to make the reference the warehouse sees (BC- turns order 1001 into BC-1001). Use a different prefix per store when several stores feed one warehouse.',
			},
			{
				displayName: 'Skip Orders Without Physical Lines',
				name: 'skipWithoutPhysicalLines',
				displayOptions: { show: { '/event': ['newOrders'] } },
				type: 'boolean',
				default: true,
				description:
					'Whether to leave out orders with nothing for a warehouse to ship: digital downloads, gift certificates and store pickups',
			},
		],
	},
];
