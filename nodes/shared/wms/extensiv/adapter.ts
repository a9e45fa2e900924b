/** `WmsAdapter` for Extensiv 3PL Warehouse Manager (REST API, https://api.3plcentral.com/rels/). */
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { StockLevel } from '../../model';
import type { WmsAdapter, WmsChangeAdapter, WmsCreateResult, WmsOrderInput, WmsOrderRef, WmsShippedOrder } from '../adapter';
import { ExtensivChanges } from './changes';
import {
	retryDelayMs,
	DEFAULT_RETRY,
	failureAdvice,
	failureSummary,
	isTransient,
	sendWmsRequest,
	wmsApiError,
	type AdviceTarget,
	type HttpFailure,
	type RetryPolicy,
	type SendResult,
	type WmsContext,
} from '../request';
import { addStockDetail, extensivErrorText, isDuplicateError, orderIdOf, toOrderCreate, toOrderRef, toShippedOrder } from './mapping';
import { headerValue } from '../../http/headers';
import { assertLinesHaveSku } from '../../sku';
import { REFERENCE_BATCH_SIZE, type WmsBatchCreateResult, type WmsCreateOrdersOptions } from '../adapter';
import { chunked, createOnce, createOrdersOf, escapeRegExp, type CreateOnceSteps } from '../createOnce';
import type { WmsListedOrder } from '../adapter';
import { listExtensivOrders } from './listOrders';
import { listOf, totalResults, type Json } from './parse';
import { rqlAnd, rqlEq, rqlGe, rqlIn, rqlValue } from './rql';
import { isValidTimeZone, utcToWarehouseLocal } from './time';
import {
	EXTENSIV_CREDENTIAL,
	ORDERS_PAGE_SIZE,
	ORDER_LIST_PAGE_SIZE,
	isLastPage,
	type ExtensivRequestSpec,
	STOCK_PAGE_SIZE,
	type ExtensivOrderCreate,
	type ExtensivSettings,
} from './types';

const WMS_NAME = '3PL Warehouse Manager';
const EXTENSIV_LABEL = '"Extensiv 3PL Warehouse Manager API" credential';
/** Renew the token this long before it expires. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
/** How often to re-read the credential when its expiry is unknown or a forced renewal did not stick. */
const TOKEN_RECHECK_MS = 60 * 1000;
const HAL = 'application/hal+json';


export function extensivSettings(ctx: WmsContext, data: ICredentialDataDecryptedObject): ExtensivSettings {
	const customerId = Number(data.customerId);
	const facilityId = Number(data.facilityId);
	const warehouseTimeZone = String(data.warehouseTimeZone || 'UTC').trim();
	const problems: string[] = [];
	if (!Number.isInteger(customerId) || customerId <= 0) problems.push('Customer ID must be a positive number');
	if (!Number.isInteger(facilityId) || facilityId <= 0) problems.push('Facility ID must be a positive number');
	if (!isValidTimeZone(warehouseTimeZone))
		problems.push(`Warehouse Time Zone "${warehouseTimeZone}" is not an IANA time zone (e.g. America/Chicago, UTC)`);
	if (problems.length)
		throw new NodeOperationError(ctx.getNode(), `The Extensiv 3PL Warehouse Manager API credential is incomplete: ${problems.join('; ')}.`, {
			description: 'Open the credential and fix the fields named above.',
		});
	return {
		baseUrl: String(data.baseUrl || 'https://secure-wms.com').trim().replace(/\/+$/, ''),
		customerId,
		facilityId,
		warehouseTimeZone,
	};
}

export class ExtensivAdapter implements WmsAdapter {
	readonly type = 'extensiv' as const;

	private tokenCheckedUntil = 0;

	constructor(
		private readonly ctx: WmsContext,
		private readonly settings: ExtensivSettings,
		credentialData: ICredentialDataDecryptedObject,
		private readonly policy: RetryPolicy = DEFAULT_RETRY,
	) {
		this.noteTokenExpiry(credentialData);
	}

