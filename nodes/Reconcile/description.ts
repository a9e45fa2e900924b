import type { INodeProperties } from 'n8n-workflow';
import { wmsTypeProperty } from '../shared/descriptions/wmsType';

import { AWAITING_FULFILLMENT, AWAITING_SHIPMENT, statusOptions } from '../shared/bigcommerce/statuses';

export const DEFAULT_WATCHED_STATUSES = [AWAITING_FULFILLMENT, AWAITING_SHIPMENT];

export const reconcileProperties: INodeProperties[] = [
	{
		displayName:
			'Reconcile only reads unless Repair is on. With Repair on, running it (also with "Execute workflow" or "Execute step") really re-delivers orders to the warehouse, creates BigCommerce shipments, cancels warehouse orders and changes BigCommerce stock.',
		name: 'liveRunNotice',
		type: 'notice',
		default: '',
	},
	wmsTypeProperty,
	{
		displayName: 'Window (Days)',
		name: 'windowDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		default: 14,
		description: 'Compare the BigCommerce orders created in this many days, and the warehouse orders created since then',
	},
	{
		displayName: 'Not Delivered After (Hours)',
		name: 'neverDeliveredHours',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 2,
		description:
			'An order in a watched status that is not in the warehouse is reported once it was last changed at least this long ago (gives the order download time to deliver it)',
	},
	{
		displayName: 'Watched Statuses',
		name: 'watchedStatuses',
		type: 'multiOptions',
		options: statusOptions(),
		default: [AWAITING_FULFILLMENT, AWAITING_SHIPMENT],
		description:
			'BigCommerce statuses in which an order must be in the warehouse: Awaiting Fulfillment (what the Orders Trigger watches) and Awaiting Shipment (what WMS Deliver sets after delivery)',
	},
	{
		displayName: 'Reference Prefix',
		name: 'referencePrefix',
		type: 'string',
		default: '',
		placeholder: 'e.g. BC-',
		description:
			'The prefix before the BigCommerce order ID in the warehouse order number, as in the Orders Trigger (e.g. BC- for BC-1001). Warehouse orders without it are not compared.',
	},
	{
		displayName: 'Compare Stock',
		name: 'compareStock',
		type: 'boolean',
		default: true,
		description: 'Whether to compare the stock of every SKU (the whole catalog and the whole warehouse)',
	},
	{
		displayName: 'Stock Tolerance',
		name: 'stockTolerance',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'A SKU is reported when the two levels differ by more than this many units (0 = any difference)',
		displayOptions: { show: { compareStock: [true] } },
	},
	{
		displayName: 'Safety Buffer',
		name: 'safetyBuffer',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'The Safety Buffer of your Sync Inventory node: the warehouse quantity minus this is what BigCommerce should show',
		displayOptions: { show: { compareStock: [true] } },
	},
	{
		displayName: 'Quantity to Publish',
		name: 'quantityToPublish',
		type: 'options',
		options: [
			{ name: 'Available', value: 'available', description: 'Units free to sell (on hold and quarantined left out)' },
			{ name: 'Available Including On Hold', value: 'availableWithHeld', description: 'Unallocated units, held ones counted' },
			{ name: 'On Hand', value: 'onHand', description: 'Every unit in the building' },
		],
		default: 'available',
		description: 'The Quantity to Publish of your Sync Inventory node: which warehouse figure BigCommerce should show',
		displayOptions: { show: { compareStock: [true] } },
	},
	{
		displayName: 'Repair',
		name: 'repair',
		type: 'boolean',
		default: false,
		description:
			'Whether to repair what can be repaired after the comparison (off: report only). Each repair uses the same exactly-once code as the other nodes, so it never creates anything twice.',
	},
	{
		displayName: 'Repairs',
		name: 'repairs',
		type: 'multiOptions',
		options: [
			{
				name: 'Cancel in the Warehouse',
				value: 'cancel',
				description: 'Cancel open warehouse orders of cancelled or refunded BigCommerce orders, and open ones BigCommerce does not have',
			},
			{ name: 'Confirm Missing Shipments', value: 'confirmShipments', description: 'Create the BigCommerce shipments of what the warehouse shipped (as Confirm Shipment)' },
			{ name: 'Re-Deliver', value: 'redeliver', description: 'Send orders that never reached the warehouse (as WMS Deliver, without ship-method mapping)' },
			{ name: 'Re-Sync Stock', value: 'resyncStock', description: 'Set BigCommerce stock from the warehouse for the SKUs that differ (as Sync Inventory)' },
		],
		default: ['redeliver', 'confirmShipments', 'cancel', 'resyncStock'],
		description: 'Which repairs to make',
		displayOptions: { show: { repair: [true] } },
	},
];
