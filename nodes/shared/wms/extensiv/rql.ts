/**
 * RQL (FIQL) filters for 3PL Warehouse Manager: `;` is AND, `==` / `=ge=` compare. Values are escaped by
 * percent-encoding the characters RQL reserves, as the API's RQL page asks.
 */
const RESERVED = /[%!()*=,;]/g;

export function rqlValue(value: string | number | boolean): string {
	return String(value).replace(RESERVED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function rqlEq(fieldName: string, value: string | number | boolean): string {
	return `${fieldName}==${rqlValue(value)}`;
}

/** `field=in=(a,b,c)`: any of the values (the RQL page's `=in=` list). */
export function rqlIn(fieldName: string, values: Array<string | number>): string {
	return `${fieldName}=in=(${values.map(rqlValue).join(',')})`;
}

export function rqlGe(fieldName: string, value: string | number): string {
	return `${fieldName}=ge=${rqlValue(value)}`;
}

export function rqlAnd(...clauses: Array<string | undefined | false>): string {
	return clauses.filter((c): c is string => Boolean(c)).join(';');
}
