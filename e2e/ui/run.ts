/**
 * Real-browser test of the package in the n8n editor (see e2e/ui/README.md). Run through `bash e2e/ui.sh`
 * (`npm run test:ui`), which builds the package, installs the runtimes and Chromium first.
 *
 * Per runtime: a fresh n8n user folder with the built package installed as a community package, both sandboxes
 * in this process, `n8n start` on 127.0.0.1, and a headless Chromium that walks the editor as a person does:
 * owner setup, each bundled workflow imported from its file, every credential created from the node's own slot,
 * every node opened and compared with its description, each workflow executed with the result asserted in the
 * sandboxes, and one failing order that must leave a failed execution in the Executions list.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { BcSandbox } from '../../sandbox/bigcommerce/types';
import type { WmsSandbox } from '../../sandbox/wms/types';
import { printSummary, runMain, startSandboxes, tearDown, timed, trackedLine, type Check } from '../lib/harness';

/** A check whose failure keeps the first 12 lines (selectors and DOM excerpts make long messages). */
const timedCheck = (checks: Check[], name: string, fn: () => Promise<string>) => timed(checks, name, fn, 12);
import type { CredentialTypeDescription, NodeTypeDescription, WorkflowNode } from '../lib/n8n-api';
import { freePort, killAllSync, startServer, type Instance, type Server } from '../lib/n8n-process';
import { installPackage } from '../lib/package';
import { getRuntime, installedVersion, type Runtime } from '../lib/runtimes';
import { loadNodeHelpers, type NodeHelpersLike } from '../lib/validate';
import { killBrowsersSync, launchBrowser, newPage, type UiBrowser } from './lib/browser';
import { Editor } from './lib/editor';
import { expectedCredentialSlots, expectedVisibleParameters, noticeText } from './lib/expected';
import { applyPackageMutant, mutantFromEnv, mutateWorkflowFile, type Mutant } from './lib/mutants';

const ROOT = path.resolve(__dirname, '..', '..');
const PKG_NAME = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;
const SHOTS_ROOT = process.env.UI_SHOTS || path.join(os.tmpdir(), 'n8n-ui-shots');

/** n8n's generic credential test message, which must never be what a person sees for our credentials. */
const GENERIC_AUTH_MESSAGE = /Authorization failed - please check your credentials/i;
/**
 * What the package's own BigCommerce credential test says for a wrong access token (nodes/shared/credentialTests).
 * ("BigCommerce rejected the Access Token for store <hash> (HTTP 401). Check Access Token: ...").
 */
const PACKAGE_BAD_TOKEN_MESSAGE = /BigCommerce rejected the access token/i;

