/**
 * Process-wide keyed mutex: every execution of every workflow in this n8n process that touches the same key (a
 * BigCommerce order, a WMS reference) runs one after the other. It removes the race between overlapping runs in one
 * process; it is not a cross-process lock (queue mode, several workers): there the nodes rely on the systems of
 * record (re-read before and after each write, deterministic clean-up of duplicates). A crashed run holds nothing:
 * the lock lives in this process's memory only.
 *
 * Each key also has a write version: writers bump it, readers remember it, so a reader in this process knows whether
 * anyone in this process wrote since it last looked.
 */

const tails = new Map<string, Promise<void>>();
const versions = new Map<string, number>();
const VERSION_LIMIT = 10_000;
let counter = 0;
/** Bumped when versions are forgotten, so a remembered version is never mistaken for a current one. */
let epoch = 0;

/** Runs `work` when no other holder of `key` in this process is running; releases on success and on failure. */
export async function withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	tails.set(key, tail);
	await previous;
	try {
		return await work();
	} finally {
		release();
		if (tails.get(key) === tail) tails.delete(key);
	}
}

/** Records a write to `key` by this process. */
export function bumpKeyVersion(key: string): void {
	versions.delete(key);
	versions.set(key, ++counter);
	if (versions.size > VERSION_LIMIT) {
		// Forget the oldest half; the epoch change makes every remembered version stale (one extra read, never a miss).
		let drop = versions.size - VERSION_LIMIT / 2;
		for (const k of versions.keys()) {
			if (drop-- <= 0) break;
			versions.delete(k);
		}
		epoch++;
	}
}

/** The current write version of `key` in this process (compare with a remembered one). */
export function keyVersion(key: string): string {
	return `${epoch}:${versions.get(key) ?? 0}`;
}

/** Keys currently locked or waiting (for tests). */
export function lockedKeyCount(): number {
	return tails.size;
}
