// The missing-lists hint on real Trello markup, in Chromium with the built extension.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { addBoard, DEMO } from '../fake/state.ts';
import { seedStorage } from './browser.ts';
import { readHints, setUpTestBed, waitForHint, waitForPanel } from './support.ts';

const XSS = 'Test <img src=0 onerror=alert(1)> Test';
const bed = setUpTestBed();
afterEach(() => {
  bed.fake.state.trello.session = true;
});
let page: Page;
const open = async (path: string) => (page = await bed.open('trello.com', path));

describe('zero set-up (no settings at all)', () => {
  it('shows the missing lists next to the board header, read with the signed-in session', async () => {
    bed.fake.requests.clear();
    await open(`/b/${DEMO.lernanta}/lernanta`);
    const [hint, ...others] = await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    expect(others).toEqual([]);
    expect(hint).toMatchObject({ subject: DEMO.lernanta, after: 'board-name-display' });
    expect(hint?.text).toContain('2 process lists missing: Would be nice, Stuck');
    // Hover or keyboard focus: the full message and the process sentence it enforces.
    expect(hint?.text).toContain('Project Trello boards have the following lists');

    const boardReads = bed.fake.requests.matching({ path: `/1/boards/${DEMO.lernanta}` });
    // By the background, with the trello.com cookies (Chromium marks its fetch `Sec-Fetch-Site:
    // none`; the page's own would be `same-origin`).
    expect(boardReads.map((r) => [r.host, r.auth, r.status, r.fetchSite])).toEqual([
      ['trello.com', 'session', 200, 'none'],
    ]);
    expect(bed.fake.requests.matching({ host: 'api.trello.com' })).toEqual([]);
  });

  it('applies settings saved in the options at once, without reading Trello again', async () => {
    await open(`/b/${DEMO.lernanta}/lernanta`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    // The background read the board for the page and keeps that read for 30 s.
    bed.fake.requests.clear();
    await seedStorage(bed.browser.serviceWorker, {
      settings: {
        version: 1,
        process: { lists: ['Unsorted', 'Need to do', 'In progress', 'Done'] },
      },
    });
    await waitForHint(page, 'board.missing-lists', { severity: 'ok' });
    expect(bed.fake.requests.matching({ path: `/1/boards/${DEMO.lernanta}` })).toEqual([]);
  });

  it('shows the details on keyboard focus without stealing focus on load', async () => {
    await open(`/b/${DEMO.lernanta}/lernanta`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe(
      'process-lens-hint',
    );
    const badge = page.locator('[data-process-hint="board.missing-lists"] button');
    await badge.focus();
    await expect
      .poll(() =>
        page.locator('[data-process-hint="board.missing-lists"] [role="tooltip"]').isVisible(),
      )
      .toBe(true);
  });

  it('says all is well on a board with every list, however the names are spaced or cased', async () => {
    await open(`/b/${DEMO.untidy}/badges`);
    const hints = await waitForHint(page, 'board.missing-lists', { severity: 'ok' });
    expect(hints).toHaveLength(1);
    expect(hints[0]?.text).toContain('Process lists complete');
  });

  it('leaves the Project Pipeline board alone', async () => {
    await open(`/b/${DEMO.pipeline}/project-pipeline`);
    // The board's findings are shown together: once the pipeline's own hint is there, a
    // missing-lists hint would be too.
    await waitForHint(page, 'pipeline.recognised', { severity: 'info' });
    expect(await readHints(page, 'board.missing-lists')).toEqual([]);
  });
});

describe('single-page navigation', () => {
  it('swaps the old board’s hint for the new one’s, with no duplicates, and keeps it under a card', async () => {
    // The fake, like Trello, swaps the board's DOM a moment after the URL changes: wait for the
    // new board's header before looking at the hints.
    const boardShown = (name: string) =>
      page.waitForFunction(
        (name) =>
          document.querySelector('h1[data-testid="board-name-display"]')?.textContent === name,
        name,
      );
    await open(`/b/${DEMO.lernanta}/lernanta`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });

    await page.click(`a[href^="/b/${DEMO.mooc}/"]`);
    await boardShown('Mechanical MOOC');
    expect(await waitForHint(page, 'board.missing-lists', { severity: 'ok' })).toMatchObject([
      { subject: DEMO.mooc, severity: 'ok', after: 'board-name-display' },
    ]);

    await page.goBack();
    await boardShown('Lernanta');
    expect(await waitForHint(page, 'board.missing-lists', { severity: 'warn' })).toMatchObject([
      { subject: DEMO.lernanta, after: 'board-name-display' },
    ]);

    // Trello re-renders the board: the hint comes back once.
    await page.evaluate(() =>
      (
        window as unknown as { __fakeTrello: { rerender(): Promise<void> } }
      ).__fakeTrello.rerender(),
    );
    expect(await waitForHint(page, 'board.missing-lists', { severity: 'warn' })).toHaveLength(1);

    // Opening a card keeps the board (and its hint) behind the card dialog.
    await page.click('a[data-testid="card-name"]');
    await page.waitForURL(/\/c\//);
    await page.waitForSelector('[data-testid="card-back-name"]');
    expect(await waitForHint(page, 'board.missing-lists')).toMatchObject([
      { subject: DEMO.lernanta, severity: 'warn' },
    ]);
  });

  it('from the home page, where nothing is shown, to a board: its hints arrive', async () => {
    await open('/');
    await page.waitForSelector(`a[href^="/b/${DEMO.lernanta}/"]`);
    expect(await page.locator('process-lens-hint').count()).toBe(0);
    await page.click(`a[href^="/b/${DEMO.lernanta}/"]`);
    expect(await waitForHint(page, 'board.missing-lists', { severity: 'warn' })).toMatchObject([
      { subject: DEMO.lernanta },
    ]);
  });

  it('finds the board behind a card when the page opens on the card', async () => {
    const card = bed.fake.state.trello.boards.find((b) => b.shortLink === DEMO.lernanta)?.cards[0];
    await open(`/c/${card?.shortLink}/${card?.idShort}-card`);
    await page.waitForSelector('[data-testid="card-back-name"]');
    const [hint] = await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    expect(hint?.subject).toBe(DEMO.lernanta);
  });

  it('reads a board again only after 30 s (cached between visits, reloads and tabs)', async () => {
    bed.fake.requests.clear();
    await open(`/b/${DEMO.lernanta}/lernanta`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    await page.click(`a[href^="/b/${DEMO.mooc}/"]`);
    await waitForHint(page, 'board.missing-lists', { severity: 'ok' });
    await page.goBack();
    const [cached] = await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    expect(bed.fake.requests.matching({ path: `/1/boards/${DEMO.lernanta}` })).toHaveLength(1);
    // Cached data says how old it is.
    expect(cached?.text).toMatch(/as of \d{1,2}:\d{2}/);
    // A reload and a second tab reuse the same read.
    await page.reload();
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    const second = await bed.open('trello.com', `/b/${DEMO.lernanta}/lernanta`);
    await waitForHint(second, 'board.missing-lists', { severity: 'warn' });
    await second.close();
    expect(bed.fake.requests.matching({ path: `/1/boards/${DEMO.lernanta}` })).toHaveLength(1);
  });
});

describe('when the board cannot be read', () => {
  it('a board that does not exist says so and what to do', async () => {
    await open('/b/NoSuChBd/nothing');
    const panel = await waitForPanel(page, 'Process Lens cannot read this board');
    expect(panel).toContain('404');
    expect(panel).toContain('Check the board address');
  });

  it('a signed-out session with no token asks to sign in or connect Trello', async () => {
    bed.fake.state.trello.session = false;
    await bed.browser.context.clearCookies();
    await open(`/b/${DEMO.lernanta}/lernanta`);
    const [hint] = await waitForHint(page, 'source.unavailable', { severity: 'error' });
    expect(hint?.text).toContain('401');
    expect(hint?.text).toContain(
      'Sign in to Trello, or connect Trello in the Process Lens options page.',
    );
  });

  it('a background without the trello.com cookies: the page reads the board itself and shares the read', async () => {
    // As for a tab in another cookie container: the background's session read is refused (its
    // fetch is `Sec-Fetch-Site: none`), the page's own same-origin read is not.
    bed.fake.faults.add({
      host: 'trello.com',
      path: new RegExp(`^/1/boards/${DEMO.lernanta}`),
      fetchSite: 'none',
      status: 401,
      body: 'unauthorized permission requested',
    });
    bed.fake.requests.clear();
    await open(`/b/${DEMO.lernanta}/lernanta`);
    const [hint] = await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    expect(hint?.text).toContain('2 process lists missing: Would be nice, Stuck');
    const boardReads = () =>
      bed.fake.requests
        .matching({ path: `/1/boards/${DEMO.lernanta}` })
        .map((r) => [r.fetchSite, r.auth, r.status]);
    expect(boardReads()).toEqual([
      ['none', 'session', 401],
      ['same-origin', 'session', 200],
    ]);
    // Once the page is idle it hands its read to the background: the next view reads nothing.
    await expect
      .poll(() =>
        bed.browser.serviceWorker.evaluate(async (name) => {
          const api = (
            globalThis as unknown as {
              chrome: {
                storage: { session: { get(k: string): Promise<Record<string, unknown>> } };
              };
            }
          ).chrome;
          return (await api.storage.session.get(name))[name] !== undefined;
        }, `snapshot:session:${DEMO.lernanta}@`),
      )
      .toBe(true);
    bed.fake.requests.clear();
    await open(`/b/${DEMO.lernanta}/lernanta`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    expect(boardReads()).toEqual([]);
  });

  it('a signed-out session falls back to the token path in the background, token in the header only', async () => {
    bed.fake.state.trello.session = false;
    await bed.browser.context.clearCookies();
    await seedStorage(bed.browser.serviceWorker, {
      settings: { trello: { apiKey: DEMO.trelloKey } },
      secrets: { trelloToken: DEMO.trelloToken, githubToken: '' },
    });
    bed.fake.requests.clear();
    await open(`/b/${DEMO.lernanta}/lernanta`);
    await waitForHint(page, 'board.missing-lists', {
      severity: 'warn',
      text: 'Would be nice, Stuck',
    });
    const viaToken = bed.fake.requests.matching({
      host: 'api.trello.com',
      path: `/1/boards/${DEMO.lernanta}`,
    });
    expect(viaToken.map((r) => [r.auth, r.status, 'token' in r.query, 'key' in r.query])).toEqual([
      ['token', 200, false, false],
    ]);
  });

  it('a revoked token says Trello rejected it', async () => {
    bed.fake.state.trello.session = false;
    await bed.browser.context.clearCookies();
    await seedStorage(bed.browser.serviceWorker, {
      settings: { trello: { apiKey: DEMO.trelloKey } },
      secrets: { trelloToken: 'revoked-token', githubToken: '' },
    });
    await open(`/b/${DEMO.mooc}/mechanical-mooc`);
    const [hint] = await waitForHint(page, 'source.unavailable', { severity: 'error' });
    expect(hint?.text).toContain('the token was rejected');
  });

  it.each([
    ['malformed JSON', { malformedJson: true }, 'not valid JSON'],
    ['a server error', { status: 500 }, 'Trello had a server error (500)'],
    ['the network down', { networkError: true }, 'Could not reach Trello'],
    ['no access to a private board', { status: 403 }, 'ask a board admin to add you'],
  ])('%s gives a visible hint', async (_name, fault, message) => {
    const board = addBoard(bed.fake.state, { name: 'Faulty', lists: ['Done'] });
    bed.fake.faults.add({ host: 'trello.com', path: `/1/boards/${board.shortLink}`, ...fault });
    await open(`/b/${board.shortLink}/faulty`);
    const [hint] = await waitForHint(page, 'source.unavailable', { severity: 'error' });
    expect(hint?.text).toContain(message);
  });
});

describe('Trello’s rate limit', () => {
  it('says when it reads again, sends nothing before, then reads once and shows the hints', async () => {
    const board = addBoard(bed.fake.state, { name: 'Busy', lists: ['Done'] });
    const path = `/1/boards/${board.shortLink}`;
    bed.fake.faults.add({
      host: 'trello.com',
      path,
      status: 429,
      body: { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
      times: 1,
    });
    bed.fake.requests.clear();
    await open(`/b/${board.shortLink}/busy`);
    const [waiting] = await waitForHint(page, 'source.unavailable', { severity: 'warn' });
    expect(waiting?.text).toMatch(/Process Lens tries again at \d{1,2}:\d{2}:\d{2}/);
    const pausedAt = Date.now();
    // The board changes on the page while Trello has us waiting: nothing is sent.
    await page.evaluate(() => document.body.append(document.createElement('div')));
    await page.locator('h1').click();
    const [hint] = await waitForHint(page, 'board.missing-lists', { severity: 'warn' }, 20_000);
    expect(hint?.text).toContain('5 process lists missing');
    const reads = bed.fake.requests.matching({ path });
    expect(reads.map((r) => r.status)).toEqual([429, 200]);
    // The second read came after Trello's 10 s window, not at once.
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(9_000);
  });
});

describe('placement', () => {
  it('falls back to the floating panel when the board header is not found', async () => {
    const board = addBoard(bed.fake.state, {
      name: 'Headless',
      lists: ['Unsorted'],
      renderHeader: false,
    });
    await open(`/b/${board.shortLink}/headless`);
    const panel = await waitForPanel(page, '5 process lists missing');
    expect(panel).toContain('Would be nice, Need to do, Stuck, In progress, Done');
    expect(await page.locator('process-lens-hint').count()).toBe(0);
  });

  it('renders names with HTML as text: nothing executes', async () => {
    await seedStorage(bed.browser.serviceWorker, {
      settings: { process: { lists: [XSS, 'Done'] } },
    });
    const board = addBoard(bed.fake.state, {
      name: XSS,
      lists: ['Done'],
      cards: [{ name: XSS, list: 'Done' }],
    });
    await open(`/b/${board.shortLink}/xss`);
    const [hint] = await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    expect(hint?.text).toContain(`1 process list missing: ${XSS}`);
    const injected = await page.evaluate(
      () =>
        document.querySelector('[data-process-hint]')?.shadowRoot?.querySelectorAll('img').length,
    );
    expect(injected).toBe(0);
  });
});
