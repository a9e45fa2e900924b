/**
 * Bad-input corpus, credentials: hostile store hashes and API URLs, wrong and expired tokens, and tokens without
 * the scope a node needs. Each gives a NodeOperationError/NodeApiError that says which credential field or scope
 * is wrong (never a bare TypeError), sends nothing where it must not, and loses no work (a rerun with a good
 * credential completes what was refused).
 */
import type { IDataObject } from 'n8n-workflow';
import { pollOnce, runNode, type TestCredentials } from '../../helpers/harness';
import { triggerWorkflow, TRIGGER } from '../../BigCommerceOrdersTrigger/workflow/setup';
import { expectReadableNodeError } from '../../helpers/corpus/outputs';
import { line, ordersAsItems, PREFIX, useCorpusWorld } from '../../helpers/corpus/world';

const ALL_SCOPES = null;

describe('bad-input corpus: credentials, store hash and scopes', () => {
	const w = useCorpusWorld();
	beforeEach(() => {
		w.bc.setScopes(ALL_SCOPES);
		w.bc.resetRequestLog();
		w.wms.resetRequestLog();
	});

	const bcCreds = (patch: Record<string, string>): TestCredentials => ({ ...w.credentials, bigCommerceApi: { ...w.credentials.bigCommerceApi, ...patch } });
	const poll = (credentials: TestCredentials) =>
		pollOnce(triggerWorkflow({ statuses: [11], options: { referencePrefix: PREFIX } }), { credentials, staticData: {}, triggerNode: TRIGGER }).then(
			() => undefined,
			(e: unknown) => e,
		);
	const sync = async (credentials: TestCredentials) =>
		(await runNode('syncInventory', { source: 'inputItems' }, [{ sku: 'CAP', available: 2 }], { credentials })).result.error;

	describe.each([
		['abc/../x', /The Store Hash 'abc\/\.\.\/x' in the BigCommerce API credential is not valid/],
		['abc?x=1', /The Store Hash 'abc\?x=1' in the BigCommerce API credential is not valid/],
		['abc#frag', /The Store Hash 'abc#frag' .* not valid/],
		['Sandbox 1', /The Store Hash 'Sandbox 1' .* not valid/],
		['%2e%2e%2fx', /The Store Hash '%2e%2e%2fx' .* not valid/],
		['', /The Store Hash in the BigCommerce API credential is empty/],
	])('store hash %j', (storeHash, message) => {
		it('Orders Trigger refuses it before any request', async () => {
			expectReadableNodeError(await poll(bcCreds({ storeHash })), message);
			expect(w.bc.countRequests()).toBe(0);
		});
		it('Sync Inventory refuses it before any request', async () => {
			expectReadableNodeError(await sync(bcCreds({ storeHash })), message);
			expect(w.bc.countRequests()).toBe(0);
		});
	});

	it.each([
		['http://169.254.169.254', /The API URL 'http:\/\/169\.254\.169\.254' in the BigCommerce API credential is not allowed/],
		['https://api.bigcommerce.com?x=1', /The API URL .* is not allowed/],
		['file:///etc/passwd', /The API URL .* is not allowed/],
	])('API URL %s is refused with the field named, nothing sent', async (apiUrl, message) => {
		expectReadableNodeError(await poll(bcCreds({ apiUrl })), message);
		expect(w.bc.countRequests()).toBe(0);
	});

	it('a wrong (or revoked) access token: the trigger says which credential field to check, and the token is not echoed', async () => {
		const error = await poll(bcCreds({ accessToken: 'revoked-token-999' }));
		expectReadableNodeError(error, /did not accept the access token.*Access Token of the BigCommerce API credential/);
		expect(JSON.stringify({ m: (error as Error).message, d: (error as { description?: string }).description })).not.toContain('revoked-token-999');
	});

	it('a wrong access token: Sync Inventory fails readably and writes nothing', async () => {
		expectReadableNodeError(await sync(bcCreds({ accessToken: 'wrong' })), /access token/i);
		expect(w.bc.getInventory('CAP')!.level).toBe(10);
	});

	it('a token without the Orders scope: the trigger names the missing scope', async () => {
		w.bc.setScopes(['store_v2_products', 'store_inventory']);
		expectReadableNodeError(await poll(w.credentials), /lacks the scope "Orders: read-only( \(store_v2_orders_read_only\))?"/);
	});

	it('a token without the inventory scope: Sync Inventory names it and writes nothing', async () => {
		w.bc.setScopes(['store_v2_products_read_only', 'store_v2_orders']);
		expectReadableNodeError(await sync(w.credentials), /lacks the scope "Store Inventory: modify( \(store_inventory\))?"/);
		expect(w.bc.getInventory('CAP')!.level).toBe(10);
	});

	it('a read-only Orders token: Confirm Shipment reports each package with the scope; a rerun with the right token ships it once', async () => {
		const orderId = w.bc.addOrder({ statusId: 9, lines: [line(w, 'MUG-RED', 1)] });
		const shipment = { reference: `${PREFIX}${orderId}`, packages: [{ trackingNumber: '1ZSCOPE', carrier: 'UPS', lines: [{ sku: 'MUG-RED', quantity: 1 }] }] };
		w.bc.setScopes(['store_v2_orders_read_only', 'store_v2_products_read_only']);
		const refused = await runNode('confirmShipment', { source: 'inputItems', referencePrefix: PREFIX }, [shipment], { credentials: w.credentials, continueOnFail: true });
		expect(refused.items).toHaveLength(1);
		expect(refused.items[0].outcome).toBe('failed');
		expect(refused.items[0].reason).toMatch(new RegExp(`order ${orderId} package 1 .*HTTP 403.*Orders: modify`));
		expect(w.bc.getShipments(orderId)).toEqual([]);
		w.bc.setScopes(ALL_SCOPES);
		const rerun = await runNode('confirmShipment', { source: 'inputItems', referencePrefix: PREFIX }, [shipment], { credentials: w.credentials });
		expect(rerun.items.map((i) => i.outcome)).toEqual(['created']);
		expect(w.bc.getShipments(orderId).map((s) => s.tracking_number)).toEqual(['1ZSCOPE']);
	});

	it('a read-only Orders token: WMS Deliver still creates the WMS order and names the scope for the status write-back; a rerun finishes it', async () => {
		const [order] = await ordersAsItems(w, [{ lines: [line(w, 'BAG', 1)] }]);
		w.bc.setScopes(['store_v2_orders_read_only']);
		const first = await runNode('wmsDeliver', { wmsType: 'extensiv' }, [order as unknown as IDataObject], { credentials: w.credentials, continueOnFail: true, staticData: {} });
		expect(first.items[0].outcome).toBe('created');
		expect(first.items[0].statusUpdateError).toMatch(/Orders: modify/);
		expect(w.wms.findByReference(order.reference)).toHaveLength(1);
		expect(w.bc.getOrder(order.orderId)?.status_id).toBe(11);
		w.bc.setScopes(ALL_SCOPES);
		const again = await runNode('wmsDeliver', { wmsType: 'extensiv' }, [order as unknown as IDataObject], { credentials: w.credentials, staticData: {} });
		expect(again.items[0].outcome).toBe('exists');
		expect(w.wms.findByReference(order.reference)).toHaveLength(1);
		expect(w.bc.getOrder(order.orderId)?.status_id).toBe(9);
	});

	it('a wrong 3PL Warehouse Manager client secret: WMS Deliver names the credential, creates nothing, and the secret is not echoed', async () => {
		const [order] = await ordersAsItems(w, [{ lines: [line(w, 'CAP', 1)] }]);
		// A fresh credential (no access token cached from earlier runs) with the wrong secret.
		const credentials = { ...w.credentials, extensivWarehouseManagerApi: { ...w.wms.extensivCredentials, clientSecret: 'not-the-secret-42' } };
		const { result } = await runNode('wmsDeliver', { wmsType: 'extensiv' }, [order as unknown as IDataObject], { credentials, staticData: {} });
		// One cause, one field: the token endpoint refused the client (HTTP 401), so Client ID and Client Secret are named; nothing about SKUs or trying later.
		expectReadableNodeError(result.error, /did not issue an access token \(HTTP 401: The client id or secret is not valid\)\. Check Client ID and Client Secret in the "Extensiv 3PL Warehouse Manager API" credential/);
		expect(result.error?.message).not.toMatch(/no response|try again later|run .*again later|SKU|address/i);
		expect(JSON.stringify({ m: result.error?.message, d: result.error?.description })).not.toContain('not-the-secret-42');
		expect(w.wms.findByReference(order.reference)).toEqual([]);
		expect(w.bc.getOrder(order.orderId)?.status_id).toBe(11);
	});

	it('an expired 3PL Warehouse Manager token in the credential is renewed: every order of the run is delivered once', async () => {
		const orders = await ordersAsItems(w, Array.from({ length: 4 }, () => ({ lines: [line(w, 'MUG-RED', 1)] })));
		// Earlier runs stored an access token in the credential (as n8n does); the warehouse now revokes it.
		await runNode('wmsDeliver', { wmsType: 'extensiv' }, [orders[0] as unknown as IDataObject], { credentials: w.credentials, staticData: {} });
		w.wms.expireTokens();
		w.wms.resetRequestLog();
		const { items, result } = await runNode('wmsDeliver', { wmsType: 'extensiv' }, orders as unknown as IDataObject[], { credentials: w.credentials, staticData: {} });
		expect(result.error).toBeUndefined();
		expect(items.map((i) => i.outcome)).toEqual(['exists', 'created', 'created', 'created']);
		for (const o of orders) expect(w.wms.findByReference(o.reference)).toHaveLength(1);
		const log = w.wms.requestLog();
		expect(log.some((r) => r.status === 401)).toBe(true);
		expect(log.filter((r) => r.path === '/AuthServer/api/Token' && r.status === 200).length).toBeGreaterThanOrEqual(1);
	});
});
