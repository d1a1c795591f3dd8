import { describe, expect, it } from 'vitest';
import { formatDayIn } from '../../utils/process/call-schedule';
import { clockTime, formatDay, withThousands } from '../../utils/process/time';

describe('times and days, formatted without Intl', () => {
  it('a time of day on the 24-hour clock in the reader’s zone, seconds on demand', () => {
    const evening = new Date(2026, 10, 24, 17, 5, 9).getTime();
    expect(clockTime(evening)).toBe('17:05');
    expect(clockTime(evening, true)).toBe('17:05:09');
    expect(clockTime(new Date(2026, 0, 1, 0, 0, 0).getTime(), true)).toBe('00:00:00');
  });

  it('a day as "Tue 24 Nov 2026" in the reader’s zone', () => {
    expect(formatDay(new Date(2026, 10, 24, 23, 59).getTime())).toBe('Tue 24 Nov 2026');
    expect(formatDay(new Date(2027, 0, 1, 0, 0).getTime())).toBe('Fri 1 Jan 2027');
  });

  it('a day in another zone: the call’s day, wherever the reader is', () => {
    // 03:00 UTC on Friday is still Thursday evening in California.
    const at = Date.parse('2026-11-27T03:00:00Z');
    expect(formatDayIn(at, 'America/Los_Angeles')).toBe('Thu 26 Nov 2026');
    expect(formatDayIn(at, 'Europe/Berlin')).toBe('Fri 27 Nov 2026');
  });

  it('thousands separators', () => {
    expect(withThousands(999)).toBe('999');
    expect(withThousands(1234567)).toBe('1,234,567');
  });
});
