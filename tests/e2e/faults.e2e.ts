// Faults met by the background's refresh (the popup and the toolbar badge), counted at the fake:
// a 429 pauses every Trello call of the token (nothing sent until the window passes), a server
// error or malformed answer keeps the last known state with the reason, and a service worker
// stopped in the middle of a refresh loses nothing and retries nothing by itself.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, demoStorage } from '../fake/state.ts';
import { seedStorage } from './browser.ts';
import { setUpTestBed } from './support.ts';

const bed = setUpTestBed();
let page: Page;

type Chrome = {
  chrome: {
    storage: {
      session: {
        get(k: null): Promise<Record<string, unknown>>;
        remove(k: string[]): Promise<void>;
      };
    };
    action: { getBadgeText(d: object): Promise<string> };
  };
};

/** As if the 30 s snapshot window had passed: the next refresh reads Trello again. */
async function expireBoardCache(): Promise<void> {
  await bed.browser.serviceWorker.evaluate(async () => {
    const { chrome } = globalThis as unknown as Chrome;
    const all = await chrome.storage.session.get(null);
    await chrome.storage.session.remove(Object.keys(all).filter((k) => k.startsWith('snapshot:')));
  });
}

const badge = () =>
  bed.browser.serviceWorker.evaluate(() =>
    (globalThis as unknown as Chrome).chrome.action.getBadgeText({}),
  );

async function openPopup(): Promise<Page> {
  page = await bed.openExtensionPage('popup.html');
  await page.locator('[data-process-agenda]').waitFor();
  await page.locator('main[aria-busy="false"]').waitFor();
  return page;
}

const count = (rule: string) => page.locator(`[data-process-count="${rule}"]`).textContent();
const lernantaReads = () =>
  bed.fake.requests.matching({ host: 'api.trello.com', path: `/1/boards/${DEMO.lernanta}` });

/** Clicks Refresh and waits for the refresh to end (the popup is busy meanwhile). */
async function refresh(): Promise<void> {
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.locator('main[aria-busy="false"]').waitFor();
}

/** Waits for a condition the background needs a moment for (a new worker, a refresh). */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

describe('the background refresh under faults', () => {
  it('a 429: the last known summary stays, it says when to try again, and nothing is sent before', async () => {
    await seedStorage(bed.browser.serviceWorker, demoStorage());
    await openPopup();
    expect(await count('board.missing-lists')).toBe('1');
    const before = await badge();
    await expireBoardCache();
    bed.fake.faults.add({
      host: 'api.trello.com',
      path: `/1/boards/${DEMO.lernanta}`,
      status: 429,
      body: { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
      times: 1,
    });
    bed.fake.requests.clear();
    await refresh();
    const lernanta = page.locator(`[data-not-refreshed="${DEMO.lernanta}"]`);
    await eventually(() => lernanta.textContent()).toMatch(/try again after \d{1,2}:\d{2}:\d{2}/);
    // Nothing looks better than it is: the count and the badge are the last known ones.
    expect(await count('board.missing-lists')).toBe('1');
    expect(await badge()).toBe(before);
    // Refreshing again at once sends nothing to Trello: the token is paused for its window.
    const trelloCalls = bed.fake.requests.matching({ host: 'api.trello.com' }).length;
    await expireBoardCache();
    await refresh();
    expect(bed.fake.requests.matching({ host: 'api.trello.com' })).toHaveLength(trelloCalls);
    expect(lernantaReads().map((r) => r.status)).toEqual([429]);
  });

  it.each([
    ['a server error', { status: 500 }, 'Trello had a server error (500)', 1],
    ['a malformed answer', { malformedJson: true }, 'not valid JSON', 1],
    // Chromium's network stack itself resends a GET whose connection drops before any answer
    // (a few times, over fresh connections); Process Lens sends it once.
    ['the network down', { networkError: true }, 'Could not reach Trello', 4],
  ])(
    '%s: the board keeps its last known state with the reason, no retry storm',
    async (_name, fault, reason, reads) => {
      await seedStorage(bed.browser.serviceWorker, demoStorage());
      await openPopup();
      await expireBoardCache();
      bed.fake.faults.add({ host: 'api.trello.com', path: `/1/boards/${DEMO.lernanta}`, ...fault });
      bed.fake.requests.clear();
      await refresh();
      const lernanta = page.locator(`[data-not-refreshed="${DEMO.lernanta}"]`);
      await eventually(() => lernanta.textContent()).toContain(reason);
      expect(await count('board.missing-lists')).toBe('1');
      expect(lernantaReads().length).toBeLessThanOrEqual(reads); // no retry storm
    },
  );

  it('a service worker stopped in the middle of a refresh: the popup says so, the next refresh completes', async () => {
    await seedStorage(bed.browser.serviceWorker, demoStorage());
    await openPopup();
    await expireBoardCache();
    bed.fake.faults.add({
      host: 'api.trello.com',
      path: `/1/boards/${DEMO.lernanta}`,
      delayMs: 2_000,
      times: 1,
    });
    bed.fake.requests.clear();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('main[aria-busy="true"]').waitFor();
    const cdp = await bed.browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.getByRole('alert').filter({ hasText: 'could not refresh' }).waitFor();
    // The last known summary is still on screen.
    expect(await count('board.missing-lists')).toBe('1');
    // The next refresh wakes a new worker and completes.
    await refresh();
    await eventually(() =>
      page.getByRole('alert').filter({ hasText: 'could not refresh' }).count(),
    ).toBe(0);
    await page.locator('[data-process-agenda]').waitFor();
    const [worker] = bed.browser.context.serviceWorkers();
    if (!worker) throw new Error('no service worker');
    bed.browser.serviceWorker = worker;
    expect(await count('board.missing-lists')).toBe('1');
    // The stopped refresh is not retried behind the user's back: two reads of the board at most.
    expect(lernantaReads().length).toBeLessThanOrEqual(2);
  });
});
