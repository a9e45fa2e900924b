/** Small seeded PRNG (mulberry32) so generated data and injected faults repeat run after run. */
export type Rng = () => number;

export function createRng(seed: number): Rng {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(rng: Rng, values: readonly T[]): T {
	return values[Math.floor(rng() * values.length)];
}

export function digits(rng: Rng, count: number): string {
	let out = '';
	for (let i = 0; i < count; i++) out += Math.floor(rng() * 10).toString();
	return out;
}
