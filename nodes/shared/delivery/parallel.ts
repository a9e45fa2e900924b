/**
 * Runs `work` for every index with at most `limit` in flight, never two with the same key at once (two input items
 * for the same order must not both look the reference up before either creates it).
 */
export async function runLimited(
	count: number,
	limit: number,
	keyOf: (index: number) => string,
	work: (index: number) => Promise<void>,
): Promise<void> {
	const tails = new Map<string, Promise<void>>();
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			const key = keyOf(index);
			const previous = tails.get(key);
			const run = (previous ?? Promise.resolve()).then(async () => await work(index));
			const tail = run.then(
				() => undefined,
				() => undefined,
			);
			tails.set(key, tail);
			await run;
			if (tails.get(key) === tail) tails.delete(key);
		}
	};
	// Let every worker finish before reporting a failure, so no request is still running when the node returns.
	const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
	const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
	if (failed) throw failed.reason;
}
