/**
 * Public, in-process interface of the BigCommerce sandbox (the HTTP server in this folder).
 * Tests, the demo and the bench use it; the same admin operations are also exposed over HTTP under /__admin
 * (see server implementation) for the real-n8n e2e test.
 */
import type {
	BcOrder,
	BcOrderProduct,
	BcProduct,
	BcShipment,
	BcShippingAddress,
	BcVariant,
} from '../../nodes/shared/bigcommerce/types';

export type FaultKind =
	| '500' // 500 with a V2/V3-shaped error body
	| '503'
	| '429' // 429 with rate-limit headers
	| '429-no-headers' // 429 without any X-Rate-Limit-* header
	| 'slow' // respond after `slowMs`
	| 'drop' // destroy the socket before responding, nothing applied
	| 'lost-response'; // apply the write, then destroy the socket (only for POST/PUT/DELETE)

export interface FaultConfig {
	/** Probability 0..1 that a request gets a fault. */
	rate: number;
	kinds: FaultKind[];
	/** Only requests whose method is listed (default: all). */
	methods?: string[];
	/** Only requests whose path (after /stores/{hash}) matches. */
	pathPattern?: RegExp;
	slowMs?: number;
	/** Seed for the fault RNG, so runs are repeatable. */
	seed?: number;
	/** Inject at most this many faults, then serve normally (e.g. `{rate: 1, kinds: ['500'], count: 1}` = one 500, then 200s). */
	count?: number;
}

export interface SeedOptions {
	/** Deterministic seed for generated data (default 1). */
	seed?: number;
	/** Number of generated orders spread over all statuses 0-14 (default 60). */
	orders?: number;
	/** Share of generated orders in status 11 (default 0.3). */
	awaitingFulfillmentShare?: number;
	/** Number of generated products (default 40); each has 0-4 variants, mixed tracking modes. */
	products?: number;
	/** Always-present special orders: 60-line order, two-address order, digital-only, custom line without SKU. */
	specialOrders?: boolean;
}

export interface BcSandboxOptions {
	port?: number; // default 0 (random free port)
	storeHash?: string; // default 'sandbox1'
	token?: string; // default 'sandbox-token-123'
	/** Requests per window before 429 (default 150). */
	quota?: number;
	/** Rate-limit window in ms (default 30000). */
	windowMs?: number;
	/** Added latency per request in ms (default 0). */
	latencyMs?: number;
	seed?: SeedOptions;
	faults?: FaultConfig | null;
	/** Scopes granted to the token (default: all). Missing scope => 403 like BigCommerce. */
	scopes?: string[];
}

export interface SandboxLineInput {
	sku: string; // '' for a custom line without SKU
	name?: string;
	quantity: number;
	type?: 'physical' | 'digital' | 'giftcertificate';
	/** Links the line to a catalog product/variant; omitted => product_id 0 (custom line). */
	productId?: number;
	variantId?: number;
	price?: number;
	/** Index into `addresses` (default 0). */
	addressIndex?: number;
}

export interface SandboxAddressInput {
	firstName?: string;
	lastName?: string;
	street1?: string;
	street2?: string;
	city?: string;
	state?: string;
	zip?: string;
	country?: string;
	countryIso2?: string;
	email?: string;
	phone?: string;
	company?: string;
	shippingMethod?: string;
}

export interface SandboxOrderInput {
	statusId?: number; // default 11
	customerId?: number;
	email?: string;
	dateCreated?: Date; // default now
	customerMessage?: string;
	staffNotes?: string;
	channelId?: number;
	lines: SandboxLineInput[];
	addresses?: SandboxAddressInput[]; // default one generated address
}

export interface RequestLogEntry {
	method: string;
	/** Path after /stores/{hash}, e.g. /v2/orders (query string excluded). */
	path: string;
	query: string;
	status: number;
	at: number;
	fault?: FaultKind;
}

export interface InventoryRecord {
	sku: string;
	productId: number;
	variantId: number;
	tracking: 'none' | 'product' | 'variant';
	/** Stock at the given location (default location 1). */
	level: number;
}

export interface BcSandbox {
	/** Value for the credential's apiUrl, e.g. http://127.0.0.1:43123 */
	url: string;
	storeHash: string;
	token: string;
	credentials: { storeHash: string; accessToken: string; apiUrl: string };

	addOrder(input: SandboxOrderInput): number;
	setOrderStatus(orderId: number, statusId: number): void;
	/** A control-panel edit after hand-off: address fields, line quantities, refunded amount, status (orderEdits.ts). */
	editOrder(orderId: number, edit: import('./orderEdits').SandboxOrderEdit): void;
	getOrder(orderId: number): BcOrder | undefined;
	listOrderIds(filter?: { statusId?: number }): number[];
	getOrderProducts(orderId: number): BcOrderProduct[];
	getShippingAddresses(orderId: number): BcShippingAddress[];
	getShipments(orderId: number): BcShipment[];

	addProduct(input: {
		sku: string;
		name?: string;
		tracking?: 'none' | 'product' | 'variant';
		level?: number;
		type?: 'physical' | 'digital';
		variants?: Array<{ sku: string; level?: number }>;
	}): BcProduct;
	/** Bulk catalog generation for big tests: `count` products with `variantsPer` variants each (0 = simple). */
	generateCatalog(opts: { products: number; variantsPer?: number; seed?: number }): void;
	getProducts(): BcProduct[];
	getVariants(): BcVariant[];
	/** Stock by SKU (case-insensitive) at a location (default 1). */
	getInventory(sku: string, locationId?: number): InventoryRecord | undefined;

	setFaults(faults: FaultConfig | null): void;
	setQuota(quota: number, windowMs?: number): void;
	setLatency(ms: number): void;
	setScopes(scopes: string[] | null): void;

	requestLog(): RequestLogEntry[];
	countRequests(filter?: { method?: string; pathPrefix?: string; excludeFaults?: boolean }): number;
	resetRequestLog(): void;
	/** The most requests received inside any quota window (to prove we never exceeded it). */
	maxRequestsInWindow(): number;

	close(): Promise<void>;
}

export type StartBigCommerceSandbox = (options?: BcSandboxOptions) => Promise<BcSandbox>;
