import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { wmsTypeProperty } from '../shared/descriptions/wmsType';
import { AWAITING_FULFILLMENT, AWAITING_SHIPMENT, BC_ORDER_STATUSES, statusOptions } from '../shared/bigcommerce/statuses';

export const DONT_CHANGE = 'dontChange';

const AWAITING_PICKUP = 8;

function status(id: number, description: string): INodePropertyOptions {
	const known = BC_ORDER_STATUSES.find((s) => s.id === id);
	return { name: known?.name ?? `Status ${id}`, value: id, description };
}

/**
 * Only the statuses that fit an order the warehouse has just accepted, default first, then Don't Change. Not offered:
 * Shipped / Partially Shipped (Confirm Shipment sets them when packages really leave), Completed, Cancelled, Refunded,
 * Declined, Disputed and the pre-payment statuses, which would misreport the order. The values stay BigCommerce status
 * ids, so workflows saved with them keep working.
 */
export const statusAfterDeliveryOptions: INodePropertyOptions[] = [
	status(AWAITING_SHIPMENT, 'Recommended: the warehouse is picking and packing it. The Orders Trigger does not pick it up again.'),
	{ name: "Don't Change", value: DONT_CHANGE, description: 'Leave the status as it is (no BigCommerce credential needed)' },
	status(
		AWAITING_FULFILLMENT,
		'For stores whose trigger watches another status (e.g. Manual Verification Required): marks the order as released to the warehouse',
	),
	status(AWAITING_PICKUP, 'For orders the customer collects from the warehouse'),
];