const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s`;

/** Credential per type: the name the test gives it, what its slot label must say, and the other services' words. */
const SERVICES: Record<string, { name: string; label: RegExp; word: string }> = {
	bigCommerceApi: { name: 'BigCommerce sandbox', label: /BigCommerce/, word: 'BigCommerce' },
	extensivWarehouseManagerApi: { name: 'Extensiv sandbox', label: /Extensiv/, word: 'Extensiv' },
	wmsHttpApi: { name: 'WMS HTTP sandbox', label: /HTTP WMS|WMS HTTP/i, word: 'HTTP' },
};

interface WorkflowPlan {
	file: string;
	short: string;
	/** Parameter changes a person makes in the panel before choosing credentials: node -> parameter -> value. */
	changes?: Record<string, Record<string, string>>;
}

/**
 * Order of the walk: inventory sync first, switched to the Generic HTTP WMS (so all three credential types exist
 * before the other workflows' slots are checked), then order download, then shipment confirmation (which ships the
 * orders the download delivered).
 */
const PLANS: WorkflowPlan[] = [
	{ file: 'workflows/inventory-sync.json', short: 'inventory-sync', changes: { 'Sync Inventory': { wmsType: 'http' } } },
	{ file: 'workflows/order-download.json', short: 'order-download' },
	{ file: 'workflows/shipment-confirmation.json', short: 'shipment-confirmation' },
	{ file: 'workflows/daily-reconciliation.json', short: 'daily-reconciliation' },
];

interface Ctx {
	rt: Runtime;
	editor: Editor;
	bc: BcSandbox;
	wms: WmsSandbox;
	helpers: NodeHelpersLike;
	nodeTypes: NodeTypeDescription[];
	credTypes: CredentialTypeDescription[];
	/** Credentials created so far: type -> name. */
	created: Map<string, string>;
	shots: string;
	checks: Check[];
	log(msg: string): void;
	badTokenChecked: boolean;
	workflowIds: Map<string, string>;
	mutant?: Mutant;
}

function credentialValues(type: string, bc: BcSandbox, wms: WmsSandbox): Record<string, string | number> {
	switch (type) {
		case 'bigCommerceApi':
			return { storeHash: bc.credentials.storeHash, accessToken: bc.credentials.accessToken, apiUrl: bc.credentials.apiUrl };
		case 'extensivWarehouseManagerApi': {
			const c = wms.extensivCredentials;
			return { clientId: c.clientId, clientSecret: c.clientSecret, userLogin: c.userLogin, customerId: c.customerId, facilityId: c.facilityId, baseUrl: c.baseUrl };
		}
		case 'wmsHttpApi': {
			const c = wms.httpCredentials;
			return { baseUrl: c.baseUrl, headerName: c.headerName, headerValue: c.headerValue };
		}
		default:
			throw new Error(`no test values for credential type ${type}`);
	}
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '');

function findDescription(ctx: Ctx, node: WorkflowNode): NodeTypeDescription {
	const d = ctx.nodeTypes.find(
		(t) => t.name === node.type && (Array.isArray(t.version) ? t.version : [t.version]).includes(node.typeVersion),
	);
	if (!d) throw new Error(`n8n does not know ${node.type} v${node.typeVersion}`);
	return d;
}

function optionName(desc: NodeTypeDescription, param: string, value: string): string {
	const p = desc.properties.find((x) => x.name === param && Array.isArray(x.options));
	const o = (p?.options as Array<{ name: string; value: unknown }> | undefined)?.find((x) => String(x.value) === value);
	if (!o) throw new Error(`${desc.displayName} has no option ${value} for ${param}`);
	return o.name;
}

// ------------------------------------------------------------------------------------------------ one node

/** Credential slots: labels, lists, creation from the slot (with the test result), selection by name. */
async function credentialsOfNode(ctx: Ctx, wf: WorkflowPlan, node: WorkflowNode, desc: NodeTypeDescription): Promise<string> {
	const { editor } = ctx;
	const expectedTypes = expectedCredentialSlots(node, desc, ctx.helpers);
	const problems: string[] = [];
	const done: string[] = [];
	let slots = await editor.slotInfo();
	if (slots.length !== expectedTypes.length) {
		problems.push(
			`${slots.length} credential slot(s) [${slots.map((s) => `"${s.label}"`).join(', ')}], expected ${expectedTypes.length} (${expectedTypes.join(', ')})`,
		);
	}
	for (let i = 0; i < Math.min(slots.length, expectedTypes.length); i++) {
		const type = expectedTypes[i];
		const svc = SERVICES[type];
		const label = slots[i].label;
		const others = Object.entries(SERVICES).filter(([t]) => t !== type).map(([, s]) => s.word);
		if (Editor.isGenericLabel(label) || !svc.label.test(label) || others.some((w) => label.includes(w))) {
			problems.push(`slot ${i + 1} is labelled "${label}", expected the ${svc.word} service (${type})`);
		}
		const listed = await listedCredentials(ctx, i);
		const byName = new Map([...ctx.created].map(([t, n]) => [n, t]));
		const foreign = listed.filter((n) => byName.get(n) !== type);
		if (foreign.length) {
			problems.push(
				`slot ${i + 1} ("${label}", ${type}) lists ${foreign.map((n) => `"${n}" (${byName.get(n) ?? 'unknown type'})`).join(', ')}`,
			);
		}
		try {
			if (!ctx.created.has(type)) {
				const made = await createFromSlot(ctx, wf, node, i, type);
				if (made.problem) problems.push(made.problem);
				done.push(made.detail);
			} else if (slots[i].selected !== svc.name) {
				await editor.selectCredential(i, svc.name);
				done.push(`chose "${svc.name}" in "${label}"`);
			} else {
				done.push(`"${label}" already set to "${svc.name}"`);
			}
		} catch (e) {
			const file = path.join(ctx.shots, `${wf.short}-${safe(node.name)}-slot-${i + 1}.png`);
			await editor.shot(file).catch(() => undefined);
			problems.push(`slot ${i + 1} ("${label}"): could not set "${svc.name}": ${(e as Error).message.split('\n')[0]} (screenshot ${file})`);
			await editor.closeCredential(editor.page.getByTestId('editCredential-modal')).catch(() => undefined);
			await editor.closeDropdowns();
		}
		slots = await editor.slotInfo();
	}
	for (let i = 0; i < Math.min(slots.length, expectedTypes.length); i++) {
		const want = SERVICES[expectedTypes[i]].name;
		if (slots[i].selected !== want) problems.push(`slot ${i + 1} ("${slots[i].label}") shows "${slots[i].selected}", expected "${want}"`);
		// The list once more, now that every credential type exists.
		try {
			const listed = await listedCredentials(ctx, i);
			const byName = new Map([...ctx.created].map(([t, n]) => [n, t]));
			const foreign = listed.filter((n) => byName.get(n) !== expectedTypes[i]);
			if (foreign.length) {
				problems.push(`slot ${i + 1} ("${slots[i].label}") lists another service's credential: ${foreign.map((n) => `"${n}" (${byName.get(n)})`).join(', ')}`);
			}
		} catch (e) {
			problems.push(`slot ${i + 1} ("${slots[i].label}"): its list could not be read: ${(e as Error).message.split('\n')[0]}`);
			await editor.closeDropdowns();
		}
	}
	if (problems.length) throw new Error(problems.join('\n'));
	return `${slots.map((s) => `${s.label}: ${s.selected}`).join('; ')} (${done.join('; ')})`;
}