	async findOrderByReference(reference: string): Promise<WmsOrderRef | null> {
		const customer = rqlEq('readOnly.customerIdentifier.id', this.settings.customerId);
		const rql = rqlAnd(rqlEq('referenceNum', reference), customer);
		const wanted = reference.trim().toLowerCase();
		const exact = (rows: Json[]) => rows.map(toOrderRef).filter((ref) => ref.reference.trim().toLowerCase() === wanted);
		const what = `looking up order ${reference}`;

		const first = await this.getOrders({ rql, pgsiz: 1, pgnum: 1 }, what);
		let matches = exact(first.rows);
		if ((first.total ?? first.rows.length) > first.rows.length && !matches.some((m) => m.status !== 'cancelled')) {
			// The first row was a cancelled order with this reference: read them all.
			matches = exact((await this.getOrders({ rql, pgsiz: ORDERS_PAGE_SIZE, pgnum: 1 }, what)).rows);
		}
		const active = matches.find((m) => m.status !== 'cancelled');
		if (active || !matches.length) return active ?? null;
		// Only cancelled: 3PL WM splits an order by cancelling it and creating R-1, R-2. Those mean it is delivered.
		const splitRql = rqlAnd(`referenceNum==${rqlValue(reference)}-*`, customer);
		const split = new RegExp(`^${escapeRegExp(reference.trim())}-\\d+$`, 'i');
		const parts = (await this.getOrders({ rql: splitRql, pgsiz: ORDERS_PAGE_SIZE, pgnum: 1 }, what)).rows.map(toOrderRef);
		return parts.find((p) => p.status !== 'cancelled' && split.test(p.reference.trim())) ?? null;
	}

	/**
	 * Exactly once without relying on 3PL WM refusing a repeated reference: the shared create loop (createOnce.ts)
	 * with this WMS's POST, lookup and "already exists" answer (a 400 naming the reference).
	 */
	async createOrder(input: WmsOrderInput): Promise<WmsCreateResult> {
		return await createOnce(this.createSteps(input));
	}

	/** createOrder for a batch: one `referenceNum=in=(...)` look-up before creating and one after (createOnce.ts createMany). */
	async createOrders(inputs: WmsOrderInput[], options: WmsCreateOrdersOptions = {}): Promise<WmsBatchCreateResult[]> {
		return await createOrdersOf(this, this.warehouseKey(), inputs, options, (input) => this.createSteps(input));
	}

	/**
	 * Batch form of findOrderByReference: `GET /orders?rql=referenceNum=in=(R1,...,R100);readOnly.customerIdentifier.id==C`
	 * per 100 references (the RQL `=in=` list of https://api.3plcentral.com/Rels/rql), then, only for references whose
	 * orders are all cancelled, one look-up of their split parts `R-N` for the whole batch.
	 */
	async findOrdersByReferences(references: string[]): Promise<Map<string, WmsOrderRef | null>> {
		const all = await this.ordersByReferences(references);
		const result = new Map<string, WmsOrderRef | null>();
		const onlyCancelled: string[] = [];
		for (const reference of references) {
			const matches = all.get(reference) ?? [];
			const active = matches.find((m) => m.status !== 'cancelled') ?? null;
			result.set(reference, active);
			if (!active && matches.length) onlyCancelled.push(reference);
		}
		// Only cancelled: 3PL WM splits an order by cancelling it and creating R-1, R-2. Those mean it is delivered.
		for (const chunk of chunked(onlyCancelled, REFERENCE_BATCH_SIZE)) {
			const anyPart = chunk.map((r) => `referenceNum==${rqlValue(r)}-*`).join(',');
			const rql = rqlAnd(chunk.length > 1 ? `(${anyPart})` : anyPart, rqlEq('readOnly.customerIdentifier.id', this.settings.customerId));
			const parts = (await this.allOrderPages(rql, `looking up split parts of ${chunk.length} orders`)).map(toOrderRef);
			for (const reference of chunk) {
				const split = new RegExp(`^${escapeRegExp(reference.trim())}-\\d+$`, 'i');
				result.set(reference, parts.find((p) => p.status !== 'cancelled' && split.test(p.reference.trim())) ?? null);
			}
		}
		return result;
	}

