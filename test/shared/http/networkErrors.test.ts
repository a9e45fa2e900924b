import { classifyNetworkError, hostOf, isAddressProblem, networkCodeOf, networkCodeText, NETWORK_CODES } from '../../../nodes/shared/http/networkErrors';

describe('classifyNetworkError (may the request be repeated)', () => {
	it('classifies network errors as n8n-core reports them', () => {
		expect(classifyNetworkError({ message: 'socket hang up', httpCode: 'ECONNRESET' })).toEqual({ kind: 'maybe-sent', code: 'ECONNRESET' });
		expect(classifyNetworkError({ messages: ['connect ECONNREFUSED 127.0.0.1:1'] })).toEqual({ kind: 'not-sent', code: 'ECONNREFUSED' });
		expect(classifyNetworkError({ message: 'timeout of 100ms exceeded' })).toEqual({ kind: 'maybe-sent', code: 'ETIMEDOUT' });
		expect(classifyNetworkError({ name: 'CanceledError', message: 'canceled' })?.kind).toBe('cancelled');
		expect(classifyNetworkError({ message: 'Node does not have any credentials' })).toBeUndefined();
	});
	it('never offers to repeat a certificate or URL problem', () => {
		expect(classifyNetworkError({ code: 'CERT_HAS_EXPIRED' })).toBeUndefined();
		expect(classifyNetworkError({ code: 'ERR_INVALID_URL' })).toBeUndefined();
		expect(classifyNetworkError({ code: 'ENOTFOUND' })).toEqual({ kind: 'not-sent', code: 'ENOTFOUND' });
		expect(classifyNetworkError({ code: 'ERR_SOCKET_CONNECTION_TIMEOUT' })).toEqual({ kind: 'maybe-sent', code: 'ERR_SOCKET_CONNECTION_TIMEOUT' });
	});
});

describe('networkCodeOf / networkCodeText / isAddressProblem', () => {
	it('finds the code on the error, its httpCode, its message or its cause', () => {
		expect(networkCodeOf({ code: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
		expect(networkCodeOf({ httpCode: 'ENOTFOUND', message: 'The DNS server returned an error' })).toBe('ENOTFOUND');
		expect(networkCodeOf({ message: 'getaddrinfo EAI_AGAIN wms.example' })).toBe('EAI_AGAIN');
		expect(networkCodeOf({ message: 'x', cause: { message: 'socket hang up' } })).toBe('ECONNRESET');
		expect(networkCodeOf({ message: 'timeout of 5ms exceeded' })).toBe('ETIMEDOUT');
		expect(networkCodeOf({ message: 'Invalid URL' })).toBe('ERR_INVALID_URL');
		expect(networkCodeOf({ message: 'HTTP 500' })).toBeUndefined();
	});
	it('says in words what each code means', () => {
		expect(networkCodeText('ENOTFOUND')).toBe('the host name does not resolve');
		expect(networkCodeText('ECONNREFUSED')).toBe('connection refused');
		expect(networkCodeText('ESOCKETTIMEDOUT')).toBe('no answer in time');
		expect(networkCodeText('EPIPE')).toBe('the connection was dropped');
		expect(networkCodeText('ENETUNREACH')).toBe('the host is unreachable');
		expect(networkCodeText('ERR_TLS_CERT_ALTNAME_INVALID')).toBe('its TLS certificate is not valid');
		expect(networkCodeText('SOME_OTHER_CERT_ERROR')).toBe('its TLS certificate is not valid');
		expect(networkCodeText('EWHATEVER')).toBe('EWHATEVER');
		expect(networkCodeText(undefined)).toBe('network error');
		for (const { code } of NETWORK_CODES) expect(networkCodeText(code)).not.toBe(code);
	});
	it('tells a wrong address from a passing outage', () => {
		expect(['ENOTFOUND', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'X_CERT_Y'].map(isAddressProblem)).toEqual([true, true, true, true]);
		expect(['EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', undefined].map(isAddressProblem)).toEqual([false, false, false, false, false]);
	});
	it('names the host of a URL, or the text when it does not parse', () => {
		expect(hostOf('https://api.example.com:8443/x')).toBe('api.example.com:8443');
		expect(hostOf('not a url')).toBe('not a url');
	});
});
