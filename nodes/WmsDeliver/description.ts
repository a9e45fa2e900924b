import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { wmsTypeProperty } from '../shared/descriptions/wmsType';
import { statusOptions as bcStatusOptions } from '../shared/bigcommerce/statuses';

export const DONT_CHANGE = 'dontChange';

const statusOptions: INodePropertyOptions[] = [
	{ name: "Don't Change", value: DONT_CHANGE, description: 'Leave the BigCommerce order status as it is' },
	...bcStatusOptions(),
].sort((a, b) => a.name.localeCompare(b.name));

export const wmsDeliverProperties: INodeProperties[] = [
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
						type: 'string',
						default: '',
						placeholder: 'e.g. UPS Ground',
						description: 'The shipping method name as it appears on the BigCommerce order',
					},
					{
						displayName: 'Carrier',
						name: 'carrier',
						type: 'string',
						default: '',
						placeholder: 'e.g. UPS',
						description: 'The carrier name as the warehouse system knows it',
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
		options: statusOptions,
		default: 9,
		description:
			'The status to give the BigCommerce order once every shipping address of it is in the warehouse. Awaiting Shipment (the default) also keeps the Orders Trigger from picking it up again.',
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
