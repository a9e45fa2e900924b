import { runLimited } from '../../../nodes/shared/delivery/parallel';

const tick = () => new Promise((r) => setImmediate(r));

describe('runLimited', () => {
	it('keeps at most `limit` in flight and never two of the same key at once', async () => {
		const keys = ['a', 'b', 'a', 'c', 'a', 'd', 'e', 'b'];
		let inFlight = 0;
		let maxInFlight = 0;
		const busy = new Set<string>();
		const done: number[] = [];
		await runLimited(keys.length, 3, (i) => keys[i], async (i) => {
			expect(busy.has(keys[i])).toBe(false);
			busy.add(keys[i]);
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			await tick();
			await tick();
			inFlight--;
			busy.delete(keys[i]);
			done.push(i);
		});
		expect([...done].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(maxInFlight).toBe(3);
		// Same-key items keep their input order.
		expect(done.filter((i) => keys[i] === 'a')).toEqual([0, 2, 4]);
	});

	it('finishes the other work before reporting a failure', async () => {
		const finished: number[] = [];
		await expect(
			runLimited(5, 2, (i) => String(i), async (i) => {
				if (i === 1) throw new Error('boom');
				await tick();
				finished.push(i);
			}),
		).rejects.toThrow('boom');
		expect(finished.sort()).toEqual([0, 2, 3, 4]);
	});
});
