/**
 * Cancel and update of an order already in a generic HTTP WMS (WMS Order Changes), through the contract
 * (README "Generic WMS HTTP contract"):
 *   GET  /orders?reference=R  -> {id, reference, status, stage?} (or an array; cancelled orders included)
 *   GET  /orders/{id}         -> {id, reference, status, stage?, destination: {address, lines}}
 *   PUT  /orders/{id}         body {reference, order, destination} -> 200 | 409 {message, status?} when too late
 *   POST /orders/{id}/cancel  body {reason} -> 204 | 409 {message, status} when it cannot (status "cancelled": done)
 * At most 3 requests per warehouse order: look-up, read (update only), write.
 */
import { plainText } from '../../http/plainText';
import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { Address, OrderLine } from '../../model';
import type { WmsCancelOutcome, WmsChangeAdapter, WmsChangeTarget, WmsOrderInput, WmsOrderStage, WmsUpdateOutcome } from '../adapter';
import { addressStateCode } from '../../stateCode';
import { addressDifferences, addressView, linesView, sameLines } from '../changeCompare';
import { failureAdvice, isTransient, retryDelayMs, wmsApiError, type HttpFailure, type RetryPolicy, type SendResult, type WmsContext } from '../request';

export interface HttpChangeDeps {
	ctx: WmsContext;
	policy: RetryPolicy;
	send(method: IHttpRequestMethods, path: string, opts: { qs?: IDataObject; body?: IDataObject; retry: boolean }): Promise<SendResult>;
}

interface OrderBody {
	id?: string | number;
	reference?: string;
	status?: string;
	stage?: string;
	message?: string;
	error?: string;
	destination?: { address?: Partial<Address>; lines?: Array<Pick<OrderLine, 'sku' | 'quantity'>> };
}

const STAGES: WmsOrderStage[] = ['unallocated', 'allocated', 'picking', 'packed', 'closed', 'cancelled'];

/** `status` (open | closed | shipped | cancelled) and the optional `stage` (unallocated | allocated | picking | packed). */
export function httpStage(body: OrderBody | undefined): WmsOrderStage {
	const status = String(body?.status ?? '').toLowerCase();
	if (status === 'cancelled' || status === 'canceled') return 'cancelled';
	if (status === 'closed' || status === 'shipped') return 'closed';
	const stage = String(body?.stage ?? '').toLowerCase() as WmsOrderStage;
	return STAGES.includes(stage) ? stage : 'unallocated';
}

function words(body: unknown): string {
	const b = (body ?? {}) as OrderBody;
	// A text or HTML error page (a proxy's 502): a short tag-free excerpt.
	if (typeof body === 'string') return plainText(body);
	return String(b.message ?? b.error ?? '');
}

export class HttpChanges implements WmsChangeAdapter {
	constructor(private readonly deps: HttpChangeDeps) {}

	async findForChange(reference: string): Promise<WmsChangeTarget[]> {
		const res = await this.deps.send('GET', '/orders', { qs: { reference }, retry: true });
		if (!res.ok && res.failure.status === 404) return [];
		const response = this.ensure(res, `looking up order ${reference}`);
		const bodies = (Array.isArray(response.body) ? response.body : [response.body]) as Array<OrderBody | undefined>;
		return bodies
			.filter((b) => b?.id !== undefined && b.id !== null && String(b.id) !== '')
			.map((b) => {
				const stage = httpStage(b);
				const status = stage === 'cancelled' ? 'cancelled' : stage === 'closed' ? 'closed' : 'open';
				return { wmsOrderId: String(b!.id), reference: b!.reference ?? reference, status, stage };
			});
	}

