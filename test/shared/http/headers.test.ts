import { headerValue, retryAfterMs } from '../../../nodes/shared/http/headers';

describe('headerValue', () => {
	it('reads a header whatever its case, the first of repeated ones, nothing for null', () => {
		expect(headerValue({ Location: '/x' }, 'location')).toBe('/x');
		expect(headerValue({ etag: ['"a"', '"b"'] } as never, 'ETag')).toBe('"a"');
		expect(headerValue({ etag: null } as never, 'etag')).toBeUndefined();
		expect(headerValue(undefined, 'etag')).toBeUndefined();
	});
});

describe('retryAfterMs', () => {
	it('reads seconds or an HTTP date', () => {
		expect(retryAfterMs({ 'Retry-After': '2' })).toBe(2000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
		expect(retryAfterMs({ 'retry-after': 'Wed, 31 Dec 2025 00:00:05 GMT' }, now)).toBe(0);
		expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
		expect(retryAfterMs({})).toBeUndefined();
	});
});
