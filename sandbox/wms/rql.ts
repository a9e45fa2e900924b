/**
 * RQL as 3PL Warehouse Manager reads it (FIQL infix): `;` AND, `,` OR, parentheses, `==` `!=` `=gt=` `=ge=` `=lt=`
 * `=le=` `=in=(..)` `=out=(..)` `=hv=true|false`, `*` wildcards in string equality, quoted values. Property paths
 * are dotted and case-insensitive; an unknown property or a value of the wrong type is an error (HTTP 400).
 */
import { warehouseWallClock, toWarehouseTime } from './time';

export type FieldType = 'string' | 'number' | 'boolean' | 'date';

export interface RqlField<T> {
	type: FieldType;
	/** Dates are ISO instants (or null); the comparison happens in warehouse time. */
	get: (row: T) => string | number | boolean | null | undefined;
}

/** Keys are lower-case dotted paths. */
export type RqlFields<T> = Record<string, RqlField<T>>;

export class RqlError extends Error {}

type Node =
	| { kind: 'and'; items: Node[] }
	| { kind: 'or'; items: Node[] }
	| { kind: 'cmp'; selector: string; op: string; values: string[] };

const OPS = new Set(['==', '!=', '=gt=', '=ge=', '=lt=', '=le=', '=in=', '=out=', '=hv=']);

class Parser {
	private pos = 0;
	constructor(private readonly text: string) {}

	parse(): Node {
		const node = this.or();
		this.skipSpace();
		if (this.pos < this.text.length) throw new RqlError(`Unexpected '${this.text[this.pos]}' at position ${this.pos} in rql.`);
		return node;
	}

	private or(): Node {
		const items = [this.and()];
		while (this.eat(',')) items.push(this.and());
		return items.length === 1 ? items[0] : { kind: 'or', items };
	}

	private and(): Node {
		const items = [this.primary()];
		while (this.eat(';')) items.push(this.primary());
		return items.length === 1 ? items[0] : { kind: 'and', items };
	}

	private primary(): Node {
		if (this.eat('(')) {
			const node = this.or();
			if (!this.eat(')')) throw new RqlError('Missing closing parenthesis in rql.');
			return node;
		}
		this.skipSpace();
		const sel = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(this.text.slice(this.pos));
		if (!sel) throw new RqlError(`Expected a property name at position ${this.pos} in rql.`);
		this.pos += sel[0].length;
		this.skipSpace();
		const op = /^(==|!=|=[a-z]+=)/i.exec(this.text.slice(this.pos));
		if (!op || !OPS.has(op[0].toLowerCase())) throw new RqlError(`Unknown or missing operator after '${sel[0]}' in rql.`);
		this.pos += op[0].length;
		const values: string[] = [];
		if (this.eat('(')) {
			do values.push(this.value());
			while (this.eat(','));
			if (!this.eat(')')) throw new RqlError(`Missing ')' after the value list of '${sel[0]}' in rql.`);
		} else {
			values.push(this.value());
		}
		return { kind: 'cmp', selector: sel[0], op: op[0].toLowerCase(), values };
	}

	private value(): string {
		this.skipSpace();
		const quote = this.text[this.pos];
		if (quote === '"' || quote === "'") {
			let out = '';
			this.pos++;
			while (this.pos < this.text.length && this.text[this.pos] !== quote) {
				if (this.text[this.pos] === '\\') this.pos++;
				out += this.text[this.pos++] ?? '';
			}
			if (this.text[this.pos] !== quote) throw new RqlError('Unterminated quoted value in rql.');
			this.pos++;
			return out;
		}
		let out = '';
		while (this.pos < this.text.length && !';,()'.includes(this.text[this.pos])) {
			if (this.text[this.pos] === '\\') this.pos++;
			out += this.text[this.pos++] ?? '';
		}
		return out.trim();
	}

	private eat(ch: string): boolean {
		this.skipSpace();
		if (this.text[this.pos] === ch) {
			this.pos++;
			return true;
		}
		return false;
	}

	private skipSpace(): void {
		while (this.text[this.pos] === ' ') this.pos++;
	}
}

type Comparable = string | number | boolean;

