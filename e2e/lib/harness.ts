/** What the e2e runner (e2e/run.ts) and the browser test (e2e/ui/run.ts) share: checks, the sandboxes, test data. */
import * as fs from 'fs';
import * as path from 'path';

import type { BcSandbox, StartBigCommerceSandbox } from '../../sandbox/bigcommerce/types';
import type { StartWmsSandbox, WmsSandbox } from '../../sandbox/wms/types';

const ROOT = path.resolve(__dirname, '..', '..');

export type Status = 'PASS' | 'FAIL' | 'SKIP';
export interface Check {
	name: string;
	status: Status;
	detail: string;
	ms: number;
}

/** Runs one check and records PASS with its detail, or FAIL with the first `maxLines` lines of the error. */
export async function timed(checks: Check[], name: string, fn: () => Promise<string>, maxLines = Infinity): Promise<boolean> {
	const started = Date.now();
	try {
		const detail = await fn();
		checks.push({ name, status: 'PASS', detail, ms: Date.now() - started });
		return true;
	} catch (e) {
		const detail = (e as Error).message.split('\n').slice(0, maxLines).join('\n');
		checks.push({ name, status: 'FAIL', detail, ms: Date.now() - started });
		return false;
	}
}

/** Both sandboxes on 127.0.0.1, in this process: a seeded store and a warehouse stocking every store SKU. */
export async function startSandboxes(): Promise<{ bc: BcSandbox; wms: WmsSandbox }> {
	const { startBigCommerceSandbox } = require(path.join(ROOT, 'sandbox', 'bigcommerce')) as {
		startBigCommerceSandbox: StartBigCommerceSandbox;
	};
	const { startWmsSandbox } = require(path.join(ROOT, 'sandbox', 'wms')) as { startWmsSandbox: StartWmsSandbox };
	const bc = await startBigCommerceSandbox({ seed: { seed: 7, orders: 30 } });
	try {
		const skus = [...new Set([...bc.getProducts().map((p) => p.sku), ...bc.getVariants().map((v) => v.sku)].filter(Boolean))];
		const wms = await startWmsSandbox({ items: skus.map((sku) => ({ sku, available: 40 })) });
		return { bc, wms };
	} catch (e) {
		await bc.close();
		throw e;
	}
}

/** A product or variant SKU with tracked stock, for orders created by the test. */
export function trackedLine(bc: BcSandbox): { sku: string; productId: number; variantId?: number } {
	for (const p of bc.getProducts()) {
		if (p.type !== 'physical' || !p.sku) continue;
		if (p.inventory_tracking === 'product') return { sku: p.sku, productId: p.id };
		if (p.inventory_tracking === 'variant') {
			const v = bc.getVariants().find((x) => x.product_id === p.id && x.sku);
			if (v) return { sku: v.sku, productId: p.id, variantId: v.id };
		}
	}
	throw new Error('the BigCommerce sandbox has no physical product with tracked stock and a SKU');
}

/** Runs a test's main(): `cleanup` on exit and on Ctrl-C / SIGTERM, the exit code from main, a stack on a crash. */
export function runMain(main: () => Promise<number>, cleanup: () => void, tag: string): void {
	process.on('exit', cleanup);
	for (const sig of ['SIGINT', 'SIGTERM'] as const) {
		process.on(sig, () => {
			cleanup();
			process.exit(130);
		});
	}
	main().then(
		(code) => process.exit(code),
		(e) => {
			console.error(`[${tag}] ${(e as Error).stack ?? e}`);
			process.exit(1);
		},
	);
}

/** Stops n8n and the sandboxes; deletes the user folder when every check passed (E2E_KEEP=1 keeps it). */
export async function tearDown(opts: {
	checks: Check[];
	server?: { stop(): Promise<void> };
	sandboxes?: { bc: BcSandbox; wms: WmsSandbox };
	userFolder: string;
	logFile: string;
	log: (msg: string) => void;
}): Promise<void> {
	await opts.server?.stop();
	await opts.sandboxes?.bc.close().catch(() => undefined);
	await opts.sandboxes?.wms.close().catch(() => undefined);
	if (opts.checks.every((c) => c.status !== 'FAIL') && process.env.E2E_KEEP !== '1') {
		fs.rmSync(opts.userFolder, { recursive: true, force: true });
	} else {
		opts.log(`kept ${opts.userFolder} (n8n log: ${opts.logFile})`);
	}
}

/** Prints every runtime's checks under `title`; true when any runtime failed (or ran no check). */
export function printSummary(title: string, results: Array<{ header: string; checks: Check[] }>): boolean {
	let failed = false;
	console.log(`\n================ ${title} ================`);
	for (const r of results) {
		const ok = r.checks.length > 0 && r.checks.every((c) => c.status !== 'FAIL');
		failed ||= !ok;
		console.log(`\n${ok ? 'PASS' : 'FAIL'}  ${r.header}`);
		for (const c of r.checks) {
			console.log(`  ${c.status}  ${c.name}${c.ms ? ` (${(c.ms / 1000).toFixed(1)} s)` : ''}`);
			for (const line of c.detail.split('\n')) console.log(`          ${line}`);
		}
	}
	return failed;
}
