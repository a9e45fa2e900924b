/**
 * 3PL Warehouse Manager API conformance: every request our Extensiv adapter and credential send (recorded on the
 * wire by a proxy in front of the WMS sandbox) during the deliver, confirm, sync and bundled-workflow flows is a
 * documented operation with documented query parameters, page sizes within the documented limits, documented body
 * fields and the headers the rel pages require (test/fixtures/extensiv-api-surface.json, hand-written from the
 * rel pages it cites).
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXTENSIV_GRANT_PATH, EXTENSIV_ORDERS_PATH, EXTENSIV_STOCK_PATH } from '../../nodes/shared/credentialTests/extensivWarehouseManagerApi';
import { recordEverything } from './flows';
import type { RecordedRequest } from './recorder';
import { checkRequests, operationsUsed, type SurfaceOperation } from './surface';

interface ExtensivOperation extends SurfaceOperation {
	sources: string[];
	maxPageSize?: number;
	requiredHeaders?: string[];
	requiredBody?: string[];
	/** Query parameters the rel page marks required (e.g. stockdetails' customerid and facilityid). */
	requiredQuery?: string[];
	/** Model property paths an RQL filter / sort may name (compared case-insensitively, as the API does). */
	rqlFields?: string[];
	sortFields?: string[];
}

/** The property paths an RQL expression filters on: `a==1;(b=in=(x,y),c!=z)` -> a, b, c. */
export function rqlSelectors(rql: string): string[] {
	const selectors: string[] = [];
	// Values may hold escaped characters; operators are ==, !=, =xx=.
	for (const m of rql.matchAll(/(?:^|[;,(])\s*([A-Za-z_][\w.]*)\s*(?:==|!=|=[a-z]+=)/g)) selectors.push(m[1]);
	return selectors;
}

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'extensiv-api-surface.json');
const surface = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { operations: ExtensivOperation[] };

const EXPECTED_OPERATIONS = [
	'POST /AuthServer/api/Token',
	'GET /orders',
	'POST /orders',
	'GET /orders/{id}',
	'PUT /orders/{id}',
	'POST /orders/{id}/canceler',
	'GET /inventory/stockdetails',
].sort();

/** Headers, page sizes and the detail/itemdetail rule the rel pages state. */
function extra(r: RecordedRequest, op: SurfaceOperation): string[] {
	const o = op as ExtensivOperation;
	const problems: string[] = [];
	for (const h of o.requiredHeaders ?? []) if (!r.headers[h.toLowerCase()]) problems.push(`header ${h} is required`);
	if (r.body !== undefined && !/application\/(hal\+)?json/i.test(String(r.headers['content-type'] ?? ''))) problems.push('a JSON body needs Content-Type application/json');
	for (const f of o.requiredBody ?? []) {
		const value = (r.body as Record<string, unknown> | undefined)?.[f];
		if (value === undefined || value === null || value === '') problems.push(`body.${f} is required`);
	}
	for (const q of o.requiredQuery ?? []) if (!r.query.get(q)) problems.push(`query parameter ${q} is required`);
	const pgsiz = r.query.get('pgsiz');
	if (pgsiz !== null && (!/^\d+$/.test(pgsiz) || Number(pgsiz) < 1 || (o.maxPageSize !== undefined && Number(pgsiz) > o.maxPageSize))) {
		problems.push(`pgsiz=${pgsiz} is outside 1..${o.maxPageSize}`);
	}
	const pgnum = r.query.get('pgnum');
	if (pgnum !== null && !/^[1-9]\d*$/.test(pgnum)) problems.push(`pgnum=${pgnum} is not a page number (1-based)`);
	const rql = r.query.get('rql');
	if (rql !== null) {
		const selectors = rqlSelectors(rql);
		if (!selectors.length) problems.push(`rql=${rql} names no field`);
		const known = (o.rqlFields ?? []).map((f) => f.toLowerCase());
		for (const f of selectors) if (!known.includes(f.toLowerCase())) problems.push(`rql field ${f} is not documented for ${o.path}`);
	}
	const sort = r.query.get('sort');
	if (sort !== null) {
		for (const f of sort.split(',').map((x) => x.trim().replace(/^[-+]/, ''))) {
			if (!(o.sortFields ?? []).some((k) => k.toLowerCase() === f.toLowerCase())) problems.push(`sort field ${f} is not documented for ${o.path}`);
		}
	}
	const itemdetail = r.query.get('itemdetail');
	if (itemdetail && itemdetail !== 'None' && !/(^|,)(OrderItems|All)(,|$)/.test(r.query.get('detail') ?? '')) {
		problems.push('itemdetail other than None needs detail to include OrderItems');
	}
	return problems;
}

const apiPath = (p: string) => p;
const check = (requests: RecordedRequest[]) => checkRequests(requests, surface.operations, { apiPath, extra }).map((v) => `${v.request}: ${v.problem}`);

