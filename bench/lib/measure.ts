/** Wall time and memory of the current process. */

/** Peak resident set size of this process so far, in MB (the OS's maxRSS, so spikes between samples count). */
export function peakRssMb(): number {
	return Math.round(process.resourceUsage().maxRSS / 1024);
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
 * Wall time of `requests` sequential requests at a quota: every full window is spent waiting for the reset (each
 * window's requests take quota x latency < window), the last window runs its rest at the latency.
 */
export function wallAtQuotaMs(requests: number, quota: number, windowMs: number, latencyMs: number): number {
	if (requests <= 0) return 0;
	const windows = Math.ceil(requests / quota);
	const last = requests - (windows - 1) * quota;
	return (windows - 1) * Math.max(windowMs, quota * latencyMs) + last * latencyMs;
}
