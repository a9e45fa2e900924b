/**
 * Issue 13, item 4: shipments go to the shipping address the lines ship to, never to the consignment id. The
 * BigCommerce sandbox gives every shipping consignment an id that differs from its address id and lists the
 * consignments in the reverse address order (orders.v2.oas2.yml: `consignments.shipping[].id` is the "ID of the
 * shipping consignment"; each line's `order_address_id` is the address). A two-address order goes through the
 * trigger's Order, WMS Deliver (references R and R/2) and Confirm Shipment, for both WMS targets.
 */
import { consignmentIdOf } from '../../../sandbox/bigcommerce/render';
import { runNode } from '../../helpers/harness';
import { confirmParams, PREFIX, useShippedWorld, type Scenario, type Target } from './setup';

const TWO_ADDRESSES: Scenario = {
	name: 'two addresses',
	order: {
		lines: [
			{ sku: 'TEE-BLU-M', quantity: 1, addressIndex: 0 },
			{ sku: 'MUG-RED', quantity: 2, addressIndex: 1 },
			{ sku: 'CAP-GRN', quantity: 1, addressIndex: 1 },
		],
		addresses: [{ city: 'Austin' }, { city: 'Boston' }],
	},
	plans: [{ kind: 'single' }, { kind: 'packages', count: 2 }],
	status: 2,
};

describe.each<Target>(['extensiv', 'http'])('two-address order through the %s WMS', (target) => {
	const world = useShippedWorld(target, [TWO_ADDRESSES]);

	it("the sandbox's consignment ids are not address ids, and come in the other order", async () => {
		const { bc } = world;
		const orderId = world.orderIds[TWO_ADDRESSES.name];
		const addresses = bc.getShippingAddresses(orderId).map((a) => a.id);
		expect(addresses).toHaveLength(2);
		const { storeHash, accessToken, apiUrl } = bc.credentials;
		const res = await fetch(`${apiUrl}/stores/${storeHash}/v2/orders/${orderId}?include=consignments.line_items&consignment_structure=object`, {
			headers: { 'X-Auth-Token': accessToken, Accept: 'application/json' },
		});
		const order = (await res.json()) as { consignments: { shipping: Array<{ id: number; line_items: Array<{ order_address_id: number }> }> } };
		const consignments = order.consignments.shipping;
		expect(consignments.map((c) => c.id)).toEqual([...addresses].reverse().map(consignmentIdOf));
		for (const c of consignments) expect(addresses).not.toContain(c.id);
		expect(consignments.map((c) => c.line_items[0].order_address_id)).toEqual([...addresses].reverse());
	});

	it("the trigger's Order carries the address ids, in address order: the WMS gets R = first address, R/2 = second", async () => {
		const { bc, wms } = world;
		const orderId = world.orderIds[TWO_ADDRESSES.name];
		const [austin, boston] = bc.getShippingAddresses(orderId).sort((a, b) => a.id - b.id);
		expect([austin.city, boston.city]).toEqual(['Austin', 'Boston']);
		const first = wms.findByReference(`${PREFIX}${orderId}`)[0];
		const second = wms.findByReference(`${PREFIX}${orderId}/2`)[0];
		expect(first && second).toBeTruthy();
		expect(JSON.stringify(first.body)).toContain('Austin');
		expect(JSON.stringify(second.body)).toContain('Boston');
		// The generic WMS receives the trigger's Order destination as is: its addressId is the address id.
		if (target === 'http') {
			expect((first.body as { destination: { addressId: number } }).destination.addressId).toBe(austin.id);
			expect((second.body as { destination: { addressId: number } }).destination.addressId).toBe(boston.id);
		}
	});

	it('Confirm Shipment puts every shipment on the address its lines ship to', async () => {
		const { bc } = world;
		const orderId = world.orderIds[TWO_ADDRESSES.name];
		const { items, result } = await runNode('confirmShipment', confirmParams(target), [{}], { credentials: world.credentials, staticData: {} });
		expect(result.error).toBeUndefined();
		expect(items.map((i) => i.outcome)).toEqual(['created', 'created', 'created']);
		const lineAddress = new Map(bc.getOrderProducts(orderId).map((p) => [p.id, p.order_address_id]));
		const skuOf = new Map(bc.getOrderProducts(orderId).map((p) => [p.id, p.sku]));
		const [austin, boston] = bc.getShippingAddresses(orderId).sort((a, b) => a.id - b.id);
		const shipments = bc.getShipments(orderId);
		expect(shipments).toHaveLength(3);
		for (const s of shipments) for (const i of s.items) expect(lineAddress.get(i.order_product_id)).toBe(s.order_address_id);
		const skusAt = (addressId: number) => shipments.filter((s) => s.order_address_id === addressId).flatMap((s) => s.items.map((i) => skuOf.get(i.order_product_id))).sort();
		expect(skusAt(austin.id)).toEqual(['TEE-BLU-M']);
		expect(skusAt(boston.id)).toEqual(['CAP-GRN', 'MUG-RED']);
		expect(bc.getOrder(orderId)?.status_id).toBe(2);
	});
});
