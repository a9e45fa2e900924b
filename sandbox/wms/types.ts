/**
 * Public, in-process interface of the WMS sandbox: a 3PL Warehouse Manager look-alike and a generic-HTTP WMS
 * sharing one simulated warehouse. Admin operations are also exposed over HTTP under /__admin.
 */
export type WmsFaultKind = '500' | '503' | '429' | 'slow' | 'drop' | 'lost-response' | '401-expired-token';

export interface WmsFaultConfig {
	rate: number;
	kinds: WmsFaultKind[];
	methods?: string[];
	pathPattern?: RegExp;
	slowMs?: number;
	seed?: number;
}

export interface WmsSandboxOptions {
	port?: number; // default 0
	/** Extensiv credentials the sandbox accepts. */
	extensiv?: {
		clientId?: string; // default 'sandbox-client'
		clientSecret?: string; // default 'sandbox-secret'
		userLogin?: string; // default 'sandbox-user'
		/** Numeric user id accepted as `user_login_id` in the token request. */
		userLoginId?: number; // default 1
		customerId?: number; // default 1
		facilityId?: number; // default 1
		tokenTtlSeconds?: number; // default 3600
		/** IANA zone in which 3PL WM dates are rendered and RQL date literals are read. */
		warehouseTimeZone?: string; // default 'UTC'
		/**
		 * Whether POST /orders accepts a referenceNum that an open/closed order of the customer already has (public
		 * sources conflict on what the real API does). Default false: 400 `Duplicate`.
		 */
		allowDuplicateReferences?: boolean;
	};
	/** Generic HTTP WMS header auth. */
	http?: {
		headerName?: string; // default 'X-Api-Key'
		headerValue?: string; // default 'sandbox-wms-key'
		/**
		 * Whether POST /generic/orders accepts a reference an open/closed order already has (default false: 409). With
		 * several active orders under one reference, GET /generic/orders?reference= answers with an array of them.
		 */
		allowDuplicateReferences?: boolean;
	};
	/**
	 * The credential customer's SKUs (case-sensitive as the WMS stores them): sellable stock (`available`, on-hold
	 * units not included) and optional units on hold.
	 */
	items?: Array<{ sku: string; available: number; onHold?: number }>;
	/**
	 * Other customers of the same facility (3PL WM: one API user can serve several customers, items are per customer).
	 * Default: customer 2 sharing SKUs MUG-RED, TSHIRT-S and POSTER-A2 at other levels, plus its own GADGET-X
	 * (`DEFAULT_OTHER_CUSTOMERS`). Their rows appear in stock summaries, never in the credential customer's reads.
	 */
	otherCustomers?: Array<{ customerId: number; items: Array<{ sku: string; available: number; onHold?: number }> }>;
	seed?: number;
	faults?: WmsFaultConfig | null;
	latencyMs?: number;
	/** Time source for order dates and token expiry (default: the real clock). */
	clock?: () => Date;
}

export interface WmsOrderLine {
	orderItemId: number;
	sku: string;
	qty: number;
	/** BigCommerce order product id, when the order came through the generic API (which carries it). */
	orderProductId?: number;
}

export interface WmsPackage {
	packageId: number;
	trackingNumber: string;
	carrier: string;
	service: string;
	shippedAt: string;
	contents: Array<{ orderItemId: number; qty: number }>;
}

export interface WmsOrderRecord {
	orderId: number;
	referenceNum: string;
	/** Which API created it. */
	via: 'extensiv' | 'http';
	customerId: number;
	facilityId: number;
	status: 'open' | 'closed' | 'cancelled';
	shipTo: Record<string, unknown>;
	routing: {
		carrier?: string;
		mode?: string;
		billingCode?: string;
		account?: string;
		scacCode?: string;
		isCod?: boolean;
		/** Order-level tracking number set when the order is closed. */
		trackingNumber?: string;
	};
	notes: string;
	poNum?: string;
	shippingNotes?: string;
	/** When the order was closed (shipped) or cancelled. */
	closedAt?: string;
	/** How far the warehouse got with an open order (absent: not allocated yet). Set by `setStage` (admin). */
	stage?: WmsWorkStage;
	lines: WmsOrderLine[];
	packages: WmsPackage[];
	createdAt: string;
	lastModifiedAt: string;
	/** Raw body received, for request-shape assertions. */
	body: unknown;
}

/**
 * Work on an open order: `allocated` (stock reserved: 3PL WM readOnly.fullyAllocated), `picking` (pickStarted),
 * `packed` (packStarted). From `picking` on both APIs refuse to cancel; from `allocated` on they refuse to edit.
 */
export type WmsWorkStage = 'allocated' | 'picking' | 'packed';

/** How the simulator ships an open order. */
export type ShipPlan =
	| { kind: 'single' } // one package, everything
	| { kind: 'packages'; count: number } // everything spread over N packages
	| { kind: 'split' } // order split into REF-1 and REF-2, each closed with its own package
	| { kind: 'short'; sku: string; shortBy: number } // one line short-shipped
	| { kind: 'no-packages' }; // closed without package detail (LTL/manual)

export interface WmsSandbox {
	url: string; // base URL for both APIs, e.g. http://127.0.0.1:43124
	extensivCredentials: {
		clientId: string;
		clientSecret: string;
		userLogin: string;
		userLoginId: number;
		customerId: number;
		facilityId: number;
		baseUrl: string;
		warehouseTimeZone: string;
	};
	httpCredentials: { baseUrl: string; headerName: string; headerValue: string };

	listOrders(): WmsOrderRecord[];
	findByReference(referenceNum: string): WmsOrderRecord[];
	/** Close an open order with tracking according to the plan; returns the affected order records. */
	ship(orderId: number, plan?: ShipPlan): WmsOrderRecord[];
	/** Ship every open order, choosing plans deterministically from the seed (mix of all plan kinds). */
	shipAll(opts?: { plans?: ShipPlan[] }): WmsOrderRecord[];
	cancel(orderId: number): void;
	/** Moves an open order to a work stage (allocated, picking, packed): from then on edits / cancels are refused. */
	setStage(orderId: number, stage: WmsWorkStage): void;

	/** Sellable stock of the credential customer's SKU; `onHold` also sets the units on hold (kept when omitted). */
	setStock(sku: string, available: number, onHold?: number): void;
	getStock(sku: string): number | undefined;
	getOnHold(sku: string): number | undefined;
	/** Stock of another customer's item with this SKU (created when new). */
	setOtherCustomerStock(customerId: number, sku: string, available: number, onHold?: number): void;
	/** Add `count` items SKU-0001..; used for the 10,000-SKU sync. */
	generateItems(count: number, opts?: { prefix?: string; seed?: number }): void;

	setFaults(faults: WmsFaultConfig | null): void;
	/** Both APIs accept (true) or reject (false) a reference an active order already has. */
	setAllowDuplicateReferences(allow: boolean): void;
	/** Added latency per request in ms. */
	setLatency(ms: number): void;
	/** Make the current Extensiv token invalid (next call gets 401, a new token must be fetched). */
	expireTokens(): void;
	requestLog(): Array<{ method: string; path: string; query: string; status: number; fault?: WmsFaultKind }>;
	countRequests(filter?: { method?: string; pathPrefix?: string }): number;
	resetRequestLog(): void;
	close(): Promise<void>;
}

export type StartWmsSandbox = (options?: WmsSandboxOptions) => Promise<WmsSandbox>;
