/**
 * 3PL Warehouse Manager dates are warehouse-time strings without a zone, e.g. `2026-11-26T10:15:00`. The sandbox
 * keeps instants as ISO UTC and renders/parses them in the configured warehouse time zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		});
		formatters.set(timeZone, f);
	}
	return f;
}

// Listing thousands of orders renders the same instants again and again; Intl formatting is the slow part.
const rendered = new Map<string, string>();

/** ISO instant -> `YYYY-MM-DDTHH:mm:ss` in the warehouse time zone. */
export function toWarehouseTime(iso: string, timeZone: string): string {
	if (timeZone === 'UTC' && iso.endsWith('Z')) return iso.slice(0, 19);
	const key = `${timeZone}|${iso}`;
	const hit = rendered.get(key);
	if (hit) return hit;
	const parts: Record<string, string> = {};
	for (const p of formatter(timeZone).formatToParts(new Date(iso))) parts[p.type] = p.value;
	const out = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
	if (rendered.size > 100_000) rendered.clear();
	rendered.set(key, out);
	return out;
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/;

/**
 * A date literal as used in RQL -> comparable number (ms of the wall-clock time read as if it were UTC).
 * Literals with a zone (`Z`, `+02:00`) are converted to warehouse time first. Undefined when unparseable.
 */
export function warehouseWallClock(value: string, timeZone: string): number | undefined {
	let text = value.trim();
	if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text) && text.includes('T')) {
		const instant = new Date(text);
		if (Number.isNaN(instant.getTime())) return undefined;
		text = toWarehouseTime(instant.toISOString(), timeZone);
	}
	const m = NAIVE.exec(text);
	if (!m) return undefined;
	const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
	const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
	return Number.isNaN(t) ? undefined : t;
}
