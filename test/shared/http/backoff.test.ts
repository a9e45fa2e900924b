import { backoffMs, jitteredBackoffMs } from '../../../nodes/shared/http/backoff';
import { resetTransportSettings, transportBackoff, transportSettings } from '../../../nodes/shared/bigcommerce/retry';
import { DEFAULT_RETRY, retryDelayMs } from '../../../nodes/shared/wms/request';

describe('backoffMs', () => {
	it('doubles from the base up to the cap (retry 0-based)', () => {
		expect([0, 1, 2, 3, 4].map((r) => backoffMs(r, { baseMs: 1000, capMs: 5000 }))).toEqual([1000, 2000, 4000, 5000, 5000]);
		expect(backoffMs(-1, { baseMs: 1000, capMs: 5000 })).toBe(1000);
	});
	it('jitters within the upper half of the delay', () => {
		const policy = { baseMs: 1000, capMs: 5000 };
		expect(jitteredBackoffMs(1, policy, () => 0)).toBe(1000);
		expect(jitteredBackoffMs(1, policy, () => 1)).toBe(2000);
		expect(jitteredBackoffMs(5, policy, () => 0.5)).toBe(3750);
	});
});

describe('the BigCommerce transport backs off with its live settings', () => {
	afterEach(() => resetTransportSettings());
	it('reads base and cap from transportSettings', () => {
		Object.assign(transportSettings, { backoffBaseMs: 1000, backoffCapMs: 5000 });
		expect([0, 1, 2, 3, 4].map((r) => backoffMs(r, transportBackoff()))).toEqual([1000, 2000, 4000, 5000, 5000]);
	});
});

describe('the WMS sender waits the jittered backoff, at least Retry-After', () => {
	it('uses attempt numbers from 1 and honours Retry-After up to the cap', () => {
		const spy = jest.spyOn(Math, 'random').mockReturnValue(1);
		try {
			expect(retryDelayMs(1, DEFAULT_RETRY)).toBe(DEFAULT_RETRY.baseDelayMs);
			expect(retryDelayMs(2, DEFAULT_RETRY)).toBe(2 * DEFAULT_RETRY.baseDelayMs);
			expect(retryDelayMs(1, DEFAULT_RETRY, { message: 'HTTP 429', status: 429, retryAfterMs: 3000 })).toBe(3000);
			expect(retryDelayMs(1, DEFAULT_RETRY, { message: 'HTTP 429', status: 429, retryAfterMs: 10 ** 6 })).toBe(DEFAULT_RETRY.maxDelayMs);
		} finally {
			spy.mockRestore();
		}
	});
});
