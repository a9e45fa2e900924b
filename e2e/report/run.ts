/**
 * `npm run test:report`: renders a Reconcile report in Debian's Chromium (playwright-core, /usr/bin/chromium, the
 * browser of the UI test) and checks what a person sees: the heading, the totals per kind, a table per kind with the
 * planted orders and SKUs, the chart of findings per run; that the page loads nothing from outside (every request
 * other than the page itself is blocked and counted) and runs no script. Writes the page and a screenshot to
 * e2e/report/results/. Exit code 1 on any failed check; 0 with a clear message when Chromium is absent.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IDataObject } from 'n8n-workflow';
import { CHROMIUM, killBrowsersSync, launchBrowser } from '../ui/lib/browser';
import { runNode } from '../../test/helpers/harness';
import { HOUR, PREFIX, addBcOrder, alignStock, credentials, deliver, startWorld, syncedOrders } from '../../test/Reconcile/world';

const OUT = path.join(__dirname, 'results');

async function reportHtml(): Promise<{ html: string; expected: { orders: number[]; skus: string[]; total: number } }> {
	const w = await startWorld();
	try {
		await syncedOrders(w, 12);
		const late = addBcOrder(w, { statusId: 11, ageMs: 5 * HOUR });
		const cancelled = addBcOrder(w, { statusId: 9, ageMs: 5 * HOUR });
		await deliver(w, cancelled);
		w.bc.setOrderStatus(cancelled, 5);
		await alignStock(w);
		const staticData: IDataObject = {};
		const run = async () => {
			const { result } = await runNode('reconcile', { wmsType: 'http', referencePrefix: PREFIX, neverDeliveredHours: 1 }, [{}], { credentials: credentials(w), staticData });
			if (result.error) throw result.error;
			const binary = result.run.data.resultData.runData['Node Under Test'][0].data!.main[0]![0].binary!.report;
			return Buffer.from(binary.data, 'base64').toString('utf8');
		};
		await run(); // a first point on the chart
		w.wms.setStock('MUG-BLUE', 66);
		w.wms.setStock('WMS-<b>ONLY</b>', 4); // markup in a SKU must show as text
		return { html: await run(), expected: { orders: [late, cancelled], skus: ['MUG-BLUE', 'WMS-<b>ONLY</b>'], total: 4 } };
	} finally {
		await w.close();
	}
}

async function main(): Promise<number> {
	if (!fs.existsSync(CHROMIUM)) {
		// In CI the browser test installed Chromium before this runs: a missing browser there is a failure.
		const required = process.env.CI === 'true';
		console.log(`${required ? 'FAIL' : 'SKIPPED'}: ${CHROMIUM} is missing (apt-get install -y chromium); the report was not rendered.`);
		return required ? 1 : 0;
	}
	const { html, expected } = await reportHtml();
	fs.mkdirSync(OUT, { recursive: true });
	const file = path.join(OUT, 'reconcile-report.html');
	fs.writeFileSync(file, html);
	const b = await launchBrowser();
	const problems: string[] = [];
	const check = (ok: boolean, what: string) => {
		console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
		if (!ok) problems.push(what);
	};
	try {
		const context = await b.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
		const page = await context.newPage();
		const outside: string[] = [];
		await page.route('**/*', async (route) => {
			if (route.request().url().startsWith('file://')) return await route.continue();
			outside.push(route.request().url());
			await route.abort();
		});
		await page.goto(`file://${file}`);
		const text = await page.locator('body').innerText();
		check((await page.locator('h1').innerText()).includes('reconciliation'), 'heading');
		check(text.includes(`${expected.total} finding(s)`), `verdict names ${expected.total} findings`);
		check((await page.locator('.card.drift').count()) === 4, 'the four kinds with drift are highlighted in the totals');
		for (const title of ['Never delivered to the warehouse (1)', 'Cancelled or refunded in BigCommerce, active in the warehouse (1)', 'Stock differs (1)', 'SKU only in the warehouse (1)'])
			check(await page.getByRole('heading', { name: title }).isVisible(), `table heading "${title}"`);
		for (const id of expected.orders) check(await page.getByRole('cell', { name: String(id), exact: true }).isVisible(), `order ${id} in a table`);
		for (const sku of expected.skus) check(await page.getByRole('cell', { name: sku, exact: true }).isVisible(), `SKU ${sku} shown as text`);
		check((await page.locator('svg[aria-label="Findings per run"] rect').count()) === 2, 'chart with one bar per run (2 runs)');
		check(await page.locator('svg[aria-label="Findings per run"]').isVisible(), 'chart visible');
		check((await page.locator('script, link[rel=stylesheet], img').count()) === 0, 'no script, external stylesheet or image');
		check(outside.length === 0, `nothing loaded from outside (${outside.join(', ') || 'none'})`);
		await page.screenshot({ path: path.join(OUT, 'reconcile-report.png'), fullPage: true });
		console.log(`Report: ${file}\nScreenshot: ${path.join(OUT, 'reconcile-report.png')}`);
	} finally {
		await b.close();
	}
	console.log(problems.length ? `${problems.length} check(s) failed.` : 'Every check passed.');
	return problems.length ? 1 : 0;
}

main()
	.then((code) => process.exit(code))
	.catch((error: Error) => {
		killBrowsersSync();
		console.error(`Report test failed: ${error.stack ?? error.message}`);
		process.exit(1);
	});
