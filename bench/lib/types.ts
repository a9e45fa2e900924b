/** Shapes shared by the bench parent (bench/run.ts) and the scenario children (bench/scenario.ts). */

export interface BenchConfig {
	/** BigCommerce requests per window (Standard plan: 150). */
	quota: number;
	/** Rate-limit window in ms (BigCommerce: 30,000). */
	windowMs: number;
	/** Latency the sandboxes add to every request. */
	latencyMs: number;
}

export const STANDARD: BenchConfig = { quota: 150, windowMs: 30000, latencyMs: 80 };

/** The naive per-item approach, run on a subset and extrapolated to the full size. */
export interface NaiveFigure {
	/** Items the naive flow actually ran on. */
	subset: number;
	/** BigCommerce requests it used on the subset (429s excluded: generous to the naive flow). */
	subsetRequests: number;
	/** Requests for the full size: fixed part + measured per-item rate x full size. */
	requests: number;
	/** Wall time for the full size at the quota: ceil(requests / quota) windows (estimate). */
	wallMs: number;
	/** How the extrapolation was made, in words. */
	formula: string;
}

export interface ScenarioRow {
	id: string;
	title: string;
	/** BigCommerce requests our nodes used (from the sandbox request log, everything counted). */
	bcRequests: number;
	/** WMS requests our nodes used. */
	wmsRequests: number;
	/** Fewest BigCommerce requests the API allows for this job. */
	lowerBound: number;
	lowerBoundFormula: string;
	naive?: NaiveFigure;
	wallMs: number;
	/** Peak RSS of the scenario process: n8n engine + our nodes (the sandboxes run in their own process). */
	peakRssMb: number;
	/** RSS after loading the engine and starting the sandboxes, before the scenario ran. */
	baselineRssMb: number;
	/** RSS the measured node run added over the RSS right before it (highest while it ran, minus before). */
	addedRssMb?: number;
	/** Correctness of the end state, checked by the scenario (e.g. "1000/1000 orders emitted once"). */
	check: string;
	checkOk: boolean;
	notes?: string[];
	/** Confirm scenario: packages shipped (for the requests-per-package target). */
	packages?: number;
	command: string;
}

export interface ScenarioOutput {
	rows: ScenarioRow[];
}

export const RESULT_MARKER = 'BENCH_RESULT ';
