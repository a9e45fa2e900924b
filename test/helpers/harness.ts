/**
 * Runs workflows through n8n's real engine (WorkflowExecute from n8n-core) with this package's nodes and
 * credentials loaded from source, and calls polling triggers' poll() the way n8n's poller does, with static data
 * persisted across calls. Modelled on n8n's own node test harness (packages/core/nodes-testing in the n8n
 * repository), which the published n8n-core package does not ship.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
	IConnections,
	ICredentials,
	INodeProperties,
	IRequestOptionsSimplified,
	INodeParameters,
} from 'n8n-workflow';
import { createDeferredPromise, createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import { baseNodeTypes } from './baseNodes';

export const PACKAGE_NAME = 'n8n-nodes-bigcommerce-wms';
const ROOT = path.resolve(__dirname, '..', '..');

/** Our node types keyed by their installed-package type name, plus the base-node stand-ins. */
class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}
	getByName(type: string) {
		return this.types[type] ?? packageNodeType(type)!;
	}
	getByNameAndVersion(type: string, version?: number): INodeType {
		const nodeType = this.types[type] ?? packageNodeType(type);
		if (!nodeType) throw new Error(`Unknown node type ${type}: is it in nodes/ or test/helpers/baseNodes.ts?`);
		return NodeHelpers.getVersionedNodeType(nodeType, version);
	}
	getKnownTypes() {
		return {};
	}
}

function requireClasses<T>(files: string[], suffix: string): T[] {
	return files.map((file) => {
		const className = path.basename(file).replace(suffix, '');
		const mod = require(file) as Record<string, new () => T>;
		if (!mod[className]) throw new Error(`${file} must export class ${className}`);
		return new mod[className]();
	});
}

const nodeCache: Record<string, INodeType> = {};
/**
 * Loads our node `<package>.<name>` from nodes/<Name>/<Name>.node.ts on first use (type names are the folder name
 * in lowerCamelCase), so a test only loads the nodes its workflow uses.
 */
function packageNodeType(type: string): INodeType | undefined {
	if (!type.startsWith(`${PACKAGE_NAME}.`)) return undefined;
	const name = type.slice(PACKAGE_NAME.length + 1);
	if (nodeCache[name]) return nodeCache[name];
	const dir = name.charAt(0).toUpperCase() + name.slice(1);
	const file = path.join(ROOT, 'nodes', dir, `${dir}.node.ts`);
	if (!fs.existsSync(file)) return undefined;
	const [node] = requireClasses<INodeType>([file], '.node.ts');
	if (node.description.name !== name) throw new Error(`${file}: description.name must be ${name}`);
	nodeCache[name] = node;
	return node;
}

/** Every node of the package, keyed by installed-package type name. */
export function packageNodeTypes(): Record<string, INodeType> {
	const dir = path.join(ROOT, 'nodes');
	const types: Record<string, INodeType> = {};
	for (const d of fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, `${d}.node.ts`)))) {
		const type = `${PACKAGE_NAME}.${d.charAt(0).toLowerCase()}${d.slice(1)}`;
		types[type] = packageNodeType(type)!;
	}
	return types;
}

let cachedCredentials: Record<string, ICredentialType> | undefined;
/** Credential types registered by tests in addition to credentials/ (e.g. probes). */
export const extraCredentialTypes: Record<string, ICredentialType> = {};
export function packageCredentialTypes(): Record<string, ICredentialType> {
	if (cachedCredentials) return { ...cachedCredentials, ...extraCredentialTypes };
	const dir = path.join(ROOT, 'credentials');
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.credentials.ts'))
		.map((f) => path.join(dir, f));
	cachedCredentials = {};
	for (const cred of requireClasses<ICredentialType>(files, '.credentials.ts')) cachedCredentials[cred.name] = cred;
	return { ...cachedCredentials, ...extraCredentialTypes };
}

/** Credential data by credential type name, e.g. `{ bigCommerceApi: sandbox.credentials }`. */
export type TestCredentials = Record<string, ICredentialDataDecryptedObject>;

