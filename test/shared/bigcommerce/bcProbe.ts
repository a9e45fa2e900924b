/**
 * Runs transport code inside a real node execution: a one-node workflow through the harness (n8n-core's
 * WorkflowExecute), whose probe node calls the given function with its IExecuteFunctions. So every request goes
 * through n8n-core's real httpRequestWithAuthentication and our credential's `authenticate` block.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { runInProbe } from '../../helpers/probe';
import { resetRateLimitState, resetTransportSettings, transportSettings } from '../../../nodes/shared/bigcommerce/transport';
import type { TransportSettings } from '../../../nodes/shared/bigcommerce/retry';

/** Calls `fn` inside a node run with the given BigCommerce credential; returns its result or throws its error as is. */
export async function inNode<T>(credentials: ICredentialDataDecryptedObject, fn: (ctx: IExecuteFunctions) => Promise<T>): Promise<T> {
	return await runInProbe({ name: 'bcProbe', credentials: [{ name: 'bigCommerceApi', required: true }] }, { bigCommerceApi: credentials }, fn);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf<E = import('n8n-workflow').NodeApiError>(promise: Promise<unknown>): Promise<E> {
	return await promise.then(
		() => {
			throw new Error('expected a failure, but the call succeeded');
		},
		(error: unknown) => error as E,
	);
}

/** Each test starts with a fresh rate-limit state and the default transport settings with `settings` applied; the defaults come back after the file. */
export function useTransportSettings(settings: Partial<TransportSettings>): void {
	beforeEach(() => {
		resetRateLimitState();
		resetTransportSettings();
		Object.assign(transportSettings, settings);
	});
	afterAll(() => resetTransportSettings());
}
