import { fastRetries, restoreRetries } from '../workflow/deliver/setup';

/**
 * Starts a world with fast retries before the tests of the enclosing file or describe block, and restores the retry
 * settings and closes it after. The returned object stands for the started world (tests use it like the world).
 */
export function useWorld<T extends { close(): Promise<void> }>(start: () => Promise<T>): T {
	let world: T | undefined;
	beforeAll(async () => {
		fastRetries();
		world = await start();
	});
	afterAll(async () => {
		restoreRetries();
		await world?.close();
	});
	return new Proxy({} as T, {
		get: (_, key) => {
			if (!world) throw new Error('the test world is used before beforeAll started it');
			return world[key as keyof T];
		},
	});
}
