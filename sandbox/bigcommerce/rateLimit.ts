/**
 * BigCommerce-style rate limit: fixed windows of `windowMs` starting when the sandbox starts; every request that
 * reaches the server (429s included) counts against its window.
 */
export interface RateDecision {
	allowed: boolean;
	headers: Record<string, string>;
}

export class RateLimiter {
	private windowIndex = -1;
	private count = 0;
	private maxCount = 0;
	private readonly start = Date.now();

	constructor(
		private quota: number,
		private windowMs: number,
	) {}

	configure(quota: number, windowMs?: number): void {
		this.quota = quota;
		if (windowMs !== undefined) this.windowMs = windowMs;
		this.windowIndex = -1;
		this.count = 0;
	}

	private roll(now: number): void {
		const index = Math.floor((now - this.start) / this.windowMs);
		if (index !== this.windowIndex) {
			this.windowIndex = index;
			this.count = 0;
		}
	}

	/** Counts one request and decides whether it is within the quota. */
	hit(now = Date.now()): RateDecision {
		this.roll(now);
		this.count++;
		this.maxCount = Math.max(this.maxCount, this.count);
		return { allowed: this.count <= this.quota, headers: this.headers(now) };
	}

	headers(now = Date.now()): Record<string, string> {
		this.roll(now);
		const resetMs = this.start + (this.windowIndex + 1) * this.windowMs - now;
		return {
			'X-Rate-Limit-Time-Window-Ms': String(this.windowMs),
			'X-Rate-Limit-Time-Reset-Ms': String(Math.max(1, resetMs)),
			'X-Rate-Limit-Requests-Quota': String(this.quota),
			'X-Rate-Limit-Requests-Left': String(Math.max(0, this.quota - this.count)),
		};
	}

	maxRequestsInWindow(): number {
		return this.maxCount;
	}

	resetMax(): void {
		this.maxCount = this.count;
	}
}
