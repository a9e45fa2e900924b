/**
 * Cancel and update of an order already in 3PL Warehouse Manager (WMS Order Changes). Documented calls only
 * of the 3PL Warehouse Manager REST API: `GET /orders?rql=` to find it, `GET /orders/{id}` for its
 * ETag and state, `POST /orders/{id}/canceler {reason}` and `PUT /orders/{id}` (the order as read, shipTo replaced),
 * both with If-Match. Order lines are not changed through the API (no documented shape): a line edit is reported.
 * At most 3 requests per warehouse order: look-up, read, write.
 */
import { plainText } from '../../http/plainText';
import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { WmsCancelOutcome, WmsChangeAdapter, WmsChangeTarget, WmsOrderInput, WmsOrderStage, WmsUpdateOutcome } from '../adapter';
import { addressDifferences, addressView, sameLines, type LineView } from '../changeCompare';
import { headerValue } from '../../http/headers';
import { failureAdvice, isTransient, retryDelayMs, wmsApiError, type HttpFailure, type RetryPolicy, type SendResult, type WmsContext } from '../request';
import { extensivErrorText, toOrderCreate, toOrderRef } from './mapping';
import { asObject, field, fieldPath, listOf, numberOf, text, type Json } from './parse';
import { rqlAnd, rqlEq, rqlValue } from './rql';
import { ORDERS_PAGE_SIZE, type ExtensivRequestSpec, type ExtensivSettings } from './types';


/** What the adapter lends: its authenticated send and its read that throws a clear error. */
export interface ExtensivChangeDeps {
	ctx: WmsContext;
	settings: ExtensivSettings;
	policy: RetryPolicy;
	send(spec: ExtensivRequestSpec): Promise<SendResult>;
	read(spec: ExtensivRequestSpec, what: string): Promise<IN8nHttpFullResponse>;
}

const JSON_BODY = { 'Content-Type': 'application/json; charset=utf-8' };

function flag(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') return value.trim().toLowerCase() === 'true' || (value.trim() !== '' && !/^(false|0)$/i.test(value.trim()) && !Number.isNaN(Date.parse(value)));
	return (numberOf(value) ?? 0) > 0;
}

/** readOnly.status / isClosed, then packStarted / packDoneDate, pickStarted / pickDoneDate, fullyAllocated. */
export function stageOf(order: unknown): WmsOrderStage {
	const status = toOrderRef(order as Json).status;
	if (status !== 'open') return status;
	const ro = field(order, 'readOnly');
	if (flag(field(ro, 'packStarted')) || flag(field(ro, 'packDoneDate'))) return 'packed';
	if (flag(field(ro, 'pickStarted')) || flag(field(ro, 'pickDoneDate'))) return 'picking';
	if (flag(field(ro, 'fullyAllocated'))) return 'allocated';
	return 'unallocated';
}

function shipToView(order: unknown) {
	const s = field(order, 'shipTo');
	return {
		name: text(field(s, 'name')),
		company: text(field(s, 'companyName')),
		street1: text(field(s, 'address1')),
		street2: text(field(s, 'address2')),
		city: text(field(s, 'city')),
		state: text(field(s, 'state')),
		postalCode: text(field(s, 'zip')),
		country: text(field(s, 'country')),
	};
}

function linesOf(order: unknown): LineView[] | undefined {
	const items = listOf(order, 'orders/item', 'orderItems');
	if (!items) return undefined;
	return items.map((i) => ({ sku: text(fieldPath(i, 'itemIdentifier.sku')), quantity: numberOf(field(i, 'qty')) ?? 0 }));
}

/** The API's own words: its error fields, or a short tag-free excerpt of a text or HTML error page (a proxy's 502). */
const apiWords = (body: unknown): string => (typeof body === 'string' ? plainText(body) : extensivErrorText(body));

