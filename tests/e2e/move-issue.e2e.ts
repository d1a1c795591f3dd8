// "Move issue to Trello card" against the fake APIs: the happy path and every fault case ends with
// exactly one card, at most one linking comment, and the issue in the chosen state.
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCard, addIssue, DEMO, findBoard, findRepo } from '../fake/state.ts';
import { seedStorage } from './browser.ts';
import { setUpTestBed, waitForHint } from './support.ts';

const bed = setUpTestBed();
let page: Page;
/** A second tab on the same issue. */
let other: Page | undefined;
let issueNumber = 100;

const CLOSE_LABEL = 'moved-to-trello';

beforeAll(() => {
  // The board has a "discussion" label (the issues below carry one), the repo the close label.
  const board = findBoard(bed.fake.state, DEMO.lernanta);
  if (!board) throw new Error('no Lernanta board');
  addCard(bed.fake.state, board, {
    name: 'Talk about the roadmap',
    list: 'Done',
    labels: [{ name: 'Discussion', color: 'blue' }],
  });
  repo().labels = [{ name: CLOSE_LABEL, color: 'ededed' }];
});
beforeEach(async () => {
  issueNumber++;
  await seedStorage(bed.browser.serviceWorker, {
    settings: {
      trello: { apiKey: DEMO.trelloKey },
      github: {
        repos: [DEMO.repo],
        boardForRepo: { [DEMO.repo]: DEMO.lernanta },
        closeLabel: CLOSE_LABEL,
      },
    },
    secrets: { trelloToken: DEMO.trelloToken, githubToken: DEMO.githubToken },
  });
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

async function openDialog(n: number, tab?: Page) {
  if (!tab) page = await bed.newTab();
  const opened = tab ?? page;
  await opened.goto(bed.fake.url('github.com', `/${DEMO.repo}/issues/${n}`));
  await waitForHint(opened, 'issue.needs-card');
  await opened.locator('[data-process-action="move-issue-to-card"] button.hint').click();
  const dialog = opened.locator('[data-move-dialog]');
  await dialog
    .locator('select[name="list"] option', { hasText: 'Unsorted' })
    .waitFor({ state: 'attached' });
  return dialog;
}

/** The same issue in a second tab, with its own dialog open. */
async function openSecondTab(n: number) {
  other = await bed.newTab();
  return openDialog(n, other);
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
  // The issue's "discussion" label matched the board's "Discussion" by name.
  expect(card?.labels.map((l) => l.name)).toEqual(['Discussion']);
  const issue = repo().issues.find((i) => i.number === n);
  expect(issue?.state).toBe(closed ? 'closed' : 'open');
  if (closed) expect(issue?.state_reason).toBe('not_planned');
  expect(issue?.labels.filter((l) => l.name === CLOSE_LABEL)).toHaveLength(closed ? 1 : 0);
}

describe('move issue to Trello card', () => {
  it('moves the issue: board and list chosen, one card with body and comments, linked back, closed as not planned', async () => {
    newIssue();
    const dialog = await openDialog(issueNumber);
    expect(await dialog.locator('select[name="board"]').inputValue()).toBe(DEMO.lernanta);
    const preview = (await dialog.getByLabel('Card preview').textContent()) ?? '';
    expect(preview).toContain('3 comments copied in order');
    // The exact description the card gets, with where it came from.
    expect(await dialog.locator('[data-card-description]').textContent()).toMatch(
      new RegExp(
        `^The course page needs a redesign\\.[\\s\\S]*Moved from ${issueUrl(issueNumber)} \\(opened by @carol on \\d{4}-\\d\\d-\\d\\d\\)$`,
      ),
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
    // No retry before Trello's window has passed: the job goes on by itself at its time.
    expect(await dialog.getByRole('button', { name: 'Retry now' }).count()).toBe(0);
    await page.locator('[data-move-status="done"]').waitFor({ timeout: 25_000 });
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
    // The new worker first gives the interrupted write 15 s to land (SETTLE_MS), then checks.
    await page.locator('[data-move-status="done"]').waitFor({ timeout: 40_000 });
    const [worker] = bed.browser.context.serviceWorkers();
    if (!worker) throw new Error('no service worker');
    bed.browser.serviceWorker = worker;
    expect(
      await worker.evaluate(() => (globalThis as { beforeRestart?: boolean }).beforeRestart),
    ).toBeUndefined();
    expectMovedOnce(issueNumber);
  }, 60_000);

  it('two tabs starting the same move at once: joined in the background, one card', async () => {
    newIssue();
    const first = await openDialog(issueNumber);
    const second = await openSecondTab(issueNumber);
    await Promise.all([
      first.getByRole('button', { name: 'Move to Trello' }).click(),
      second.getByRole('button', { name: 'Move to Trello' }).click(),
    ]);
    await page.locator('[data-move-status="done"]').waitFor();
    await other?.locator('[data-move-status="done"]').waitFor();
    expectMovedOnce(issueNumber);
  });

  it('a second move after the first finished, to another list: “Already on card”, still one card', async () => {
    newIssue();
    const first = await openDialog(issueNumber);
    const second = await openSecondTab(issueNumber);
    await first.getByRole('button', { name: 'Move to Trello' }).click();
    await page.locator('[data-move-status="done"]').waitFor();
    const [card] = cardsFor(issueNumber);
    await second.locator('select[name="list"]').selectOption({ label: 'Need to do' });
    await second.getByRole('button', { name: 'Move to Trello' }).click();
    await second.locator(`[data-move-existing="${card?.shortLink}"]`).waitFor();
    expect(await second.getByRole('status').textContent()).toBe(
      `Already on card ${card?.shortLink}: nothing new was created.`,
    );
    expect(await second.getByRole('link', { name: 'Open the card' }).getAttribute('href')).toBe(
      `https://trello.com/c/${card?.shortLink}`,
    );
    expectMovedOnce(issueNumber);
  });

  it('a card for the issue already on another list of the board is used, not a second one', async () => {
    newIssue();
    const board = findBoard(bed.fake.state, DEMO.lernanta);
    if (!board) throw new Error('no board');
    const earlier = addCard(bed.fake.state, board, {
      name: 'Made by hand earlier',
      list: 'In progress',
      attachments: [issueUrl(issueNumber)],
    });
    const dialog = await openDialog(issueNumber);
    await dialog.getByRole('button', { name: 'Move to Trello' }).click();
    await page.locator('[data-move-status="done"]').waitFor();
    expect(cardsFor(issueNumber).map((c) => c.shortLink)).toEqual([earlier.shortLink]);
    expect(board.lists.find((l) => l.id === earlier.idList)?.name).toBe('In progress');
    expect(markerComments(issueNumber)).toHaveLength(1);
    expect(markerComments(issueNumber)[0]?.body).toContain(earlier.shortLink);
  });

  it('a body over Trello’s description limit: the card holds all of it, continued in comments', async () => {
    const paragraph =
      'Organisers get lost between the overview, the signup settings and the task pages. ';
    const body = `${paragraph.repeat(450)}The end.`; // about 37,000 characters
    newIssue(body);
    const dialog = await openDialog(issueNumber);
    expect(await dialog.locator('[data-card-description]').textContent()).toContain(
      'The description continues in the comments below',
    );
    await dialog.getByRole('button', { name: 'Move to Trello' }).click();
    await page.locator('[data-move-status="done"]').waitFor();
    const [card] = cardsFor(issueNumber);
    expect(cardsFor(issueNumber)).toHaveLength(1);
    expect(card?.desc.length).toBeLessThanOrEqual(16_384);
    const parts = cardComments(card?.id ?? '').filter((t) => t.startsWith('Description, part'));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const whole =
      (card?.desc.split('\n\n(The description continues')[0] ?? '') +
      parts.map((t) => t.split('\n\n').slice(1).join('\n\n')).join('');
    expect(whole).toBe(body);
    // Then every issue comment, in order.
    expect(
      cardComments(card?.id ?? '')
        .slice(parts.length)
        .map((t) => t.split(' ')[0]),
    ).toEqual(['@alice', '@bob', '@carol']);
  });

  it('closes without the label when the repository lacks it, creates none, and says so', async () => {
    newIssue();
    const saved = repo().labels;
    repo().labels = [];
    try {
      const dialog = await openDialog(issueNumber);
      await dialog.getByRole('button', { name: 'Move to Trello' }).click();
      await page.locator('[data-move-status="done"]').waitFor();
      expect(await dialog.locator('[data-move-note]').textContent()).toBe(
        `${DEMO.repo} has no label “${CLOSE_LABEL}”: the issue was closed without it. Create the label in the repository, or change it in the Process Lens options.`,
      );
      expect(repo().labels).toEqual([]);
      const issue = repo().issues.find((i) => i.number === issueNumber);
      expect(issue?.state).toBe('closed');
      expect(issue?.labels.map((l) => l.name)).toEqual(['discussion']);
    } finally {
      repo().labels = saved;
    }
  });
});
