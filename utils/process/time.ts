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

/**
 * "Tue 24 Nov 2026", in the given time zone (the reader's by default). Intl rather than date-fns'
 * `format`: the content scripts name days too, and `format` with its locale is ~12 KB of them.
 * Not cached: the reader's zone is read at each call, and only pipeline cards name a day.
 */
export function formatDay(ms: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** Made once: `toLocaleTimeString` builds a formatter per call, and a page formats one per hint. */
const clockFormats = new Map<boolean, Intl.DateTimeFormat>();

function clockFormat(withSeconds: boolean): Intl.DateTimeFormat {
  let format = clockFormats.get(withSeconds);
  if (!format) {
    format = new Intl.DateTimeFormat([], {
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
    });
    clockFormats.set(withSeconds, format);
  }
  return format;
}

/** "17:45" (or "17:45:10" for waits of seconds): a time of day in the reader's locale and zone. */
export function clockTime(ms: number, withSeconds = false): string {
  return clockFormat(withSeconds).format(ms);
}

/**
 * Makes the hints' formatter ahead of their first render: the first Intl formatter of a page
 * costs tens of ms (locale data), better spent while the page waits for our read than in it.
 */
export function warmClock(): void {
  clockFormat(false);
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