/**
 * Mirrors n8n's CredentialsHelper for what nodes need: defaults applied, generic `authenticate` resolved with
 * n8n's expression engine, function `authenticate`, and `preAuthentication` for expirable tokens (the updated data
 * is kept, as n8n saves it to the database).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly updates: Array<{ type: string }> = [];
	constructor(private readonly data: TestCredentials) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = packageCredentialTypes()[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		const options = requestOptions as IHttpRequestOptions & Record<string, IDataObject | undefined>;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate?.type === 'generic') {
			const resolve = (value: unknown) =>
				typeof value === 'string' && value.startsWith('=')
					? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as IDataObject)
					: value;
			for (const [outerKey, inner] of Object.entries(authenticate.properties)) {
				const target = (options[outerKey] ??= {}) as IDataObject;
				for (const [key, value] of Object.entries(inner as IDataObject)) {
					target[String(resolve(key))] = resolve(value) as IDataObject[string];
				}
			}
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) throw new Error(`preAuthentication of ${typeName} returned no ${expirable.name}`);
		Object.assign(credentials, output);
		this.data[typeName] = { ...this.data[typeName], ...(output as ICredentialDataDecryptedObject) };
		this.updates.push({ type: typeName });
		return credentials;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used in tests');
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _nodeCredentials: INodeCredentialsDetails, type: string) {
		const data = this.data[type];
		if (!data) throw new Error(`The test gave no credentials of type ${type}`);
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const prop of this.type(type).properties) {
			if (prop.default !== undefined && prop.default !== null && prop.type !== 'notice') {
				withDefaults[prop.name] = prop.default as ICredentialDataDecryptedObject[string];
			}
		}
		return { ...withDefaults, ...data };
	}

	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.data[type] = { ...this.data[type], ...data };
	}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	staticData?: IDataObject;
}

export function loadWorkflowFile(file: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.isAbsolute(file) ? file : path.join(ROOT, file), 'utf8')) as WorkflowJson;
}

export interface HarnessOptions {
	credentials: TestCredentials;
	/** Static data of the workflow; the same object is updated in place across calls (as n8n persists it). */
	staticData?: IDataObject;
	/** Extra node types for tests (type name -> instance). */
	extraNodeTypes?: Record<string, INodeType>;
}

function allNodeTypes(extra?: Record<string, INodeType>) {
	return new NodeTypes({ ...baseNodeTypes(), ...extra });
}

/** Gives every node that declares a credential we have test data for a reference to it (as a user would pick one). */
function withCredentials(nodes: INode[], nodeTypes: NodeTypes, creds: TestCredentials): INode[] {
	return nodes.map((node) => {
		const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const credentials = { ...(node.credentials ?? {}) };
		for (const c of type.description.credentials ?? []) {
			if (creds[c.name] && !credentials[c.name]) credentials[c.name] = { id: `test-${c.name}`, name: c.name };
		}
		return { ...node, credentials };
	});
}

function buildWorkflow(wf: WorkflowJson, opts: HarnessOptions) {
	const nodeTypes = allNodeTypes(opts.extraNodeTypes);
	const staticData = opts.staticData ?? wf.staticData ?? {};
	const workflow = new Workflow({
		id: wf.id ?? 'test-workflow',
		name: wf.name ?? 'test',
		nodes: withCredentials(wf.nodes, nodeTypes, opts.credentials),
		connections: wf.connections,
		active: false,
		nodeTypes,
		staticData,
		settings: { executionOrder: 'v1', ...(wf.settings ?? {}) },
	});
	return { workflow, nodeTypes };
}

function additionalData(credentialsHelper: TestCredentialsHelper, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		logAiEvent: async () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not available in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** The error that stopped the run, if any. */
	error?: Error & { description?: string };
	/** JSON of the items a node emitted on an output (first run of that node). */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	/** Every item of every run of that node on an output. */
	allOutput(nodeName: string, outputIndex?: number): IDataObject[];
	executedNodes: string[];
	staticData: IDataObject;
	credentialsHelper: TestCredentialsHelper;
}

export interface RunOptions extends HarnessOptions {
	/** Node to start at (default: the workflow's start/trigger node). */
	startNode?: string;
	/** Items the start node receives (default: one empty item). */
	startItems?: INodeExecutionData[];
	mode?: WorkflowExecuteMode;
}