function req(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): RecordedRequest {
	const u = new URL(url, 'http://x');
	const all = { authorization: 'Bearer t', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
	return { method, path: u.pathname, query: u.searchParams, headers: all, rawBody: body === undefined ? '' : JSON.stringify(body), body };
}

describe('3PL Warehouse Manager API surface', () => {
	it('reads the fields an RQL filter names', () => {
		expect(rqlSelectors('referenceNum==BC-1;readOnly.customerIdentifier.id==1')).toEqual(['referenceNum', 'readOnly.customerIdentifier.id']);
		expect(rqlSelectors('a=ge=2026-01-01T00:00:00;(b=in=(x,y),c!=z*)')).toEqual(['a', 'b', 'c']);
	});

	it("the credential test's requests are documented", () => {
		// The Test button runs extensivWarehouseManagerApiTest (nodes/shared/credentialTests): the token request, one
		// order of the customer and one stock row of the facility (customer 1, facility 2 here).
		const read = (path: string, qs: Record<string, string>): RecordedRequest => ({ method: 'GET', path, query: new URLSearchParams(qs), headers: { authorization: 'Bearer t' }, rawBody: '' });
		expect(check([
			read(EXTENSIV_ORDERS_PATH, { pgsiz: '1', pgnum: '1', rql: 'readOnly.customerIdentifier.id==1' }),
			read(EXTENSIV_STOCK_PATH, { pgsiz: '1', pgnum: '1', rql: 'facilityId==2' }),
		])).toEqual([]);
		expect(surface.operations.some((op) => op.method === 'POST' && op.path === EXTENSIV_GRANT_PATH)).toBe(true);
	});

	it('cites a source for every operation', () => {
		for (const op of surface.operations) expect({ op: `${op.method} ${op.path}`, sources: op.sources.length > 0 }).toEqual({ op: `${op.method} ${op.path}`, sources: true });
	});

	it('catches what the API would ignore or reject', () => {
		expect(check([req('GET', '/orders?pgsiz=100&pgnum=1&rql=referenceNum==A&detail=All&itemdetail=None')])).toEqual([]);
		expect(check([req('GET', '/orders?pgsize=100')])).toEqual([expect.stringContaining('query parameter pgsize is not documented')]);
		expect(check([req('GET', '/orders?customerid=5')])).toEqual([expect.stringContaining('query parameter customerid is not documented')]);
		expect(check([req('GET', '/orders?pgsiz=1001')])).toEqual([expect.stringContaining('pgsiz=1001 is outside 1..1000')]);
		expect(check([req('GET', '/inventory/stocksummaries?pgsiz=501&pgnum=1')])).toEqual([expect.stringContaining('pgsiz=501 is outside 1..500')]);
		expect(check([req('GET', '/orders?pgsiz=10&pgnum=0')])).toEqual([expect.stringContaining('pgnum=0')]);
		expect(check([req('GET', '/orders?detail=Packages&itemdetail=All')])).toEqual([expect.stringContaining('needs detail to include OrderItems')]);
		expect(check([req('GET', '/orders?detail=Everything')])).toEqual([expect.stringContaining('Everything is not a documented value')]);
		expect(check([req('POST', '/orders/5/canceler', { reason: 'x' })])).toEqual([expect.stringContaining('header If-Match is required')]);
		expect(check([req('POST', '/orders/5/canceler', {}, { 'if-match': '1' })])).toEqual([expect.stringContaining('body.reason is required')]);
		expect(check([req('POST', '/orders', { referenceNum: 'A', orderItems: [{ itemIdentifier: { sku: 'X' }, qty: 1, externalId: '9' }] })])).toEqual([
			expect.stringContaining('body.orderItems[0].externalId is not a documented field'),
		]);
		expect(check([req('GET', '/orders?rql=readOnly.customerIdentifier.id%3D%3D1%3BcustomerId%3D%3D5')])).toEqual([expect.stringContaining('rql field customerId is not documented')]);
		expect(check([req('GET', '/inventory/stocksummaries?rql=customerid%3D%3D1')])).toEqual([expect.stringContaining('rql field customerid is not documented')]);
		expect(check([req('GET', '/inventory/stockdetails?customerid=1&facilityid=2&pgsiz=500&pgnum=1')])).toEqual([]);
		expect(check([req('GET', '/inventory/stockdetails?facilityid=2')])).toEqual([expect.stringContaining('query parameter customerid is required')]);
		expect(check([req('GET', '/inventory/stockdetails?customerid=1&facilityid=2&pgsiz=501')])).toEqual([expect.stringContaining('pgsiz=501 is outside 1..500')]);
		expect(check([req('GET', '/orders?sort=readOnly.shipDate')])).toEqual([expect.stringContaining('sort field readOnly.shipDate is not documented')]);
		expect(check([req('DELETE', '/orders/5', {})])).toEqual([expect.stringContaining('DELETE /orders/5 is not a documented operation')]);
		expect(check([req('PUT', '/orders/5', {})])).toEqual(expect.arrayContaining([expect.stringContaining('PUT /orders/5: header If-Match is required')]));
	});
});

describe('3PL Warehouse Manager requests of every flow', () => {
	it('use only documented operations, parameters, page sizes, body fields and required headers', async () => {
		const { wms } = await recordEverything();
		const extensiv = wms.filter((r) => !r.path.startsWith('/generic'));
		expect(extensiv.length).toBe(wms.length);
		expect(check(extensiv)).toEqual([]);
		expect([...operationsUsed(extensiv, surface.operations, apiPath)].sort()).toEqual(EXPECTED_OPERATIONS);
		console.log(`3PL Warehouse Manager conformance: ${extensiv.length} requests, ${EXPECTED_OPERATIONS.length} operations, all documented`);
	});
});