/** The credentials slot i lists, by the names the test gave them (2.x appends the type to each row). */
async function listedCredentials(ctx: Ctx, i: number): Promise<string[]> {
	const known = [...ctx.created.values()];
	return (await ctx.editor.slotOptions(i)).map((text) => known.find((n) => text === n || text.startsWith(`${n} `)) ?? text);
}

async function createFromSlot(
	ctx: Ctx,
	wf: WorkflowPlan,
	node: WorkflowNode,
	i: number,
	type: string,
): Promise<{ detail: string; problem?: string }> {
	const { editor } = ctx;
	const svc = SERVICES[type];
	const typeDesc = ctx.credTypes.find((c) => c.name === type);
	if (!typeDesc) throw new Error(`n8n does not know the credential type ${type}`);
	const modal = await editor.createCredentialFromSlot(i);
	const form = await editor.dialogForm(modal);
	ctx.log(`${node.name}: "Create new credential" in slot ${i + 1} opened the "${form.subtitle}" form`);
	const wantFields = typeDesc.properties.filter((p) => p.type !== 'hidden' && p.type !== 'notice' && !p.displayOptions).map((p) => String(p.name));
	const missingFields = wantFields.filter((f) => !form.fields.includes(f));
	const opened = missingFields.length ? `${form.subtitle}" (fields ${form.fields.join(', ')})` : typeDesc.displayName;
	if (missingFields.length) {
		await editor.shot(path.join(ctx.shots, `${wf.short}-${safe(node.name)}-wrong-credential-form.png`));
		await editor.closeCredential(modal);
		// Go on with the walk: the credential is created the way the credentials page would (REST), selected by name.
		// The editor loads credentials once: save, reload, open the node again, choose the new one by name.
		await createByRest(ctx, type);
		await editor.closeNode();
		await editor.save();
		await editor.page.reload();
		await editor.canvasNode(node.name).waitFor();
		await editor.openNode(node.name);
		await editor.selectCredential(i, svc.name);
		return {
			detail: `"${svc.name}" created through REST after the wrong form (workflow saved and reloaded)`,
			problem: `"Create new credential" in slot ${i + 1} (${typeDesc.displayName}) opened a "${opened}" form instead of ${typeDesc.displayName}`,
		};
	}
	await editor.renameCredential(modal, svc.name);
	const values = credentialValues(type, ctx.bc, ctx.wms);
	let badToken = '';
	if (type === 'bigCommerceApi' && !ctx.badTokenChecked) {
		ctx.badTokenChecked = true;
		await editor.fillCredential(modal, { ...values, accessToken: 'wrong-token-from-ui-test' });
		const bad = await editor.saveCredential(modal, i);
		await editor.shot(path.join(ctx.shots, `credential-bigcommerce-wrong-token.png`), modal);
		const problems: string[] = [];
		if (bad.ok) problems.push('the credential test passed with a wrong access token');
		if (GENERIC_AUTH_MESSAGE.test(bad.message)) problems.push(`the dialog shows n8n's generic message: "${bad.message}"`);
		else if (!PACKAGE_BAD_TOKEN_MESSAGE.test(bad.message)) problems.push(`the dialog's message does not say what is wrong: "${bad.message}"`);
		ctx.checks.push({
			name: 'wrong BigCommerce token: the credential dialog shows the package\'s message',
			status: problems.length ? 'FAIL' : 'PASS',
			detail: problems.length ? problems.join('\n') : `"${bad.message}"`,
			ms: 0,
		});
		badToken = ' after a wrong token';
		await editor.fillCredential(modal, { accessToken: values.accessToken });
	} else {
		await editor.fillCredential(modal, values);
	}
	const result = await editor.saveCredential(modal, i);
	ctx.log(`${node.name}: "${svc.name}" saved, test ${result.ok ? 'green' : 'failed'}`);
	if (type !== 'bigCommerceApi' || badToken) {
		await editor.shot(path.join(ctx.shots, `credential-${safe(type)}-tested.png`), modal).catch(() => undefined);
	}
	await editor.closeCredential(modal);
	ctx.log(`${node.name}: dialog closed`);
	ctx.created.set(type, svc.name);
	if (!result.ok) return { detail: `"${svc.name}" created`, problem: `credential test of "${svc.name}" is not green: ${result.message}` };
	return { detail: `"${svc.name}" created from the slot${badToken}, test: ${result.message}` };
}

