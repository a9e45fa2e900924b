/** WMS Deliver's Ship Method Mapping and default routing parameters, read into the delivery settings. */
import type { WmsRouting } from '../shared/wms/adapter';
import type { ShipMethodMapping } from '../shared/delivery/types';

export interface ShipMethodMapParameter {
	/** `shippingMethod`: a resource locator ({ __rl, mode: 'list' | 'name', value }); plain text in older workflows. */
	mappings?: Array<{ shippingMethod?: string | { value?: unknown }; carrier?: string; mode?: string; billingCode?: string }>;
}

/** The shipping method name of a mapping, from either stored shape. */
export function shipMethodName(value: string | { value?: unknown } | undefined): string {
	const raw = value && typeof value === 'object' ? value.value : value;
	return typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
}

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
