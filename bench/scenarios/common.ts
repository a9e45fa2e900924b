import { timed, wallAtQuotaMs } from '../lib/measure';
import { NaiveBigCommerce } from '../lib/naive';
import type { BenchConfig, NaiveFigure } from '../lib/types';
import type { World } from '../lib/world';

/**
 * Extrapolates a naive run on `subset` items to `full` items: its fixed requests (list pages) are recomputed for the
 * full size, the per-item requests are the measured rate.
 */
export function extrapolate(
	cfg: BenchConfig,
	run: { subset: number; requests: number; fixedSubset: number; fixedFull: number; full: number; what: string; ms: number },
): NaiveFigure {
	const perItem = (run.requests - run.fixedSubset) / run.subset;
	const requests = Math.round(run.fixedFull + perItem * run.full);
	return {
		subset: run.subset,
		subsetRequests: run.requests,
		requests,
		wallMs: wallAtQuotaMs(requests, cfg.quota, cfg.windowMs, cfg.latencyMs),
		formula:
			`measured on ${run.subset} ${run.what}: ${run.requests} requests in ${(run.ms / 1000).toFixed(1)} s ` +
			`= ${run.fixedSubset} list + ${perItem.toFixed(2)} per item; full size: ${run.fixedFull} + ${perItem.toFixed(2)} x ${run.full}; ` +
			`time = ceil(requests/${cfg.quota}) windows of ${cfg.windowMs / 1000} s (estimate)`,
	};
}

export const pages = (n: number, per = 250) => Math.ceil(n / per);

/**
 * Runs a naive flow on a prepared world, counting from a clean request log at the scenario's quota; closes the world
 * and returns the flow's result, its BigCommerce requests and its time.
 */
export async function measureNaive<T>(world: World, run: (bc: NaiveBigCommerce) => Promise<T>): Promise<{ value: T; requests: number; ms: number }> {
	await world.measure();
	const bc = new NaiveBigCommerce(world.host, world.info.bc);
	const { value, ms } = await timed(() => run(bc));
	const requests = await bc.count();
	await world.close();
	return { value, requests, ms };
}
