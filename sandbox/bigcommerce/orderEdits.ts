/**
 * What a merchant does to an order in the BigCommerce control panel after it was handed to the warehouse: edit a
 * shipping address, change line quantities (0 removes the line), add a line, refund part of it. Every edit moves
 * date_modified, as BigCommerce does. Used by the admin endpoint `PUT /__admin/orders/{id}/edit` and `editOrder`.
 */
import type { OrderRec, SandboxState } from './state';
import type { SandboxAddressInput } from './types';
import { money } from './util';

export interface SandboxOrderEdit {
	/** Fields of the shipping address to change (`addressIndex`, default the first). */
	address?: SandboxAddressInput;
	addressIndex?: number;
	/** New quantity per SKU; 0 removes the line, an unknown SKU adds a line at the first address. */
	lines?: Array<{ sku: string; quantity: number }>;
	/** Total refunded so far (the order's refunded_amount). */
	refundedAmount?: number;
	statusId?: number;
}

const ADDRESS_FIELDS: Record<keyof SandboxAddressInput, string> = {
	firstName: 'first_name',
	lastName: 'last_name',
	street1: 'street_1',
	street2: 'street_2',
	city: 'city',
	state: 'state',
	zip: 'zip',
	country: 'country',
	countryIso2: 'country_iso2',
	email: 'email',
	phone: 'phone',
	company: 'company',
	shippingMethod: 'shipping_method',
};

export function editOrder(state: SandboxState, order: OrderRec, edit: SandboxOrderEdit): void {
	if (edit.address) {
		const address = order.addresses[edit.addressIndex ?? 0];
		if (!address) throw new Error(`Order ${order.id} has no shipping address ${edit.addressIndex ?? 0}`);
		for (const [key, value] of Object.entries(edit.address)) {
			const field = ADDRESS_FIELDS[key as keyof SandboxAddressInput];
			if (!field) throw new Error(`Unknown address field ${key}`);
			(address as Record<string, unknown>)[field] = value;
		}
	}
	for (const change of edit.lines ?? []) {
		const line = order.lines.find((l) => l.sku.toLowerCase() === change.sku.toLowerCase());
		if (line) {
			const address = order.addresses.find((a) => a.id === line.order_address_id);
			if (address) address.items_total += change.quantity - line.quantity;
			if (change.quantity <= 0) order.lines = order.lines.filter((l) => l !== line);
			else line.quantity = change.quantity;
		} else if (change.quantity > 0) {
			const template = order.lines[0];
			if (!template) throw new Error(`Order ${order.id} has no line to copy`);
			const found = state.findBySku(change.sku);
			const id = Math.max(...order.lines.map((l) => l.id)) + 1000;
			order.lines.push({
				...template,
				id,
				product_id: found?.product.id ?? 0,
				variant_id: found?.variant?.id ?? 0,
				sku: change.sku,
				name: found?.product.name ?? change.sku,
				quantity: change.quantity,
				quantity_shipped: 0,
			});
			const address = order.addresses.find((a) => a.id === template.order_address_id);
			if (address) address.items_total += change.quantity;
		}
	}
	if (edit.refundedAmount !== undefined) order.fields.refunded_amount = money(edit.refundedAmount);
	if (edit.statusId !== undefined) state.setStatus(order, edit.statusId);
	state.touch(order);
}
