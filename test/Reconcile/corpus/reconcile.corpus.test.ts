/**
 * Bad-input corpus, Reconcile: wrong parameters, an empty store and warehouse, odd orders and SKUs (digital only,
 * letter case, duplicates in the warehouse, another store's prefix), each part of the run down (401, 500, HTML
 * bodies) and repairs that fail. A wrong parameter stops the run naming it; a part that is down is named in the
 * summary while the others are still compared; a failed repair names its order or SKU and the API's words; no
 * run crashes, and no secret appears in any output, error or log.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { startBigCommerceSandbox } from '../../../sandbox/bigcommerce';
import { startWmsSandbox } from '../../../sandbox/wms';
import { runNode } from '../../helpers/harness';
import { expectReadableNodeError } from '../../helpers/corpus/outputs';
import { capturingLogs, expectNoSecrets, secretsOf } from '../../helpers/corpus/secrets';
import { useWorld } from '../../helpers/useWorld';
import { HOUR, PREFIX, addBcOrder, alignStock, credentials, deliver, startWorld, type World } from '../world';

const BASE = { wmsType: 'http', referencePrefix: PREFIX, neverDeliveredHours: 1 };
const HTML = '<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><h1>502 Bad Gateway</h1>' + '<p>&nbsp;</p>'.repeat(100) + '</body></html>';

/** One Reconcile run on input [{}]; its summary, findings and error, with every secret checked absent from all of it. */
async function reconcile(w: World, params: IDataObject = {}, opts: { continueOnFail?: boolean } = {}) {
	const creds = credentials(w);
	const { value, logs } = await capturingLogs(() => runNode('reconcile', { ...BASE, ...params }, [{}], { credentials: creds, staticData: {}, continueOnFail: opts.continueOnFail }));
	const { items, result } = value;
	expectNoSecrets({ run: result.run.data, logs }, secretsOf(creds, result));
	const [summary, ...findings] = items;
	return { summary, findings, result };
}
const brief = (findings: IDataObject[]) => findings.map((f) => `${f.kind} ${f.orderId ?? f.sku}`).sort();
const notChecked = (summary: IDataObject) => (summary.notChecked as IDataObject[]).map((n) => `${n.part}: ${n.reason}`);
const plant = (url: string, method: 'get' | 'post' | 'put', path: string | RegExp, status: number, body: string | IDataObject) =>
	nock(url, { allowUnmocked: true })[method](path).query(true).times(50).reply(status, body, { 'Content-Type': typeof body === 'string' ? 'text/html' : 'application/json' });

describe('bad-input corpus: Reconcile parameters', () => {
	const w = useWorld(() => startWorld());

	it.each<[string, IDataObject, RegExp]>([
		['window 0 days', { windowDays: 0 }, /Window \(Days\) must be a number from 1 to 365 \(got 0\)/],
		['window -3 days', { windowDays: -3 }, /Window \(Days\) must be a number from 1 to 365 \(got -3\)/],
		['window 10,000 days', { windowDays: 10000 }, /Window \(Days\) must be a number from 1 to 365 \(got 10000\)/],
		['window "two weeks"', { windowDays: 'two weeks' }, /Window \(Days\) must be a number from 1 to 365 \(got "two weeks"\)/],
		['negative stock tolerance', { stockTolerance: -1 }, /Stock Tolerance must be a number of 0 or more \(got -1\)/],
		['negative safety buffer', { safetyBuffer: -5 }, /Safety Buffer must be a number of 0 or more \(got -5\)/],
		['negative hours', { neverDeliveredHours: -2 }, /Not Delivered After \(Hours\) must be a number of 0 or more \(got -2\)/],
		['unknown watched status 99', { watchedStatuses: [11, 99] }, /Watched Statuses must be BigCommerce order statuses \(got \[99\]\).*Choose the statuses from the list/],
		['prefix with spaces', { referencePrefix: ' BC- ' }, /Reference Prefix must be without spaces at the start or end \(got " BC- "\).*Remove the spaces/],
		['unknown warehouse system', { wmsType: 'sap' }, /Unknown warehouse system "sap".*Choose Extensiv 3PL Warehouse Manager or Generic HTTP WMS/],
	])('%s: stops naming the parameter and what to do, reads nothing; with Continue On Fail one error item says the same', async (_name, params, message) => {
		w.bc.resetRequestLog();
		w.wms.resetRequestLog();
		const off = await reconcile(w, params);
		expectReadableNodeError(off.result.error, message);
		const on = await reconcile(w, params, { continueOnFail: true });
		expect(on.result.error).toBeUndefined();
		expect(on.summary.error).toMatch(message);
		expect(on.findings).toEqual([]);
		expect(w.bc.countRequests()).toBe(0);
		expect(w.wms.requestLog().filter((r) => !/token/i.test(r.path))).toEqual([]);
	});

	it('a window given as text "7" by an expression is read as 7 days', async () => {
		const { summary, result } = await reconcile(w, { windowDays: '7' });
		expect(result.error).toBeUndefined();
		expect((summary.window as IDataObject).days).toBe(7);
	});
});