export const wmsDeliverProperties: INodeProperties[] = [
	{
		displayName:
			'Running this node, also with "Execute workflow" or "Execute step", really creates the orders in the warehouse and sets the BigCommerce status chosen below. Try it with test orders first.',
		name: 'liveRunNotice',
		type: 'notice',
		default: '',
	},
	wmsTypeProperty,
	{
		displayName:
			'Each input order is created in the warehouse once per shipping address. An order already in the warehouse is reported as "exists" and never sent twice.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Ship Method Mapping',
		name: 'shipMethodMap',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Ship Method',
		default: {},
		description:
			'How each BigCommerce shipping method is sent to the warehouse. Names match ignoring upper/lower case and surrounding spaces.',
		options: [
			{
				name: 'mappings',
				displayName: 'Ship Method',
				values: [
					{
						displayName: 'BigCommerce Shipping Method',
						name: 'shippingMethod',
						// Workflows saved before the list store plain text; parseShipMethodMap reads both.
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description:
							'The shipping method name as it appears on BigCommerce orders. The list shows the methods of the last 500 orders (it needs the BigCommerce credential, chosen when a status is set after delivery); choose By Name to type any other.',
						modes: [
							{
								displayName: 'From Recent Orders',
								name: 'list',
								type: 'list',
								placeholder: 'Select a shipping method...',
								typeOptions: { searchListMethod: 'searchShippingMethods', searchable: true },
							},
							{
								displayName: 'By Name',
								name: 'name',
								type: 'string',
								placeholder: 'e.g. UPS Ground',
							},
						],
					},
					{
						displayName: 'Carrier',
						name: 'carrier',
						type: 'string',
						default: '',
						placeholder: 'e.g. UPS',
						description:
							'The carrier name exactly as the warehouse system knows it (in Extensiv 3PL Warehouse Manager: a carrier set up for the customer, e.g. UPS, FedEx, USPS). Empty: the warehouse chooses. This is not a BigCommerce carrier code: Confirm Shipment maps the carrier the warehouse reports back to BigCommerce\'s tracking carriers.',
					},
					{
						displayName: 'Mode',
						name: 'mode',
						type: 'string',
						default: '',
						placeholder: 'e.g. 03',
						description: 'The carrier service (mode) code as the warehouse system knows it',
					},
					{
						displayName: 'Billing Code',
						name: 'billingCode',
						type: 'string',
						default: '',
						placeholder: 'e.g. Prepaid',
						description: 'Who pays for shipping, as a warehouse billing code (e.g. Prepaid, Collect, ThirdParty)',
					},
				],
			},
		],
	},
	{
		displayName: 'Unmapped Ship Methods',
		name: 'unmappedShipMethods',
		type: 'options',
		options: [
			{
				name: 'Hold the Order',
				value: 'hold',
				description: 'Do not send the order; it is reported as held until the method is mapped',
			},
			{
				name: 'Use Default',
				value: 'useDefault',
				description: 'Send the order with the default carrier below (empty: the warehouse chooses)',
			},
		],
		default: 'useDefault',
		description: 'What to do with an order whose shipping method is not in the mapping',
	},
	{
		displayName: 'Default Carrier',
		name: 'defaultCarrier',
		type: 'string',
		default: '',
		displayOptions: { show: { unmappedShipMethods: ['useDefault'] } },
		description: 'Carrier for unmapped shipping methods. Leave empty to let the warehouse choose.',
	},
	{
		displayName: 'Default Mode',
		name: 'defaultMode',
		type: 'string',
		default: '',
		displayOptions: { show: { unmappedShipMethods: ['useDefault'] } },
		description: 'Carrier service (mode) code for unmapped shipping methods. Leave empty to let the warehouse choose.',
	},
	{
		displayName: 'Default Billing Code',
		name: 'defaultBillingCode',
		type: 'string',
		default: '',
		displayOptions: { show: { unmappedShipMethods: ['useDefault'] } },
		description: 'Billing code for unmapped shipping methods. Leave empty to let the warehouse choose.',
	},
	{
		displayName: 'Orders With Problems',
		name: 'ordersWithProblems',
		type: 'options',
		options: [
			{
				name: 'Deliver the Lines That Have SKUs',
				value: 'deliverLinesWithSku',
				description: 'Send the order without the lines that have no SKU (e.g. custom products)',
			},
			{
				name: 'Hold the Order',
				value: 'hold',
				description: 'Do not send an order that has a line without SKU or another problem',
			},
		],
		default: 'hold',
		description: 'What to do with an order that has lines without a SKU or other problems reported by the trigger',
	},
	{
		displayName: 'After Delivery, Set BigCommerce Status',
		name: 'statusAfterDelivery',
		type: 'options',
		options: statusAfterDeliveryOptions,
		default: AWAITING_SHIPMENT,
		description:
			'The status to give the BigCommerce order once every shipping address of it is in the warehouse. Only statuses that fit an order the warehouse has accepted are offered; Shipped comes later, from Confirm Shipment.',
	},
	{
		displayName: 'Re-Check Status Before Creating',
		name: 'statusCheck',
		type: 'options',
		options: [
			{
				name: "Don't Re-Check",
				value: 'off',
				description: 'Create every input order as it comes, even one cancelled in BigCommerce since it was read',
			},
			{
				name: 'In One of the Listed Statuses',
				value: 'listed',
				description: 'Send an order only if BigCommerce shows one of the statuses chosen below right before creating',
			},
			{
				name: 'Still in the Status It Was Read In',
				value: 'asReceived',
				description:
					'Send an order only if BigCommerce still shows the status the input item carries (the one the Orders Trigger read it in, e.g. Awaiting Fulfillment)',
			},
		],
		default: 'asReceived',
		displayOptions: { hide: { statusAfterDelivery: [DONT_CHANGE] } },
		description:
			'Right before creating, WMS Deliver reads the current BigCommerce status of the orders (one request per 100 orders). An order cancelled, put on hold, declined, refunded or moved on by a person since it was read is not sent: its outcome is "skipped" with the status as the reason. Needs the BigCommerce credential, so it is off with Don\'t Change.',
	},
	{
		displayName: 'Statuses Still to Deliver',
		name: 'statusesToDeliver',
		type: 'multiOptions',
		options: statusOptions(),
		default: [AWAITING_FULFILLMENT],
		displayOptions: { show: { statusCheck: ['listed'] }, hide: { statusAfterDelivery: [DONT_CHANGE] } },
		description: 'The BigCommerce statuses in which an order is still sent to the warehouse; any other status right before creating makes it "skipped"',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Orders in Parallel',
				name: 'parallel',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 16 },
				default: 4,
				description:
					'How many orders are sent to the warehouse at the same time. Use 1 for a warehouse system that does not accept parallel requests.',
			},
			{
				displayName: 'Notes to Include',
				name: 'notes',
				type: 'multiOptions',
				options: [
					{ name: 'Customer Message', value: 'customer' },
					{ name: 'Staff Notes', value: 'staff' },
				],
				default: ['customer'],
				description: 'Which BigCommerce order notes are sent to the warehouse with the order',
			},
		],
	},
];
