/** BigCommerce shipping method name -> WMS routing (carrier, mode, billing code). */
import type { WmsRouting } from '../wms/adapter';
import type { DeliverSettings } from './types';

export const normalizeShipMethod = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

export type RoutingDecision = { mapped: true; routing?: WmsRouting } | { mapped: false; routing?: WmsRouting; hold: boolean };

/** The first mapping whose name matches (case and surrounding spaces ignored), else the unmapped rule. */
export function routeShipMethod(shippingMethod: string, settings: DeliverSettings): RoutingDecision {
	const wanted = normalizeShipMethod(shippingMethod);
	const mapping = settings.shipMethods.find((m) => normalizeShipMethod(m.shippingMethod) === wanted);
	if (mapping) return { mapped: true, routing: Object.keys(mapping.routing).length ? mapping.routing : undefined };
	if (settings.unmapped.action === 'hold') return { mapped: false, hold: true };
	return { mapped: false, hold: false, routing: settings.unmapped.routing };
}
