/** Seeded fault injection, as in the BigCommerce sandbox: each matching request gets a fault with probability `rate`. */
import { createRng, type Rng } from './rng';
import type { WmsFaultConfig, WmsFaultKind } from './types';

export class FaultInjector {
	private config: WmsFaultConfig | null = null;
	private rng: Rng = createRng(1);

	constructor(config: WmsFaultConfig | null | undefined, private readonly defaultSeed: number) {
		this.set(config ?? null);
	}

	set(config: WmsFaultConfig | null): void {
		this.config = config && config.kinds.length && config.rate > 0 ? config : null;
		this.rng = createRng(config?.seed ?? this.defaultSeed);
	}

	get slowMs(): number {
		return this.config?.slowMs ?? 2000;
	}

	/** The fault for this request, if any. */
	decide(method: string, path: string): WmsFaultKind | undefined {
		const c = this.config;
		if (!c) return undefined;
		if (c.methods && !c.methods.map((m) => m.toUpperCase()).includes(method.toUpperCase())) return undefined;
		if (c.pathPattern && !c.pathPattern.test(path)) return undefined;
		if (this.rng() >= c.rate) return undefined;
		return c.kinds[Math.floor(this.rng() * c.kinds.length)];
	}
}