	async cancelForChange(target: WmsChangeTarget, reason: string): Promise<WmsCancelOutcome> {
		if (target.stage === 'cancelled') return { result: 'alreadyCancelled', stage: 'cancelled' };
		if (target.stage === 'closed') return { result: 'refused', stage: 'closed' };
		const path = `/orders/${encodeURIComponent(target.wmsOrderId)}/cancel`;
		for (let attempt = 1; ; attempt++) {
			const res = await this.deps.send('POST', path, { body: { reason }, retry: false });
			if (res.ok) return { result: 'cancelled', stage: 'cancelled' };
			const f = res.failure;
			if (f.status === 409 || f.status === 422) {
				const stage = httpStage(f.body as OrderBody);
				// After a lost answer the repeat finds it cancelled: that was ours.
				if (stage === 'cancelled') return { result: attempt > 1 ? 'cancelled' : 'alreadyCancelled', stage };
				return { result: 'refused', stage: stage === 'unallocated' ? target.stage : stage, message: words(f.body) };
			}
			if (isTransient(f) && attempt < this.deps.policy.attempts) {
				await sleep(retryDelayMs(attempt, this.deps.policy, f));
				continue;
			}
			throw this.failed(f, `cancelling order ${target.reference} (WMS order ${target.wmsOrderId})`);
		}
	}

	async updateForChange(target: WmsChangeTarget, input: WmsOrderInput): Promise<WmsUpdateOutcome> {
		const path = `/orders/${encodeURIComponent(target.wmsOrderId)}`;
		const current = this.ensure(await this.deps.send('GET', path, { retry: true }), `reading order ${target.reference}`).body as OrderBody;
		const stage = httpStage(current);
		const held = current?.destination ?? {};
		const before = { address: held.address ? addressView(held.address) : undefined, lines: held.lines ? linesView(held.lines) : undefined };
		const wanted = addressView(input.destination.address);
		const addressChanged = !before.address || addressDifferences(before.address, wanted).length > 0;
		const linesChanged = !before.lines || !sameLines(before.lines, input.destination.lines);
		if (!addressChanged && !linesChanged) return { result: 'unchanged', stage, before };
		if (stage !== 'unallocated') return { result: 'refused', stage, before };
		const lines = input.destination.lines.filter((l) => l.quantity > 0);
		const { raw: _raw, ...order } = input.order;
		const stateCode = addressStateCode(input.destination.address);
		const address = stateCode ? { ...input.destination.address, stateCode } : input.destination.address;
		const body = { reference: input.reference, order, destination: { ...input.destination, address, lines } } as unknown as IDataObject;
		// PUT replaces: repeating it after a lost answer is safe, so the request is retried.
		const res = await this.deps.send('PUT', path, { body, retry: true });
		if (res.ok) return { result: 'updated', stage, before };
		const f = res.failure;
		if (f.status === 409 || f.status === 422) return { result: 'refused', stage: httpStage(f.body as OrderBody), before, message: words(f.body) };
		throw this.failed(f, `updating order ${target.reference} (WMS order ${target.wmsOrderId})`);
	}

	private ensure(res: SendResult, what: string): IN8nHttpFullResponse {
		if (res.ok) return res.response;
		throw this.failed(res.failure, what);
	}

	private failed(f: HttpFailure, what: string) {
		const apiText = words(f.body);
		return wmsApiError(
			this.deps.ctx,
			f,
			`The WMS failed ${what}: ${f.status ? `HTTP ${f.status}` : f.message}${apiText ? ` (${apiText})` : ''}.`,
			f.status === 404
				? 'The WMS does not offer this request: it needs GET/PUT /orders/{id} and POST /orders/{id}/cancel (README, WMS HTTP contract).'
				: f.status === 401 || f.status === 403
					? failureAdvice(f, {
							credential: '"WMS HTTP API" credential',
							authFields: 'Header Name and Header Value (the API key)',
							forbidden: 'The API key in the "WMS HTTP API" credential lacks permission for this request: ask the WMS for a key that may read, change and cancel orders. Nothing was changed.',
						})
					: 'Nothing was changed twice. Run the workflow again later; the change is looked up again first.',
		);
	}
}
