/**
 * The code a carrier label prints for an address's state ("Texas" -> "TX", "Québec" -> "QC"), from the generated
 * table in subdivisions.ts (scripts/generate-subdivisions.ts). Countries outside the table, and names it does not
 * know, have no code: the caller keeps the name.
 */
import type { Address } from './model';
import { SUBDIVISION_CODES } from './subdivisions';

/** One spelling rule for the table's keys and for lookups: no accents, lower case, "&" as "and", single spaces. */
export function normaliseSubdivision(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** The subdivision code for `state` in the country `countryIso2`, or undefined when none is known. */
export function subdivisionCode(countryIso2: string | undefined, state: string | undefined): string | undefined {
	const table = SUBDIVISION_CODES[(countryIso2 ?? '').trim().toUpperCase()];
	if (!table || !state) return undefined;
	const key = normaliseSubdivision(state);
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * The code of an address's state: from the table when it knows the state, else a `stateCode` the input already
 * carries (a Code node upstream may supply codes for other countries), else undefined.
 */
export function addressStateCode(address: Pick<Address, 'state' | 'country' | 'countryIso2' | 'stateCode'>): string | undefined {
	const given = (address.stateCode ?? '').trim();
	return subdivisionCode(address.countryIso2 || address.country, address.state) ?? (given || undefined);
}

/** What a label's state field gets: the code when known, the name as given otherwise. */
export function stateForLabel(address: Pick<Address, 'state' | 'country' | 'countryIso2' | 'stateCode'>): string {
	return addressStateCode(address) ?? (address.state ?? '').trim();
}
