/** An error in words for a result's reason: the message and, when it adds something, the API's own description. */
export function describeError(error: unknown): string {
	if (!(error instanceof Error)) return typeof error === 'string' ? error : 'unknown error';
	const message = error.message.trim().replace(/\.$/, '');
	const description = (error as { description?: unknown }).description;
	const detail = typeof description === 'string' ? description.trim().replace(/\.$/, '') : '';
	if (!detail || message.includes(detail)) return message || detail || 'unknown error';
	if (!message || detail.includes(message)) return detail;
	return `${message} (${detail})`;
}