	/** Every active order carrying each reference exactly, re-read now in the batch form (the check for twins). */
	async activeOrdersByReferences(references: string[]): Promise<Map<string, WmsOrderRef[]>> {
		const all = await this.ordersByReferences(references);
		return new Map(references.map((r) => [r, (all.get(r) ?? []).filter((o) => o.status !== 'cancelled')]));
	}

	/** Every order of the customer (any status) whose reference is exactly one of these, ignoring case and spaces. */
	private async ordersByReferences(references: string[]): Promise<Map<string, WmsOrderRef[]>> {
		const keyOf = (reference: string) => reference.trim().toLowerCase();
		const byKey = new Map<string, WmsOrderRef[]>();
		const unique = [...new Set(references.map((r) => r.trim()))].filter((r) => r !== '');
		for (const chunk of chunked(unique, REFERENCE_BATCH_SIZE)) {
			const rql = rqlAnd(rqlIn('referenceNum', chunk), rqlEq('readOnly.customerIdentifier.id', this.settings.customerId));
			const what = chunk.length === 1 ? `looking up order ${chunk[0]}` : `looking up ${chunk.length} orders (${chunk[0]} to ${chunk[chunk.length - 1]})`;
			const wanted = new Set(chunk.map(keyOf));
			for (const ref of (await this.allOrderPages(rql, what)).map(toOrderRef)) {
				const key = keyOf(ref.reference);
				if (!wanted.has(key)) continue;
				byKey.set(key, [...(byKey.get(key) ?? []), ref]);
			}
		}
		return new Map(references.map((r) => [r, byKey.get(keyOf(r)) ?? []]));
	}

	/** Every row of an order query, page after page (ORDERS_PAGE_SIZE each). */
	private async allOrderPages(rql: string, what: string): Promise<Json[]> {
		const rows: Json[] = [];
		for (let pgnum = 1; ; pgnum++) {
			const page = await this.getOrders({ rql, pgsiz: ORDERS_PAGE_SIZE, pgnum }, what);
			rows.push(...page.rows);
			if (isLastPage(page.rows.length, ORDERS_PAGE_SIZE, pgnum, page.total)) return rows;
		}
	}

	private warehouseKey(): string {
		return `extensiv|${this.settings.baseUrl}|${this.settings.customerId}`;
	}

	/** This WMS's POST, lookup and "already exists" answer for the shared create loop. Throws for an order it cannot take. */
	private createSteps(input: WmsOrderInput): CreateOnceSteps {
		const body = toOrderCreate(input, this.settings);
		this.checkOrder(input, body);
		const node = this.ctx.getNode();
		return {
			warehouse: this.warehouseKey(),
			reference: input.reference,
			policy: this.policy,
			find: async (ref) => await this.findOrderByReference(ref),
			post: async () =>
				await this.send({
					method: 'POST',
					path: '/orders',
					body: body as unknown as IDataObject,
					headers: { 'Content-Type': 'application/json; charset=utf-8' },
					retry: false,
				}),
			createdId: (answer) => orderIdOf(answer),
			duplicateOf: (failure) => (failure.status === 400 && isDuplicateError(failure.body) ? '' : undefined),
			noIdError: () =>
				new NodeOperationError(node, `${WMS_NAME} accepted order ${input.reference} but returned no order ID and the order cannot be found.`, {
					description: 'Check the order in 3PL Warehouse Manager before running again.',
				}),
			createError: (failure, kind) => this.createError(input, failure, kind),
			activeOrders: async (ref) => await this.activeOrdersByReference(ref),
			cancelOrder: async (id, reason) => await this.cancelOrder(id, reason),
			cannotCancel: (ref, kept, twin, error) =>
				new NodeOperationError(
					node,
					`Order ${ref} is in ${WMS_NAME} twice (orders ${kept} and ${twin}, created at the same moment by overlapping runs) and ${twin} could not be cancelled: ${(error as Error)?.message ?? String(error)}`,
					{ description: `Cancel order ${twin} in 3PL Warehouse Manager by hand; order ${kept} is the one to ship.` },
				),
		};
	}

