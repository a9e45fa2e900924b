/** Wall time and memory of the current process. */

/** Peak resident set size of this process so far, in MB (the OS's maxRSS, so spikes between samples count). */
export function peakRssMb(): number {
	return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Collects the scenario's set-up garbage (the child runs with --expose-gc) so the baseline is the engine's own. */
export function settle(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

export function rssMb(): number {
	return Math.round(process.memoryUsage().rss / 1048576);
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const start = process.hrtime.bigint();
	const value = await fn();
	return { value, ms: Number((process.hrtime.bigint() - start) / 1000000n) };
}

/**
 * `timed`, and the RSS right before `fn` and the highest RSS while it ran (MB): sampled every `everyMs`, and the
 * OS's high-water mark when `fn` raised it (so a spike between samples counts).
 */
export async function timedWithRss<T>(fn: () => Promise<T>, everyMs = 10): Promise<{ value: T; ms: number; startMb: number; peakMb: number }> {
	const startMb = rssMb();
	const maxBefore = peakRssMb();
	let peakMb = startMb;
	const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb())), everyMs);
	try {
		const { value, ms } = await timed(fn);
		const maxAfter = peakRssMb();
		peakMb = Math.max(peakMb, rssMb(), maxAfter > maxBefore ? maxAfter : 0);
		return { value, ms, startMb, peakMb };
	} finally {
		clearInterval(sampler);
	}
}

/**
 * Wall time of `requests` sequential requests at a quota: every full window is spent waiting for the reset (each
 * window's requests take quota x latency < window), the last window runs its rest at the latency.
 */
export function wallAtQuotaMs(requests: number, quota: number, windowMs: number, latencyMs: number): number {
	if (requests <= 0) return 0;
	const windows = Math.ceil(requests / quota);
	const last = requests - (windows - 1) * quota;
	return (windows - 1) * Math.max(windowMs, quota * latencyMs) + last * latencyMs;
}
