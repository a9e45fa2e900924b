import { deliverOrder, type DeliverDeps } from '../../../nodes/shared/delivery/deliverOrder';
import { describeError } from '../../../nodes/shared/errors';
import { FakeAdapter, address, destination, line, order, settings } from './fixtures';

function deps(adapter = new FakeAdapter()) {
	const statusCalls: Array<[number, number]> = [];
	const d: DeliverDeps & { statusCalls: typeof statusCalls; adapter: FakeAdapter } = {
		adapter,
		statusCalls,
		setOrderStatus: async (orderId, statusId) => {
			statusCalls.push([orderId, statusId]);
		},
		describeError,
	};
	return d;
}

describe('deliverOrder', () => {
	it('creates one WMS order with the lines, address and chosen notes, then sets status 9', async () => {
		const d = deps();
		const { results, delivered } = await deliverOrder(order(), settings(), d);
		expect(delivered).toBe(true);
		expect(results).toHaveLength(1);
		expect(results[0]).toMatchObject({
			orderId: 1001,
			reference: 'BC-1001',
			destinationIndex: 0,
			wmsOrderId: '500',
			outcome: 'created',
			bigCommerceStatus: { id: 9, name: 'Awaiting Shipment' },
		});
		expect(results[0].reason).toContain('Order 1001 was created in the warehouse as BC-1001');
		const sent = d.adapter.created[0];
		expect(sent.destination.lines.map((l) => [l.sku, l.quantity])).toEqual([
			['MUG-RED', 2],
			['TEE-BLU-M', 1],
		]);
		expect(sent.destination.address.street1).toBe('1 Main St');
		expect(sent.order.notes).toEqual({ customer: 'Leave at the back door', staff: '' });
		expect(sent.routing).toBeUndefined();
		expect(d.statusCalls).toEqual([[1001, 9]]);
	});

	it('gives each destination of a multi-address order its own reference that is never -<digits>', async () => {
		const d = deps();
		const o = order({
			destinations: [
				destination([line('A', 1)]),
				destination([line('B', 3)], { address: address({ street1: '2 Side St' }), addressId: 2 }),
			],
		});
		const { results } = await deliverOrder(o, settings(), d);
		expect(results.map((r) => [r.reference, r.destinationIndex, r.outcome])).toEqual([
			['BC-1001', 0, 'created'],
			['BC-1001/2', 1, 'created'],
		]);
		expect(d.adapter.created[1].destination.lines[0].sku).toBe('B');
		expect(d.adapter.created[1].destination.address.street1).toBe('2 Side St');
		expect(d.statusCalls).toEqual([[1001, 9]]);
	});

	it('reports exists (not a second order) on a rerun and still writes the status back', async () => {
		const d = deps();
		await deliverOrder(order(), settings({ statusAfterDelivery: undefined }), d);
		const again = await deliverOrder(order(), settings(), d);
		expect(again.results[0]).toMatchObject({ outcome: 'exists', wmsOrderId: '500' });
		expect(again.results[0].reason).toContain('already in the warehouse as BC-1001');
		expect(d.adapter.created).toHaveLength(1);
		expect(d.statusCalls).toEqual([[1001, 9]]);
	});

	it('does not call BigCommerce when the order already has the target status or when told not to change it', async () => {
		const d = deps();
		const r1 = await deliverOrder(order({ status: { id: 9, name: 'Awaiting Shipment' } }), settings(), d);
		expect(r1.results[0].bigCommerceStatus).toEqual({ id: 9, name: 'Awaiting Shipment' });
		const r2 = await deliverOrder(order({ orderId: 1002, reference: 'BC-1002' }), settings({ statusAfterDelivery: undefined }), d);
		expect(r2.results[0].bigCommerceStatus).toBeUndefined();
		expect(d.statusCalls).toEqual([]);
	});

	it('holds the whole order when a line has no SKU, naming the line', async () => {
		const d = deps();
		const o = order({
			destinations: [destination([line('A', 1)]), destination([line('', 1, { name: 'Engraving' })], { addressId: 2 })],
		});
		const { results, delivered } = await deliverOrder(o, settings(), d);
		expect(delivered).toBe(false);
		expect(results.map((r) => r.outcome)).toEqual(['held', 'held']);
		expect(results[1].reason).toContain('destination 2: line 1 "Engraving" has no SKU');
		expect(results[0].reason).toMatch(/^Order 1001 \(all 2 destinations\) was held and not sent to the warehouse as BC-1001:/);
		expect(d.adapter.created).toHaveLength(0);
		expect(d.statusCalls).toEqual([]);
	});

	it('with "deliver the lines that have SKUs" drops SKU-less lines and tolerates only missing-sku problems', async () => {
		const d = deps();
		const o = order({
			destinations: [destination([line('A', 1), line('', 2, { name: 'Gift wrap' })])],
			problems: [{ code: 'missing-sku', message: 'Line "Gift wrap" has no SKU.', orderProductId: 2 }],
		});
		const { results } = await deliverOrder(o, settings({ problems: 'deliverLinesWithSku' }), d);
		expect(results[0].outcome).toBe('created');
		expect(d.adapter.created[0].destination.lines.map((l) => l.sku)).toEqual(['A']);

		const other = order({ orderId: 1003, reference: 'BC-1003', problems: [{ code: 'lines-truncated', message: 'Lines were cut at 50.' }] });
		const held = await deliverOrder(other, settings({ problems: 'deliverLinesWithSku' }), d);
		expect(held.results[0].outcome).toBe('held');
		expect(held.results[0].reason).toContain('Lines were cut at 50');
	});

	it('holds an order whose problems list is not empty by default, naming each SKU-less line once', async () => {
		const d = deps();
		const o = order({
			destinations: [destination([line('A'), line('', 1, { name: 'Custom print', orderProductId: 7 })])],
			problems: [{ code: 'missing-sku', message: 'Line "Custom print" has no SKU.', orderProductId: 7 }],
		});
		const { results } = await deliverOrder(o, settings(), d);
		expect(results[0].outcome).toBe('held');
		expect(results[0].reason).toBe(
			'Order 1001 was held and not sent to the warehouse as BC-1001: Line "Custom print" has no SKU. Fix it in BigCommerce (or change the WMS Deliver settings); the Orders Trigger offers the order again after its redelivery window.',
		);
	});

	it('holds an order with missing street or postal code but not a Hong Kong address without postal code', async () => {
		const d = deps();
		const bad = order({ destinations: [destination([line('A')], { address: address({ street1: '', postalCode: ' ' }) })] });
		const held = await deliverOrder(bad, settings(), d);
		expect(held.results[0].outcome).toBe('held');
		expect(held.results[0].reason).toContain('the shipping address has no street address, postal code');
		const hk = order({
			orderId: 1004,
			reference: 'BC-1004',
			destinations: [destination([line('A')], { address: address({ postalCode: '', country: 'Hong Kong', countryIso2: 'HK' }) })],
		});
		expect((await deliverOrder(hk, settings(), d)).results[0].outcome).toBe('created');
	});

	it('maps the ship method case-insensitively, and holds or defaults an unmapped one as configured', async () => {
		const d = deps();
		const map = [{ shippingMethod: ' ups  ground ', routing: { carrier: 'UPS', mode: '03', billingCode: 'Prepaid' } }];
		const o = order({ destinations: [destination([line('A')], { shippingMethod: 'UPS Ground' })] });
		await deliverOrder(o, settings({ shipMethods: map }), d);
		expect(d.adapter.created[0].routing).toEqual({ carrier: 'UPS', mode: '03', billingCode: 'Prepaid' });

		const express = (id: number) =>
			order({ orderId: id, reference: `BC-${id}`, destinations: [destination([line('A')], { shippingMethod: 'Express Overnight' })] });
		const held = await deliverOrder(express(1005), settings({ shipMethods: map, unmapped: { action: 'hold' } }), d);
		expect(held.results[0].outcome).toBe('held');
		expect(held.results[0].reason).toContain('shipping method "Express Overnight" is not in the Ship Method Mapping');

		await deliverOrder(express(1006), settings({ shipMethods: map, unmapped: { action: 'useDefault', routing: { carrier: 'FedEx' } } }), d);
		expect(d.adapter.created[1].routing).toEqual({ carrier: 'FedEx' });
	});

	it('reports a WMS rejection as failed with the WMS message, and does not write back or mark', async () => {
		const d = deps();
		d.adapter.failWith.set('BC-1001', new Error('ValueNotSupported: SKU NOPE is not assigned to Customer 1'));
		const { results, delivered } = await deliverOrder(order(), settings(), d);
		expect(delivered).toBe(false);
		expect(results[0]).toMatchObject({ outcome: 'failed', wmsOrderId: null });
		expect(results[0].reason).toContain('Order 1001 could not be created in the warehouse as BC-1001: ValueNotSupported: SKU NOPE');
		expect(d.statusCalls).toEqual([]);
	});

	it('reports a failed status write-back on a created order and leaves it undelivered so the trigger retries', async () => {
		const d = deps();
		d.setOrderStatus = async () => {
			throw new Error('The order status could not be changed (BigCommerce 500)');
		};
		const { results, delivered } = await deliverOrder(order(), settings(), d);
		expect(delivered).toBe(false);
		expect(results[0].outcome).toBe('created');
		expect(results[0].bigCommerceStatus).toBeUndefined();
		expect(results[0].statusUpdateError).toContain('BigCommerce 500');
		expect(results[0].reason).toContain('could not be set to Awaiting Shipment');
	});

	it('passes non-ASCII names and 300 lines through untouched', async () => {
		const d = deps();
		const lines = Array.from({ length: 300 }, (_, i) => line(`SKU-${i + 1}`, (i % 5) + 1, { orderProductId: i + 1 }));
		const o = order({
			destinations: [destination(lines, { address: address({ firstName: 'Zoë', lastName: 'Šťastná-日本', city: 'Zürich' }) })],
		});
		const { results } = await deliverOrder(o, settings(), d);
		expect(results[0].outcome).toBe('created');
		const sent = d.adapter.created[0];
		expect(sent.destination.lines).toHaveLength(300);
		expect(sent.destination.lines[299]).toMatchObject({ sku: 'SKU-300', quantity: 5 });
		expect(sent.destination.address).toMatchObject({ firstName: 'Zoë', lastName: 'Šťastná-日本', city: 'Zürich' });
	});

	it('holds an order without destinations (digital only) with the trigger\'s reason, as one result item', async () => {
		const d = deps();
		const o = order({ destinations: [], problems: [{ code: 'no-shippable-lines', message: 'Order 1001 has no physical lines to ship' }] });
		const { results, delivered } = await deliverOrder(o, settings({ problems: 'deliverLinesWithSku' }), d);
		expect(delivered).toBe(false);
		expect(results).toEqual([
			expect.objectContaining({ reference: 'BC-1001', destinationIndex: 0, outcome: 'held', wmsOrderId: null }),
		]);
		expect(results[0].reason).toContain('has no physical lines to ship');
		expect(d.adapter.created).toHaveLength(0);
	});
});