	/** Every active (not cancelled) order of the customer with exactly this reference, re-read now. */
	async activeOrdersByReference(reference: string): Promise<WmsOrderRef[]> {
		const rql = rqlAnd(rqlEq('referenceNum', reference), rqlEq('readOnly.customerIdentifier.id', this.settings.customerId));
		const wanted = reference.trim().toLowerCase();
		const { rows } = await this.getOrders({ rql, pgsiz: ORDERS_PAGE_SIZE, pgnum: 1 }, `looking up order ${reference}`);
		return rows.map(toOrderRef).filter((ref) => ref.reference.trim().toLowerCase() === wanted && ref.status !== 'cancelled');
	}

	async listShippedOrders(since: string | undefined): Promise<WmsShippedOrder[]> {
		const { customerId, facilityId, warehouseTimeZone } = this.settings;
		const rql = rqlAnd(
			'readOnly.isClosed==true',
			rqlEq('readOnly.customerIdentifier.id', customerId),
			rqlEq('readOnly.facilityIdentifier.id', facilityId),
			since !== undefined && rqlGe('readOnly.lastModifiedDate', this.toWarehouseTime(since)),
		);
		const shipments: WmsShippedOrder[] = [];
		const seen = new Set<string>();
		for (let pgnum = 1; ; pgnum++) {
			const page = await this.getOrders(
				{ rql, detail: 'All', itemdetail: 'None', sort: 'readOnly.lastModifiedDate', pgsiz: ORDER_LIST_PAGE_SIZE, pgnum },
				'reading shipped orders',
			);
			for (const row of page.rows) {
				const ref = toOrderRef(row);
				// Rows can move between pages while we read (sorted by modification time): keep the first copy.
				if (ref.status === 'cancelled' || seen.has(ref.wmsOrderId)) continue;
				seen.add(ref.wmsOrderId);
				shipments.push(toShippedOrder(row, warehouseTimeZone));
			}
			if (isLastPage(page.rows.length, ORDER_LIST_PAGE_SIZE, pgnum, page.total)) break;
		}
		return shipments;
	}

	/**
	 * The credential customer's stock in its facility, from `GET /inventory/stockdetails?customerid=C&facilityid=F`.
	 *
	 * Why this endpoint: its rel page (http://3w.extensiv.com/rels/inventory/stockdetails) documents `customerid` and
	 * `facilityid` as required query parameters, so the customer scope is the API's own, and it defines `available`
	 * per receive item as "unallocated; see IsOnHold" with `isOnHold` / `quarantined` per row, so on-hold units can
	 * be left out exactly. The alternatives are weaker: `/inventory/stocksummaries` rows carry no customer (two
	 * customers sharing a SKU were added together) and do not say whether their `available` excludes on-hold units;
	 * customer filters in its RQL are not documented (one public client reports a 400); matching its item ids to
	 * `/customers/{id}/items` costs a page per 100 items; `/inventory` filtered by customer relies on RQL property
	 * names the rel page does not list. Residual risk, stated in the README: a SKU whose receive items are all
	 * shipped may have no row; it is then not in the result (BigCommerce keeps its own, already-decremented level).
	 */
	async listStock(): Promise<StockLevel[]> {
		const { customerId, facilityId } = this.settings;
		const totals = new Map<string, StockLevel>();
		for (let pgnum = 1; ; pgnum++) {
			const res = await this.read(
				{
					method: 'GET',
					path: '/inventory/stockdetails',
					qs: { customerid: customerId, facilityid: facilityId, pgsiz: STOCK_PAGE_SIZE, pgnum },
					retry: true,
				},
				'reading stock levels',
			);
			const rows =
				listOf(res.body, 'item', 'resourceList') ??
				listOf(res.body, 'inventory/stockdetail', 'stockDetails') ??
				listOf(res.body, 'inventory/item') ??
				[];
			for (const row of rows) addStockDetail(totals, row, facilityId);
			if (isLastPage(rows.length, STOCK_PAGE_SIZE, pgnum, totalResults(res.body))) break;
		}
		return [...totals.values()];
	}

