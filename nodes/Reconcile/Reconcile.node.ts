import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { credentialTest } from '../shared/credentialTests';
import { OWN_FORM_SHOW, hideUnlessWmsType } from '../shared/descriptions/wmsType';
import { toNodeError } from '../shared/errors';
import { reconcileProperties } from './description';
import { renderReport } from './report';
import { reconcile } from './run';

// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- not an agent tool: a whole-store audit with an HTML report and optional repairs, for schedules, not single questions
export class Reconcile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reconcile',
		name: 'reconcile',
		icon: { light: 'file:reconcile.svg', dark: 'file:reconcile.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{($parameter["repair"] ? "Find and repair" : "Report only") + ($parameter["wmsType"] === "http" ? " · HTTP WMS" : " · Extensiv 3PL WM")}}',
		description: 'Find every drift between BigCommerce and the warehouse (orders, shipments, stock), report it and repair it on request',
		defaults: { name: 'Reconcile' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Never `displayOptions.show` on a credential: see nodes/shared/descriptions/wmsType.ts.
		credentials: [
			{ name: 'bigCommerceApi', testedBy: 'bigCommerceApiTest', displayName: 'BigCommerce', required: true, displayOptions: { show: OWN_FORM_SHOW } },
			{
				name: 'extensivWarehouseManagerApi',
				testedBy: 'extensivWarehouseManagerApiTest',
				displayName: 'Extensiv 3PL Warehouse Manager',
				required: true,
				displayOptions: hideUnlessWmsType('extensiv'),
			},
			{
				name: 'wmsHttpApi',
				testedBy: 'wmsHttpApiTest',
				displayName: 'Generic HTTP WMS',
				required: true,
				displayOptions: hideUnlessWmsType('http'),
			},
		],
		properties: reconcileProperties,
	};

	methods = { credentialTest };

	/** One summary item first (with the HTML report as binary `report`), then one item per finding. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			const { summary, findings, history } = await reconcile(this);
			const html = renderReport(summary, findings, history);
			const report = await this.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), `reconcile-${summary.ranAt.slice(0, 10)}.html`, 'text/html');
			return [[{ json: summary, binary: { report }, pairedItem: { item: 0 } }, ...findings.map((f) => ({ json: f, pairedItem: { item: 0 } }))]];
		} catch (error) {
			if (this.continueOnFail()) {
				const { message, description } = toNodeError(this.getNode(), error);
				return [[{ json: { error: [message, description].filter(Boolean).join(' ') }, pairedItem: { item: 0 } }]];
			}
			throw toNodeError(this.getNode(), error);
		}
	}
}
