/**
 * 3PL Warehouse Manager stores order dates in warehouse time without a zone (`2016-12-25T23:00:00`). These convert
 * between UTC ISO strings and that local form for an IANA zone, with Intl only.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for a zone Intl does not know. */
function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, f);
	}
	return f;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		formatter(timeZone);
		return true;
	} catch {
		return false;
	}
}

function localParts(epochMs: number, timeZone: string): number[] {
	const parts: Record<string, number> = {};
	for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
	return [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second];
}

/** Zone offset in ms at an instant (local minus UTC). */
function offsetMs(epochMs: number, timeZone: string): number {
	const [y, mo, d, h, mi, s] = localParts(epochMs, timeZone);
	const whole = Math.floor(epochMs / 1000) * 1000;
	return Date.UTC(y, mo - 1, d, h, mi, s) - whole;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2024-03-10T09:30:00Z` in America/Chicago -> `2024-03-10T03:30:00` (seconds, truncated). */
export function utcToWarehouseLocal(isoUtc: string, timeZone: string): string {
	const ms = Date.parse(isoUtc);
	if (!Number.isFinite(ms)) throw new RangeError(`"${isoUtc}" is not a date`);
	const [y, mo, d, h, mi, s] = localParts(ms, timeZone);
	return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/**
 * A warehouse date to UTC ISO. Strings that carry a zone (`Z`, `+02:00`) are taken as they are. For a local time
 * that occurs twice (DST fall-back) the earlier instant is returned; one that does not exist (spring-forward gap)
 * is shifted by the gap.
 */
export function warehouseLocalToUtc(local: string, timeZone: string): string | undefined {
	const value = local.trim();
	if (!value) return undefined;
	if (HAS_ZONE.test(value)) {
		const ms = Date.parse(value);
		return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
	}
	const m = LOCAL.exec(value);
	if (!m) return undefined;
	const fraction = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
	const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, fraction);
	// Try the offsets in force just before and after the wall time; keep the earliest that maps back exactly.
	const candidates = [offsetMs(asUtc - 86400000, timeZone), offsetMs(asUtc, timeZone), offsetMs(asUtc + 86400000, timeZone)]
		.map((off) => asUtc - off)
		.sort((a, b) => a - b);
	const wall = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
	const exact = candidates.find((t) => utcToWarehouseLocal(new Date(t).toISOString(), timeZone) === wall);
	return new Date(exact ?? asUtc - offsetMs(asUtc, timeZone)).toISOString();
}
