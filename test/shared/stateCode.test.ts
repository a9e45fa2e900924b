/**
 * State codes for carrier labels: the generated table (scripts/generate-subdivisions.ts, from country-region-data)
 * and the lookup the WMS mappings use.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { addressStateCode, normaliseSubdivision, stateForLabel, subdivisionCode } from '../../nodes/shared/stateCode';
import { SUBDIVISION_CODES } from '../../nodes/shared/subdivisions';
import { renderSubdivisions } from '../../scripts/generate-subdivisions';

const address = (state: string, countryIso2: string, extra: { country?: string; stateCode?: string } = {}) => ({
	state,
	countryIso2,
	country: extra.country ?? '',
	stateCode: extra.stateCode,
});

describe('subdivision table (generated)', () => {
	it('the committed table is exactly what the generator makes from the pinned source', () => {
		const committed = readFileSync(join(__dirname, '../../nodes/shared/subdivisions.ts'), 'utf8');
		expect(renderSubdivisions().text).toBe(committed);
	});

	it('holds the label countries and only them', () => {
		expect(Object.keys(SUBDIVISION_CODES).sort()).toEqual(['AU', 'BR', 'CA', 'MX', 'US']);
		// Each country's codes are complete: every state, province, territory and (US) armed-forces code.
		const codes = (c: string) => new Set(Object.values(SUBDIVISION_CODES[c]));
		expect(codes('US').size).toBe(62); // 50 states, DC, 8 territories and freely associated states, AA/AE/AP
		expect(codes('CA').size).toBe(13);
		expect(codes('AU').size).toBe(8);
		expect(codes('MX').size).toBe(32);
		expect(codes('BR').size).toBe(27);
	});

	it.each([
		['US', 'Texas', 'TX'],
		['US', 'New York', 'NY'],
		['US', 'District Of Columbia', 'DC'], // BigCommerce's capital "Of"
		['US', 'Puerto Rico', 'PR'],
		['US', 'Armed Forces Pacific', 'AP'],
		['US', 'Armed Forces Europe', 'AE'],
		['CA', 'Ontario', 'ON'],
		['CA', 'Quebec', 'QC'],
		['CA', 'Québec', 'QC'],
		['CA', 'Newfoundland & Labrador', 'NL'],
		['AU', 'New South Wales', 'NSW'],
		['AU', 'Australian Capital Territory', 'ACT'],
		['AU', 'Victoria', 'VIC'],
		['MX', 'Jalisco', 'JAL'],
		['MX', 'Nuevo León', 'NLE'],
		['MX', 'Nuevo Leon', 'NLE'],
		['MX', 'Ciudad de México', 'CMX'],
		['MX', 'Distrito Federal', 'CMX'],
		['MX', 'Estado de México', 'MEX'],
		['MX', 'Michoacán', 'MIC'],
		['BR', 'São Paulo', 'SP'],
		['BR', 'Sao Paulo', 'SP'],
		['BR', 'Rio de Janeiro', 'RJ'],
	])('%s "%s" -> %s', (country, state, code) => {
		expect(subdivisionCode(country, state)).toBe(code);
	});

	it('ignores case, accents, punctuation and extra spaces', () => {
		expect(subdivisionCode('US', '  TEXAS ')).toBe('TX');
		expect(subdivisionCode('us', 'texas')).toBe('TX');
		expect(subdivisionCode('CA', 'QUÉBEC')).toBe('QC');
		expect(subdivisionCode('CA', 'Prince-Edward   Island')).toBe('PE');
		expect(normaliseSubdivision(' Québec  ')).toBe('quebec');
	});

	it('accepts the code itself, alone or with its country', () => {
		expect(subdivisionCode('US', 'TX')).toBe('TX');
		expect(subdivisionCode('US', 'tx')).toBe('TX');
		expect(subdivisionCode('US', 'US-TX')).toBe('TX');
		expect(subdivisionCode('CA', 'QC')).toBe('QC');
		expect(subdivisionCode('AU', 'nsw')).toBe('NSW');
		expect(subdivisionCode('MX', 'MX-JAL')).toBe('JAL');
	});

	it('knows no code for an unknown name, a name of another country, or a country outside the table', () => {
		expect(subdivisionCode('US', 'Atlantis')).toBeUndefined();
		expect(subdivisionCode('US', 'Ontario')).toBeUndefined();
		expect(subdivisionCode('CA', 'TX')).toBeUndefined();
		expect(subdivisionCode('DE', 'Bayern')).toBeUndefined();
		expect(subdivisionCode('IT', 'Milano')).toBeUndefined();
		expect(subdivisionCode('', 'Texas')).toBeUndefined();
		expect(subdivisionCode('US', '')).toBeUndefined();
		expect(subdivisionCode('US', 'constructor')).toBeUndefined();
		expect(subdivisionCode('US', 'toString')).toBeUndefined();
	});
});

describe('state for the label', () => {
	it('the code when known', () => {
		expect(stateForLabel(address('Texas', 'US'))).toBe('TX');
		expect(stateForLabel(address('Québec', 'CA'))).toBe('QC');
		expect(stateForLabel(address('New South Wales', 'AU'))).toBe('NSW');
		expect(stateForLabel(address('Jalisco', 'MX'))).toBe('JAL');
	});
	it('an address without countryIso2 whose country is a code still gets one', () => {
		expect(stateForLabel(address('Texas', '', { country: 'US' }))).toBe('TX');
	});
	it('the name, as given (trimmed), when no code is known', () => {
		expect(stateForLabel(address('Atlantis', 'US'))).toBe('Atlantis');
		expect(stateForLabel(address(' Bayern ', 'DE'))).toBe('Bayern');
		expect(stateForLabel(address('Texas', '', { country: 'United States' }))).toBe('Texas');
		expect(stateForLabel(address('', 'DK'))).toBe('');
	});
	it('a stateCode the input already carries is used where the table knows none; the table wins where it does', () => {
		expect(stateForLabel(address('Bayern', 'DE', { stateCode: 'BY' }))).toBe('BY');
		expect(addressStateCode(address('Texas', 'US', { stateCode: 'XX' }))).toBe('TX');
		expect(addressStateCode(address('Bayern', 'DE', { stateCode: '  ' }))).toBeUndefined();
	});
});
