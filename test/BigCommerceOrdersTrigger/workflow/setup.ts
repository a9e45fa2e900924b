/**
 * Helpers for the Orders Trigger engine tests: the trigger as a one-node workflow polled through the harness with
 * persisted static data, an injectable clock, and what the sandbox says each order should look like.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { DEFAULT_TRANSPORT_SETTINGS, transportSettings } from '../../../nodes/shared/bigcommerce/retry';
import { DELIVERED_STATIC_KEY, type Order } from '../../../nodes/shared/model';
import { triggerClock } from '../../../nodes/BigCommerceOrdersTrigger/clock';
import { startBigCommerceSandbox, type BcSandbox } from '../../../sandbox/bigcommerce';
import type { SeedOptions } from '../../../sandbox/bigcommerce/types';
import { pollOnce } from '../../helpers/harness';
import { TRIGGER, triggerWorkflow } from '../../helpers/triggerWorkflow';
import { useWorld } from '../../helpers/useWorld';

export { TRIGGER, triggerWorkflow };

/** Retry delays in milliseconds instead of seconds. */
export function fastRetries(): void {
	Object.assign(transportSettings, { backoffBaseMs: 2, backoffCapMs: 20, maxWaitMs: 200, rateLimitMarginMs: 5, timeoutMs: 5000 });
}
export function restoreRetries(): void {
	Object.assign(transportSettings, DEFAULT_TRANSPORT_SETTINGS);
}

/** A BigCommerce sandbox seeded with `seed` (quota out of the way) and fast retries, for the enclosing describe block. */
export function useStore(seed: SeedOptions): BcSandbox {
	return useWorld(() => startBigCommerceSandbox({ seed, quota: 100000, windowMs: 1000 }), { fast: fastRetries, restore: restoreRetries });
}

/** A clock the trigger reads instead of Date.now(), moved by tests. */
export class TestClock {
	private offsetMs = 0;
	private readonly original = triggerClock.now;
	install(): void {
		triggerClock.now = () => Date.now() + this.offsetMs;
	}
	advanceMinutes(minutes: number): void {
		this.offsetMs += minutes * 60000;
	}
	uninstall(): void {
		triggerClock.now = this.original;
	}
}

export class TriggerRunner {
	readonly staticData: IDataObject = {};
	constructor(
		private readonly bc: BcSandbox,
		private readonly parameters: IDataObject,
	) {}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<Order[]> {
		const out = await pollOnce(triggerWorkflow(this.parameters), {
			credentials: { bigCommerceApi: { ...this.bc.credentials } },
			staticData: this.staticData,
			triggerNode: TRIGGER,
			mode,
		});
		return itemsOf(out);
	}

	/** What WMS Deliver records after a successful delivery. */
	markDelivered(orderIds: number[], at = new Date()): void {
		const global = ((this.staticData.global as IDataObject | undefined) ?? (this.staticData.global = {})) as IDataObject;
		const marks = { ...((global[DELIVERED_STATIC_KEY] as IDataObject | undefined) ?? {}) };
		for (const id of orderIds) marks[String(id)] = at.toISOString();
		global[DELIVERED_STATIC_KEY] = marks;
	}
}

export function itemsOf(out: INodeExecutionData[][] | null): Order[] {
	return (out?.[0] ?? []).map((i) => i.json as unknown as Order);
}

export interface ExpectedLine {
	orderProductId: number;
	sku: string;
	quantity: number;
}

/** The physical lines per shipping address of an order, from the sandbox's state (not through the API). */
export function expectedDestinations(bc: BcSandbox, orderId: number): Map<number, ExpectedLine[]> {
	const byAddress = new Map<number, ExpectedLine[]>();
	for (const a of bc.getShippingAddresses(orderId)) byAddress.set(a.id, []);
	for (const l of bc.getOrderProducts(orderId)) {
		if (l.type === 'digital' || l.type === 'giftcertificate' || l.quantity <= 0) continue;
		byAddress.get(l.order_address_id)?.push({ orderProductId: l.id, sku: l.sku, quantity: l.quantity });
	}
	for (const [id, lines] of byAddress) if (!lines.length) byAddress.delete(id);
	return byAddress;
}

export function hasPhysicalLines(bc: BcSandbox, orderId: number): boolean {
	return expectedDestinations(bc, orderId).size > 0;
}

/** Asserts an emitted order matches the sandbox: every physical line with its SKU and quantity, at its address. */
export function expectOrderMatches(bc: BcSandbox, order: Order): void {
	const expected = expectedDestinations(bc, order.orderId);
	const addresses = new Map(bc.getShippingAddresses(order.orderId).map((a) => [a.id, a]));
	expect(order.destinations.map((d) => d.addressId).sort()).toEqual([...expected.keys()].sort());
	for (const d of order.destinations) {
		const got = d.lines.map((l) => ({ orderProductId: l.orderProductId, sku: l.sku, quantity: l.quantity }));
		expect(got).toEqual(expected.get(d.addressId));
		const a = addresses.get(d.addressId)!;
		expect(d.address).toMatchObject({ firstName: a.first_name, street1: a.street_1, city: a.city, postalCode: a.zip, countryIso2: a.country_iso2 });
	}
}