	async cancelOrder(wmsOrderId: string, reason: string): Promise<void> {
		const id = encodeURIComponent(wmsOrderId);
		for (let attempt = 1; ; attempt++) {
			const current = await this.read(
				{ method: 'GET', path: `/orders/${id}`, retry: true },
				`reading WMS order ${wmsOrderId} before cancelling it`,
			);
			if (toOrderRef(current.body as Json).status === 'cancelled') return;
			const etag = headerValue(current.headers, 'etag');
			const res = await this.send({
				method: 'POST',
				path: `/orders/${id}/canceler`,
				body: { reason },
				headers: { 'Content-Type': 'application/json; charset=utf-8', ...(etag ? { 'If-Match': etag } : {}) },
				retry: false,
			});
			if (res.ok) return;
			const f = res.failure;
			// 412: the order changed since we read its ETag; transient: it may or may not be cancelled. Re-read.
			const again = f.status === 412 || isTransient(f);
			if (!again || attempt >= this.policy.attempts) {
				throw wmsApiError(
					this.ctx,
					f,
					`${WMS_NAME} did not cancel order ${wmsOrderId}: ${extensivErrorText(f.body) || failureSummary(f)}.`,
					'Only open orders can be cancelled; check the order in 3PL Warehouse Manager.',
				);
			}
			await sleep(retryDelayMs(attempt, this.policy, f));
		}
	}

	/** Reconcile's read: every order created since, one request per 1,000 (extensiv/listOrders.ts). */
	async listOrders(createdSince: string): Promise<WmsListedOrder[]> {
		return await listExtensivOrders(this.toWarehouseTime(createdSince), this.settings, async (qs) => await this.getOrders(qs, 'listing orders'));
	}

	/** Cancel and update after hand-off (changes.ts), with this adapter's requests. */
	changes(): WmsChangeAdapter {
		return new ExtensivChanges({
			ctx: this.ctx,
			settings: this.settings,
			policy: this.policy,
			send: async (spec) => await this.send(spec),
			read: async (spec, what) => await this.read(spec, what),
		});
	}

	private toWarehouseTime(since: string): string {
		try {
			return utcToWarehouseLocal(since, this.settings.warehouseTimeZone);
		} catch {
			throw new NodeOperationError(this.ctx.getNode(), `"${since}" is not a valid date for reading shipped orders.`, {
				description: 'Pass an ISO 8601 date, e.g. 2024-05-01T00:00:00Z.',
			});
		}
	}

	private async getOrders(qs: IDataObject, what: string): Promise<{ rows: Json[]; total?: number }> {
		const res = await this.read({ method: 'GET', path: '/orders', qs, retry: true }, what);
		return { rows: listOf(res.body, 'orders/order', 'resourceList') ?? [], total: totalResults(res.body) };
	}

	private checkOrder(input: WmsOrderInput, body: ExtensivOrderCreate): void {
		assertLinesHaveSku(this.ctx.getNode(), input.reference, input.destination.lines);
		if (!body.orderItems.length)
			throw new NodeOperationError(this.ctx.getNode(), `Order ${input.reference} has no lines with a quantity to ship.`);
	}

