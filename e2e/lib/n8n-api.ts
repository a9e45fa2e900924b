/**
 * The parts of n8n's HTTP API the test uses: the internal REST API (cookie session, as the editor uses it) for the
 * headless owner setup, API key and node/credential type catalogues, and the public API (X-N8N-API-KEY) for
 * workflows and executions.
 */
export interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	properties: Array<Record<string, any>>;
	credentials?: Array<{ name: string; required?: boolean; displayOptions?: Record<string, any> }>;
	polling?: boolean;
	[key: string]: unknown;
}

export interface CredentialTypeDescription {
	name: string;
	displayName: string;
	properties: Array<Record<string, any>>;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, any>;
	credentials?: Record<string, { id: string | null; name: string }>;
	disabled?: boolean;
	[key: string]: unknown;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, any>;
	settings?: Record<string, any>;
	active?: boolean;
	[key: string]: unknown;
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	startedAt: string;
	stoppedAt?: string | null;
	workflowId: string;
	data?: { resultData?: { runData?: Record<string, any[]>; error?: { message?: string; node?: { name?: string } } } };
}

const OWNER = { email: 'e2e@example.com', firstName: 'E2E', lastName: 'Test', password: 'E2e-Passw0rd!' };

export class N8nApi {
	private cookie = '';
	private apiKey = '';
	private readonly browserId = 'n8n-nodes-bigcommerce-wms-e2e';

	constructor(readonly baseUrl: string) {}

	private async call<T>(method: string, path: string, body?: unknown, auth: 'cookie' | 'key' = 'cookie'): Promise<T> {
		const headers: Record<string, string> = { 'browser-id': this.browserId, accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (auth === 'cookie' && this.cookie) headers.cookie = this.cookie;
		if (auth === 'key') headers['X-N8N-API-KEY'] = this.apiKey;
		const res = await fetch(this.baseUrl + path, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.get('set-cookie');
		const auth_ = setCookie?.match(/n8n-auth=[^;]+/);
		if (auth_) this.cookie = auth_[0];
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path} -> HTTP ${res.status}: ${text.slice(0, 500)}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	/** Creates the instance owner (possible without auth only on a fresh instance) and an API key with all scopes. */
	async setUp(): Promise<void> {
		await this.call('POST', '/rest/owner/setup', OWNER);
		if (!this.cookie) throw new Error('owner setup returned no n8n-auth cookie');
		let scopes: string[] | undefined;
		try {
			scopes = (await this.call<{ data: string[] }>('GET', '/rest/api-keys/scopes')).data;
		} catch {
			scopes = undefined; // older versions: keys have no scopes
		}
		const body: Record<string, unknown> = { label: 'e2e', expiresAt: null };
		if (scopes) body.scopes = scopes;
		const key = await this.call<{ data: { rawApiKey?: string; apiKey?: string } }>('POST', '/rest/api-keys', body);
		this.apiKey = key.data.rawApiKey ?? key.data.apiKey ?? '';
		if (!this.apiKey) throw new Error('n8n returned no API key');
	}

	/** Every node type this n8n knows (what the editor loads), with full descriptions. */
	async nodeTypes(): Promise<NodeTypeDescription[]> {
		return await this.call<NodeTypeDescription[]>('GET', '/types/nodes.json');
	}

	async credentialTypes(): Promise<CredentialTypeDescription[]> {
		return await this.call<CredentialTypeDescription[]>('GET', '/types/credentials.json');
	}

	async getWorkflow(id: string): Promise<WorkflowJson> {
		return await this.call<WorkflowJson>('GET', `/api/v1/workflows/${id}`, undefined, 'key');
	}

	async activate(id: string): Promise<void> {
		await this.call('POST', `/api/v1/workflows/${id}/activate`, {}, 'key');
	}

	async deactivate(id: string): Promise<void> {
		await this.call('POST', `/api/v1/workflows/${id}/deactivate`, {}, 'key');
	}

	/** Finished executions (n8n leaves running ones out unless asked for status=running). */
	async executions(workflowId: string, status?: 'running'): Promise<Execution[]> {
		const res = await this.call<{ data: Execution[] }>(
			'GET',
			`/api/v1/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=${status ? 'false' : 'true'}&limit=250` +
				(status ? `&status=${status}` : ''),
			undefined,
			'key',
		);
		return res.data;
	}
}
