// "Move issue to Trello card" against the fake APIs: the happy path and every fault case ends with
// exactly one card, at most one linking comment, and the issue in the chosen state.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedStorage } from './browser.ts';
import { addIssue, DEMO, findBoard, findRepo } from './fake/state.ts';
import {
  type Bed,
  clearExtensionStorage,
  startBed,
  stopBed,
  waitForHint,
  watchErrors,
} from './support.ts';

let bed: Bed;
let page: Page;
let errors: string[];
let issueNumber = 100;

beforeAll(async () => {
  bed = await startBed();
});
afterAll(() => stopBed(bed));
beforeEach(async () => {
  issueNumber++;
  await seedStorage(bed.browser.serviceWorker, {
    settings: {
      trello: { apiKey: DEMO.trelloKey },
      github: { repos: [DEMO.repo], boardForRepo: { [DEMO.repo]: DEMO.lernanta } },
    },
    secrets: { trelloToken: DEMO.trelloToken, githubToken: DEMO.githubToken },
  });
});
afterEach(async () => {
  await page?.close();
  bed.fake.faults.clear();
  await clearExtensionStorage(bed);
  expect(errors, 'no uncaught error and no console error on the page').toEqual([]);
});

const repo = () => {
  const found = findRepo(bed.fake.state, 'p2pu', 'lernanta');
  if (!found) throw new Error('no repo');
  return found;
};

function newIssue(body = 'The course page needs a redesign.\n\n- [ ] one\n- [ ] two\n- [ ] three') {
  return addIssue(bed.fake.state, repo(), {
    number: issueNumber,
    title: `Redesign ${issueNumber}`,
    body,
    user: 'carol',
    labels: ['discussion'],
    comments: [
      { user: 'alice', body: 'First thought.' },
      { user: 'bob', body: 'Second <img src=0 onerror=alert(1)> thought.' },
      { user: 'carol', body: 'Third thought.' },
    ],
  });
}

const issueUrl = (n: number) => `https://github.com/${DEMO.repo}/issues/${n}`;
const cardsFor = (n: number) =>
  findBoard(bed.fake.state, DEMO.lernanta)?.cards.filter((c) =>
    c.attachments.some((a) => a.url === issueUrl(n)),
  ) ?? [];
const markerComments = (n: number) =>
  repo()
    .issues.find((i) => i.number === n)
    ?.comments.filter((c) => c.body.includes('<!-- process-lens:card=')) ?? [];
const cardComments = (cardId: string) =>
  (findBoard(bed.fake.state, DEMO.lernanta)?.actions ?? [])
    .filter((a) => a.type === 'commentCard' && (a.data.card as { id?: string }).id === cardId)
    .map((a) => String((a.data as { text?: string }).text));

async function openDialog(n: number) {
  page = await bed.browser.context.newPage();
  errors = watchErrors(page);
  await page.goto(bed.fake.url('github.com', `/${DEMO.repo}/issues/${n}`));
  await waitForHint(page, 'issue.needs-card');
  await page.locator('[data-process-action="move-issue-to-card"] button.hint').click();
  const dialog = page.locator('[data-move-dialog]');
  await dialog
    .locator('select[name="list"] option', { hasText: 'Unsorted' })
    .waitFor({ state: 'attached' });
  return dialog;
}

const status = () => page.locator('[data-move-status]');

function expectMovedOnce(n: number, { closed = true } = {}) {
  const cards = cardsFor(n);
  expect(cards).toHaveLength(1);
  const card = cards[0];
  const board = findBoard(bed.fake.state, DEMO.lernanta);
  expect(board?.lists.find((l) => l.id === card?.idList)?.name).toBe('Unsorted');
  expect(card?.name).toBe(`Redesign ${n}`);
  expect(card?.desc).toContain('The course page needs a redesign.');
  expect(card?.desc).toContain(`Moved from ${issueUrl(n)} (opened by @carol on `);
  const copied = cardComments(card?.id ?? ''); // the fake keeps actions oldest first
  expect(copied.map((t) => t.split('\n')[0]?.split(' commented')[0])).toEqual([
    '@alice',
    '@bob',
    '@carol',
  ]);
  expect(copied[1]).toContain('Second <img src=0 onerror=alert(1)> thought.');
  expect(markerComments(n)).toHaveLength(1);
  expect(markerComments(n)[0]?.body).toContain(`https://trello.com/c/${card?.shortLink}`);
  const issue = repo().issues.find((i) => i.number === n);
  expect(issue?.state).toBe(closed ? 'closed' : 'open');
  if (closed) expect(issue?.state_reason).toBe('not_planned');
}