	private createError(input: WmsOrderInput, failure: HttpFailure, kind: 'duplicate' | 'rejected') {
		const ref = input.reference;
		const apiText = extensivErrorText(failure.body);
		if (kind === 'duplicate')
			return wmsApiError(
				this.ctx,
				failure,
				`${WMS_NAME} says order ${ref} already exists (${apiText}), but no open order with that reference was found for customer ${this.settings.customerId}.`,
				'The earlier order may have been cancelled. Re-open or delete it in 3PL Warehouse Manager, or deliver the order under a different reference prefix.',
			);
		const target = this.adviceTarget();
		// The access token could not be had: the token message names the credential field; nothing about the order.
		if (failure.token) return wmsApiError(this.ctx, failure, failure.message);
		if (failure.redirect || (failure.status === undefined && failure.retryable === false))
			return wmsApiError(this.ctx, failure, `Could not create order ${ref} in ${WMS_NAME}: ${failureSummary(failure)}.`, failureAdvice(failure, target));
		if (failure.status === 401 || failure.status === 403)
			return wmsApiError(
				this.ctx,
				failure,
				`${WMS_NAME} refused the Extensiv credential while creating order ${ref} (${failureSummary(failure)}${apiText ? `: ${apiText}` : ''}).`,
				failureAdvice(failure, target),
			);
		if (failure.status && failure.status < 500 && failure.status !== 429) {
			return wmsApiError(this.ctx, failure, `${WMS_NAME} rejected order ${ref}: ${apiText || failureSummary(failure)}.`, this.rejectionAdvice(input, failure, apiText));
		}
		return wmsApiError(
			this.ctx,
			failure,
			`Could not create order ${ref} in ${WMS_NAME}: ${failureSummary(failure)}${apiText ? ` (${apiText})` : ''} after ${this.policy.attempts} tries.`,
			'The order was looked up after each failure and is not in the warehouse. Run the workflow again later; it will not create a duplicate.',
		);
	}

	/** What to fix after a 4xx on create, from the field the API names: one cause, one fix. */
	private rejectionAdvice(input: WmsOrderInput, failure: HttpFailure, apiText: string): string {
		const skus = input.destination.lines.map((l) => l.sku.trim()).filter(Boolean);
		const lower = apiText.toLowerCase();
		const named = skus.filter((sku) => lower.includes(sku.toLowerCase()));
		const { customerId, facilityId } = this.settings;
		if (named.length > 0 || /\bsku\b|orderitems|itemidentifier/.test(lower))
			return `${named.length ? `SKU ${named.join(', ')}` : `One of the SKUs (${skus.join(', ')})`} is not set up for customer ${customerId} in 3PL Warehouse Manager: add the item there or fix the SKU in BigCommerce.`;
		if (/customeridentifier|customer \d+ not found/.test(lower)) return `Check Customer ID (${customerId}) in the ${EXTENSIV_LABEL}.`;
		if (/facilityidentifier|facility \d+ not/.test(lower)) return `Check Facility ID (${facilityId}) in the ${EXTENSIV_LABEL}: the facility must be assigned to customer ${customerId}.`;
		if (/shipto|address|postal|zip|country|state|city/.test(lower)) return `Fix the shipping address of order ${input.order.orderId} in BigCommerce and run again.`;
		if (/routing|carrier|shipping ?mode|billing/.test(lower)) return 'Fix the Ship Method Mapping of the WMS Deliver node (carrier, mode, billing code) and run again.';
		return failure.status === 404 ? `Check Base URL in the ${EXTENSIV_LABEL}.` : 'Fix the value the message names and run again.';
	}

