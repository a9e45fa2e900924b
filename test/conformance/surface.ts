/**
 * Checks recorded requests against a documented API surface (test/fixtures/*-api-surface.json): the operation
 * (method + path template), every query parameter name (and value, where the surface lists allowed values), every
 * body field, recursively through objects and array items.
 */
import type { BodyShape, SurfaceOperation } from '../../scripts/generate-api-surface';
import type { RecordedRequest } from './recorder';

export type { BodyShape, SurfaceOperation };

/** What a conformance failure names: the request and what in it is not documented. */
export interface Violation {
	request: string;
	problem: string;
}

function templateRegex(template: string): RegExp {
	const escaped = template
		.split(/\{[^}]+\}/)
		.map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
		.join('[^/]+');
	return new RegExp(`^${escaped}$`);
}

/** The documented operation for a method and path; literal segments win over `{param}` segments (`/orders/count`). */
export function findOperation(operations: SurfaceOperation[], method: string, path: string): SurfaceOperation | undefined {
	return operations
		.filter((op) => op.method === method && templateRegex(op.path).test(path))
		.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))[0];
}

/** Body fields (dotted, `[i]` for array items) that the shape does not document, and required ones missing. */
export function bodyProblems(value: unknown, shape: BodyShape, at = 'body'): string[] {
	if (value === null) return [];
	if (typeof value !== 'object') return scalarProblems(value, shape, at);
	if (Array.isArray(value)) {
		if (!shape.items) return shape.open ? [] : [`${at} is an array; the API documents ${shape.properties ? 'an object' : 'a scalar'}`];
		return value.flatMap((v, i) => bodyProblems(v, shape.items!, `${at}[${i}]`));
	}
	if (!shape.properties && !shape.open) return [`${at} is an object; the API documents ${shape.items ? 'an array' : 'a scalar'}`];
	const problems: string[] = [];
	for (const key of shape.required ?? []) if ((value as Record<string, unknown>)[key] === undefined) problems.push(`${at}.${key} is required`);
	for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
		const sub = shape.properties?.[key];
		if (sub) problems.push(...bodyProblems(v, sub, `${at}.${key}`));
		else if (!shape.open) problems.push(`${at}.${key} is not a documented field`);
	}
	return problems;
}

function scalarProblems(value: unknown, shape: BodyShape, at: string): string[] {
	const problems: string[] = [];
	const type = typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
	if (shape.type && !(shape.type === type || (shape.type === 'number' && type === 'integer'))) problems.push(`${at} is ${type} ${JSON.stringify(value)}; the API documents ${shape.type}`);
	if (shape.enum && !shape.enum.includes(value as string)) problems.push(`${at}=${JSON.stringify(value)} is not one of the documented values`);
	if (shape.maxLength !== undefined && typeof value === 'string' && value.length > shape.maxLength) problems.push(`${at} is ${value.length} characters; at most ${shape.maxLength}`);
	if (shape.properties || shape.items) problems.push(`${at} is ${type}; the API documents ${shape.items ? 'an array' : 'an object'}`);
	return problems;
}

/** Query problems: undocumented names, repeated names, values outside a documented enum. */
export function queryProblems(query: URLSearchParams, op: SurfaceOperation): string[] {
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const [name, value] of query) {
		if (seen.has(name)) problems.push(`query parameter ${name} is sent more than once`);
		seen.add(name);
		if (!op.query.includes(name)) {
			problems.push(`query parameter ${name} is not documented (documented: ${op.query.join(', ') || 'none'})`);
			continue;
		}
		const allowed = op.queryEnums?.[name];
		if (!allowed) continue;
		// `sort=<field>:asc|:desc` is how orders.v2 documents the direction (in the parameter's description).
		const values = (allowed.list ? value.split(',') : [value]).map((v) => (name === 'sort' ? v.replace(/:(asc|desc)$/, '') : v));
		for (const v of values) if (!allowed.values.includes(v)) problems.push(`query ${name}=${value}: ${v} is not a documented value`);
	}
	return problems;
}

export interface CheckOptions {
	/** Turns the recorded path into the surface's path, e.g. strips `/stores/{hash}`; undefined = not an API call. */
	apiPath(path: string): string | undefined;
	/** Extra checks per operation (headers, limits). */
	extra?(request: RecordedRequest, op: SurfaceOperation): string[];
}

export function checkRequests(requests: RecordedRequest[], operations: SurfaceOperation[], options: CheckOptions): Violation[] {
	const violations: Violation[] = [];
	for (const r of requests) {
		const path = options.apiPath(r.path);
		const label = `${r.method} ${r.path}${[...r.query].length ? `?${r.query.toString()}` : ''}`;
		if (path === undefined) {
			violations.push({ request: label, problem: 'not a path of this API' });
			continue;
		}
		const op = findOperation(operations, r.method, path);
		if (!op) {
			violations.push({ request: label, problem: `${r.method} ${path} is not a documented operation` });
			continue;
		}
		const problems = [...queryProblems(r.query, op)];
		if (r.invalidJson) problems.push('the body is not JSON');
		else if (r.body !== undefined) problems.push(...(op.body ? bodyProblems(r.body, op.body) : ['the operation documents no request body']));
		problems.push(...(options.extra?.(r, op) ?? []));
		for (const problem of problems) violations.push({ request: label, problem });
	}
	return violations;
}

/** `METHOD /template` of every request that matched an operation: what a flow exercised. */
export function operationsUsed(requests: RecordedRequest[], operations: SurfaceOperation[], apiPath: CheckOptions['apiPath']): Set<string> {
	const used = new Set<string>();
	for (const r of requests) {
		const path = apiPath(r.path);
		const op = path === undefined ? undefined : findOperation(operations, r.method, path);
		if (op) used.add(`${op.method} ${op.path}`);
	}
	return used;
}
