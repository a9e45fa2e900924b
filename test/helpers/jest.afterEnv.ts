// n8n-core's SSHClientsManager starts an interval when node contexts are built; stop it so jest can exit.
import { Container } from '@n8n/di';
import nock from 'nock';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

afterAll(() => {
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
	// Each test file loads its own nock, but http is shared by the worker: un-patch it for the next file.
	nock.cleanAll();
	nock.restore();
});
