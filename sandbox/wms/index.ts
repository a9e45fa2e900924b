/**
 * WMS sandbox: a 3PL Warehouse Manager look-alike (root) and a generic HTTP WMS (/generic) over one simulated
 * warehouse, on 127.0.0.1. See README.md in this folder.
 */
import type { AddressInfo } from 'node:net';
import { TokenStore, type WmsContext, type WmsSettings } from './context';
import { FaultInjector } from './faults';
import { createWmsServer, type LogEntry } from './server';
import type { StartWmsSandbox, WmsOrderRecord, WmsSandbox } from './types';
import { Warehouse, type SimOrder } from './warehouse';

export * from './types';

const DEFAULT_ITEMS = [
	{ sku: 'MUG-RED', available: 120 },
	{ sku: 'MUG-BLUE', available: 80 },
	{ sku: 'TSHIRT-S', available: 40, onHold: 6 },
	{ sku: 'TSHIRT-M', available: 55 },
	{ sku: 'TSHIRT-L', available: 0 },
	{ sku: 'POSTER-A2', available: 300 },
];

/** A second customer of the facility with SKUs the credential customer also has, at other levels. */
export const DEFAULT_OTHER_CUSTOMERS = [
	{
		customerId: 2,
		items: [
			{ sku: 'MUG-RED', available: 500 },
			{ sku: 'TSHIRT-S', available: 300, onHold: 10 },
			{ sku: 'POSTER-A2', available: 7 },
			{ sku: 'GADGET-X', available: 999 },
		],
	},
];

/** Public record without the internal ETag version (a deep copy, so callers cannot change the warehouse). */
function publicRecord(order: SimOrder): WmsOrderRecord {
	const { version: _version, ...rest } = order;
	return structuredClone(rest);
}

export const startWmsSandbox: StartWmsSandbox = async (options = {}) => {
	const clock = options.clock ?? (() => new Date());
	const seed = options.seed ?? 1;
	const ext = options.extensiv ?? {};
	const settings: WmsSettings = {
		clientId: ext.clientId ?? 'sandbox-client',
		clientSecret: ext.clientSecret ?? 'sandbox-secret',
		userLogin: ext.userLogin ?? 'sandbox-user',
		userLoginId: ext.userLoginId ?? 1,
		customerId: ext.customerId ?? 1,
		facilityId: ext.facilityId ?? 1,
		tokenTtlSeconds: ext.tokenTtlSeconds ?? 3600,
		timeZone: ext.warehouseTimeZone ?? 'UTC',
		allowDuplicateReferences: ext.allowDuplicateReferences ?? false,
		httpAllowDuplicateReferences: options.http?.allowDuplicateReferences ?? false,
		headerName: options.http?.headerName ?? 'X-Api-Key',
		headerValue: options.http?.headerValue ?? 'sandbox-wms-key',
	};
	const warehouse = new Warehouse(clock, seed);
	for (const item of options.items ?? DEFAULT_ITEMS) warehouse.setStock(item.sku, item.available, item.onHold);
	for (const other of options.otherCustomers ?? DEFAULT_OTHER_CUSTOMERS) {
		if (other.customerId === settings.customerId) throw new Error(`otherCustomers: ${other.customerId} is the credential's customer.`);
		for (const item of other.items) warehouse.setStock(item.sku, item.available, item.onHold, other.customerId);
	}
	const ctx: WmsContext = { warehouse, settings, tokens: new TokenStore(clock), clock };
	const faults = new FaultInjector(options.faults, seed);
	const log: LogEntry[] = [];

	const sandbox: WmsSandbox = {
		url: '',
		extensivCredentials: {
			clientId: settings.clientId,
			clientSecret: settings.clientSecret,
			userLogin: settings.userLogin,
			userLoginId: settings.userLoginId,
			customerId: settings.customerId,
			facilityId: settings.facilityId,
			baseUrl: '',
			warehouseTimeZone: settings.timeZone,
		},
		httpCredentials: { baseUrl: '', headerName: settings.headerName, headerValue: settings.headerValue },
		listOrders: () => [...warehouse.orders.values()].map(publicRecord),
		findByReference: (ref) => warehouse.findByReference(ref).map(publicRecord),
		ship: (orderId, plan) => warehouse.ship(orderId, plan).map(publicRecord),
		shipAll: (opts) => warehouse.shipAll(opts?.plans).map(publicRecord),
		cancel: (orderId) => {
			warehouse.cancel(orderId);
		},
		setStage: (orderId, stage) => {
			warehouse.setStage(orderId, stage);
		},
		setStock: (sku, available, onHold) => {
			warehouse.setStock(sku, available, onHold);
		},
		getStock: (sku) => warehouse.items.get(sku)?.available,
		getOnHold: (sku) => warehouse.items.get(sku)?.onHold,
		setOtherCustomerStock: (customerId, sku, available, onHold) => {
			if (customerId === settings.customerId) throw new Error(`${customerId} is the credential's customer: use setStock.`);
			warehouse.setStock(sku, available, onHold, customerId);
		},
		generateItems: (count, opts) => warehouse.generateItems(count, opts?.prefix ?? 'SKU-', opts?.seed ?? seed),
		setFaults: (config) => faults.set(config),
		setAllowDuplicateReferences: (allow) => {
			settings.allowDuplicateReferences = allow;
			settings.httpAllowDuplicateReferences = allow;
		},
		setLatency: (ms) => {
			deps.latencyMs = ms;
		},
		expireTokens: () => ctx.tokens.revokeAll(),
		requestLog: () => log.map((e) => ({ ...e })),
		countRequests: (filter) =>
			log.filter(
				(e) =>
					(!filter?.method || e.method === filter.method.toUpperCase()) &&
					(!filter?.pathPrefix || e.path.startsWith(filter.pathPrefix)),
			).length,
		resetRequestLog: () => {
			log.length = 0;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((err) => (err ? reject(err) : resolve()));
			}),
	};

	const deps = { ctx, faults, latencyMs: options.latencyMs ?? 0, log, sandbox: () => sandbox };
	const server = createWmsServer(deps);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	sandbox.url = `http://127.0.0.1:${port}`;
	sandbox.extensivCredentials.baseUrl = sandbox.url;
	sandbox.httpCredentials.baseUrl = `${sandbox.url}/generic`;
	return sandbox;
};
