import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { apiMessageOf, bcApiError, httpStatusOf, isUnconfirmedPost, mayHaveBeenApplied } from '../../../nodes/shared/bigcommerce/errors';

/** Reading errors for decisions (nodes/shared/bigcommerce/errors.ts): status, "may have been applied", the API's words. */
const node: INode = { id: '1', name: 'Confirm Shipment', type: 'x.confirmShipment', typeVersion: 1, position: [0, 0], parameters: {} };

const transportError = (fields: { status?: number; outcomeUnknown?: boolean; method?: 'GET' | 'POST' | 'DELETE'; networkError?: string }) =>
	bcApiError(node, {
		method: fields.method ?? 'POST',
		version: 'v2',
		path: '/orders/7/shipments',
		resource: 'order 7',
		status: fields.status,
		body: fields.status ? [{ status: fields.status, message: 'Quantity is greater than the quantity remaining' }] : undefined,
		networkError: fields.networkError,
		attempts: 1,
		outcomeUnknown: fields.outcomeUnknown,
		secrets: [],
	});

describe('httpStatusOf', () => {
	it("reads the transport's status, and none for a network failure", () => {
		expect(httpStatusOf(transportError({ status: 404, method: 'GET' }))).toBe(404);
		expect(httpStatusOf(transportError({ networkError: 'ECONNRESET', method: 'GET' }))).toBeUndefined();
	});
	it('reads other errors along their cause / errorResponse chain', () => {
		expect(httpStatusOf({ response: { status: 409 } })).toBe(409);
		expect(httpStatusOf({ httpCode: '503' })).toBe(503);
		expect(httpStatusOf({ message: 'wrapped', cause: { statusCode: 400 } })).toBe(400);
		expect(httpStatusOf({ errorResponse: { httpCode: 422 } })).toBe(422);
		expect(httpStatusOf({ httpCode: 'ECONNRESET' })).toBeUndefined();
		expect(httpStatusOf(new Error('plain'))).toBeUndefined();
		expect(httpStatusOf(undefined)).toBeUndefined();
	});
});

describe('mayHaveBeenApplied', () => {
	it("is isUnconfirmedPost for the transport's errors (the transport retried everything else)", () => {
		for (const error of [
			transportError({ status: 503, outcomeUnknown: true }),
			transportError({ networkError: 'ETIMEDOUT', outcomeUnknown: true }),
			transportError({ status: 503, method: 'GET' }),
			transportError({ networkError: 'ECONNRESET', method: 'GET' }),
			transportError({ status: 400 }),
		]) {
			expect(mayHaveBeenApplied(error)).toBe(isUnconfirmedPost(error));
		}
		expect(mayHaveBeenApplied(transportError({ status: 503, outcomeUnknown: true }))).toBe(true);
		expect(mayHaveBeenApplied(transportError({ status: 503, method: 'GET' }))).toBe(false);
	});
	it('for other errors: an explicit flag, a 5xx, or a network failure without an answer', () => {
		expect(mayHaveBeenApplied({ outcomeUnknown: true })).toBe(true);
		expect(mayHaveBeenApplied({ context: { outcomeUnknown: true } })).toBe(true);
		expect(mayHaveBeenApplied({ response: { status: 502 } })).toBe(true);
		expect(mayHaveBeenApplied({ response: { status: 400 } })).toBe(false);
		expect(mayHaveBeenApplied({ code: 'ECONNRESET' })).toBe(true);
		expect(mayHaveBeenApplied({ code: 'ECONNREFUSED' })).toBe(true);
		expect(mayHaveBeenApplied(new Error('socket hang up'))).toBe(true);
		expect(mayHaveBeenApplied(new Error('timeout of 30000ms exceeded'))).toBe(true);
		expect(mayHaveBeenApplied(new Error('Network Error'))).toBe(true);
		expect(mayHaveBeenApplied({ message: 'wrapped', cause: { code: 'EPIPE' } })).toBe(true);
		expect(mayHaveBeenApplied(new Error('validation failed'))).toBe(false);
	});
});

describe('apiMessageOf', () => {
	it("gives the transport's message with what to do", () => {
		const message = apiMessageOf(transportError({ status: 400 }));
		expect(message).toContain('Quantity is greater than the quantity remaining');
		expect(message).toContain('fix the value named in the message');
	});
	it('reads V2 arrays and V3 titles of other errors, else the message and description', () => {
		expect(apiMessageOf({ response: { data: [{ message: 'A' }, { message: 'B' }] } })).toBe('A; B');
		expect(apiMessageOf({ cause: { response: { data: { title: 'Invalid field' } } } })).toBe('Invalid field');
		expect(apiMessageOf({ message: 'Failed', description: 'Check the order' })).toBe('Failed: Check the order');
		expect(apiMessageOf({ message: 'Same', description: 'Same' })).toBe('Same');
		expect(apiMessageOf('text')).toBe('text');
		expect(apiMessageOf(new NodeApiError(node, { message: 'x' }, { message: 'Node says' }))).toContain('Node says');
	});
});
