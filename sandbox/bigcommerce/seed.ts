/** Deterministic seed data: a small catalog with mixed tracking modes and orders in every status. */
import type { SandboxAddressInput, SandboxLineInput, SeedOptions } from './types';
import type { ProductRec, SandboxState } from './state';
import { applyShipment } from './shipments';
import { createRng, nowSeconds, pick, randInt } from './util';

const FIRST = ['Jane', 'John', 'María', 'José', 'Zoë', 'Björn', 'Chloé', 'Łukasz', 'Søren', 'Aiko', 'Priya', 'Liam', 'Noah', 'Emma', 'Olivia', 'Mateo'];
const LAST = ['Doe', 'Smith', 'García', 'Müller', 'Núñez', 'O\'Brien', 'Kowalski', 'Østergaard', 'Tanaka', 'Patel', 'Johnson', 'Brown', 'Dubois', 'Rossi'];
const STREETS = ['Main Street', 'Oak Avenue', 'Maple Drive', 'Congress Ave', 'Elm Street', 'Sunset Blvd', 'Lake Shore Dr', 'Pine Road'];
const PLACES: Array<[string, string, string, string, string]> = [
	['Austin', 'Texas', '78751', 'United States', 'US'],
	['Chicago', 'Illinois', '60601', 'United States', 'US'],
	['Seattle', 'Washington', '98101', 'United States', 'US'],
	['Miami', 'Florida', '33101', 'United States', 'US'],
	['Toronto', 'Ontario', 'M5V 2T6', 'Canada', 'CA'],
	['München', 'Bayern', '80331', 'Germany', 'DE'],
	['Montréal', 'Québec', 'H2Y 1C6', 'Canada', 'CA'],
];
const ITEMS = ['T-Shirt', 'Hoodie', 'Mug', 'Poster', 'Cap', 'Sticker Pack', 'Tote Bag', 'Water Bottle', 'Notebook', 'Socks', 'Scarf', 'Lamp'];
const SIZES = ['S', 'M', 'L', 'XL'];

export function makeAddress(seed: number): SandboxAddressInput {
	const rng = createRng(seed * 7919 + 13);
	const first = pick(rng, FIRST);
	const last = pick(rng, LAST);
	const [city, state, zip, country, countryIso2] = pick(rng, PLACES);
	const mail = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
	return {
		firstName: first,
		lastName: last,
		street1: `${randInt(rng, 1, 9999)} ${pick(rng, STREETS)}`,
		street2: rng() < 0.2 ? `Apt ${randInt(rng, 1, 40)}` : '',
		city,
		state,
		zip,
		country,
		countryIso2,
		email: `${mail}${seed % 1000}@example.com`,
		phone: `555-${String(randInt(rng, 100, 999))}-${String(randInt(rng, 1000, 9999))}`,
		company: rng() < 0.15 ? 'Acme Corp' : '',
		shippingMethod: pick(rng, ['Flat Rate', 'Free Shipping', 'UPS Ground', 'USPS Priority']),
	};
}

/** Catalog: simple products tracked by product, products with variants tracked by variant, some untracked, one digital. */
export function seedCatalog(state: SandboxState, options: SeedOptions): void {
	const rng = createRng((options.seed ?? 1) * 31 + 7);
	const count = options.products ?? 40;
	for (let i = 1; i <= count; i++) {
		const item = ITEMS[i % ITEMS.length];
		// Mixed-case SKUs on purpose: SKUs are unique regardless of case and clients must match them so.
		const sku = i % 3 === 0 ? `sb-${item.slice(0, 3).toLowerCase()}-${String(i).padStart(3, '0')}` : `SB-${item.slice(0, 3).toUpperCase()}-${String(i).padStart(3, '0')}`;
		const variantCount = i % 4 === 0 ? 0 : randInt(rng, 0, 4);
		const tracking: ProductRec['tracking'] = i % 7 === 0 ? 'none' : variantCount > 0 ? (i % 5 === 0 ? 'product' : 'variant') : 'product';
		state.addProduct({
			sku,
			name: `${item} ${i}`,
			tracking,
			level: randInt(rng, 0, 200),
			price: 5 + randInt(rng, 0, 60) + 0.5 * randInt(rng, 0, 1),
			variants: Array.from({ length: variantCount }, (_, v) => ({
				sku: `${sku}-${SIZES[v]}`,
				level: randInt(rng, 0, 120),
				label: SIZES[v],
			})),
		});
	}
	state.addProduct({ sku: 'SB-EBOOK-001', name: 'Sandbox e-Book', type: 'digital', tracking: 'none' });
}

/** Lines for a generated order: catalog items (variant or simple) of physical products. */
function randomLines(state: SandboxState, rng: () => number, count: number, physical: ProductRec[]): SandboxLineInput[] {
	const lines: SandboxLineInput[] = [];
	for (let i = 0; i < count; i++) {
		const product = physical[(randInt(rng, 0, physical.length - 1) + i) % physical.length];
		const variantId = product.variantIds[randInt(rng, 0, product.variantIds.length - 1)];
		const variant = state.variants.get(variantId)!;
		lines.push({
			sku: variant.sku,
			name: variant.optionLabel ? `${product.name} (${variant.optionLabel})` : product.name,
			quantity: randInt(rng, 1, 4),
			productId: product.id,
			variantId,
			price: product.price,
		});
	}
	return lines;
}

