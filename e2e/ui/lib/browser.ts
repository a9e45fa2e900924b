/**
 * Headless Chromium from the system (Debian's `chromium` package), driven by playwright-core. No browser is ever
 * downloaded. The browser runs as its own process group, killed on exit (see killBrowsersSync).
 */
import * as fs from 'fs';

import { chromium, selectors, type Browser, type BrowserServer, type Page } from 'playwright-core';

export const CHROMIUM = process.env.UI_CHROMIUM || '/usr/bin/chromium';

const servers = new Set<BrowserServer>();

/** Kills every browser this process started (process group first, then the process). */
export function killBrowsersSync(): void {
	for (const s of servers) {
		const pid = s.process().pid;
		for (const target of pid ? [-pid, pid] : []) {
			try {
				process.kill(target, 'SIGKILL');
			} catch {
				// gone
			}
		}
	}
	servers.clear();
}

export interface UiBrowser {
	browser: Browser;
	close(): Promise<void>;
}

export async function launchBrowser(): Promise<UiBrowser> {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (e2e/ui.sh does it)`);
	// n8n marks its elements with data-test-id (not Playwright's default data-testid).
	selectors.setTestIdAttribute('data-test-id');
	const server = await chromium.launchServer({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--lang=en-US'],
	});
	servers.add(server);
	const browser = await chromium.connect(server.wsEndpoint());
	return {
		browser,
		async close() {
			await browser.close().catch(() => undefined);
			await server.close().catch(() => undefined);
			servers.delete(server);
		},
	};
}

export async function newPage(b: UiBrowser): Promise<Page> {
	const context = await b.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
	context.setDefaultTimeout(20_000);
	return await context.newPage();
}