	private adviceTarget(): AdviceTarget {
		const { customerId, facilityId } = this.settings;
		return {
			credential: EXTENSIV_LABEL,
			authFields: 'Client ID, Client Secret and User Login',
			forbidden: `The credential's user may not work with customer ${customerId} in facility ${facilityId}: give the user access in 3PL Warehouse Manager, or fix Customer ID / Facility ID in the ${EXTENSIV_LABEL}.`,
		};
	}

	private async read(spec: ExtensivRequestSpec, what: string): Promise<IN8nHttpFullResponse> {
		const res = await this.send(spec);
		if (res.ok) return res.response;
		const f = res.failure;
		if (f.token) throw wmsApiError(this.ctx, f, f.message);
		const apiText = f.redirect ? '' : extensivErrorText(f.body);
		throw wmsApiError(
			this.ctx,
			f,
			`${WMS_NAME} failed ${what}: ${failureSummary(f)}${apiText ? ` (${apiText})` : ''}.`,
			failureAdvice(f, this.adviceTarget()) ?? (f.status === 404 ? `Check Base URL in the ${EXTENSIV_LABEL}.` : 'Fix the value the message names and run again.'),
		);
	}

	private async send(spec: ExtensivRequestSpec): Promise<SendResult> {
		const additionalCredentialOptions = await this.tokenOverride();
		return await sendWmsRequest(
			this.ctx,
			EXTENSIV_CREDENTIAL,
			{
				method: spec.method,
				url: `${this.settings.baseUrl}${spec.path}`,
				qs: spec.qs,
				body: spec.body,
				headers: { Accept: HAL, ...spec.headers },
			},
			this.policy,
			{ retry: spec.retry, additionalCredentialOptions, renewOnUnauthorized: async () => await this.renewAfterUnauthorized() },
		);
	}

	private noteTokenExpiry(data: ICredentialDataDecryptedObject): boolean {
		const expiresAt = Date.parse(String(data.tokenExpiresAt ?? ''));
		const now = Date.now();
		if (!data.accessToken || !Number.isFinite(expiresAt)) {
			// No token yet (n8n fetches one) or unknown expiry (a 401 renews it).
			this.tokenCheckedUntil = now + TOKEN_RECHECK_MS;
			return true;
		}
		if (expiresAt - TOKEN_MARGIN_MS > now) {
			this.tokenCheckedUntil = expiresAt - TOKEN_MARGIN_MS;
			return true;
		}
		this.tokenCheckedUntil = 0;
		return false;
	}

	/**
	 * n8n fetches a token through the credential's preAuthentication when the stored one is empty. When the stored
	 * token is about to expire, the next request goes with a copy of the credential whose token is empty, so n8n
	 * fetches (and stores) a new one first.
	 */
	private async tokenOverride(): Promise<IAdditionalCredentialOptions | undefined> {
		if (Date.now() < this.tokenCheckedUntil) return undefined;
		const data = await this.ctx.getCredentials(EXTENSIV_CREDENTIAL);
		if (this.noteTokenExpiry(data)) return undefined;
		// Renew at most once per recheck interval even if the renewed token is not stored back.
		this.tokenCheckedUntil = Date.now() + TOKEN_RECHECK_MS;
		return this.withoutToken(data);
	}

	/** After a 401: the same trick, whatever the stored expiry says. */
	private async renewAfterUnauthorized(): Promise<IAdditionalCredentialOptions> {
		this.tokenCheckedUntil = 0;
		return this.withoutToken(await this.ctx.getCredentials(EXTENSIV_CREDENTIAL));
	}

	private withoutToken(data: ICredentialDataDecryptedObject): IAdditionalCredentialOptions {
		const ref = this.ctx.getNode().credentials?.[EXTENSIV_CREDENTIAL];
		return {
			credentialsDecrypted: {
				id: ref?.id ?? '',
				name: ref?.name ?? '',
				type: EXTENSIV_CREDENTIAL,
				data: { ...data, accessToken: '', tokenExpiresAt: '' },
			},
		};
	}
}