export function seedOrders(state: SandboxState, options: SeedOptions): void {
	const rng = createRng((options.seed ?? 1) * 131 + 3);
	const physical = [...state.products.values()].filter((p) => p.type === 'physical' && p.sku !== '');
	const total = options.orders ?? 60;
	const share = options.awaitingFulfillmentShare ?? 0.3;
	const now = Date.now();
	const dayMs = 86400000;
	const specials = options.specialOrders !== false;
	const generated: number[] = [];
	for (let i = 0; i < total; i++) {
		// First 15 cover every status 0-14; the rest are status 11 with probability `share`.
		const statusId = i < 15 ? i : rng() < share ? 11 : randInt(rng, 0, 14);
		const age = (total - i) * (10 * dayMs) / Math.max(total, 1) + randInt(rng, 0, 3600) * 1000;
		const address = makeAddress((options.seed ?? 1) * 100000 + i);
		const id = state.addOrder(
			{
				statusId,
				customerId: rng() < 0.3 ? 0 : randInt(rng, 1, 500),
				dateCreated: new Date(now - age),
				customerMessage: rng() < 0.2 ? 'Please leave at the back door.' : '',
				lines: randomLines(state, rng, randInt(rng, 1, 5), physical),
				addresses: [address],
			},
			makeAddress,
		);
		generated.push(id);
		// Spread date_modified too: some orders were edited after creation.
		const order = state.orders.get(id)!;
		order.modifiedMs = Math.min(Math.floor(now / 1000) * 1000, order.createdMs + randInt(rng, 0, 48) * 3600000);
		// Shipped and completed orders carry their shipment; partially shipped ones ship the first line only.
		if (statusId === 2 || statusId === 3 || statusId === 10) {
			const lines = statusId === 3 ? order.lines.slice(0, 1) : order.lines;
			const items = lines.map((l) => ({ order_product_id: l.id, quantity: statusId === 3 && l.quantity > 1 ? l.quantity - 1 : l.quantity }));
			if (statusId === 3 && order.lines.length === 1 && order.lines[0].quantity === 1) order.lines[0].quantity = 2;
			applyShipment(state, order, order.addresses[0].id, items, { tracking_number: `1Z999AA1${String(id).padStart(10, '0')}`, shipping_provider: 'ups', shipping_method: 'UPS Ground' }, false);
			if (statusId !== 3) order.shippedMs = order.modifiedMs;
		}
	}
	if (!specials) return;
	const t = (hoursAgo: number) => new Date(now - hoursAgo * 3600000);
	// 60 lines: more than the 50 embedded in consignments and the 50 of the default products page.
	state.addOrder({ statusId: 11, dateCreated: t(5), lines: randomLines(state, rng, 60, physical).map((l, i) => ({ ...l, quantity: 1 + (i % 3) })), addresses: [makeAddress(900001)] }, makeAddress);
	// Two shipping addresses.
	const two = randomLines(state, rng, 4, physical);
	state.addOrder(
		{
			statusId: 11,
			dateCreated: t(4),
			lines: two.map((l, i) => ({ ...l, addressIndex: i % 2 })),
			addresses: [makeAddress(900002), { ...makeAddress(900003), firstName: 'Zoë', lastName: 'Ørsted', city: 'København', country: 'Denmark', countryIso2: 'DK', state: '', zip: '1050' }],
		},
		makeAddress,
	);
	// Digital only (status 11 here so that a status-11 download must skip it by order_is_digital).
	const ebook = [...state.products.values()].find((p) => p.type === 'digital')!;
	state.addOrder({ statusId: 11, dateCreated: t(3), lines: [{ sku: ebook.sku, quantity: 1, type: 'digital', productId: ebook.id, price: 12.5 }] }, makeAddress);
	// A custom line without SKU (product_id 0) next to a catalog line.
	state.addOrder(
		{
			statusId: 11,
			dateCreated: t(2),
			lines: [...randomLines(state, rng, 1, physical), { sku: '', name: 'Gift wrapping (custom)', quantity: 1, price: 4 }],
			addresses: [makeAddress(900004)],
		},
		makeAddress,
	);
}

/** Bulk catalog for big tests: simple products or products with `variantsPer` variants. Fast and light. */
export function generateCatalog(state: SandboxState, opts: { products: number; variantsPer?: number; seed?: number }): void {
	const rng = createRng(opts.seed ?? 7);
	const per = opts.variantsPer ?? 0;
	const prefix = `GEN${opts.seed ?? 7}-`;
	const level = () => Math.floor(rng() * 100);
	for (let i = 0; i < opts.products; i++) {
		const sku = prefix + String(i).padStart(6, '0');
		if (state.skuTaken(sku)) throw new Error(`SKU '${sku}' already exists; use another seed for a second generated catalog`);
		state.addGenerated(sku, level, per);
	}
	state.bulkTime = nowSeconds();
}
