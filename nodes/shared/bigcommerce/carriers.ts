/**
 * WMS carrier name -> BigCommerce shipment carrier fields. `tracking_carrier` takes BigCommerce's published values
 * (trackingCarriers.ts, generated from tracking_carrier_values.csv); Royal Mail has no row there and goes as
 * `shipping_provider: royalmail`. An unknown carrier is never an error: the shipment goes without a carrier code.
 */
import { TRACKING_CARRIERS } from './trackingCarriers';

export interface CarrierMatch {
	trackingCarrier?: string;
	shippingProvider?: string;
	/** How the name was recognised; `none` = sent without carrier code. */
	matchedBy: 'alias' | 'value' | 'name' | 'none';
}

type CarrierCode = Pick<CarrierMatch, 'trackingCarrier' | 'shippingProvider'>;

/** Names WMSs commonly use (including SCAC codes) that are not a BigCommerce company name or value as written. */
const ALIASES: Record<string, CarrierCode> = {
	ups: { trackingCarrier: 'ups' },
	unitedparcelservice: { trackingCarrier: 'ups' },
	upsn: { trackingCarrier: 'ups' },
	upss: { trackingCarrier: 'ups' },
	usps: { trackingCarrier: 'usps' },
	unitedstatespostalservice: { trackingCarrier: 'usps' },
	uspostalservice: { trackingCarrier: 'usps' },
	usmail: { trackingCarrier: 'usps' },
	fedex: { trackingCarrier: 'fedex' },
	federalexpress: { trackingCarrier: 'fedex' },
	fdx: { trackingCarrier: 'fedex' },
	fdxe: { trackingCarrier: 'fedex' },
	fdxg: { trackingCarrier: 'fedex' },
	fdeg: { trackingCarrier: 'fedex' },
	fedexfreight: { trackingCarrier: 'fedex-freight' },
	dhl: { trackingCarrier: 'dhl' },
	dhlexpress: { trackingCarrier: 'dhl' },
	dhlworldwide: { trackingCarrier: 'dhl' },
	dhlecommerce: { trackingCarrier: 'dhl-global-mail' },
	canadapost: { trackingCarrier: 'canada-post' },
	postescanada: { trackingCarrier: 'canada-post' },
	australiapost: { trackingCarrier: 'australia-post' },
	auspost: { trackingCarrier: 'australia-post' },
	royalmail: { shippingProvider: 'royalmail' },
	parcelforce: { trackingCarrier: 'parcel-force' },
	evri: { trackingCarrier: 'myhermes-uk' },
	hermesuk: { trackingCarrier: 'myhermes-uk' },
	myhermes: { trackingCarrier: 'myhermes-uk' },
	startrack: { trackingCarrier: 'star-track' },
	amazon: { trackingCarrier: 'amazon' },
};

export function normalizeCarrierName(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

let byValue: Map<string, string> | undefined;
let byName: Map<string, string> | undefined;

function tables(): { byValue: Map<string, string>; byName: Map<string, string> } {
	if (!byValue || !byName) {
		byValue = new Map();
		byName = new Map();
		for (const [name, value] of TRACKING_CARRIERS) {
			if (!byValue.has(value.toLowerCase())) byValue.set(value.toLowerCase(), value);
			const key = normalizeCarrierName(name);
			if (key && !byName.has(key)) byName.set(key, value);
		}
	}
	return { byValue, byName };
}

function lookup(candidate: string, raw: string): CarrierMatch | undefined {
	const alias = ALIASES[candidate];
	if (alias) return { ...alias, matchedBy: 'alias' };
	const { byValue: values, byName: names } = tables();
	const value = values.get(raw);
	if (value) return { trackingCarrier: value, matchedBy: 'value' };
	const named = names.get(candidate);
	if (named) return { trackingCarrier: named, matchedBy: 'name' };
	return undefined;
}

/**
 * Maps a WMS carrier name ("UPS", "FedEx Ground", "DHL Express Worldwide", "canada-post", "UPSN") case-insensitively.
 * Tries the whole name, then drops trailing words (service names) one at a time.
 */
export function mapCarrier(wmsCarrier: string | undefined | null): CarrierMatch {
	const raw = (wmsCarrier ?? '').trim();
	if (!raw) return { matchedBy: 'none' };
	const words = raw.split(/[\s/,_]+/).filter(Boolean);
	for (let n = words.length; n >= 1; n--) {
		const phrase = words.slice(0, n).join(' ');
		const found = lookup(normalizeCarrierName(phrase), phrase.toLowerCase());
		if (found) return found;
	}
	return { matchedBy: 'none' };
}
