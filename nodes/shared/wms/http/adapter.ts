/**
 * `WmsAdapter` for any WMS that speaks the generic JSON contract (README "Generic WMS HTTP contract"):
 *   POST /orders                      body WmsOrderInput -> 201 {id} | 409 {id} (reference exists)
 *   GET  /orders?reference=R          -> 200 {id, reference, status} | 404 (a WMS that can hold several orders
 *                                        under one reference answers with an array of them: duplicates are then cancelled)
 *   GET  /orders?references=A,B,...   -> 200 [{id, reference, status}...] every order carrying one of them (up to 100),
 *                                        [] when none; a WMS without it (400/404/405/422/501) gets one look-up each
 *   GET  /shipments?since=ISO&cursor=C -> 200 {shipments: Shipment[], nextCursor: string | null}
 *   GET  /inventory?page=N            -> 200 {items: StockLevel[], nextPage: number | null}
 *   POST /orders/{id}/cancel          body {reason} -> 204 (optional for the WMS; used only by cancelOrder)
 * Errors: any 4xx/5xx with a JSON body `{message}`.
 */
import { plainText } from '../../http/plainText';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { Shipment, StockLevel } from '../../model';
import type { WmsAdapter, WmsChangeAdapter, WmsCreateResult, WmsOrderInput, WmsOrderRef, WmsShippedOrder } from '../adapter';
import { HttpChanges } from './changes';
import { assertLinesHaveSku } from '../../sku';
import { addressStateCode } from '../../stateCode';
import { REFERENCE_BATCH_SIZE, type WmsBatchCreateResult, type WmsCreateOrdersOptions } from '../adapter';
import { chunked, createOnce, createOrdersOf, type CreateOnceSteps } from '../createOnce';
import type { WmsListedOrder } from '../adapter';
import { listHttpOrders, type HttpOrdersPage } from './listOrders';
import { byLowestId } from '../duplicates';
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

export const WMS_HTTP_CREDENTIAL = 'wmsHttpApi';

const WMS_NAME = 'the WMS';
const HTTP_TARGET: AdviceTarget = {
	credential: '"WMS HTTP API" credential',
	authFields: 'Header Name and Header Value (the API key)',
	forbidden: 'The API key in the "WMS HTTP API" credential lacks permission for this request: ask the WMS for a key that may create orders, read shipments and read stock.',
};
/** Stop following cursors/pages after this many (a WMS that never ends its list). */
const MAX_PAGES = 10000;

export interface HttpOrderResponse {
	id?: string | number;
	reference?: string;
	status?: string;
}

export interface HttpShipmentsPage {
	shipments?: Array<Shipment & { modifiedAt?: string }>;
	nextCursor?: string | null;
}

export interface HttpInventoryPage {
	items?: StockLevel[];
	nextPage?: number | null;
}

function errorText(body: unknown): string {
	if (typeof body === 'string') return plainText(body, 500);
	if (body && typeof body === 'object') {
		const b = body as Record<string, unknown>;
		for (const key of ['message', 'error', 'title', 'detail']) if (typeof b[key] === 'string' && b[key]) return b[key] as string;
	}
	return '';
}

function idOf(body: unknown): string {
	const id = (body as HttpOrderResponse | undefined)?.id;
	return id === undefined || id === null ? '' : String(id);
}

function statusOf(value: unknown): WmsOrderRef['status'] {
	const s = String(value ?? '').toLowerCase();
	if (s === 'cancelled' || s === 'canceled') return 'cancelled';
	if (s === 'closed' || s === 'shipped') return 'closed';
	return 'open';
}

function latest(dates: string[]): string {
	return dates.filter((d) => Number.isFinite(Date.parse(d))).sort().pop() ?? '';
}

export class HttpWmsAdapter implements WmsAdapter {
	readonly type = 'http' as const;

	private readonly baseUrl: string;

	/** Whether the WMS answers the batch form `GET /orders?references=...` (undefined: not tried yet). */
	private batchForm: boolean | undefined;