/** Runs a workflow once through WorkflowExecute. */
export async function runWorkflow(wf: WorkflowJson, opts: RunOptions): Promise<RunResult> {
	const { workflow } = buildWorkflow(wf, opts);
	const mode = opts.mode ?? 'trigger';
	const credentialsHelper = new TestCredentialsHelper(opts.credentials);
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', { ...wf, id: workflow.id } as unknown as IWorkflowBase);
	const executedNodes: string[] = [];
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
		executedNodes.push(nodeName);
	});
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => done.resolve(run));
	const start = opts.startNode ? workflow.getNode(opts.startNode) : workflow.getStartNode();
	if (!start) throw new Error('workflow has no start node');
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [opts.startItems ?? [{ json: {} }]] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData(credentialsHelper, hooks), mode, runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;
	const runData = run.data.resultData.runData;
	const json = (items: INodeExecutionData[] | null | undefined) => (items ?? []).map((i) => i.json);
	return {
		run,
		status: run.status,
		error: run.data.resultData.error as RunResult['error'],
		output: (name, index = 0) => json(runData[name]?.[0]?.data?.main?.[index]),
		allOutput: (name, index = 0) => (runData[name] ?? []).flatMap((r) => json(r.data?.main?.[index])),
		executedNodes,
		staticData: workflow.staticData,
		credentialsHelper,
	};
}

export interface PollOptions extends HarnessOptions {
	/** Name of the polling trigger node in the workflow. */
	triggerNode: string;
	mode?: 'trigger' | 'manual';
}

/** Calls the trigger's poll() as n8n's poller does (or as the editor's "Fetch test event" in manual mode). */
export async function pollOnce(wf: WorkflowJson, opts: PollOptions): Promise<INodeExecutionData[][] | null> {
	const { workflow, nodeTypes } = buildWorkflow(wf, opts);
	const node = workflow.getNode(opts.triggerNode);
	if (!node) throw new Error(`no node ${opts.triggerNode}`);
	const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	if (!type.poll) throw new Error(`${node.type} is not a polling trigger`);
	const mode = opts.mode ?? 'trigger';
	const ctx = new PollContext(workflow, node, additionalData(new TestCredentialsHelper(opts.credentials)), mode, mode === 'manual' ? 'manual' : 'activate');
	return await type.poll.call(ctx);
}

/**
 * One production cycle of a polling workflow: poll(), and when it emitted items, run the workflow in trigger mode
 * with them (as n8n does). Static data is shared between the two, as in n8n.
 */
export async function pollAndRun(wf: WorkflowJson, opts: PollOptions): Promise<{ emitted: IDataObject[]; result?: RunResult }> {
	const staticData = opts.staticData ?? {};
	const polled = await pollOnce(wf, { ...opts, staticData });
	const items = polled?.[0] ?? [];
	if (!items.length) return { emitted: [] };
	const result = await runWorkflow(wf, { ...opts, staticData, startNode: opts.triggerNode, startItems: items, mode: 'trigger' });
	return { emitted: items.map((i) => i.json), result };
}

/** A two-node workflow: a Manual Trigger feeding `nodeType` with `parameters`. */
export function singleNodeWorkflow(nodeType: string, parameters: INodeParameters | IDataObject, name = 'Node Under Test', typeVersion = 1): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'under-test', name, type: nodeType.includes('.') ? nodeType : `${PACKAGE_NAME}.${nodeType}`, typeVersion, position: [200, 0], parameters: parameters as INodeParameters },
		],
		connections: { Start: { main: [[{ node: name, type: 'main' as never, index: 0 }]] } },
	};
}

/** Runs one of our nodes on the given input items; returns its output items (first output) and the run. */
export async function runNode(
	nodeType: string,
	parameters: INodeParameters | IDataObject,
	items: IDataObject[],
	opts: HarnessOptions & { continueOnFail?: boolean; typeVersion?: number },
): Promise<{ items: IDataObject[]; result: RunResult }> {
	const wf = singleNodeWorkflow(nodeType, parameters, 'Node Under Test', opts.typeVersion);
	if (opts.continueOnFail) wf.nodes[1].onError = 'continueRegularOutput';
	const result = await runWorkflow(wf, { ...opts, startNode: 'Start', startItems: items.map((json) => ({ json })), mode: 'trigger' });
	return { items: result.output('Node Under Test'), result };
}
