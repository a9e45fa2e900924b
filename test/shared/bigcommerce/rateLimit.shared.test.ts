import { acquireSlot, rateLimitSnapshot, releaseSlot, resetRateLimitState, SHARED_RESERVE } from '../../../nodes/shared/bigcommerce/rateLimit';
import { resetTransportSettings, transportSettings } from '../../../nodes/shared/bigcommerce/retry';

const KEY = 'https://api.example|store1';
const headers = (left: number, resetMs = 2000) => ({
	'X-Rate-Limit-Requests-Left': String(left),
	'X-Rate-Limit-Requests-Quota': '150',
	'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
	'X-Rate-Limit-Time-Window-Ms': '3000',
});

describe('rate limit shared by several processes (queue mode)', () => {
	let slept: number[];
	beforeEach(() => {
		resetRateLimitState();
		slept = [];
		transportSettings.sleep = async (ms: number) => {
			slept.push(ms);
			// Let the window pass: the next acquire sees a fresh window.
			jest.setSystemTime(Date.now() + ms);
		};
		jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'setImmediate'] });
	});
	afterEach(() => {
		jest.useRealTimers();
		resetTransportSettings();
	});

	it('alone: the server count lagging ours is not another client', async () => {
		await acquireSlot(KEY);
		releaseSlot(KEY, headers(140));
		for (let i = 0; i < 20; i++) {
			await acquireSlot(KEY);
			releaseSlot(KEY, headers(139 - i));
		}
		expect(rateLimitSnapshot(KEY)?.sharedUntil).toBeUndefined();
	});

	it('another client spending the quota: a reserve of 10% is kept until the window after next', async () => {
		await acquireSlot(KEY);
		releaseSlot(KEY, headers(100));
		await acquireSlot(KEY);
		releaseSlot(KEY, headers(90)); // we sent 1, the server counted 10
		const snap = rateLimitSnapshot(KEY)!;
		expect(snap.sharedUntil).toBe(Date.now() + 6000);
		await acquireSlot(KEY);
		releaseSlot(KEY, headers(16));
		// 16 left: above the reserve (15), the request goes out without waiting.
		await acquireSlot(KEY);
		releaseSlot(KEY, headers(15));
		expect(slept).toEqual([]);
		// 15 left = the reserve: wait for the next window (alone it would go on down to 2).
		await acquireSlot(KEY);
		expect(slept).toEqual([2000 + transportSettings.rateLimitMarginMs]);
		expect(Math.ceil(150 * SHARED_RESERVE)).toBe(15);
	});
});
