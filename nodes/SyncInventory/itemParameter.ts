import type { IExecuteFunctions } from 'n8n-workflow';

const PLAIN_FIELD = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

/**
 * A per-item parameter's value. When the user left it at a plain `{{ $json.field }}` mapping, the field is read
 * directly: the same value n8n's expression engine would give, without its cost on 10,000-item inputs.
 */
export function itemParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown = ''): unknown {
	const raw = ctx.getNode().parameters[name];
	const field = typeof raw === 'string' ? PLAIN_FIELD.exec(raw.trim())?.[1] : undefined;
	if (field) return ctx.getInputData()[itemIndex]?.json?.[field] ?? fallback;
	return ctx.getNodeParameter(name, itemIndex, fallback);
}