async function createByRest(ctx: Ctx, type: string): Promise<void> {
	const { page, baseUrl } = ctx.editor;
	const browserId = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('n8n-browserId') ?? '');
	const res = await page.request.post(`${baseUrl}/rest/credentials`, {
		headers: { 'browser-id': browserId },
		data: { name: SERVICES[type].name, type, data: credentialValues(type, ctx.bc, ctx.wms) },
	});
	if (!res.ok()) throw new Error(`POST /rest/credentials -> HTTP ${res.status()}: ${(await res.text()).slice(0, 200)}`);
	ctx.created.set(type, SERVICES[type].name);
}

/** The Parameters tab against the node description: nothing hidden, nothing extra, no issue marker. */
async function panelOfNode(ctx: Ctx, wf: WorkflowPlan, node: WorkflowNode, desc: NodeTypeDescription): Promise<string> {
	const { visible, notVisible } = expectedVisibleParameters(node, desc, ctx.helpers);
	const panel = await ctx.editor.panelParameters();
	const file = path.join(ctx.shots, `${wf.short}-${safe(node.name)}.png`);
	await ctx.editor.shot(file);
	const problems: string[] = [];
	for (const p of visible) {
		if (p.type === 'notice') {
			const want = noticeText(p.displayName).slice(0, 60);
			if (!panel.notices.some((n) => n.includes(want))) problems.push(`notice "${want}…" is not shown`);
		} else if (!panel.names.includes(p.name)) {
			problems.push(`parameter "${p.displayName}" (${p.name}) is hidden`);
		}
	}
	for (const p of notVisible) {
		if (p.type !== 'notice' && panel.names.includes(p.name)) problems.push(`parameter "${p.displayName}" (${p.name}) is shown but does not apply`);
	}
	for (const where of panel.issues) problems.push(`issue marker at "${where}"`);
	if (problems.length) throw new Error(`${problems.join('\n')}\n(screenshot ${file})`);
	return `${visible.length} parameters shown as described (${visible.map((p) => (p.type === 'notice' ? 'notice' : p.displayName)).join(', ')}), no issue; ${file}`;
}

// ------------------------------------------------------------------------------------------------ executions

interface ExecutionSummary {
	id: string;
	status: string;
	mode?: string;
}

async function executions(editor: Editor, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const res = await editor.rest<{ data: { results: ExecutionSummary[] } }>(`/rest/executions?filter=${filter}&limit=20`);
	return res.data.results;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Clicks the execute button and waits for the new execution to finish; returns it. */
async function executeAndWait(ctx: Ctx, workflowId: string, timeoutMs = 90_000, trigger?: string): Promise<ExecutionSummary & { button: string }> {
	const before = new Set((await executions(ctx.editor, workflowId)).map((e) => e.id));
	const button = await ctx.editor.executeWorkflow(trigger);
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const fresh = (await executions(ctx.editor, workflowId)).filter((e) => !before.has(e.id));
		const done = fresh.find((e) => FINISHED.has(e.status));
		if (done) return { ...done, button };
		await ctx.editor.page.waitForTimeout(500);
	}
	throw new Error(`no finished execution ${timeoutMs / 1000} s after clicking "${button}"`);
}

/** The newest row of the workflow's Executions list as a person sees it. */
async function executionsListShows(ctx: Ctx, workflowId: string, shot: string): Promise<string> {
	const { page, baseUrl } = ctx.editor;
	await page.goto(`${baseUrl}/workflow/${workflowId}/executions`);
	const card = page.locator('[data-test-id="execution-card"], .execution-card, [class*="executionCard"]').first();
	await card.waitFor();
	// The preview of the selected execution renders in an iframe; wait for its nodes before the screenshot.
	await page.frameLocator('iframe').first().locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
	await ctx.editor.shot(shot);
	return (await card.innerText()).replace(/\s+/g, ' ').trim();
}

