import type { Rng } from '../rng';

export { createRng, type Rng } from '../rng';

export function pick<T>(rng: Rng, values: readonly T[]): T {
	return values[Math.floor(rng() * values.length)];
}

export function digits(rng: Rng, count: number): string {
	let out = '';
	for (let i = 0; i < count; i++) out += Math.floor(rng() * 10).toString();
	return out;
}
