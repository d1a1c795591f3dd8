/** Time helpers for rules: plain epoch milliseconds, no clock of their own. */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Trello ids are MongoDB ObjectIds: the first 8 hex digits are the creation time in seconds. */
export function createdAtFromId(id: string): number | undefined {
  if (!/^[0-9a-f]{8}/i.test(id)) return undefined;
  return Number.parseInt(id.slice(0, 8), 16) * 1000;
}

export function wholeDays(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 24 Nov 2026" in the reader's zone (call-schedule's `formatDayIn` for another zone). */
export function formatDay(ms: number): string {
  return dayText(new Date(ms));
}

/**
 * A date's day as "Tue 24 Nov 2026", read through its own getters (a `TZDate` reads in its zone).
 * By hand, as `clockTime` is: see there why not Intl.
 */
export function dayText(day: Date): string {
  return `${WEEKDAYS[day.getDay()]} ${day.getDate()} ${MONTHS[day.getMonth()]} ${day.getFullYear()}`;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * "17:45" (or "17:45:10" for waits of seconds): a time of day on the 24-hour clock, in the
 * reader's zone. By hand rather than Intl: a page's first Intl date formatter costs 30–65 ms
 * (locale data), on every page that shows a hint (docs/benchmarks.md).
 */
export function clockTime(ms: number, withSeconds = false): string {
  const at = new Date(ms);
  const clock = `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}`;
  return withSeconds ? `${clock}:${twoDigits(at.getSeconds())}` : clock;
}

/** "12,345": thousands separators without Intl (its first use on a page costs tens of ms). */
export function withThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function parseTime(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
