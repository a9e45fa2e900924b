/**
 * The Orders Trigger feeding the real WMS Deliver node (generic HTTP WMS) through n8n's engine, against both
 * sandboxes: a run that fails at the warehouse is redelivered after the window and not before; once delivered
 * (marker + status 11 -> 9) nothing comes back, and every order is in the warehouse exactly once.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Order } from '../../../nodes/shared/model';
import { startWmsSandbox, type WmsSandbox } from '../../../sandbox/wms';
import { PACKAGE_NAME, pollAndRun } from '../../helpers/harness';
import { catalogItems } from '../../WmsDeliver/workflow/setup';
import { hasPhysicalLines, TestClock, TRIGGER, triggerWorkflow, useStore } from './setup';

jest.setTimeout(120000);

const workflow = triggerWorkflow(
	{ statuses: [11], options: { referencePrefix: 'BC-' } },
	{
		nodes: [{ id: 'deliver', name: 'WMS Deliver', type: `${PACKAGE_NAME}.wmsDeliver`, typeVersion: 1, position: [200, 0], parameters: { wmsType: 'http' } }],
		connections: { [TRIGGER]: { main: [[{ node: 'WMS Deliver', type: 'main' as never, index: 0 }]] } },
	},
);

describe('Orders Trigger -> WMS Deliver', () => {
	const bc = useStore({ orders: 40, awaitingFulfillmentShare: 0.3, specialOrders: false });
	let wms: WmsSandbox;
	const clock = new TestClock();

	beforeAll(async () => {
		clock.install();
		wms = await startWmsSandbox({ items: catalogItems(bc) });
	});
	afterAll(async () => {
		clock.uninstall();
		await wms.close();
	});

	it('redelivers after a failed run, then stops once WMS Deliver succeeded', async () => {
		const staticData: IDataObject = {};
		const cycle = async (wmsHeaderValue: string) => {
			const { emitted, result } = await pollAndRun(workflow, {
				credentials: { bigCommerceApi: { ...bc.credentials }, wmsHttpApi: { ...wms.httpCredentials, headerValue: wmsHeaderValue } },
				staticData,
				triggerNode: TRIGGER,
			});
			return { ids: (emitted as unknown as Order[]).map((o) => o.orderId).sort((a, b) => a - b), status: result?.status };
		};
		const expected = bc
			.listOrderIds({ statusId: 11 })
			.filter((id) => hasPhysicalLines(bc, id))
			.sort((a, b) => a - b);
		expect(expected.length).toBeGreaterThan(3);

		// The warehouse refuses the credential: the run fails, nothing is in the WMS.
		expect(await cycle('wrong-key')).toEqual({ ids: expected, status: 'error' });
		expect(wms.listOrders()).toHaveLength(0);
		clock.advanceMinutes(20);
		expect((await cycle(wms.httpCredentials.headerValue)).ids).toEqual([]);
		clock.advanceMinutes(11);
		expect(await cycle(wms.httpCredentials.headerValue)).toEqual({ ids: expected, status: 'success' });
		for (const id of expected) expect(bc.getOrder(id)!.status_id).toBe(9);
		clock.advanceMinutes(31);
		expect((await cycle(wms.httpCredentials.headerValue)).ids).toEqual([]);
		const references = wms.listOrders().map((o) => o.referenceNum);
		expect(references.length).toBe(new Set(references).size);
		for (const id of expected) expect(references).toContain(`BC-${id}`);
	});
});
