import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { runCycle } from '/work/main/scripts/demo/cycle';
import { startDemoWorld } from '/work/main/scripts/demo/world';
(async () => {
	const t = Date.now();
	const world = await startDemoWorld();
	try {
		const r = await runCycle(world, (l) => console.log(`[${Date.now() - t}ms] ${l}`));
		console.log(JSON.stringify(r.download.results.filter((i) => i.outcome !== 'created'), null, 1).slice(0, 3000));
		console.log(JSON.stringify(r.download.attention.map(a=>[a.orderId,a.outcome])));
		console.log(JSON.stringify(r.confirmation.results.slice(0, 2), null, 1));
		console.log(JSON.stringify(r.confirmation.attention, null, 1).slice(0,2000));
		console.log(JSON.stringify(r.inventory.results.slice(0, 3), null, 1), r.inventory.results.length, r.inventory.attention.length);
		console.log(r.download.calls, r.confirmation.calls, r.inventory.calls, r.download.ms, r.confirmation.ms, r.inventory.ms);
	} finally {
		await world.close();
		if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
	}
})().catch((e) => { console.error(e); process.exit(1); });
