/**
 * Secrets never in output, errors or logs: the credential values that are secret (tokens, passwords, client
 * secrets, API keys, also the access token a run obtained and stored with the credential), their Basic-auth form,
 * and any `Bearer <token>` text, searched in whatever a corpus run produced.
 */
import type { RunResult, TestCredentials } from '../harness';

const SECRET_FIELD = /secret|token|password|headerValue|apiKey/i;

/** The secret values of the credentials, and of what the run stored with them (an issued access token). */
export function secretsOf(credentials: TestCredentials, result?: RunResult): string[] {
	const stored = (result?.credentialsHelper as unknown as { data?: TestCredentials } | undefined)?.data ?? {};
	const out = new Set<string>();
	for (const creds of [credentials, stored]) {
		for (const data of Object.values(creds)) {
			for (const [key, value] of Object.entries(data ?? {})) if (SECRET_FIELD.test(key) && typeof value === 'string' && value.length >= 6) out.add(value);
			const { clientId, clientSecret } = data as { clientId?: string; clientSecret?: string };
			if (clientId && clientSecret) out.add(Buffer.from(`${clientId}:${clientSecret}`).toString('base64'));
		}
	}
	return [...out];
}

/** Console output written while `fn` runs (n8n's and our logging end there in tests). */
export async function capturingLogs<T>(fn: () => Promise<T>): Promise<{ value: T; logs: string }> {
	const lines: string[] = [];
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
		jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '))),
	);
	try {
		return { value: await fn(), logs: lines.join('\n') };
	} finally {
		for (const s of spies) s.mockRestore();
	}
}

/** Fails naming the secret's field kind when any secret (or a Bearer token) appears in `what`. */
export function expectNoSecrets(what: unknown, secrets: string[]): void {
	const text = typeof what === 'string' ? what : JSON.stringify(what, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack, description: (v as { description?: unknown }).description } : v));
	expect(secrets.length).toBeGreaterThan(0);
	for (const secret of secrets) if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 3)}…) appears in the output: …${text.slice(Math.max(0, text.indexOf(secret) - 80), text.indexOf(secret))}…`);
	expect(text).not.toMatch(/Bearer\s+[A-Za-z0-9._~+/-]{8,}/);
}
