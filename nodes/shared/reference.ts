/**
 * WMS order references (docs/architecture.md, "The data contract"). The first destination of BigCommerce order 1001 with prefix `BC-` is
 * `BC-1001`; the second `BC-1001/2` (a slash, never `-2`, which 3PL Warehouse Manager uses for split orders).
 * A WMS reference `R-N` is read as part N of a split of `R`.
 */

export interface ParsedReference {
	orderId: number;
	/** 0 for the first destination. */
	destinationIndex: number;
	/** The reference of the destination without any split suffix, e.g. `BC-1001/2`. */
	baseReference: string;
	/** N of a WMS split `R-N`, when present. */
	splitPart?: number;
}

export function orderReference(prefix: string, orderId: number): string {
	return `${prefix}${orderId}`;
}

export function destinationReference(orderRef: string, destinationIndex: number): string {
	return destinationIndex === 0 ? orderRef : `${orderRef}/${destinationIndex + 1}`;
}

const REFERENCE = /^(\d+)(?:\/(\d+))?(?:-(\d+))?$/;

/**
 * Reads a WMS reference back into the BigCommerce order it came from. Returns undefined when the reference does not
 * start with `prefix` or is not one of ours.
 */
export function parseReference(reference: string, prefix: string): ParsedReference | undefined {
	const ref = reference.trim();
	if (!ref.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
	const match = REFERENCE.exec(ref.slice(prefix.length));
	if (!match) return undefined;
	const orderId = Number(match[1]);
	const destinationIndex = match[2] ? Number(match[2]) - 1 : 0;
	if (!Number.isSafeInteger(orderId) || orderId <= 0 || destinationIndex < 0) return undefined;
	const parsed: ParsedReference = {
		orderId,
		destinationIndex,
		baseReference: destinationReference(orderReference(ref.slice(0, prefix.length), orderId), destinationIndex),
	};
	if (match[3]) parsed.splitPart = Number(match[3]);
	return parsed;
}