const refNames = (reference: string, orderId: number) => new RegExp(`(^|\\D)${orderId}(\\D|$)`).test(reference);

async function runScenario(ctx: Ctx, wf: WorkflowPlan, workflowId: string): Promise<string> {
	const { bc, wms } = ctx;
	if (wf.short === 'inventory-sync') {
		const skus = bc
			.getProducts()
			.flatMap((p) =>
				p.inventory_tracking === 'product' ? [p.sku] : p.inventory_tracking === 'variant' ? bc.getVariants().filter((v) => v.product_id === p.id).map((v) => v.sku) : [],
			)
			.filter((sku) => sku && bc.getInventory(sku) && wms.getStock(sku) !== undefined);
		skus.slice(0, 10).forEach((sku, i) => wms.setStock(sku, bc.getInventory(sku)!.level + 7 + i));
		const exec = await executeAndWait(ctx, workflowId);
		const differing = skus.filter((sku) => bc.getInventory(sku)!.level !== wms.getStock(sku));
		if (exec.status !== 'success') throw new Error(`execution ${exec.id} ended "${exec.status}"`);
		if (differing.length) throw new Error(`BigCommerce stock differs from the WMS: ${differing.slice(0, 8).map((s) => `${s}: BC ${bc.getInventory(s)!.level}, WMS ${wms.getStock(s)}`).join('; ')}`);
		return `"${exec.button}": execution ${exec.id} succeeded; ${skus.length} tracked SKUs match the WMS (10 changed in the warehouse before)`;
	}
	if (wf.short === 'order-download') {
		const line = trackedLine(bc);
		const placed = [1, 2].map((n) => bc.addOrder({ statusId: 11, email: `ui-${n}@example.com`, lines: [{ ...line, quantity: n }] }));
		const exec = await executeAndWait(ctx, workflowId);
		const records = wms.listOrders();
		const missing = placed.filter((id) => !records.some((r) => refNames(r.referenceNum, id)));
		const unchanged = placed.filter((id) => bc.getOrder(id)?.status_id === 11);
		const problems: string[] = [];
		if (exec.status !== 'success') problems.push(`execution ${exec.id} ended "${exec.status}"`);
		if (missing.length) problems.push(`orders not in the warehouse: ${missing.join(', ')}`);
		if (unchanged.length) problems.push(`orders still Awaiting Fulfillment in BigCommerce: ${unchanged.join(', ')}`);
		if (problems.length) throw new Error(problems.join('\n'));
		return `"${exec.button}": execution ${exec.id} succeeded; orders ${placed.join(', ')} are in the warehouse and their BigCommerce status is ${placed.map((id) => bc.getOrder(id)?.status).join(', ')} (${records.length} WMS orders in all)`;
	}
	if (wf.short === 'shipment-confirmation') {
		const open = wms.listOrders().filter((r) => r.status === 'open');
		if (!open.length) throw new Error('no open warehouse order to ship (order download delivered none)');
		const expected: Array<{ orderId: number; tracking: string }> = [];
		const orderIds = bc.listOrderIds();
		for (const r of open) {
			for (const shipped of wms.ship(r.orderId, { kind: 'single' })) {
				const orderId = orderIds.find((id) => refNames(shipped.referenceNum, id));
				for (const p of shipped.packages) if (orderId !== undefined && p.trackingNumber) expected.push({ orderId, tracking: p.trackingNumber });
			}
		}
		const exec = await executeAndWait(ctx, workflowId);
		const missing = expected.filter((e) => !bc.getShipments(e.orderId).some((s) => s.tracking_number === e.tracking));
		const problems: string[] = [];
		if (exec.status !== 'success') problems.push(`execution ${exec.id} ended "${exec.status}"`);
		if (missing.length) problems.push(`no BigCommerce shipment for ${missing.map((e) => `order ${e.orderId} tracking ${e.tracking}`).join('; ')}`);
		if (problems.length) throw new Error(problems.join('\n'));
		return `"${exec.button}": execution ${exec.id} succeeded; ${expected.length} packages shipped in the warehouse are BigCommerce shipments with their tracking numbers`;
	}
	if (wf.short === 'daily-reconciliation') return await reconcileFromEditor(ctx, workflowId);
	return 'no scenario';
}

