/**
 * Confirm Shipment when another run (another n8n process) works on the same order at the same moment, with nock
 * standing in for BigCommerce: twins created around our POST are deleted (lowest shipment id kept), a 400
 * "greater than the quantity remaining" is re-read and classified, duplicates left by earlier overlapping runs are
 * repaired, and a package that cannot be confirmed is `failed` with a reason, never `skipped: already shipped`.
 */
import nock from 'nock';
import { DEFAULT_TRANSPORT_SETTINGS, transportSettings } from '../../../nodes/shared/bigcommerce/retry';
import { runNode } from '../../helpers/harness';
import { ORDER_QS, STORE, bc, input, opts, orderWith, pkg, product, recorder, shipment } from './fixtures';

const SHIPMENTS = `${STORE}/orders/100/shipments`;
const REMAINING = [{ status: 400, message: 'The quantity specified for order product 1 (1) is greater than the quantity remaining to be shipped (0).' }];

beforeAll(() => Object.assign(transportSettings, { backoffBaseMs: 1, backoffCapMs: 5, maxWaitMs: 50, timeoutMs: 3000 }));
afterAll(() => Object.assign(transportSettings, DEFAULT_TRANSPORT_SETTINGS));
afterEach(() => nock.cleanAll());


describe('Confirm Shipment with an overlapping run on the same order', () => {
	it('our POST and a lower-id twin from another run: ours is deleted, the package is "exists", not "created" twice', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 2)]))
			.get(SHIPMENTS).query(true).reply(204)
			.post(SHIPMENTS).reply(201, shipment(12, '1Z1', [[1, 1]]))
			.get(SHIPMENTS).query(true).reply(200, [shipment(11, '1Z1', [[1, 1]]), shipment(12, '1Z1', [[1, 1]])])
			.delete(`${SHIPMENTS}/12`).reply(204);
		const log = recorder(scope);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z1', [['MUG', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(log).toEqual(['GET /orders/100', 'GET /orders/100/shipments', 'POST /orders/100/shipments', 'GET /orders/100/shipments', 'DELETE /orders/100/shipments/12']);
		expect(items).toEqual([expect.objectContaining({ outcome: 'exists', shipmentId: 11 })]);
		expect(items[0].reason).toMatch(/created at the same moment by an overlapping run.*shipment 12\) was deleted/);
	});

	it('our POST has the lowest id: the other run\'s twin is deleted and ours is "created"', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 2)]))
			.get(SHIPMENTS).query(true).reply(204)
			.post(SHIPMENTS).reply(201, shipment(11, '1Z1', [[1, 1]]))
			.get(SHIPMENTS).query(true).reply(200, [shipment(11, '1Z1', [[1, 1]]), shipment(12, '1Z1', [[1, 1]])])
			// The other run deleted it first: 404 is fine.
			.delete(`${SHIPMENTS}/12`).reply(404, [{ status: 404, message: 'The requested resource was not found.' }]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z1', [['MUG', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items).toEqual([expect.objectContaining({ outcome: 'created', shipmentId: 11, orderStatus: { id: 3, name: 'Partially Shipped' } })]);
		expect(items[0].reason).toMatch(/Duplicate shipment 12 .*deleted/);
	});

	it('400 "greater than the quantity remaining" because the other run created this package: re-read, "exists" (not failed)', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)]))
			.get(SHIPMENTS).query(true).reply(204)
			.post(SHIPMENTS).reply(400, REMAINING)
			.get(SHIPMENTS).query(true).reply(200, [shipment(21, '1Z1', [[1, 1]])]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z1', [['MUG', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items).toEqual([expect.objectContaining({ outcome: 'exists', shipmentId: 21, orderStatus: { id: 2, name: 'Shipped' } })]);
	});

	it('400 remaining because a twin of another package holds the units: the twin is deleted and the package posted again', async () => {
		const lines = [product(1, 'MUG', 2)];
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith(lines))
			.get(SHIPMENTS).query(true).reply(204)
			.post(SHIPMENTS).reply(201, shipment(1, 'A', [[1, 1]]))
			.get(SHIPMENTS).query(true).reply(200, [shipment(1, 'A', [[1, 1]])])
			// Package B: meanwhile another process posted A again (shipment 2), taking B's unit.
			.post(SHIPMENTS).reply(400, REMAINING)
			.get(SHIPMENTS).query(true).reply(200, [shipment(1, 'A', [[1, 1]]), shipment(2, 'A', [[1, 1]])])
			.delete(`${SHIPMENTS}/2`).reply(204)
			.post(SHIPMENTS).reply(201, shipment(3, 'B', [[1, 1]]))
			.get(SHIPMENTS).query(true).reply(200, [shipment(1, 'A', [[1, 1]]), shipment(3, 'B', [[1, 1]])]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('A', [['MUG', 1]]), pkg('B', [['MUG', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items.map((i) => [i.trackingNumber, i.outcome, i.shipmentId])).toEqual([['A', 'created', 1], ['B', 'created', 3]]);
		expect(items[1].reason).toMatch(/Duplicate shipment 2 \(the same package twice\) deleted/);
	});

	it('repairs what overlapping runs left before: twins deleted, the missing packages created (never "already fully shipped")', async () => {
		const four = [product(1, 'MUG-RED', 4, { quantity_shipped: 4 })];
		const left = [shipment(1, 'T1', [[1, 1]]), shipment(2, 'T1', [[1, 1]]), shipment(3, 'T2', [[1, 1]]), shipment(4, 'T2', [[1, 1]])];
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith(four, { status_id: 2, status: 'Shipped' }))
			.get(SHIPMENTS).query(true).reply(200, left)
			.delete(`${SHIPMENTS}/2`).reply(204)
			.delete(`${SHIPMENTS}/4`).reply(204)
			.post(SHIPMENTS).reply(201, shipment(5, 'T3', [[1, 1]]))
			.get(SHIPMENTS).query(true).reply(200, [left[0], left[2], shipment(5, 'T3', [[1, 1]])])
			.post(SHIPMENTS).reply(201, shipment(6, 'T4', [[1, 1]]))
			.get(SHIPMENTS).query(true).reply(200, [left[0], left[2], shipment(5, 'T3', [[1, 1]]), shipment(6, 'T4', [[1, 1]])]);
		const packages = ['T1', 'T2', 'T3', 'T4'].map((t) => pkg(t, [['MUG-RED', 1]]));
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items.map((i) => [i.trackingNumber, i.outcome, i.shipmentId])).toEqual([['T1', 'exists', 1], ['T2', 'exists', 3], ['T3', 'created', 5], ['T4', 'created', 6]]);
		expect(items[2].reason).toMatch(/Duplicate shipment 2, 4 \(the same package twice\) deleted from order 100/);
		expect(items[3]).toMatchObject({ orderStatus: { id: 2, name: 'Shipped' } });
	});

	it('a package that keeps getting 400 remaining with no twin to remove is "failed" with a reason, not "skipped"', async () => {
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith([product(1, 'MUG', 1)]))
			.get(SHIPMENTS).query(true).reply(204)
			.post(SHIPMENTS).reply(400, REMAINING)
			// Someone else's shipment (other tracking, other lines) took the unit.
			.get(SHIPMENTS).query(true).reply(200, [shipment(30, 'MANUAL', [[1, 1]])]);
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('1Z1', [['MUG', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items).toEqual([expect.objectContaining({ outcome: 'failed', shipmentId: null })]);
		expect(items[0].reason).toMatch(/HTTP 400.*greater than the quantity remaining.*re-read.*no shipment with this package's tracking number 1Z1/);
	});

	it('two packages sharing one tracking number posted by two runs at once: only the identical twin goes', async () => {
		const lines = [product(1, 'MUG', 1), product(2, 'TEE', 1)];
		const scope = bc()
			.get(`${STORE}/orders/100`).query(ORDER_QS).reply(200, orderWith(lines))
			.get(SHIPMENTS).query(true).reply(204)
			.post(SHIPMENTS).reply(201, shipment(1, 'ORDER-TRK', [[1, 1]]))
			// The other run posted the TEE package with the same tracking number at the same moment: not a twin.
			.get(SHIPMENTS).query(true).reply(200, [shipment(1, 'ORDER-TRK', [[1, 1]]), shipment(2, 'ORDER-TRK', [[2, 1]])]);
		// Our TEE package then finds shipment 2 (same tracking number, unclaimed) and does not post.
		const { items } = await runNode('confirmShipment', input, [{ reference: 'BC-100', packages: [pkg('ORDER-TRK', [['MUG', 1]]), pkg('ORDER-TRK', [['TEE', 1]])] }], opts);
		expect(scope.isDone()).toBe(true);
		expect(items.map((i) => [i.outcome, i.shipmentId])).toEqual([['created', 1], ['exists', 2]]);
	});
});
