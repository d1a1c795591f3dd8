/**
 * The weekly tech call ("every week Thursday at 7:00 AM PST"), in the call's own time zone, so it
 * stays at 07:00 Pacific across daylight-saving changes wherever the reader is.
 */
import { TZDate } from '@date-fns/tz';
import type { Settings } from './settings';
import { dayText } from './time';

export type TechCall = Settings['process']['techCall'];

/** The first call starting at or after `now` (epoch ms). */
export function nextCall(now: number, call: TechCall): number {
  const [hours = 7, minutes = 0] = call.time.split(':').map(Number);
  const today = new TZDate(now, call.timeZone);
  for (let offset = 0; offset <= 7; offset++) {
    const day = new TZDate(
      today.getFullYear(),
      today.getMonth(),
      today.getDate() + offset,
      hours,
      minutes,
      0,
      0,
      call.timeZone,
    );
    if (day.getDay() === call.weekday && day.getTime() >= now) return day.getTime();
  }
  throw new Error('unreachable: a weekday recurs within 8 days');
}

/** The call before the next one. */
export function previousCall(now: number, call: TechCall): number {
  const next = nextCall(now, call);
  const weekBefore = new TZDate(next, call.timeZone);
  weekBefore.setDate(weekBefore.getDate() - 7);
  return weekBefore.getTime();
}

/** "The first call of every month reviews the Project Pipeline": the call falls on day 1–7. */
export function isFirstCallOfMonth(callAt: number, call: TechCall): boolean {
  return new TZDate(callAt, call.timeZone).getDate() <= 7;
}

/** "Thu 26 Nov 2026": the day of `ms` in the given zone (the call's), wherever the reader is. */
export function formatDayIn(ms: number, timeZone: string): string {
  return dayText(new TZDate(ms, timeZone));
}