/** Daily reconciliation run from the editor: a stock drift planted in the warehouse is a finding a person sees. */
async function reconcileFromEditor(ctx: Ctx, workflowId: string): Promise<string> {
	const { bc, wms, editor } = ctx;
	const { sku } = trackedLine(bc);
	const level = bc.getInventory(sku)!.level;
	wms.setStock(sku, level + 25);
	const exec = await executeAndWait(ctx, workflowId);
	if (exec.status !== 'success') throw new Error(`execution ${exec.id} ended "${exec.status}"`);
	const found = await editor.outputOf('Reconcile', path.join(ctx.shots, 'daily-reconciliation-Reconcile-output.png'), sku);
	const attention = await editor.outputOf('Needs attention: drift found', path.join(ctx.shots, 'daily-reconciliation-needs-attention.png'), undefined, 'Binary');
	const problems: string[] = [];
	if (!found.includes(sku) || !/stockDiffers/.test(found)) problems.push(`Reconcile's output does not show SKU ${sku} as stockDiffers: "${found.slice(0, 300)}"`);
	if (!/\b1 item\b/.test(attention) || !/reconcile-\d{4}-\d\d-\d\d\.html/.test(attention)) problems.push(`"Needs attention: drift found" does not show the summary with its report: "${attention.slice(0, 300)}"`);
	if (problems.length) throw new Error(problems.join('\n'));
	return `"${exec.button}": execution ${exec.id} succeeded; Reconcile's output shows SKU ${sku} (BigCommerce ${level}, warehouse ${level + 25}) as stockDiffers; Needs attention shows the summary with the HTML report`;
}

/**
 * Order download's second trigger, chosen in the execute button's trigger list as a person does: one order
 * cancelled in BigCommerce before picking is cancelled in the warehouse, one already being picked is only reported.
 */
async function orderChangesFromEditor(ctx: Ctx, workflowId: string): Promise<string> {
	const { bc, wms, editor } = ctx;
	await editor.page.goto(`${editor.baseUrl}/workflow/${workflowId}`);
	await editor.canvasNode('WMS Order Changes').waitFor();
	await editor.dismissPopups();
	const line = trackedLine(bc);
	const [inTime, tooLate] = [1, 2].map((n) => bc.addOrder({ statusId: 11, email: `ui-change-${n}@example.com`, lines: [{ ...line, quantity: n }] }));
	const delivered = await executeAndWait(ctx, workflowId);
	if (delivered.status !== 'success') throw new Error(`delivery run ${delivered.id} ended "${delivered.status}"`);
	const inWms = (id: number) => wms.listOrders().filter((r) => refNames(r.referenceNum, id));
	if (!inWms(inTime).length || !inWms(tooLate).length) throw new Error(`orders ${inTime}, ${tooLate} did not reach the warehouse`);
	wms.setStage(inWms(tooLate)[0].orderId, 'picking');
	bc.setOrderStatus(inTime, 5);
	bc.setOrderStatus(tooLate, 5);
	const exec = await executeAndWait(ctx, workflowId, 90_000, 'Order changes after hand-off');
	const attention = await editor.outputOf('WMS Order Changes', path.join(ctx.shots, 'order-download-WMS-Order-Changes-output.png'), String(tooLate));
	const problems: string[] = [];
	if (!/Order changes/i.test(exec.button)) problems.push(`the execute button ran "${exec.button}", not the change trigger`);
	if (exec.status !== 'success') problems.push(`execution ${exec.id} ended "${exec.status}"`);
	if (inWms(inTime).some((r) => r.status !== 'cancelled')) problems.push(`order ${inTime} is not cancelled in the warehouse`);
	if (inWms(tooLate).some((r) => r.status === 'cancelled')) problems.push(`order ${tooLate} was cancelled although picking had started`);
	if (!attention.includes(String(tooLate)) || !/"outcome": "needsAttention"/.test(attention)) problems.push(`WMS Order Changes' output does not flag order ${tooLate}: "${attention.slice(0, 300)}"`);
	if (problems.length) throw new Error(problems.join('\n'));
	return `"${exec.button}": execution ${exec.id} succeeded; order ${inTime} cancelled in the warehouse, order ${tooLate} (being picked) left open and shown as needsAttention`;
}