describe('bad-input corpus: Reconcile on an empty store and an empty warehouse', () => {
	const w = useWorld(async (): Promise<World> => {
		const bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false }, quota: 100000, windowMs: 1000 });
		const wms = await startWmsSandbox({ items: [], otherCustomers: [], faults: null });
		return { bc, wms, productIds: new Map(), close: async () => void (await Promise.all([bc.close(), wms.close()])) };
	});

	it.each(['http', 'extensiv'])('%s: a complete run with nothing to report, not an error', async (wmsType) => {
		const { summary, findings, result } = await reconcile(w, { wmsType });
		expect(result.error).toBeUndefined();
		expect(findings).toEqual([]);
		expect(summary).toMatchObject({ kind: 'summary', total: 0, complete: true, notChecked: [], checked: { bigCommerceOrders: 0, warehouseOrders: 0, warehouseSkus: 0 } });
	});
});

describe('bad-input corpus: Reconcile data and parts down', () => {
	const w = useWorld(() => startWorld());
	afterEach(() => nock.cleanAll());

	it('a digital-only order, SKUs differing in case, duplicate warehouse SKUs and another prefix give exactly the right findings', async () => {
		const digital = w.bc.addOrder({ statusId: 11, dateCreated: new Date(Date.now() - 3 * HOUR), lines: [{ sku: 'EBOOK', quantity: 1, type: 'digital', productId: undefined }] });
		const delivered = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR });
		await deliver(w, delivered);
		await deliver(w, -1, 'XX-5001'); // another store's order in the same warehouse
		await alignStock(w);
		w.bc.addProduct({ sku: 'Case-Sku', tracking: 'product', level: 4 });
		w.wms.setStock('CASE-SKU', 4);
		w.bc.addProduct({ sku: 'DUP-SKU', tracking: 'product', level: 3 });
		w.wms.setStock('dup-sku', 3);
		w.wms.setStock('DUP-SKU', 8);
		const { summary, findings } = await reconcile(w);
		expect(summary).toMatchObject({ complete: true });
		// The digital order needs no warehouse order; XX-5001 is not ours; CASE-SKU is Case-Sku.
		expect(brief(findings)).toEqual(['stockDiffers DUP-SKU']);
		expect(findings[0].message).toMatch(/SKU DUP-SKU: BigCommerce shows 3, the warehouse has 8/);
		expect(JSON.stringify(findings)).not.toMatch(new RegExp(`XX-5001|"orderId":${digital}\\b|CASE-SKU|Case-Sku`));
		// Repair converges with Sync Inventory's rule (the last of the duplicates counts): the next run finds nothing.
		const repaired = await reconcile(w, { repair: true, repairs: ['resyncStock'] });
		expect(repaired.findings.map((f) => [f.sku, f.repaired])).toEqual([['DUP-SKU', true]]);
		expect((await reconcile(w)).findings).toEqual([]);
	});

	it.each<[string, (w: World) => void, string, RegExp]>([
		['warehouse orders answer 401', (w) => plant(w.wms.url, 'get', '/generic/orders', 401, { error: 'API key not valid' }), 'warehouseOrders', /401.*API key not valid|Header Name and Header Value/],
		['warehouse stock answers 500', (w) => plant(w.wms.url, 'get', '/generic/inventory', 500, { error: 'stock service down' }), 'warehouseStock', /500.*stock service down|stock service down.*500/],
		['warehouse stock answers an HTML page', (w) => plant(w.wms.url, 'get', '/generic/inventory', 502, HTML), 'warehouseStock', /502/],
		['BigCommerce orders answer an HTML page', (w) => plant(w.bc.url, 'get', `/stores/${w.bc.storeHash}/v2/orders`, 502, HTML), 'bigCommerceOrders', /502/],
		['BigCommerce catalog answers 401', (w) => plant(w.bc.url, 'get', /\/v3\/catalog\//, 401, { status: 401, title: 'Token not valid' }), 'bigCommerceCatalog', /401|access token/i],
	])('%s: the summary names the part, the others are still compared, with and without Continue On Fail', async (_name, down, part, reason) => {
		const late = addBcOrder(w, { statusId: 11, ageMs: 3 * HOUR });
		for (const continueOnFail of [false, true]) {
			down(w);
			const { summary, findings, result } = await reconcile(w, {}, { continueOnFail });
			nock.cleanAll();
			expect(result.error).toBeUndefined();
			expect(summary).toMatchObject({ kind: 'summary', complete: false });
			expect(notChecked(summary)).toEqual([expect.stringMatching(new RegExp(`^${part}: `))]);
			expect(notChecked(summary)[0]).toMatch(reason);
			expect(notChecked(summary)[0]).not.toMatch(/<html|<body|&nbsp;|color:red/i);
			expect(summary.message).toMatch(/Not checked: /);
			// The parts that were read are compared: the late order is found unless an order part is down.
			if (part === 'bigCommerceStock' || part === 'warehouseStock' || part === 'bigCommerceCatalog') expect(brief(findings)).toContain(`neverDelivered ${late}`);
		}
		w.bc.setOrderStatus(late, 5);
	});

	it('repairs that fail (warehouse refuses the re-delivery and the cancel, BigCommerce refuses the stock write) name the order / SKU and the API’s words; the run completes', async () => {
		const never = addBcOrder(w, { statusId: 11, ageMs: 3 * HOUR, sku: 'TSHIRT-M', quantity: 1 });
		const cancelled = addBcOrder(w, { statusId: 9, ageMs: 3 * HOUR });
		const wmsId = await deliver(w, cancelled);
		w.bc.setOrderStatus(cancelled, 5);
		await alignStock(w);
		w.wms.setStock('POSTER-A2', 17);
		plant(w.wms.url, 'post', '/generic/orders', 422, { error: 'Ship-to country not served' });
		plant(w.wms.url, 'post', `/generic/orders/${wmsId}/cancel`, 403, { error: 'Key may not cancel orders' });
		plant(w.bc.url, 'put', /\/v3\/inventory\/adjustments\/absolute/, 403, { status: 403, title: 'You don\'t have a required scope to access the endpoint' });
		for (const continueOnFail of [false, true]) {
			const { summary, findings, result } = await reconcile(w, { repair: true }, { continueOnFail });
			expect(result.error).toBeUndefined();
			const by = (kind: string, id: number | string) => findings.find((f) => f.kind === kind && (f.orderId ?? f.sku) === id) ?? {};
			expect(by('neverDelivered', never)).toMatchObject({ repaired: false });
			expect(by('neverDelivered', never).repairResult).toMatch(new RegExp(`${never}.*Ship-to country not served`));
			expect(by('cancelledInBigCommerceActiveInWarehouse', cancelled)).toMatchObject({ repaired: false });
			expect(by('cancelledInBigCommerceActiveInWarehouse', cancelled).repairResult).toMatch(new RegExp(`${PREFIX}${cancelled} \\(${wmsId}\\) could not be cancelled: .*Key may not cancel orders`));
			expect(by('stockDiffers', 'POSTER-A2')).toMatchObject({ repaired: false });
			expect(by('stockDiffers', 'POSTER-A2').repairResult).toMatch(/403|scope/);
			expect(summary).toMatchObject({ repair: true, repaired: 0, repairsFailed: findings.filter((f) => f.repairAction).length });
		}
		expect(w.wms.findByReference(`${PREFIX}${never}`)).toEqual([]);
		expect(w.wms.findByReference(`${PREFIX}${cancelled}`)[0].status).toBe('open');
	});
});