describe('move issue to Trello card', () => {
  it('moves the issue: board and list chosen, one card with body and comments, linked back, closed as not planned', async () => {
    newIssue();
    const dialog = await openDialog(issueNumber);
    expect(await dialog.locator('select[name="board"]').inputValue()).toBe(DEMO.lernanta);
    expect(await dialog.getByLabel('Card preview').textContent()).toContain(
      '3 comments copied in order',
    );
    await dialog.getByRole('button', { name: 'Move to Trello' }).click();
    await page.locator('[data-move-status="done"]').waitFor();
    expectMovedOnce(issueNumber);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await waitForHint(page, 'issue.on-card', {
      severity: 'ok',
      text: cardsFor(issueNumber)[0]?.shortLink,
    });
  });

  it('Escape cancels and writes nothing', async () => {
    newIssue();
    await openDialog(issueNumber);
    await page.keyboard.press('Escape');
    await page.locator('[data-move-dialog]').waitFor({ state: 'detached' });
    expect(cardsFor(issueNumber)).toEqual([]);
  });

  it('keeps the issue open when asked, and links an existing card instead of creating one', async () => {
    newIssue();
    const existing = findBoard(bed.fake.state, DEMO.lernanta)?.cards.find(
      (c) => c.name === 'Course page is slow',
    );
    const dialog = await openDialog(issueNumber);
    await dialog.getByLabel('Close the issue as “not planned” once the card exists').uncheck();
    await dialog
      .locator('input[name="linkCard"]')
      .fill(`https://trello.com/c/${existing?.shortLink}/4-course-page`);
    await dialog.getByRole('button', { name: 'Link the card' }).click();
    await page.locator('[data-move-status="done"]').waitFor();
    expect(cardsFor(issueNumber).map((c) => c.shortLink)).toEqual([existing?.shortLink]);
    expect(markerComments(issueNumber)).toHaveLength(1);
    expect(repo().issues.find((i) => i.number === issueNumber)?.state).toBe('open');
  });

  it('a double click makes one card', async () => {
    newIssue();
    const dialog = await openDialog(issueNumber);
    await dialog.getByRole('button', { name: 'Move to Trello' }).dblclick();
    await page.locator('[data-move-status="done"]').waitFor();
    expectMovedOnce(issueNumber);
  });

  it('a comment POST that succeeds on the server but answers 500: the retry finds it, one comment', async () => {
    newIssue();
    bed.fake.faults.add({
      host: 'api.github.com',
      method: 'POST',
      path: `/repos/${DEMO.repo}/issues/${issueNumber}/comments`,
      status: 500,
      afterHandling: true,
      times: 1,
    });
    const dialog = await openDialog(issueNumber);
    await dialog.getByRole('button', { name: 'Move to Trello' }).click();
    await page.locator('[data-move-status="waiting"]').waitFor();
    expect(await status().textContent()).toMatch(
      /GitHub had a server error \(500\)\. Retrying at .+ \(“Link the card on GitHub”\)/,
    );
    await dialog.getByRole('button', { name: 'Retry now' }).click();
    await page.locator('[data-move-status="done"]').waitFor();
    expectMovedOnce(issueNumber);
  });

  it('a 429 on card creation waits for Trello, then makes one card', async () => {
    newIssue();
    bed.fake.faults.add({
      host: 'api.trello.com',
      method: 'POST',
      path: '/1/cards',
      status: 429,
      body: { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
      times: 1,
    });
    const dialog = await openDialog(issueNumber);
    await dialog.getByRole('button', { name: 'Move to Trello' }).click();
    await page.locator('[data-move-status="waiting"]').waitFor();
    expect(await status().textContent()).toContain('Trello rate limit reached (429).');
    expect(cardsFor(issueNumber)).toEqual([]);
    await dialog.getByRole('button', { name: 'Retry now' }).click();
    await page.locator('[data-move-status="done"]').waitFor();
    expectMovedOnce(issueNumber);
  });

  it('a revoked Trello token: the step and the reason are shown, nothing is written to GitHub', async () => {
    newIssue();
    const dialog = await openDialog(issueNumber);
    const tokens = bed.fake.state.trello.tokens;
    const saved = { ...tokens };
    for (const token of Object.keys(tokens)) delete tokens[token];
    try {
      await dialog.getByRole('button', { name: 'Move to Trello' }).click();
      await page.locator('[data-move-status="failed"]').waitFor();
      expect(await status().textContent()).toContain(
        'Failed at “Create the Trello card”: Trello refused the request (401)',
      );
      expect(cardsFor(issueNumber)).toEqual([]);
      expect(markerComments(issueNumber)).toEqual([]);
      expect(repo().issues.find((i) => i.number === issueNumber)?.state).toBe('open');
    } finally {
      Object.assign(tokens, saved);
    }
    await dialog.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-move-status="done"]').waitFor();
    expectMovedOnce(issueNumber);
  });

  it('a service-worker restart in the middle: the job resumes from its journal and finishes once', async () => {
    newIssue();
    // Copying the card comments is slow this time: the worker is stopped while it waits.
    bed.fake.faults.add({
      host: 'api.trello.com',
      method: 'POST',
      path: /\/1\/cards\/[^/]+\/actions\/comments$/,
      delayMs: 1500,
      times: 1,
    });
    const dialog = await openDialog(issueNumber);
    await dialog.getByRole('button', { name: 'Move to Trello' }).click();
    await page.locator('[data-step="card-comments"][data-state="running"]').waitFor();
    // Mark the running worker, then stop it as Chrome does when it idles or crashes.
    await bed.browser.serviceWorker.evaluate(() => {
      (globalThis as { beforeRestart?: boolean }).beforeRestart = true;
    });
    const cdp = await bed.browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // The dialog keeps asking for the job's status: that wakes a new worker, which resumes the job.
    await page.locator('[data-move-status="done"]').waitFor({ timeout: 20_000 });
    const [worker] = bed.browser.context.serviceWorkers();
    if (!worker) throw new Error('no service worker');
    bed.browser.serviceWorker = worker;
    expect(
      await worker.evaluate(() => (globalThis as { beforeRestart?: boolean }).beforeRestart),
    ).toBeUndefined();
    expectMovedOnce(issueNumber);
  });
});