/** One order the warehouse refuses (a SKU it does not know): the run must end as a failed execution. */
async function failingOrder(ctx: Ctx, workflowId: string): Promise<string> {
	const { bc, wms, editor } = ctx;
	await editor.page.goto(`${editor.baseUrl}/workflow/${workflowId}`);
	await editor.canvasNode('WMS Deliver').waitFor();
	await editor.dismissPopups();
	const product = bc.addProduct({ sku: 'UI-NOT-IN-WMS', name: 'Not stocked by the warehouse', tracking: 'product', level: 5 });
	const orderId = bc.addOrder({ statusId: 11, email: 'ui-fail@example.com', lines: [{ sku: product.sku, productId: product.id, quantity: 1 }] });
	// The change trigger was chosen last in this workflow: a person picks the download trigger again.
	const exec = await executeAndWait(ctx, workflowId, 90_000, 'BigCommerce Orders Trigger');
	await editor.shot(path.join(ctx.shots, 'order-download-failed-run-canvas.png'));
	const listText = await executionsListShows(ctx, workflowId, path.join(ctx.shots, 'order-download-executions-list.png'));
	const problems: string[] = [];
	if (wms.listOrders().some((r) => refNames(r.referenceNum, orderId))) problems.push(`order ${orderId} reached the warehouse although its SKU is unknown there`);
	if (exec.status !== 'error') problems.push(`execution ${exec.id} with failed order ${orderId} ended "${exec.status}", expected a failed execution`);
	if (!/error|failed/i.test(listText) || /succe/i.test(listText)) problems.push(`the Executions list shows "${listText}" for it`);
	if (problems.length) throw new Error(problems.join('\n'));
	return `order ${orderId} (SKU UI-NOT-IN-WMS) failed; execution ${exec.id} is "${exec.status}"; Executions list: "${listText}"`;
}

// ------------------------------------------------------------------------------------------------ one runtime