function convert(type: FieldType, raw: string, selector: string, timeZone: string): Comparable {
	switch (type) {
		case 'number': {
			const n = Number(raw);
			if (raw === '' || !Number.isFinite(n)) throw new RqlError(`'${raw}' is not a number (rql property ${selector}).`);
			return n;
		}
		case 'boolean': {
			const b = raw.toLowerCase();
			if (b !== 'true' && b !== 'false') throw new RqlError(`'${raw}' is not true or false (rql property ${selector}).`);
			return b === 'true';
		}
		case 'date': {
			const t = warehouseWallClock(raw, timeZone);
			if (t === undefined) throw new RqlError(`'${raw}' is not a date like 2016-12-25T23:00:00 (rql property ${selector}).`);
			return t;
		}
		default:
			return raw.toLowerCase();
	}
}

function fieldValue<T>(field: RqlField<T>, row: T, timeZone: string): Comparable | null {
	const v = field.get(row);
	if (v === null || v === undefined) return null;
	if (field.type === 'date') return warehouseWallClock(toWarehouseTime(String(v), timeZone), timeZone) ?? null;
	if (field.type === 'string') return String(v).toLowerCase();
	return v;
}

function wildcard(pattern: string): RegExp {
	return new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 's');
}

/** Parses and type-checks an RQL expression into a predicate over rows. Throws RqlError for a bad query. */
export function compileRql<T>(text: string, fields: RqlFields<T>, timeZone: string): (row: T) => boolean {
	const tree = new Parser(text).parse();
	const build = (node: Node): ((row: T) => boolean) => {
		if (node.kind === 'and') {
			const parts = node.items.map(build);
			return (row) => parts.every((p) => p(row));
		}
		if (node.kind === 'or') {
			const parts = node.items.map(build);
			return (row) => parts.some((p) => p(row));
		}
		const field = fields[node.selector.toLowerCase()];
		if (!field) throw new RqlError(`Unknown property '${node.selector}' in rql.`);
		if (node.op === '=hv=') {
			const want = convert('boolean', node.values[0] ?? '', node.selector, timeZone);
			return (row) => (fieldValue(field, row, timeZone) !== null) === want;
		}
		const values = node.values.map((v) => convert(field.type, v, node.selector, timeZone));
		const patterns = field.type === 'string' ? values.map((v) => wildcard(String(v))) : [];
		const equals = (actual: Comparable, i: number) =>
			field.type === 'string' ? patterns[i].test(String(actual)) : actual === values[i];
		return (row) => {
			const actual = fieldValue(field, row, timeZone);
			switch (node.op) {
				case '==':
					return actual !== null && equals(actual, 0);
				case '!=':
					return actual === null || !equals(actual, 0);
				case '=in=':
					return actual !== null && values.some((_, i) => equals(actual, i));
				case '=out=':
					return actual === null || !values.some((_, i) => equals(actual, i));
				case '=gt=':
					return actual !== null && actual > values[0];
				case '=ge=':
					return actual !== null && actual >= values[0];
				case '=lt=':
					return actual !== null && actual < values[0];
				default:
					return actual !== null && actual <= values[0];
			}
		};
	};
	return build(tree);
}

/** `sort` parameter: comma list of properties, `-` prefix for descending. Returns a sorted copy. */
export function sortRows<T>(rows: T[], text: string, fields: RqlFields<T>, timeZone: string): T[] {
	const keys = text
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => {
			const desc = s.startsWith('-');
			const name = s.replace(/^[-+]/, '');
			const field = fields[name.toLowerCase()];
			if (!field) throw new RqlError(`Unknown sort property '${name}'.`);
			return { field, desc };
		});
	// Keys computed once per row: date fields go through the time-zone formatter.
	const keyed = rows.map((row) => ({ row, values: keys.map(({ field }) => fieldValue(field, row, timeZone)) }));
	keyed.sort((a, b) => {
		for (const [i, { desc }] of keys.entries()) {
			const x = a.values[i];
			const y = b.values[i];
			if (x === y) continue;
			if (x === null) return desc ? 1 : -1;
			if (y === null) return desc ? -1 : 1;
			const c = x < y ? -1 : 1;
			return desc ? -c : c;
		}
		return 0;
	});
	return keyed.map((k) => k.row);
}
