/**
 * The demo's world: a seeded BigCommerce store and a 3PL Warehouse Manager look-alike whose items are the store's
 * SKUs, both on 127.0.0.1 (random ports), and the credential data n8n would hold for them.
 */
import { startBigCommerceSandbox, type BcSandbox, type BcSandboxOptions } from '../../sandbox/bigcommerce';
import { startWmsSandbox, type WmsSandbox } from '../../sandbox/wms';
import type { TestCredentials } from '../../test/helpers/harness';

export interface DemoWorld {
	bc: BcSandbox;
	wms: WmsSandbox;
	credentials: TestCredentials;
	/** BigCommerce requests allowed per rate-limit window. */
	quota: number;
	close(): Promise<void>;
}

export interface DemoWorldOptions {
	/** Seed of the generated store and warehouse (default 1). */
	seed?: number;
	/** Generated orders spread over all statuses (default 60), plus the special orders. */
	orders?: number;
	/** BigCommerce rate limit (default: the sandbox's 150 requests per 30 s, as on BigCommerce's Standard plan). */
	quota?: Pick<BcSandboxOptions, 'quota' | 'windowMs'>;
}

/**
 * The SKUs a warehouse stocks for the store: the variant SKUs of every physical product (a product without options
 * has one base variant carrying the product's SKU), i.e. exactly the SKUs order lines carry.
 */
export function catalogSkus(bc: BcSandbox): string[] {
	const physical = new Set(bc.getProducts().filter((p) => p.type === 'physical').map((p) => p.id));
	return [...new Set(bc.getVariants().filter((v) => v.sku && physical.has(v.product_id)).map((v) => v.sku))];
}

/** The sandbox's default, BigCommerce's limit on its Standard and Plus plans (150 requests per 30 s). */
const DEFAULT_QUOTA = 150;

export async function startDemoWorld(options: DemoWorldOptions = {}): Promise<DemoWorld> {
	const seed = options.seed ?? 1;
	const bc = await startBigCommerceSandbox({ seed: { seed, orders: options.orders ?? 60, specialOrders: true }, ...options.quota });
	try {
		// Enough stock for every order; most levels differ from the store's (work for the inventory sync), every
		// third tracked SKU already matches.
		const items = catalogSkus(bc).map((sku, i) => {
			const record = bc.getInventory(sku);
			const same = i % 3 === 0 && record && record.tracking !== 'none' && record.level >= 20;
			return { sku, available: same ? record.level : 150 + ((i * 37) % 250) };
		});
		const wms = await startWmsSandbox({ items, seed });
		return {
			bc,
			wms,
			quota: options.quota?.quota ?? DEFAULT_QUOTA,
			credentials: { bigCommerceApi: { ...bc.credentials }, extensivWarehouseManagerApi: { ...wms.extensivCredentials } },
			close: async () => {
				await Promise.all([bc.close(), wms.close()]);
			},
		};
	} catch (error) {
		await bc.close();
		throw error;
	}
}
