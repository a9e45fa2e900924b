/** BigCommerce shipping method name -> WMS routing (carrier, mode, billing code). */
import type { WmsRouting } from '../wms/adapter';
import type { DeliverSettings, ShipMethodMapping } from './types';

export interface ShipMethodMapParameter {
	/** `shippingMethod`: a resource locator ({ __rl, mode: 'list' | 'name', value }); plain text in older workflows. */
	mappings?: Array<{ shippingMethod?: string | { value?: unknown }; carrier?: string; mode?: string; billingCode?: string }>;
}

/** The shipping method name of a mapping, from either stored shape. */
export function shipMethodName(value: string | { value?: unknown } | undefined): string {
	const raw = value && typeof value === 'object' ? value.value : value;
	return typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
}

export const normalizeShipMethod = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Routing with empty fields left out; undefined when nothing is set (the warehouse decides). */
export function toRouting(carrier = '', mode = '', billingCode = ''): WmsRouting | undefined {
	const routing: WmsRouting = {};
	if (carrier.trim()) routing.carrier = carrier.trim();
	if (mode.trim()) routing.mode = mode.trim();
	if (billingCode.trim()) routing.billingCode = billingCode.trim();
	return Object.keys(routing).length ? routing : undefined;
}

export function parseShipMethodMap(param: ShipMethodMapParameter | undefined): ShipMethodMapping[] {
	return (param?.mappings ?? [])
		.filter((m) => shipMethodName(m.shippingMethod).trim() !== '')
		.map((m) => ({
			shippingMethod: shipMethodName(m.shippingMethod),
			routing: toRouting(m.carrier, m.mode, m.billingCode) ?? {},
		}));
}

export type RoutingDecision = { mapped: true; routing?: WmsRouting } | { mapped: false; routing?: WmsRouting; hold: boolean };

/** The first mapping whose name matches (case and surrounding spaces ignored), else the unmapped rule. */
export function routeShipMethod(shippingMethod: string, settings: DeliverSettings): RoutingDecision {
	const wanted = normalizeShipMethod(shippingMethod);
	const mapping = settings.shipMethods.find((m) => normalizeShipMethod(m.shippingMethod) === wanted);
	if (mapping) return { mapped: true, routing: Object.keys(mapping.routing).length ? mapping.routing : undefined };
	if (settings.unmapped.action === 'hold') return { mapped: false, hold: true };
	return { mapped: false, hold: false, routing: settings.unmapped.routing };
}
