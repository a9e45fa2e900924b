import type { INodeProperties } from 'n8n-workflow';
import { SOURCE_INPUT, SOURCE_WMS, sourceProperties } from '../shared/descriptions/source';

export { SOURCE_INPUT, SOURCE_WMS };

export const confirmShipmentProperties: INodeProperties[] = [
	{
		displayName:
			'Running this node, also with "Execute workflow" or "Execute step", really creates shipments in BigCommerce: the orders become Shipped or Partially Shipped and BigCommerce emails the shoppers unless shipment emails are turned off.',
		name: 'liveRunNotice',
		type: 'notice',
		default: '',
	},
	...sourceProperties({
		fromInput: 'Each input item is a Shipment (from a CSV, a spreadsheet or another warehouse’s HTTP node)',
		fromWms: 'Read the orders the warehouse shipped since the last run',
		what: 'shipments',
	}),
	{
		displayName:
			'Each package becomes one BigCommerce shipment with its tracking number and lines. Packages already on the order (same tracking number) are reported as "exists", and no line is ever shipped beyond its remaining quantity, so running again is safe.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Reference Prefix',
		name: 'referencePrefix',
		type: 'string',
		default: '',
		placeholder: 'e.g. BC-',
		description:
			'The prefix WMS Deliver put before the BigCommerce order ID in the warehouse order number (e.g. BC- for BC-1001). Leave empty when the warehouse order number is the plain order ID.',
	},
	{
		displayName: 'Shipment',
		name: 'shipment',
		type: 'json',
		default: '={{ $json }}',
		displayOptions: { show: { source: [SOURCE_INPUT] } },
		description:
			'The Shipment to confirm: {reference, packages: [{trackingNumber, carrier, service, lines: [{sku, quantity}]}]}. By default the whole input item; map other field names with an expression.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'First Run Look-Back (Days)',
				name: 'initialLookbackDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description: 'Source WMS only: on the very first run, how far back to read shipped warehouse orders',
			},
			{
				displayName: 'Ship Closed Orders Without Packages',
				name: 'shipClosedWithoutPackages',
				type: 'boolean',
				default: false,
				description:
					'Whether an order the warehouse closed without package detail (LTL freight, manual confirmation) is marked as shipped: one BigCommerce shipment with all its remaining lines. Off: such orders are reported as skipped.',
			},
			{
				displayName: 'Overlap (Minutes)',
				name: 'overlapMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description:
					'Source WMS only: how far before the last run’s position to read again, for warehouse clocks and late updates. Orders already handled are not sent twice.',
			},
			{
				displayName: 'Shipment Comments',
				name: 'comments',
				type: 'string',
				default: '',
				description: 'Comments stored on every BigCommerce shipment this node creates',
			},
		],
	},
];