const escape = (reference: string) => reference.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class ExtensivChanges implements WmsChangeAdapter {
	/** Rows read by findForChange, by order id: their shipTo and items answer "old vs new" without another request. */
	private readonly rows = new Map<string, Json>();

	constructor(private readonly deps: ExtensivChangeDeps) {}

	async findForChange(reference: string): Promise<WmsChangeTarget[]> {
		const customer = rqlEq('readOnly.customerIdentifier.id', this.deps.settings.customerId);
		const rql = rqlAnd(`(${rqlEq('referenceNum', reference)},referenceNum==${rqlValue(reference)}-*)`, customer);
		const res = await this.deps.read(
			{ method: 'GET', path: '/orders', qs: { rql, detail: 'OrderItems', pgsiz: ORDERS_PAGE_SIZE, pgnum: 1 }, retry: true },
			`looking up order ${reference}`,
		);
		const mine = new RegExp(`^${escape(reference)}(-\\d+)?$`, 'i');
		const rows = (listOf(res.body, 'orders/order', 'resourceList') ?? []).filter((r) => mine.test(text(field(r, 'referenceNum')).trim()));
		return rows.map((row) => {
			const target = { ...toOrderRef(row), stage: stageOf(row) };
			this.rows.set(target.wmsOrderId, row);
			return target;
		});
	}

	async cancelForChange(target: WmsChangeTarget, reason: string): Promise<WmsCancelOutcome> {
		if (target.stage === 'cancelled') return { result: 'alreadyCancelled', stage: 'cancelled' };
		if (!cancellable(target.stage)) return { result: 'refused', stage: target.stage };
		const id = encodeURIComponent(target.wmsOrderId);
		for (let attempt = 1; ; attempt++) {
			const current = await this.readOrder(target.wmsOrderId);
			const stage = stageOf(current.body);
			// Cancelled by our earlier try whose answer was lost, or by a person: either way, not twice.
			if (stage === 'cancelled') return { result: attempt > 1 ? 'cancelled' : 'alreadyCancelled', stage };
			if (!cancellable(stage)) return { result: 'refused', stage };
			const res = await this.write('POST', `/orders/${id}/canceler`, { reason }, current);
			if (res.ok) return { result: 'cancelled', stage: 'cancelled' };
			const f = res.failure;
			if (f.status === 412 || (isTransient(f) && attempt < this.deps.policy.attempts)) {
				await sleep(retryDelayMs(attempt, this.deps.policy, f));
				continue;
			}
			if (f.status && f.status < 500 && f.status !== 429 && f.status !== 401 && f.status !== 403 && f.status !== 404)
				return { result: 'refused', stage, message: apiWords(f.body) || `HTTP ${f.status}` };
			throw this.failed(f, `cancelling order ${target.reference} (3PL WM order ${target.wmsOrderId})`);
		}
	}

	async updateForChange(target: WmsChangeTarget, input: WmsOrderInput): Promise<WmsUpdateOutcome> {
		const row = this.rows.get(target.wmsOrderId);
		const before = { address: row ? shipToView(row) : undefined, lines: row ? linesOf(row) : undefined };
		const body = toOrderCreate(input, this.deps.settings);
		const wanted = addressView(input.destination.address, body.shipTo.state);
		const stateNames = [input.destination.address.state];
		const linesChanged = before.lines !== undefined && !sameLines(before.lines, input.destination.lines);
		const notChanged: Array<'lines'> = linesChanged ? ['lines'] : [];
		const addressChanged = !before.address || addressDifferences(before.address, wanted, stateNames).length > 0;
		if (!addressChanged) return { result: linesChanged ? 'refused' : 'unchanged', stage: target.stage, before, notChanged, message: linesChanged ? LINES_NOT_BY_API : undefined };
		if (target.stage !== 'unallocated') return { result: 'refused', stage: target.stage, before, notChanged };
		const id = encodeURIComponent(target.wmsOrderId);
		for (let attempt = 1; ; attempt++) {
			const current = await this.readOrder(target.wmsOrderId);
			const stage = stageOf(current.body);
			const now = shipToView(current.body);
			if (!addressDifferences(now, wanted, stateNames).length) return { result: attempt > 1 ? 'updated' : 'unchanged', stage, before, notChanged };
			if (stage !== 'unallocated') return { result: 'refused', stage, before, notChanged };
			const order = { ...(asObject(current.body) ?? {}) };
			delete order._links;
			delete order._embedded;
			const res = await this.write('PUT', `/orders/${id}`, { ...order, shipTo: { ...(asObject(order.shipTo) ?? {}), ...body.shipTo } }, current);
			if (res.ok) return { result: 'updated', stage, before, notChanged };
			const f = res.failure;
			if (f.status === 412 || (isTransient(f) && attempt < this.deps.policy.attempts)) {
				await sleep(retryDelayMs(attempt, this.deps.policy, f));
				continue;
			}
			if (f.status && f.status < 500 && f.status !== 429 && f.status !== 401 && f.status !== 403 && f.status !== 404)
				return { result: 'refused', stage, before, notChanged, message: apiWords(f.body) || `HTTP ${f.status}` };
			throw this.failed(f, `updating order ${target.reference} (3PL WM order ${target.wmsOrderId})`);
		}
	}

	private failed(f: HttpFailure, what: string) {
		if (f.token) return wmsApiError(this.deps.ctx, f, f.message);
		const apiText = apiWords(f.body);
		const { customerId, facilityId } = this.deps.settings;
		const credential = '"Extensiv 3PL Warehouse Manager API" credential';
		// 401/403 after n8n renewed the token: the credential (or the user's rights), not a passing fault.
		const advice =
			f.status === 401 || f.status === 403
				? failureAdvice(f, {
						credential,
						authFields: 'Client ID, Client Secret and User Login',
						forbidden: `The credential's user may not do this for customer ${customerId} in facility ${facilityId}: give the user the right in 3PL Warehouse Manager, or fix Customer ID / Facility ID in the ${credential}. Nothing was changed.`,
					})
				: undefined;
		return wmsApiError(
			this.deps.ctx,
			f,
			`3PL Warehouse Manager failed ${what}: ${f.status ? `HTTP ${f.status}` : f.message}${apiText ? ` (${apiText})` : ''}.`,
			advice ?? 'Nothing was changed twice. Run the workflow again later; the change is looked up again first.',
		);
	}

	private async readOrder(wmsOrderId: string): Promise<IN8nHttpFullResponse> {
		return await this.deps.read(
			{ method: 'GET', path: `/orders/${encodeURIComponent(wmsOrderId)}`, retry: true },
			`reading order ${wmsOrderId}`,
		);
	}

	/** One write with the ETag just read (If-Match); never retried here: the caller re-reads first. */
	private async write(method: IHttpRequestMethods, path: string, body: IDataObject, current: IN8nHttpFullResponse): Promise<SendResult> {
		const etag = headerValue(current.headers, 'etag');
		return await this.deps.send({ method, path, body, headers: { ...JSON_BODY, ...(etag ? { 'If-Match': etag } : {}) }, retry: false });
	}
}

function cancellable(stage: WmsOrderStage): boolean {
	return stage === 'unallocated' || stage === 'allocated';
}

const LINES_NOT_BY_API = '3PL Warehouse Manager order lines are not changed through its API';

