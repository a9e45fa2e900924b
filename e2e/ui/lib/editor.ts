/**
 * The n8n editor driven as a person drives it: pages, menus, the node panel (NDV), credential slots and the
 * credential dialog. Selectors are n8n's own `data-test-id`s that both lines (1.123 and 2.41) share; where the two
 * editors differ (empty credential slot, dialog closing on save, workflow menu) both variants are handled here.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { Locator, Page } from 'playwright-core';

export const OWNER = { email: 'e2e@example.com', firstName: 'E2E', lastName: 'Test', password: 'E2e-Passw0rd!' };

const GENERIC_SLOT_LABEL = /credential to connect with/i;

export interface SlotInfo {
	label: string;
	/** The credential shown in the slot ('' when none). */
	selected: string;
}

export interface CredentialTestResult {
	ok: boolean;
	/** The dialog's test message (banner title and details). */
	message: string;
}

export class Editor {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
		readonly major: number,
		readonly log: (msg: string) => void,
	) {}

	// ---------------------------------------------------------------- pages

	/** Owner setup through the setup page. Returns how it was done. */
	async setUpOwner(): Promise<string> {
		const { page } = this;
		await page.goto(`${this.baseUrl}/`);
		const form = page.getByTestId('setup-form');
		await form.waitFor();
		for (const [id, value] of Object.entries({
			email: OWNER.email,
			firstName: OWNER.firstName,
			lastName: OWNER.lastName,
			password: OWNER.password,
		})) {
			await form.getByTestId(id).locator('input').fill(value);
		}
		await form.getByTestId('form-submit-button').click();
		await page.waitForURL((u) => !u.pathname.startsWith('/setup'), { timeout: 30_000 });
		return `setup page (${OWNER.email}), landed on ${new URL(page.url()).pathname}`;
	}

	async newWorkflow(): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.page.getByTestId('canvas-plus-button').or(this.page.getByTestId('canvas-add-button')).first().waitFor();
		await this.dismissPopups();
	}

	/** Closes modals n8n may put in the way (surveys, what's new, onboarding). */
	async dismissPopups(): Promise<void> {
		const { page } = this;
		for (const sel of ['[data-test-id="nps-survey-modal"] .el-dialog__headerbtn', '.el-message-box__headerbtn']) {
			const l = page.locator(sel);
			if (await l.first().isVisible().catch(() => false)) await l.first().click().catch(() => undefined);
		}
	}

	/** Workflow menu "Import from File…" (2.x: under "Import"), then the file chooser. */
	async importFile(file: string): Promise<string[]> {
		const { page } = this;
		await page.getByTestId('workflow-menu').click();
		const fromFile = page.getByTestId('workflow-menu-item-import-from-file');
		const submenu = page.getByTestId('workflow-menu-item-import');
		await fromFile.or(submenu).first().waitFor();
		if (!(await fromFile.isVisible())) await submenu.hover();
		const chooser = page.waitForEvent('filechooser');
		await fromFile.click();
		await (await chooser).setFiles(file);
		const expected = (JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Array<{ name: string; type: string }> }).nodes;
		const last = expected.filter((n) => !n.type.endsWith('stickyNote')).pop();
		if (last) await this.canvasNode(last.name).waitFor();
		return await page.locator('[data-test-id="canvas-node"]').evaluateAll((els) =>
			els.map((e) => e.getAttribute('data-node-name') ?? ''),
		);
	}

	/** Saves the workflow (Save button on 1.x; keyboard shortcut on 2.x, which has no Save button) and returns its id. */
	async save(): Promise<string> {
		const { page } = this;
		const button = page.getByTestId('workflow-save-button');
		if (await button.isVisible().catch(() => false)) {
			const text = (await button.innerText().catch(() => '')).trim();
			if (!/saved/i.test(text)) await button.click();
		} else {
			await page.locator('body').press('ControlOrMeta+s');
		}
		await page.waitForURL((u) => /\/workflow\/(?!new)[A-Za-z0-9]+/.test(u.pathname), { timeout: 15_000 });
		// Let the save request finish (the Save button turns to "Saved"; 2.x shows no button).
		await page.waitForLoadState('networkidle').catch(() => undefined);
		const m = /\/workflow\/([A-Za-z0-9]+)/.exec(new URL(page.url()).pathname);
		return m![1];
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);
	}

	async openNode(name: string): Promise<void> {
		const ndv = this.page.getByTestId('ndv');
		if (await ndv.isVisible().catch(() => false)) await this.closeNode();
		await this.canvasNode(name).dblclick();
		await this.page.getByTestId('node-parameters').waitFor();
		// The panel renders its parameters in a second pass.
		await this.page.getByTestId('node-parameters').locator('[data-test-id="parameter-item"]').first().waitFor();
	}

	async closeNode(): Promise<void> {
		const { page } = this;
		if (!(await page.getByTestId('node-parameters').isVisible().catch(() => false))) return;
		const back = page.getByTestId('back-to-canvas').or(page.getByTestId('ndv-close-button'));
		if (await back.first().isVisible().catch(() => false)) await back.first().click();
		else await page.keyboard.press('Escape');
		await page.getByTestId('node-parameters').waitFor({ state: 'hidden' });
	}

	async shot(file: string, target?: Locator): Promise<void> {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		await (target ?? this.page).screenshot({ path: file });
	}

	// ---------------------------------------------------------------- parameters

	/** What the Parameters tab shows: the names of labelled parameters, notice texts and issue markers. */
	async panelParameters(): Promise<{ names: string[]; notices: string[]; issues: string[] }> {
		return await this.page.getByTestId('node-parameters').evaluate((root) => {
			const names = [...root.querySelectorAll('label[for]')].map((l) => l.getAttribute('for') ?? '');
			const notices = [...root.querySelectorAll('.notice')].map((n) => (n as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim());
			const issues = [
				...root.querySelectorAll('[data-test-id="parameter-issues"], .parameter-issues'),
			].map((e) => (e.closest('[data-test-id="parameter-item"]') as unknown as { innerText: string } | null)?.innerText.split('\n')[0] ?? 'a parameter');
			return { names, notices, issues };
		});
	}

	/** Chooses an option of an options parameter by its visible name. */
	async chooseParameterOption(name: string, optionName: string): Promise<void> {
		const select = this.page.getByTestId(`parameter-input-${name}`).first();
		await this.pickFromSelect(select, optionName);
	}

	private async openSelect(root: Locator): Promise<Locator> {
		const input = root.locator('input').first();
		await input.click();
		const listId = await input.getAttribute('aria-controls');
		if (!listId) throw new Error('the dropdown has no list (aria-controls)');
		const list = this.page.locator(`[id="${listId}"]`);
		return list;
	}

	private async pickFromSelect(root: Locator, optionName: string): Promise<void> {
		const list = await this.openSelect(root);
		const item = list.locator('li').filter({ hasText: optionName }).first();
		await item.waitFor();
		await item.click();
		await list.waitFor({ state: 'hidden' }).catch(() => undefined);
	}

	// ---------------------------------------------------------------- credential slots

	slots(): Locator {
		return this.page.getByTestId('node-parameters').getByTestId('credentials-label');
	}

	async slotInfo(): Promise<SlotInfo[]> {
		const out: SlotInfo[] = [];
		const slots = this.slots();
		for (let i = 0; i < (await slots.count()); i++) {
			const slot = slots.nth(i);
			const label = (await slot.locator('label').first().innerText()).replace(/\s+/g, ' ').trim();
			const input = slot.getByTestId('node-credentials-select').locator('input');
			const selected = (await input.count()) ? (await input.first().inputValue()).trim() : '';
			out.push({ label, selected });
		}
		return out;
	}

	/** Opens slot i's dropdown and returns the credentials it lists (names), then closes it. */
	async slotOptions(i: number): Promise<string[]> {
		const slot = this.slots().nth(i);
		const select = slot.getByTestId('node-credentials-select');
		if (!(await select.count())) return []; // 2.x: empty slot ("Connect to ..."), no credential of the type exists
		const input = select.locator('input').first();
		const list = await this.openSelect(select);
		await select.locator('input[aria-expanded="true"]').waitFor({ timeout: 5000 }).catch(() => undefined);
		// An empty list stays hidden (only "Create new credential" shows); the rows are read either way.
		const names = await list.locator('li').evaluateAll((els) =>
			els.map((e) => (e as unknown as { innerText: string }).innerText.split('\n')[0].trim()).filter(Boolean),
		);
		// Closed by clicking the box again (Escape would also close the node panel on 1.x).
		await input.click();
		await select.locator('input[aria-expanded="false"]').waitFor({ timeout: 5000 }).catch(() => undefined);
		return names;
	}

	/** Closes any open dropdown of the panel by clicking its box again (Escape would close the panel on 1.x). */
	async closeDropdowns(): Promise<void> {
		const open = this.page.getByTestId('node-parameters').locator('input[aria-expanded="true"]');
		for (let n = 0; n < 3 && (await open.count()); n++) {
			await open.first().click({ timeout: 5000 }).catch(() => undefined);
			await this.page.waitForTimeout(200);
		}
	}

	async selectCredential(i: number, name: string): Promise<void> {
		const slot = this.slots().nth(i);
		await this.pickFromSelect(slot.getByTestId('node-credentials-select'), name);
	}

	/** "Create new credential" from slot i (2.x: the "Connect to ..." button of an empty slot). */
	async createCredentialFromSlot(i: number): Promise<Locator> {
		const { page } = this;
		const slot = this.slots().nth(i);
		const empty = slot.getByTestId('node-credentials-empty-state');
		if (await empty.count()) {
			await empty.locator('button').first().click();
		} else {
			const list = await this.openSelect(slot.getByTestId('node-credentials-select'));
			const dropdown = page.locator('.el-select-dropdown').filter({ has: list });
			await dropdown.getByTestId('node-credentials-select-item-new').click();
		}
		const modal = page.getByTestId('editCredential-modal');
		await modal.getByTestId('credential-save-button').waitFor();
		return modal;
	}

	/**
	 * Which form the dialog shows: its subtitle (the credential type's display name, e.g. "BigCommerce API") and the
	 * fields, read once the form has rendered.
	 */
	async dialogForm(modal: Locator): Promise<{ subtitle: string; fields: string[] }> {
		await modal.locator('[data-test-id^="parameter-input-"]').first().waitFor();
		await this.page.waitForTimeout(200);
		const fields = await modal.locator('[data-test-id^="parameter-input-"]').evaluateAll((els) =>
			els.map((e) => (e.getAttribute('data-test-id') ?? '').replace(/^parameter-input-/, '')).filter((n) => n && n !== 'field'),
		);
		const lines = (await modal.innerText()).split('\n').map((l) => l.trim()).filter(Boolean);
		const subtitle = lines.find((l) => / API$/.test(l)) ?? lines[1] ?? '';
		return { subtitle, fields: [...new Set(fields)] };
	}

	async renameCredential(modal: Locator, name: string): Promise<void> {
		const field = modal.getByTestId('credential-name');
		await field.click();
		const input = field.locator('input');
		await input.fill(name);
		await input.press('Enter');
	}

	async fillCredential(modal: Locator, values: Record<string, string | number>): Promise<void> {
		for (const [name, value] of Object.entries(values)) {
			const field = modal.getByTestId(`parameter-input-${name}`);
			const input = field.locator('input, textarea').first();
			const readonly = await input.getAttribute('readonly');
			if (readonly !== null) {
				await this.pickFromSelect(field, String(value));
			} else {
				await input.fill(String(value));
				await input.blur();
			}
		}
	}

	/**
	 * Saves the dialog and returns its connection test result. 2.x closes a dialog opened from a node once the
	 * credential is saved and tested successfully; the result is then read by opening it again from the slot (the
	 * dialog retests an existing credential when it opens), as a person checks it.
	 */
	async saveCredential(modal: Locator, slotIndex: number): Promise<CredentialTestResult> {
		const { page } = this;
		// The dialog tests the credential after saving it; wait for that answer before reading the banner (the
		// previous attempt's banner is still on screen until then).
		const tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test'), { timeout: 30_000 });
		await modal.getByTestId('credential-save-button').click();
		await tested.catch(() => undefined);
		await page.waitForTimeout(300);
		const success = modal.getByTestId('credentials-config-container-test-success');
		const failure = modal.getByText(/Couldn.t connect with these settings/);
		const closed = modal.waitFor({ state: 'hidden', timeout: 30_000 }).then(() => 'closed' as const);
		const outcome = await Promise.race([
			success.waitFor({ timeout: 30_000 }).then(() => 'ok' as const),
			failure.waitFor({ timeout: 30_000 }).then(() => 'failed' as const),
			closed,
		]).catch(() => 'timeout' as const);
		if (outcome === 'closed') {
			await this.slots().nth(slotIndex).getByTestId('credential-edit-button').click();
			await modal.getByTestId('credential-save-button').waitFor();
			return await this.saveCredentialResult(modal);
		}
		if (outcome === 'timeout') return { ok: false, message: 'no test result within 30 s' };
		return await this.saveCredentialResult(modal);
	}

	private async saveCredentialResult(modal: Locator): Promise<CredentialTestResult> {
		const success = modal.getByTestId('credentials-config-container-test-success');
		const failure = modal.getByText(/Couldn.t connect with these settings/);
		const which = await Promise.race([
			success.waitFor({ timeout: 30_000 }).then(() => 'ok' as const),
			failure.waitFor({ timeout: 30_000 }).then(() => 'failed' as const),
		]).catch(() => 'timeout' as const);
		if (which === 'ok') return { ok: true, message: (await success.innerText()).replace(/\s+/g, ' ').replace(/Retry$/, '').trim() };
		if (which === 'timeout') return { ok: false, message: 'no test result within 30 s' };
		const more = modal.getByText('More details');
		if (await more.isVisible().catch(() => false)) await more.click();
		// The banner with its details: the largest ancestor of the title that holds none of the form's fields.
		const text = await failure.first().evaluate((el) => {
			let best = (el as unknown as { innerText: string }).innerText;
			for (let a = el.parentElement; a; a = a.parentElement) {
				if (a.querySelector('[data-test-id^="parameter-input-"], [data-test-id="credential-connection-parameter"]')) break;
				best = (a as unknown as { innerText: string }).innerText;
			}
			return best;
		});
		return { ok: false, message: text.replace(/Retry|More details/g, '').replace(/\s+/g, ' ').trim() };
	}

	async closeCredential(modal: Locator): Promise<void> {
		if (!(await modal.isVisible().catch(() => false))) return;
		await modal.getByRole('button', { name: 'Close this dialog' }).first().click();
		// Unsaved changes: n8n asks whether to close without saving.
		const confirm = this.page.locator('.el-message-box__btns button').filter({ hasText: /close|leave|discard/i });
		if (await confirm.first().isVisible().catch(() => false)) await confirm.first().click();
		await modal.waitFor({ state: 'hidden' });
	}

	static isGenericLabel(label: string): boolean {
		return GENERIC_SLOT_LABEL.test(label);
	}

	// ---------------------------------------------------------------- executions

	/** Clicks the canvas' execute button ("Execute workflow" on 2.x and 1.123, "Test workflow" on older 1.x). */
	async executeWorkflow(trigger?: string): Promise<string> {
		const button = this.page.getByTestId('execute-workflow-button');
		// A workflow with several triggers has a split button: its chevron lists "from <trigger>" (both lines).
		if (trigger) {
			await this.page.getByRole('button', { name: 'Select trigger node' }).first().click();
			await this.page.getByRole('menuitem').filter({ hasText: trigger }).first().click();
			await button.filter({ hasText: trigger.slice(0, 12) }).waitFor();
		}
		const label = (await button.innerText()).replace(/\s+/g, ' ').trim();
		await button.click();
		return label;
	}

	/** Opens a node after a run and returns what its output panel shows (a person's view of the items). */
	async outputOf(name: string, shot: string, search?: string, mode: 'JSON' | 'Binary' = 'JSON'): Promise<string> {
		await this.canvasNode(name).dblclick();
		const output = this.page.getByTestId('output-panel');
		await output.waitFor();
		// JSON shows every field of the items (Schema only the first item's); Binary shows the files.
		await output.getByTestId('ndv-run-data-display-mode').getByText(mode, { exact: true }).click();
		if (search) {
			// The panel's own search, as a person narrows many items down to one order or SKU.
			const field = output.getByTestId('ndv-search').first();
			await field.waitFor();
			const box = (await field.evaluate((el) => el.tagName)) === 'INPUT' ? field : field.locator('input').first();
			await box.click();
			await box.fill(search);
			await this.page.waitForTimeout(800);
		}
		await this.shot(shot);
		const text = (await output.innerText()).replace(/\s+/g, ' ').trim();
		const back = this.page.getByTestId('back-to-canvas').or(this.page.getByTestId('ndv-close-button'));
		if (await back.first().isVisible().catch(() => false)) await back.first().click();
		else await this.page.keyboard.press('Escape');
		await output.waitFor({ state: 'hidden' });
		return text;
	}

	/** JSON from n8n's REST API with the browser's session (what the editor itself calls). */
	async rest<T>(p: string): Promise<T> {
		// The session cookie is bound to the editor's browser id (sent as a header by the editor itself).
		const browserId = await this.page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('n8n-browserId') ?? '');
		const res = await this.page.request.get(`${this.baseUrl}${p}`, { headers: { 'browser-id': browserId } });
		if (!res.ok()) throw new Error(`GET ${p} -> HTTP ${res.status()}: ${(await res.text()).slice(0, 300)}`);
		return (await res.json()) as T;
	}
}
