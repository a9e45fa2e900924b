import type { WmsAdapter, WmsBatchCreateResult, WmsCreateOrdersOptions, WmsCreateResult, WmsOrderInput, WmsOrderRef } from '../../../nodes/shared/wms/adapter';
import type { DeliverSettings } from '../../../nodes/shared/delivery/types';

export { address, destination, line, order } from '../../helpers/orders';

export function settings(overrides: Partial<DeliverSettings> = {}): DeliverSettings {
	return {
		shipMethods: [],
		unmapped: { action: 'useDefault' },
		problems: 'hold',
		statusAfterDelivery: 9,
		includeCustomerMessage: true,
		includeStaffNotes: false,
		parallel: 1,
		...overrides,
	};
}

/** An in-memory adapter: remembers references, `exists` on a repeat, optional failure per reference. */
export class FakeAdapter implements WmsAdapter {
	readonly type = 'extensiv' as const;
	readonly created: WmsOrderInput[] = [];
	readonly byReference = new Map<string, string>();
	failWith = new Map<string, Error>();
	private next = 500;

	async findOrderByReference(reference: string) {
		const id = this.byReference.get(reference);
		return id ? { wmsOrderId: id, reference, status: 'open' as const } : null;
	}
	async findOrdersByReferences(references: string[]) {
		return new Map(await Promise.all(references.map(async (r) => [r, await this.findOrderByReference(r)] as [string, WmsOrderRef | null])));
	}
	async activeOrdersByReferences(references: string[]) {
		return new Map(references.map((r) => [r, this.byReference.has(r) ? [{ wmsOrderId: this.byReference.get(r)!, reference: r, status: 'open' as const }] : []]));
	}
	/** Batches the node sent: the references of each createOrders call. */
	readonly batches: string[][] = [];
	async createOrders(inputs: WmsOrderInput[], options: WmsCreateOrdersOptions = {}): Promise<WmsBatchCreateResult[]> {
		this.batches.push(inputs.map((i) => i.reference));
		const out: WmsBatchCreateResult[] = [];
		for (const input of inputs) {
			if (options.lookOnly?.has(input.reference) && !this.byReference.has(input.reference)) {
				out.push({ reference: input.reference, ok: true, result: null });
				continue;
			}
			try {
				out.push({ reference: input.reference, ok: true, result: await this.createOrder(input) });
			} catch (error) {
				out.push({ reference: input.reference, ok: false, error });
			}
		}
		return out;
	}
	async createOrder(input: WmsOrderInput): Promise<WmsCreateResult> {
		const failure = this.failWith.get(input.reference);
		if (failure) throw failure;
		const existing = this.byReference.get(input.reference);
		if (existing) return { wmsOrderId: existing, outcome: 'exists' };
		const id = String(this.next++);
		this.byReference.set(input.reference, id);
		this.created.push(input);
		return { wmsOrderId: id, outcome: 'created' };
	}
	async listShippedOrders() {
		return [];
	}
	async listStock() {
		return [];
	}
	async cancelOrder() {}
}
