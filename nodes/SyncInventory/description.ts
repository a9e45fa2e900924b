import type { INodeProperties } from 'n8n-workflow';
import { sourceProperties } from '../shared/descriptions/source';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Running this node, also with "Execute workflow" or "Execute step", really changes stock levels in BigCommerce, unless Options > Dry Run is on.',
		name: 'liveRunNotice',
		type: 'notice',
		default: '',
	},
	...sourceProperties({
		fromInput: 'Stock levels from the previous node (a spreadsheet, another system), one item per SKU',
		fromWms: 'Read the available quantity of every SKU from the warehouse system',
		what: 'stock levels',
	}),
	{
		displayName: 'SKU',
		name: 'sku',
		type: 'string',
		default: '={{ $json.sku }}',
		required: true,
		displayOptions: { show: { source: ['inputItems'] } },
		description: 'The SKU of each input item. Matched to BigCommerce SKUs without regard to letter case.',
	},
	{
		displayName: 'Available Quantity',
		name: 'available',
		type: 'string',
		default: '={{ $json.available }}',
		required: true,
		displayOptions: { show: { source: ['inputItems'] } },
		description: 'How many units can be sold, for each input item. Must be a whole number of 0 or more.',
	},
	{
		displayName: 'Location',
		name: 'locationId',
		type: 'resourceLocator',
		// Workflows saved before the list store a plain number (1); the node reads both (methods/locationId.ts).
		default: { mode: 'list', value: '1', cachedResultName: 'Default location (ID 1)' },
		required: true,
		description:
			'The BigCommerce inventory location to set stock at. The list needs the Store Locations (read-only) scope on the API account; without it, choose By ID: 1 is the default location every store has, other IDs are under Settings > Locations.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a location...',
				typeOptions: { searchListMethod: 'searchLocations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1',
				hint: '1 is the default location; other IDs are under Settings > Locations in BigCommerce',
				validation: [
					{
						type: 'regex',
						properties: { regex: '\\s*[1-9][0-9]*\\s*', errorMessage: 'Enter a whole number of 1 or more, e.g. 1' },
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to only compute and output the changes, without writing anything to BigCommerce',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'All SKUs', value: 'all', description: 'One item per SKU, including the ones already right' },
					{
						name: 'Changes and Problems',
						value: 'changes',
						description: 'One item per SKU that was updated, not found, not tracked or failed',
					},
					{ name: 'Summary Only', value: 'summary', description: 'A single item with counts, for big catalogs' },
				],
				default: 'changes',
				description: 'Which result items the node outputs',
			},
			{
				displayName: 'Quantity to Publish',
				name: 'quantityToPublish',
				type: 'options',
				displayOptions: { show: { '/source': ['wms'] } },
				options: [
					{
						name: 'Available',
						value: 'available',
						description: 'Units free to sell: not allocated to orders, not on hold, not quarantined',
					},
					{
						name: 'Available Including On Hold',
						value: 'availableWithHeld',
						description: 'Units not allocated to orders, on-hold units counted too',
					},
					{
						name: 'On Hand',
						value: 'onHand',
						description: 'Every unit in the warehouse, including allocated and on-hold units',
					},
				],
				default: 'available',
				description:
					'Which warehouse quantity becomes the BigCommerce stock level. Available never counts on-hold units. The Safety Buffer is taken off afterwards.',
			},
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: 'Warehouse stock sync (n8n)',
				description: 'Text BigCommerce stores with each inventory change, visible in its inventory history',
			},
			{
				displayName: 'Safety Buffer',
				name: 'safetyBuffer',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Units to hold back from every SKU (stock is set to available minus this, never below 0)',
			},
			{
				displayName: 'SKUs Not in BigCommerce',
				name: 'unknownSkus',
				type: 'options',
				options: [
					{ name: 'Ignore', value: 'ignore', description: 'Leave them out of the output' },
					{ name: 'Report', value: 'report', description: 'Output an item saying the SKU was not found' },
				],
				default: 'report',
				description: 'What to do with warehouse SKUs that no BigCommerce product or variant has',
			},
			{
				displayName: 'SKUs Not Tracked in BigCommerce',
				name: 'untracked',
				type: 'options',
				options: [
					{ name: 'Enable Tracking and Set Stock', value: 'enable', description: 'Turn inventory tracking on for the product, then set its stock' },
					{ name: 'Report', value: 'report', description: 'Leave the product alone and output an item saying so' },
				],
				default: 'report',
				description: 'What to do when the BigCommerce product does not track inventory',
			},
		],
	},
];
