import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  ensureRefreshAlarm,
  REFRESH_ALARM,
  REFRESH_MINUTES,
} from '../../utils/background/summary-refresh';

beforeEach(() => fakeBrowser.reset());

describe('the badge refresh alarm', () => {
  it('is created on the first start, every REFRESH_MINUTES', async () => {
    await ensureRefreshAlarm();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({
      periodInMinutes: REFRESH_MINUTES,
    });
  });

  it('is left alone when the worker starts again, so the next refresh is not pushed out', async () => {
    await fakeBrowser.alarms.create(REFRESH_ALARM, {
      when: 1_000,
      periodInMinutes: REFRESH_MINUTES,
    });
    await ensureRefreshAlarm();
    await ensureRefreshAlarm();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ scheduledTime: 1_000 });
  });

  it('is re-created when an older version left it with another period', async () => {
    await fakeBrowser.alarms.create(REFRESH_ALARM, { when: 1_000, periodInMinutes: 60 });
    await ensureRefreshAlarm();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({
      periodInMinutes: REFRESH_MINUTES,
    });
  });
});