async function runRuntime(rt: Runtime, ui: UiBrowser, mutant: Mutant | undefined): Promise<{ checks: Check[]; header: string }> {
	const log = (msg: string) => console.log(`[ui ${stamp()} ${rt.id}] ${msg}`);
	const checks: Check[] = [];
	let header = `${rt.id}: ${rt.label}`;
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-ui-${rt.id}-`));
	const inst: Instance = { runtime: rt, userFolder, port: await freePort(), brokerPort: await freePort(), logFile: path.join(userFolder, 'n8n.log') };
	const shots = path.join(SHOTS_ROOT, rt.id);
	fs.rmSync(shots, { recursive: true, force: true });
	fs.mkdirSync(shots, { recursive: true });
	let server: Server | undefined;
	let sandboxes: { bc: BcSandbox; wms: WmsSandbox } | undefined;
	let page: Awaited<ReturnType<typeof newPage>> | undefined;
	try {
		header = `${rt.id}: n8n ${installedVersion(rt)} (${rt.label})`;
		const { helpers } = loadNodeHelpers(rt.dir);
		const installed = installPackage(ROOT, userFolder);
		const changed = applyPackageMutant(mutant, installed);
		if (changed) log(`MUTANT ${mutant}: ${changed} (installed copy ${installed})`);
		// The workflow files a person downloads: the bundled ones (mutated for green-failure only).
		const wfDir = path.join(userFolder, 'downloads');
		fs.mkdirSync(wfDir);
		for (const p of PLANS) {
			fs.writeFileSync(path.join(wfDir, path.basename(p.file)), mutateWorkflowFile(mutant, fs.readFileSync(path.join(ROOT, p.file), 'utf8')));
		}
		sandboxes = await startSandboxes();
		server = await startServer(inst);
		log(`n8n ready at ${server.baseUrl}; sandboxes BigCommerce ${sandboxes.bc.url}, WMS ${sandboxes.wms.url}; screenshots in ${shots}`);
		page = await newPage(ui);
		const editor = new Editor(page, server.baseUrl, Number(installedVersion(rt).split('.')[0]), log);
		if (!(await timedCheck(checks, 'owner setup', () => editor.setUpOwner()))) return { checks, header };
		const ctx: Ctx = {
			rt,
			editor,
			bc: sandboxes.bc,
			wms: sandboxes.wms,
			helpers,
			nodeTypes: await editor.rest<NodeTypeDescription[]>('/types/nodes.json'),
			credTypes: await editor.rest<CredentialTypeDescription[]>('/types/credentials.json'),
			created: new Map(),
			shots,
			checks,
			log,
			badTokenChecked: false,
			workflowIds: new Map(),
			mutant,
		};

		for (const wf of PLANS) {
			const file = path.join(wfDir, path.basename(wf.file));
			const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: WorkflowNode[] };
			let workflowId = '';
			const imported = await timedCheck(checks, `${wf.short}: imported with "Import from File…"`, async () => {
				await editor.newWorkflow();
				const names = await editor.importFile(file);
				const want = json.nodes.filter((n) => !n.type.endsWith('stickyNote')).map((n) => n.name);
				const lost = want.filter((n) => !names.includes(n));
				if (lost.length) throw new Error(`nodes missing on the canvas: ${lost.join(', ')}`);
				workflowId = await editor.save();
				ctx.workflowIds.set(wf.short, workflowId);
				return `${names.length} nodes on the canvas, saved as ${workflowId}`;
			});
			if (!imported) continue;
			const ours = json.nodes.filter((n) => n.type.startsWith(`${PKG_NAME}.`));
			for (const n of ours) {
				const node: WorkflowNode = { ...n, parameters: { ...n.parameters } };
				const desc = findDescription(ctx, node);
				await editor.openNode(node.name);
				for (const [param, value] of Object.entries(wf.changes?.[node.name] ?? {})) {
					const name = optionName(desc, param, value);
					await editor.chooseParameterOption(param, name);
					node.parameters[param] = value;
					log(`${node.name}: ${param} set to "${name}"`);
				}
				await timedCheck(checks, `${wf.short} / ${node.name}: credential slots (label, list, create, choose)`, () => credentialsOfNode(ctx, wf, node, desc));
				// After a failure a dialog or dropdown may still be open.
				await editor.closeCredential(page.getByTestId('editCredential-modal')).catch(() => undefined);
				await timedCheck(checks, `${wf.short} / ${node.name}: panel shows every parameter, no issue`, () => panelOfNode(ctx, wf, node, desc));
				await editor.closeNode();
			}
			await editor.save();
			await timedCheck(checks, `${wf.short}: nodes on the canvas without issues`, async () => {
				const flagged: string[] = [];
				for (const n of ours) if (await editor.canvasNode(n.name).getByTestId('node-issues').count()) flagged.push(n.name);
				await editor.shot(path.join(shots, `${wf.short}-canvas.png`));
				if (flagged.length) throw new Error(`issue marker on ${flagged.join(', ')}`);
				return `${ours.length} nodes of the package, no issue marker`;
			});
			log(`executing ${wf.short}`);
			await timedCheck(checks, `${wf.short}: executed from the editor, sandbox end state`, () => runScenario(ctx, wf, workflowId));
		}
		const od = ctx.workflowIds.get('order-download');
		if (od) {
			await timedCheck(checks, 'order-download: order changes after hand-off, run from the execute button\'s trigger list', () => orderChangesFromEditor(ctx, od));
			await timedCheck(checks, 'order-download: a failed order ends as a failed execution (Executions list)', () => failingOrder(ctx, od));
		} else {
			checks.push({ name: 'order-download: a failed order ends as a failed execution', status: 'SKIP', detail: 'workflow not imported', ms: 0 });
		}
	} catch (e) {
		checks.push({ name: 'runtime', status: 'FAIL', detail: (e as Error).stack?.split('\n').slice(0, 6).join('\n') ?? String(e), ms: 0 });
		if (page) await page.screenshot({ path: path.join(shots, 'last-failure.png') }).catch(() => undefined);
	} finally {
		await page?.context().close().catch(() => undefined);
		await tearDown({ checks, server, sandboxes, userFolder, logFile: inst.logFile, log });
	}
	return { checks, header };
}

async function main(): Promise<number> {
	const runtimeIds = (process.env.E2E_RUNTIMES || 'n8n-1,n8n-2').split(',').map((s) => s.trim()).filter(Boolean);
	const mutant = mutantFromEnv();
	if (mutant) console.log(`[ui] UI_MUTANT=${mutant}: this run must FAIL`);
	const ui = await launchBrowser();
	const results: Array<{ header: string; checks: Check[] }> = [];
	try {
		for (const id of runtimeIds) {
			const started = Date.now();
			const r = await runRuntime(getRuntime(id), ui, mutant);
			r.header += ` in ${((Date.now() - started) / 1000).toFixed(0)} s`;
			results.push(r);
		}
	} finally {
		await ui.close();
	}
	const failed = printSummary('n8n editor (real browser) summary', results);
	console.log(`\nscreenshots: ${runtimeIds.map((id) => path.join(SHOTS_ROOT, id)).join(', ')}`);
	console.log(`${failed ? 'FAIL' : 'PASS'}: ${results.length} runtime(s) in ${((Date.now() - t0) / 1000).toFixed(0)} s${mutant ? ` (UI_MUTANT=${mutant})` : ''}`);
	return failed ? 1 : 0;
}

function cleanup(): void {
	killBrowsersSync();
	killAllSync();
}
runMain(main, cleanup, 'ui');
