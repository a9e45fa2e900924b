/** Fault injection with a seeded RNG, so a run with the same seed gets the same faults. */
import type { FaultConfig, FaultKind } from './types';
import { createRng } from './util';

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

export class FaultInjector {
	private config: FaultConfig | null = null;
	private rng: () => number = createRng(1);
	private injected = 0;

	set(config: FaultConfig | null): void {
		this.config = config;
		this.injected = 0;
		this.rng = createRng(config?.seed ?? 1);
	}

	get(): FaultConfig | null {
		return this.config;
	}

	/** Decides the fault (if any) for a request; `lost-response` applies to writes only. */
	decide(method: string, path: string): FaultKind | undefined {
		const c = this.config;
		if (!c || c.rate <= 0 || c.kinds.length === 0) return undefined;
		if (c.count !== undefined && this.injected >= c.count) return undefined;
		if (c.methods && !c.methods.map((m) => m.toUpperCase()).includes(method)) return undefined;
		if (c.pathPattern && !c.pathPattern.test(path)) return undefined;
		const kinds = c.kinds.filter((k) => k !== 'lost-response' || WRITE_METHODS.has(method));
		if (kinds.length === 0) return undefined;
		if (this.rng() >= c.rate) return undefined;
		this.injected++;
		return kinds[Math.floor(this.rng() * kinds.length)];
	}

	slowMs(): number {
		return this.config?.slowMs ?? 2000;
	}
}

/** FaultConfig from admin JSON (pathPattern as a string). */
export function faultConfigFromJson(json: unknown): FaultConfig | null {
	if (json === null) return null;
	const o = json as Record<string, unknown>;
	if (typeof o !== 'object' || typeof o.rate !== 'number' || !Array.isArray(o.kinds)) {
		throw new Error('Fault config needs {rate: number, kinds: string[]} (or null to clear)');
	}
	const valid: FaultKind[] = ['500', '503', '429', '429-no-headers', 'slow', 'drop', 'lost-response'];
	for (const k of o.kinds) if (!valid.includes(k as FaultKind)) throw new Error(`Unknown fault kind '${String(k)}'; use one of ${valid.join(', ')}`);
	return {
		rate: o.rate,
		kinds: o.kinds as FaultKind[],
		methods: Array.isArray(o.methods) ? (o.methods as string[]) : undefined,
		pathPattern: typeof o.pathPattern === 'string' ? new RegExp(o.pathPattern) : undefined,
		slowMs: typeof o.slowMs === 'number' ? o.slowMs : undefined,
		seed: typeof o.seed === 'number' ? o.seed : undefined,
		count: typeof o.count === 'number' ? o.count : undefined,
	};
}
