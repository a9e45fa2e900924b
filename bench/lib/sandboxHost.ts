/**
 * Runs both sandboxes in a process of their own, so a bench scenario's process holds only what n8n would hold
 * (the engine, our nodes, their data) and its peak RSS is not inflated by the simulated store and warehouse.
 * The scenario talks to it over the fork IPC channel: `start`, then method calls (single or batched) on `bc`/`wms`.
 */
import { fork, type ChildProcess } from 'child_process';
import * as path from 'path';
import type { BcSandbox, BcSandboxOptions } from '../../sandbox/bigcommerce';
import type { WmsSandbox, WmsSandboxOptions } from '../../sandbox/wms';

type Fn = (...args: never[]) => unknown;
type Methods<T> = { [K in keyof T as T[K] extends Fn ? K : never]: T[K] };
export type BcMethod = keyof Methods<BcSandbox>;
export type WmsMethod = keyof Methods<WmsSandbox>;
export type Call = { target: 'bc'; method: BcMethod; args: unknown[] } | { target: 'wms'; method: WmsMethod; args: unknown[] };

interface Request {
	id: number;
	op: 'start' | 'call' | 'batch' | 'close';
	bc?: BcSandboxOptions;
	wms?: WmsSandboxOptions;
	calls?: Call[];
}
interface Response {
	id: number;
	value?: unknown;
	error?: string;
}

export interface StartedInfo {
	bc: Pick<BcSandbox, 'url' | 'storeHash' | 'token' | 'credentials'>;
	wms: Pick<WmsSandbox, 'url' | 'extensivCredentials' | 'httpCredentials'>;
}

/** Scenario side: a client of the sandbox host process. */
export class SandboxHost {
	private next = 1;
	private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	private constructor(private readonly child: ChildProcess) {
		child.on('message', (m: Response) => {
			const w = this.waiting.get(m.id);
			this.waiting.delete(m.id);
			if (m.error !== undefined) w?.reject(new Error(`sandbox host: ${m.error}`));
			else w?.resolve(m.value);
		});
	}

	static async start(bc: BcSandboxOptions, wms: WmsSandboxOptions): Promise<{ host: SandboxHost; info: StartedInfo }> {
		const child = fork(path.join(__dirname, 'sandboxHost.ts'), ['--host'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		const host = new SandboxHost(child);
		const info = (await host.send({ op: 'start', bc, wms })) as StartedInfo;
		return { host, info };
	}

	private send(req: Omit<Request, 'id'>): Promise<unknown> {
		const id = this.next++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, { resolve, reject });
			this.child.send({ ...req, id });
		});
	}

	bc<K extends BcMethod>(method: K, ...args: Parameters<BcSandbox[K]>): Promise<ReturnType<BcSandbox[K]>> {
		return this.send({ op: 'call', calls: [{ target: 'bc', method, args }] }) as Promise<ReturnType<BcSandbox[K]>>;
	}

	wms<K extends WmsMethod>(method: K, ...args: Parameters<WmsSandbox[K]>): Promise<ReturnType<WmsSandbox[K]>> {
		return this.send({ op: 'call', calls: [{ target: 'wms', method, args }] }) as Promise<ReturnType<WmsSandbox[K]>>;
	}

	/** Many calls in one message; results in order. */
	batch<T = unknown>(calls: Call[]): Promise<T[]> {
		return this.send({ op: 'batch', calls }) as Promise<T[]>;
	}

	async close(): Promise<void> {
		await this.send({ op: 'close' });
		this.child.disconnect();
	}
}

/** Host side. */
async function serve(): Promise<void> {
	const { startBigCommerceSandbox } = await import('../../sandbox/bigcommerce');
	const { startWmsSandbox } = await import('../../sandbox/wms');
	let bc: BcSandbox | undefined;
	let wms: WmsSandbox | undefined;
	const invoke = (c: Call): unknown => {
		const target = (c.target === 'bc' ? bc : wms) as unknown as Record<string, (...a: unknown[]) => unknown>;
		if (!target) throw new Error('not started');
		return target[c.method](...c.args);
	};
	process.on('message', async (req: Request) => {
		const reply = (r: Omit<Response, 'id'>) => process.send!({ ...r, id: req.id });
		try {
			if (req.op === 'start') {
				bc = await startBigCommerceSandbox(req.bc);
				wms = await startWmsSandbox(req.wms);
				reply({ value: { bc: { url: bc.url, storeHash: bc.storeHash, token: bc.token, credentials: bc.credentials }, wms: { url: wms.url, extensivCredentials: wms.extensivCredentials, httpCredentials: wms.httpCredentials } } });
			} else if (req.op === 'call') {
				reply({ value: await invoke(req.calls![0]) });
			} else if (req.op === 'batch') {
				const out: unknown[] = [];
				for (const c of req.calls!) out.push(await invoke(c));
				reply({ value: out });
			} else {
				await bc?.close();
				await wms?.close();
				reply({ value: null });
				process.disconnect();
			}
		} catch (error) {
			reply({ error: (error as Error).message });
		}
	});
}

if (require.main === module && process.argv.includes('--host')) void serve();
