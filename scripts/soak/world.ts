/**
 * The soak's store and warehouse: a BigCommerce sandbox with simple and variant products and N orders awaiting
 * fulfillment (some shipped to two addresses), a 3PL WM sandbox stocking every SKU, both with seeded faults.
 */
import type { IDataObject } from 'n8n-workflow';
import { DEFAULT_TRANSPORT_SETTINGS, transportSettings } from '../../nodes/shared/bigcommerce/retry';
import { DEFAULT_RETRY } from '../../nodes/shared/wms/request';
import { startBigCommerceSandbox, type BcSandbox, type FaultConfig } from '../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsFaultConfig, type WmsSandbox } from '../../sandbox/wms';
import type { TestCredentials } from '../../test/helpers/harness';
import { createRng } from '../../sandbox/rng';

export interface SoakOptions {
	orders: number;
	faultRate: number;
	crashRate: number;
	seed: number;
	maxRounds: number;
	/** BigCommerce quota per window (the soak compresses the 30 s window so it finishes quickly). */
	quota: number;
	windowMs: number;
}

export interface SoakWorld {
	bc: BcSandbox;
	wms: WmsSandbox;
	credentials: TestCredentials;
	/** Order ids in Awaiting Fulfillment at the start: every one must reach the warehouse. */
	initialOrders: number[];
	/** Every SKU that carries stock in BigCommerce (simple products and variants). */
	stockSkus: string[];
	faultsOn(): void;
	faultsOff(): void;
	close(): Promise<void>;
}

const SIMPLE = 40;
const VARIANT_PRODUCTS = 5;
const SIZES = ['S', 'M', 'L'];

const savedWmsRetry = { ...DEFAULT_RETRY };

/** Retries in milliseconds instead of seconds, same retry counts (the soak injects faults, it does not wait them out). */
export function fastRetries(): void {
	Object.assign(transportSettings, { backoffBaseMs: 5, backoffCapMs: 50, maxWaitMs: 2000, rateLimitMarginMs: 5, timeoutMs: 5000 });
	Object.assign(DEFAULT_RETRY, { baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 5000 });
}
export function restoreRetries(): void {
	Object.assign(transportSettings, DEFAULT_TRANSPORT_SETTINGS);
	Object.assign(DEFAULT_RETRY, savedWmsRetry);
}

/** A small seeded RNG, so a soak run is repeatable for a seed. */
export const rng = (seed: number) => createRng(seed);

export async function startSoakWorld(opts: SoakOptions): Promise<SoakWorld> {
	const random = rng(opts.seed);
	const bc = await startBigCommerceSandbox({ seed: { orders: 0, products: 0, specialOrders: false }, quota: 1_000_000, windowMs: opts.windowMs });
	const lines: Array<{ sku: string; productId: number; variantId?: number }> = [];
	for (let i = 0; i < SIMPLE; i++) {
		const p = bc.addProduct({ sku: `SOAK-${String(i).padStart(3, '0')}`, level: 50 });
		lines.push({ sku: p.sku, productId: p.id });
	}
	for (let i = 0; i < VARIANT_PRODUCTS; i++) {
		const p = bc.addProduct({ sku: `TEE-${i}`, tracking: 'variant', variants: SIZES.map((s) => ({ sku: `TEE-${i}-${s}`, level: 20 })) });
		for (const v of bc.getVariants().filter((x) => x.product_id === p.id && x.option_values.length)) lines.push({ sku: v.sku, productId: p.id, variantId: v.id });
	}
	const stockSkus = lines.map((l) => l.sku);
	const initialOrders: number[] = [];
	for (let i = 0; i < opts.orders; i++) {
		const twoAddresses = random() < 0.05;
		const n = 1 + Math.floor(random() * 4);
		const orderLines = Array.from({ length: n }, (_, j) => {
			const line = lines[Math.floor(random() * lines.length)];
			return { ...line, quantity: 1 + Math.floor(random() * 3), addressIndex: twoAddresses ? j % 2 : 0 };
		});
		// One SKU once per address keeps the expected WMS lines simple to compare.
		const unique = orderLines.filter((l, j) => orderLines.findIndex((x) => x.sku === l.sku && x.addressIndex === l.addressIndex) === j);
		if (twoAddresses && !unique.some((l) => l.addressIndex === 1)) unique.push({ ...lines[0], quantity: 1, addressIndex: 1 });
		initialOrders.push(
			bc.addOrder({
				statusId: 11,
				lines: unique,
				addresses: twoAddresses ? [{ city: 'Austin' }, { city: 'Boston' }] : undefined,
				customerMessage: random() < 0.1 ? 'Leave at the <b>back door</b> & ring twice' : undefined,
			}),
		);
	}
	const wms = await startWmsSandbox({ items: stockSkus.map((sku) => ({ sku, available: 100000 })), seed: opts.seed });
	const bcFaults: FaultConfig = { rate: opts.faultRate, kinds: ['500', '503', '429-no-headers', 'drop', 'lost-response'], seed: opts.seed };
	const wmsFaults: WmsFaultConfig = { rate: opts.faultRate, kinds: ['500', '503', '429', 'drop', 'lost-response'], seed: opts.seed + 1 };
	bc.setQuota(opts.quota, opts.windowMs);
	return {
		bc,
		wms,
		credentials: { bigCommerceApi: { ...bc.credentials }, extensivWarehouseManagerApi: { ...wms.extensivCredentials } },
		initialOrders,
		stockSkus,
		faultsOn() {
			bc.setFaults(bcFaults);
			wms.setFaults(wmsFaults);
		},
		faultsOff() {
			bc.setFaults(null);
			wms.setFaults(null);
		},
		async close() {
			await bc.close();
			await wms.close();
		},
	};
}

/** A deep copy of static data (n8n wraps it in an observable proxy, so JSON rather than structuredClone). */
export function snapshot(data: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(data)) as IDataObject;
}

/** Replaces the contents of a static-data object in place (n8n keeps the same object across runs). */
export function restoreInPlace(target: IDataObject, saved: IDataObject): void {
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, snapshot(saved));
}
