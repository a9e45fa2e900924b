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

export async function startDemoWorld(options: DemoWorldOptions = {}): Promise<DemoWorld> {
	const seed = options.seed ?? 1;
	const bc = await startBigCommerceSandbox({ seed: { seed, orders: options.orders ?? 60, specialOrders: true }, ...options.quota });
	try {
		// Enough stock for every order, and levels that differ from the store's so the inventory sync has work to do.
		const items = catalogSkus(bc).map((sku, i) => ({ sku, available: 150 + ((i * 37) % 250) }));
		const wms = await startWmsSandbox({ items, seed });
		return {
			bc,
			wms,
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
