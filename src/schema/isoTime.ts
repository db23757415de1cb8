// An ISO time's text, made often: two for every record a search reads or an update writes.

const two = (n: number) => (n < 10 ? '0' : '') + n;

/** `.000Z` … `.999Z`: the end of an ISO time, by its milliseconds. */
const MILLIS = Array.from({ length: 1000 }, (_, ms) => `.${String(ms).padStart(3, '0')}Z`);

/** The text of the seconds `isoTime` wrote lately, up to their milliseconds (`2026-01-20T12:00:00`). */
const seconds = new Map<number, string>();
/** The last two times `isoTime` wrote, and their text (an update writes its record's creation time, then now). */
const times: [number, string, number, string] = [NaN, '', NaN, ''];

/**
 * `new Date(t).toISOString()`, a fraction of its cost (every record a search reads makes two,
 * and so does every record an update writes): the civil date from the day number (Howard
 * Hinnant's algorithm), for years 1970–9999, each second's text made once.
 */
export function isoTime(t: number): string {
  if (t === times[0]) return times[1];
  if (t === times[2]) return times[3];
  if (!(t >= 0 && t < 253_402_300_800_000) || !Number.isInteger(t)) return new Date(t).toISOString();
  const second = Math.floor(t / 1000);
  let prefix = seconds.get(second);
  if (prefix === undefined) {
    const z = Math.floor(t / 86_400_000) + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const time = `${two(Math.floor(t / 3_600_000) % 24)}:${two(Math.floor(t / 60_000) % 60)}:${two(second % 60)}`;
    prefix = `${year}-${two(month)}-${two(day)}T${time}`;
    if (seconds.size >= 64) seconds.clear();
    seconds.set(second, prefix);
  }
  const text = prefix + MILLIS[t - second * 1000];
  times[2] = times[0];
  times[3] = times[1];
  times[0] = t;
  times[1] = text;
  return text;
}
