import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { AWAITING_SHIPMENT } from '../shared/bigcommerce/statuses';
import { DONT_CHANGE } from './description';
import { parseShipMethodMap, toRouting, type ShipMethodMapParameter } from './shipMethodParameter';
import type { DeliverSettings, StillToDeliver } from '../shared/delivery/types';

export const DEFAULT_PARALLEL = 4;

export function readSettings(ctx: IExecuteFunctions, itemIndex: number): DeliverSettings {
	const param = <T>(name: string, fallback: T): T => ctx.getNodeParameter(name, itemIndex, fallback) as T;
	const unmapped = param<string>('unmappedShipMethods', 'useDefault');
	const status = param<number | string>('statusAfterDelivery', AWAITING_SHIPMENT);
	const options = param<IDataObject>('options', {});
	const notes = Array.isArray(options.notes) ? (options.notes as string[]) : ['customer'];
	return {
		shipMethods: parseShipMethodMap(param<ShipMethodMapParameter>('shipMethodMap', {})),
		unmapped:
			unmapped === 'hold'
				? { action: 'hold' }
				: {
						action: 'useDefault',
						routing: toRouting(param('defaultCarrier', ''), param('defaultMode', ''), param('defaultBillingCode', '')),
					},
		problems: param<string>('ordersWithProblems', 'hold') === 'deliverLinesWithSku' ? 'deliverLinesWithSku' : 'hold',
		statusAfterDelivery: status === DONT_CHANGE || status === '' ? undefined : Number(status),
		includeCustomerMessage: notes.includes('customer'),
		includeStaffNotes: notes.includes('staff'),
		parallel: Math.min(16, Math.max(1, Math.trunc(Number(options.parallel ?? DEFAULT_PARALLEL)) || 1)),
		// Without a status to set there is no BigCommerce credential, so nothing to re-read.
		statusCheck: status === DONT_CHANGE || status === '' ? undefined : stillToDeliver(param<string>('statusCheck', 'asReceived'), param<unknown>('statusesToDeliver', [11])),
	};
}

function stillToDeliver(mode: string, listed: unknown): StillToDeliver | undefined {
	if (mode === 'off') return undefined;
	if (mode !== 'listed') return 'asReceived';
	const ids = (Array.isArray(listed) ? listed : [listed]).map(Number).filter((id) => Number.isInteger(id));
	return ids;
}
