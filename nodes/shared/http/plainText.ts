/**
 * The words of a text or HTML error page (a proxy's 502, a login page), for a message a person reads: scripts and
 * styles dropped, tags and entities removed, spaces collapsed, cut to `max` characters.
 */
export function plainText(body: string, max = 200): string {
	const words = body
		.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>|&#?\w+;/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return words.length > max ? `${words.slice(0, max)}…` : words;
}