	constructor(
		private readonly ctx: WmsContext,
		credentialData: ICredentialDataDecryptedObject,
		private readonly policy: RetryPolicy = DEFAULT_RETRY,
	) {
		this.baseUrl = String(credentialData.baseUrl ?? '').trim().replace(/\/+$/, '');
		if (!/^https?:\/\//i.test(this.baseUrl))
			throw new NodeOperationError(ctx.getNode(), 'The WMS HTTP API credential has no valid Base URL.', {
				description: 'Enter the WMS address starting with https:// in the credential.',
			});
	}

	async findOrderByReference(reference: string): Promise<WmsOrderRef | null> {
		return byLowestId(await this.activeOrdersByReference(reference))[0] ?? null;
	}

	/** Every active order the WMS lists for the reference (one object, or an array when it holds several). */
	async activeOrdersByReference(reference: string): Promise<WmsOrderRef[]> {
		const res = await this.send('GET', '/orders', { qs: { reference }, retry: true });
		if (!res.ok && res.failure.status === 404) return [];
		const response = this.ensure(res, `looking up order ${reference}`);
		const bodies = (Array.isArray(response.body) ? response.body : [response.body]) as Array<HttpOrderResponse | undefined>;
		return bodies
			.filter((body) => idOf(body) !== '')
			.map((body) => ({ wmsOrderId: idOf(body), reference: body?.reference ?? reference, status: statusOf(body?.status) }))
			.filter((ref) => ref.status !== 'cancelled');
	}

	/**
	 * Exactly once without relying on the WMS refusing a repeated reference (409): the shared create loop
	 * (createOnce.ts) with this WMS's POST, lookup and 409 answer.
	 */
	async createOrder(input: WmsOrderInput): Promise<WmsCreateResult> {
		return await createOnce(this.createSteps(input));
	}

	/** createOrder for a batch: one `GET /orders?references=...` before creating and one after (createOnce.ts createMany). */
	async createOrders(inputs: WmsOrderInput[], options: WmsCreateOrdersOptions = {}): Promise<WmsBatchCreateResult[]> {
		return await createOrdersOf(this, `http|${this.baseUrl}`, inputs, options, (input) => this.createSteps(input));
	}

	async findOrdersByReferences(references: string[]): Promise<Map<string, WmsOrderRef | null>> {
		const active = await this.activeOrdersByReferences(references);
		return new Map(references.map((r) => [r, byLowestId(active.get(r) ?? [])[0] ?? null]));
	}

	/**
	 * Every active order per reference, in the contract's batch form `GET /orders?references=A,B` (100 per request,
	 * answered with an array). A reference holding a comma, and every reference once the WMS showed it lacks the
	 * batch form (400, 404, 405, 422, 501, or an answer that is no array of the asked references), is looked up alone.
	 */
	async activeOrdersByReferences(references: string[]): Promise<Map<string, WmsOrderRef[]>> {
		const keyOf = (reference: string) => reference.trim().toLowerCase();
		const byKey = new Map<string, WmsOrderRef[]>();
		const unique = [...new Set(references.map((r) => r.trim()))].filter((r) => r !== '');
		const single = unique.filter((r) => r.includes(','));
		for (const chunk of chunked(unique.filter((r) => !r.includes(',')), REFERENCE_BATCH_SIZE)) {
			const rows = this.batchForm === false || chunk.length === 1 ? undefined : await this.batchLookup(chunk);
			if (!rows) {
				single.push(...chunk);
				continue;
			}
			for (const ref of rows) byKey.set(keyOf(ref.reference), [...(byKey.get(keyOf(ref.reference)) ?? []), ref]);
		}
		for (const reference of single) byKey.set(keyOf(reference), await this.activeOrdersByReference(reference));
		return new Map(references.map((r) => [r, byKey.get(keyOf(r)) ?? []]));
	}

	/** One `GET /orders?references=...`: the active orders, or undefined when this WMS has no batch form. */
	private async batchLookup(chunk: string[]): Promise<WmsOrderRef[] | undefined> {
		const res = await this.send('GET', '/orders', { qs: { references: chunk.join(',') }, retry: true });
		if (!res.ok && [400, 404, 405, 422, 501].includes(res.failure.status ?? 0)) {
			this.batchForm = false;
			return undefined;
		}
		const response = this.ensure(res, `looking up ${chunk.length} orders (${chunk[0]} to ${chunk[chunk.length - 1]})`);
		const wanted = new Set(chunk.map((r) => r.toLowerCase()));
		const rows = Array.isArray(response.body) ? (response.body as Array<HttpOrderResponse | undefined>) : undefined;
		// An answer that is not a list of exactly the asked references (e.g. a WMS that ignored the parameter).
		if (!rows || rows.some((row) => idOf(row) !== '' && !wanted.has(String(row?.reference ?? '').trim().toLowerCase()))) {
			this.batchForm = false;
			return undefined;
		}
		this.batchForm = true;
		return rows
			.filter((row) => idOf(row) !== '')
			.map((row) => ({ wmsOrderId: idOf(row), reference: String(row?.reference).trim(), status: statusOf(row?.status) }))
			.filter((ref) => ref.status !== 'cancelled');
	}

	/** This WMS's POST, lookup and 409 answer for the shared create loop. Throws for an order it cannot take. */
	private createSteps(input: WmsOrderInput): CreateOnceSteps {
		assertLinesHaveSku(this.ctx.getNode(), input.reference, input.destination.lines);
		const node = this.ctx.getNode();
		return {
			warehouse: `http|${this.baseUrl}`,
			reference: input.reference,
			policy: this.policy,
			find: async (ref) => await this.findOrderByReference(ref),
			post: async () => await this.postOrder(input),
			createdId: (body) => idOf(body),
			duplicateOf: (failure) => (failure.status === 409 ? idOf(failure.body) : undefined),
			noIdError: () =>
				new NodeOperationError(node, `The WMS accepted order ${input.reference} but returned no order id.`, {
					description: 'The WMS must answer POST /orders with 201 and {"id": ...}.',
				}),
			createError: (failure) => this.createError(input, failure),
			activeOrders: async (ref) => await this.activeOrdersByReference(ref),
			cancelOrder: async (id, reason) => await this.cancelOrder(id, reason),
			cannotCancel: (ref, kept, twin, error) =>
				new NodeOperationError(
					node,
					`Order ${ref} is in the WMS twice (WMS orders ${kept} and ${twin}, created at the same moment by overlapping runs) and ${twin} could not be cancelled: ${(error as Error)?.message ?? String(error)}`,
					{
						description: `Cancel WMS order ${twin} by hand; ${kept} is the one to ship. The WMS accepts a repeated reference, so it must offer POST /orders/{id}/cancel for the package to remove such twins itself (README, WMS HTTP contract).`,
					},
				),
		};
	}

	/** One POST /orders of the destination's lines to ship (the raw BigCommerce order is never sent). */
	private async postOrder(input: WmsOrderInput): Promise<SendResult> {
		const lines = input.destination.lines.filter((l) => l.quantity > 0);
		if (!lines.length)
			throw new NodeOperationError(this.ctx.getNode(), `Order ${input.reference} has no lines with a quantity to ship.`);
		const { raw: _raw, ...order } = input.order;
		const address = input.destination.address;
		const stateCode = addressStateCode(address);
		const destination = { ...input.destination, address: stateCode ? { ...address, stateCode } : address, lines };
		const body = { ...input, order, destination } as unknown as IDataObject;
		return await this.send('POST', '/orders', { body, retry: false });
	}

	async listShippedOrders(since: string | undefined): Promise<WmsShippedOrder[]> {
		const result: WmsShippedOrder[] = [];
		let cursor: string | undefined;
		for (let page = 0; page < MAX_PAGES; page++) {
			const qs: IDataObject = {};
			if (since !== undefined) qs.since = since;
			if (cursor !== undefined) qs.cursor = cursor;
			const res = this.ensure(await this.send('GET', '/shipments', { qs, retry: true }), 'reading shipments');
			const body = (res.body ?? {}) as HttpShipmentsPage;
			for (const s of body.shipments ?? []) {
				const packages = Array.isArray(s.packages) ? s.packages : [];
				result.push({
					...s,
					wmsOrderId: String(s.wmsOrderId ?? ''),
					packages,
					modifiedAt: s.modifiedAt ?? latest(packages.map((p) => p.shippedAt)),
				});
			}
			const next = body.nextCursor;
			if (next === null || next === undefined || next === '' || next === cursor) break;
			cursor = String(next);
		}
		return result;
	}

	async listStock(): Promise<StockLevel[]> {
		const totals = new Map<string, StockLevel>();
		let page = 1;
		for (let i = 0; i < MAX_PAGES; i++) {
			const res = this.ensure(await this.send('GET', '/inventory', { qs: { page }, retry: true }), 'reading stock levels');
			const body = (res.body ?? {}) as HttpInventoryPage;
			for (const item of body.items ?? []) {
				if (!item?.sku) continue;
				const current = totals.get(item.sku);
				// A non-numeric quantity poisons the SKU's total (NaN), so it is reported, never written as 0.
				// `available` excludes on-hold units (the contract); optional `onHold` / `onHand` serve Quantity to Publish.
				const num = (raw: unknown) => (typeof raw === 'number' || (typeof raw === 'string' && raw.trim() !== '') ? Number(raw) : NaN);
				const available = num(item.available);
				const onHold = item.onHold === undefined || item.onHold === null ? undefined : num(item.onHold);
				const onHand = item.onHand === undefined || item.onHand === null ? undefined : num(item.onHand);
				if (current) {
					current.available += available;
					if (onHold !== undefined) current.onHold = (current.onHold ?? 0) + onHold;
					// On hand is all or nothing per SKU: a row without it makes the figure unknown.
					current.onHand = current.onHand === undefined || onHand === undefined ? undefined : current.onHand + onHand;
				} else {
					const level: StockLevel = { ...item, available };
					if (onHold === undefined) delete level.onHold;
					else level.onHold = onHold;
					if (onHand === undefined) delete level.onHand;
					else level.onHand = onHand;
					totals.set(item.sku, level);
				}
			}
			const next = body.nextPage;
			if (next === null || next === undefined || !Number.isFinite(Number(next)) || Number(next) <= page) break;
			page = Number(next);
		}
		return [...totals.values()];
	}

	async cancelOrder(wmsOrderId: string, reason: string): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			const res = await this.send('POST', `/orders/${encodeURIComponent(wmsOrderId)}/cancel`, { body: { reason }, retry: false });
			if (res.ok) return;
			const f = res.failure;
			if (!isTransient(f) || attempt >= this.policy.attempts)
				throw wmsApiError(
					this.ctx,
					f,
					`${WMS_NAME} did not cancel order ${wmsOrderId}: ${errorText(f.body) || failureSummary(f)}.`,
					f.status === 401 || f.status === 403 || f.status === undefined || f.status >= 500 ? failureAdvice(f, HTTP_TARGET) : 'Check the order in the WMS; only open orders can be cancelled.',
				);
			await sleep(retryDelayMs(attempt, this.policy, f));
		}
	}

	/** Reconcile's read: every order created since (`GET /orders?since=`, http/listOrders.ts). */
	async listOrders(createdSince: string): Promise<WmsListedOrder[]> {
		return await listHttpOrders(createdSince, async (qs) => (this.ensure(await this.send('GET', '/orders', { qs, retry: true }), 'listing orders').body ?? {}) as HttpOrdersPage);
	}

	/** Cancel and update after hand-off (changes.ts), with this adapter's requests. */
	changes(): WmsChangeAdapter {
		return new HttpChanges({ ctx: this.ctx, policy: this.policy, send: async (method, path, opts) => await this.send(method, path, opts) });
	}

	private createError(input: WmsOrderInput, failure: HttpFailure) {
		const apiText = failure.redirect ? '' : errorText(failure.body);
		if (failure.redirect || (failure.status === undefined && failure.retryable === false))
			return wmsApiError(this.ctx, failure, `Could not create order ${input.reference} in the WMS: ${failureSummary(failure)}.`, failureAdvice(failure, HTTP_TARGET));
		if (failure.status === 401 || failure.status === 403)
			return wmsApiError(
				this.ctx,
				failure,
				`The WMS refused the WMS HTTP API credential while creating order ${input.reference} (${failureSummary(failure)}${apiText ? `: ${apiText}` : ''}).`,
				failureAdvice(failure, HTTP_TARGET),
			);
		if (failure.status && failure.status < 500 && failure.status !== 429) {
			const skus = input.destination.lines.map((l) => l.sku.trim()).filter(Boolean);
			const named = skus.filter((sku) => apiText.toLowerCase().includes(sku.toLowerCase()));
			return wmsApiError(
				this.ctx,
				failure,
				`The WMS rejected order ${input.reference}: ${apiText || failureSummary(failure)}.`,
				named.length
					? `SKU ${named.join(', ')} is not known to the WMS: add the item there or fix the SKU in BigCommerce.`
					: failure.status === 404
						? `Check Base URL in the ${HTTP_TARGET.credential}.`
						: 'Fix the value the message names and run again.',
			);
		}
		return wmsApiError(
			this.ctx,
			failure,
			`Could not create order ${input.reference} in the WMS: ${failureSummary(failure)}${apiText ? ` (${apiText})` : ''} after ${this.policy.attempts} tries.`,
			'The order was looked up after each failure and is not in the warehouse. Run the workflow again later; it will not create a duplicate.',
		);
	}

	private ensure(res: SendResult, what: string): IN8nHttpFullResponse {
		if (res.ok) return res.response;
		const f = res.failure;
		const apiText = f.redirect ? '' : errorText(f.body);
		throw wmsApiError(
			this.ctx,
			f,
			`The WMS failed ${what}: ${failureSummary(f)}${apiText ? ` (${apiText})` : ''}.`,
			failureAdvice(f, HTTP_TARGET) ?? (f.status === 404 ? `Check Base URL in the ${HTTP_TARGET.credential}.` : 'Fix the value the message names and run again.'),
		);
	}

	private async send(
		method: IHttpRequestMethods,
		path: string,
		opts: { qs?: IDataObject; body?: IDataObject; retry: boolean },
	): Promise<SendResult> {
		return await sendWmsRequest(
			this.ctx,
			WMS_HTTP_CREDENTIAL,
			{
				method,
				url: `${this.baseUrl}${path}`,
				qs: opts.qs,
				body: opts.body,
				headers: { Accept: 'application/json', ...(opts.body ? { 'Content-Type': 'application/json' } : {}) },
			},
			this.policy,
			{ retry: opts.retry },
		);
	}
}
