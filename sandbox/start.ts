/**
 * `npm run sandbox`: starts the BigCommerce sandbox (and the WMS sandbox when present) with seed data and keeps
 * them running until Ctrl+C. Ports: BC_SANDBOX_PORT (default 3991), WMS_SANDBOX_PORT (default 3992).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBigCommerceSandbox } from './bigcommerce';

interface Closable {
	close(): Promise<void>;
}

function port(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, got '${raw}'`);
	return value;
}

async function main(): Promise<void> {
	const running: Closable[] = [];
	const bc = await startBigCommerceSandbox({ port: port('BC_SANDBOX_PORT', 3991) });
	running.push(bc);
	console.log('BigCommerce sandbox');
	console.log(`  API URL     ${bc.url}   (requests go to ${bc.url}/stores/${bc.storeHash}/v2|v3/...)`);
	console.log(`  Store hash  ${bc.storeHash}`);
	console.log(`  Token       ${bc.token}   (sandbox-only value)`);
	console.log(`  Admin       ${bc.url}/__admin/... (see sandbox/bigcommerce/README.md)`);
	console.log(`  Orders      ${bc.listOrderIds().length} (${bc.listOrderIds({ statusId: 11 }).length} awaiting fulfillment), products ${bc.getProducts().length}`);

	if (existsSync(join(__dirname, 'wms', 'index.ts')) || existsSync(join(__dirname, 'wms', 'index.js'))) {
		const { startWmsSandbox } = require('./wms') as typeof import('./wms');
		// The warehouse knows the store's physical SKUs, so the demo cycle finds every item.
		const items = bc.getVariants().map((v, i) => ({ sku: v.sku, available: 20 + ((i * 37) % 180) }));
		const wms = await startWmsSandbox({ port: port('WMS_SANDBOX_PORT', 3992), items });
		running.push(wms);
		const x = wms.extensivCredentials;
		console.log('WMS sandbox');
		console.log(`  URL         ${wms.url}`);
		console.log(`  Extensiv    base URL ${x.baseUrl}, client id ${x.clientId}, client secret ${x.clientSecret}, user login ${x.userLogin} (id ${x.userLoginId}), customer ${x.customerId}, facility ${x.facilityId}`);
		console.log(`  HTTP WMS    base URL ${wms.httpCredentials.baseUrl}, header ${wms.httpCredentials.headerName}: ${wms.httpCredentials.headerValue}`);
	}
	console.log('Press Ctrl+C to stop.');

	const stop = (): void => {
		Promise.all(running.map((s) => s.close())).then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(`Sandbox failed to start: ${error.message}`);
	process.exit(1);
});
