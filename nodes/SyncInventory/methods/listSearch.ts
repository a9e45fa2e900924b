/**
 * Lists for the Sync Inventory panel. `searchLocations`: the store's inventory locations
 * (`GET /v3/inventory/locations`, locations.v3.yml; scope Store Locations read-only), filtered by the search text
 * on label, code or ID. Values are location IDs as text, the same form as the "By ID" mode.
 */
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { bcRequestAllV3, type BcRequest } from '../../shared/bigcommerce/transport';
import { readBigCommerceList } from '../../shared/methods/bigCommerceList';
import type { ListNeeds } from '../../shared/methods/listErrors';
import { DEFAULT_LOCATION_ID } from './locationId';

/** Locations per page; the spec documents no maximum, and `meta.pagination` drives the paging anyway. */
export const LOCATIONS_PAGE_SIZE = 250;

export const LOCATIONS_LIST: ListNeeds = {
	what: 'store locations',
	request: { method: 'GET', version: 'v3', path: '/inventory/locations', resource: 'the store locations' },
	typeInstead:
		'Or choose "By ID" and type the location ID: 1 is the default location every store has; the others are under Settings > Locations in BigCommerce.',
};

interface BcLocation {
	id?: number;
	code?: string;
	label?: string;
	enabled?: boolean;
}

export function locationItem(location: BcLocation): INodeListSearchItems {
	const id = Number(location.id);
	const label = (location.label ?? '').trim() || (location.code ?? '').trim() || `Location ${id}`;
	const notes = [`ID ${id}`];
	if (id === DEFAULT_LOCATION_ID) notes.push('default');
	if (location.enabled === false) notes.push('inactive');
	return { name: `${label} (${notes.join(', ')})`, value: String(id) };
}

export async function searchLocations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const locations = await readBigCommerceList(this, LOCATIONS_LIST, async () =>
		bcRequestAllV3.call<ILoadOptionsFunctions, [BcRequest, number], Promise<BcLocation[]>>(this, LOCATIONS_LIST.request, LOCATIONS_PAGE_SIZE),
	);
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = locations
		.filter((l) => Number.isInteger(Number(l.id)) && Number(l.id) > 0)
		.filter(
			(l) =>
				!wanted ||
				String(l.id) === wanted ||
				(l.label ?? '').toLowerCase().includes(wanted) ||
				(l.code ?? '').toLowerCase().includes(wanted),
		)
		.sort((a, b) => Number(a.id) - Number(b.id))
		.map(locationItem);
	return { results };
}
