import { fastRetries, restoreRetries } from '../WmsDeliver/workflow/setup';

export interface RetrySettings {
	fast(): void;
	restore(): void;
}

/**
 * Starts a world with fast retries before the tests of the enclosing file or describe block, and restores the retry
 * settings and closes it after. The returned object stands for the started world (tests use it like the world;
 * its methods are bound to it).
 */
export function useWorld<T extends { close(): Promise<void> }>(
	start: () => Promise<T>,
	retries: RetrySettings = { fast: fastRetries, restore: restoreRetries },
): T {
	let world: T | undefined;
	beforeAll(async () => {
		retries.fast();
		world = await start();
	});
	afterAll(async () => {
		retries.restore();
		await world?.close();
	});
	return new Proxy({} as T, {
		get: (_, key) => {
			if (!world) throw new Error('the test world is used before beforeAll started it');
			const value = world[key as keyof T];
			return typeof value === 'function' ? value.bind(world) : value;
		},
	});
}
