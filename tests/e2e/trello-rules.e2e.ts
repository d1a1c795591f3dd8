// Every Trello rule on the right card, list or board, and the one-click fixes, against the fake
// Trello with its real markup.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addBoard, DEMO, findBoard, makeBigBoard } from '../fake/state.ts';
import { seedStorage } from './browser.ts';
import { readHints, setUpTestBed, waitForHint, waitForPanel } from './support.ts';

const bed = setUpTestBed();
let page: Page;
const open = async (path: string) => (page = await bed.open('trello.com', path));

const connectTrello = (extra: Record<string, unknown> = {}) =>
  seedStorage(bed.browser.serviceWorker, {
    settings: { trello: { apiKey: DEMO.trelloKey, ...extra } },
    secrets: { trelloToken: DEMO.trelloToken, githubToken: '' },
  });

const cardNamed = (board: string, name: string) => {
  const card = findBoard(bed.fake.state, board)?.cards.find((c) => c.name === name);
  if (!card) throw new Error(`no card ${name}`);
  return card;
};

/** The short link in the href of the card link inside the card element that holds each hint. */
const hostCards = (rule: string) =>
  page.evaluate(
    (rule) =>
      [...document.querySelectorAll(`[data-process-hint="${rule}"]`)].map((host) => ({
        subject: host.getAttribute('data-process-subject'),
        cardLink: host
          .closest('[data-testid="trello-card"]')
          ?.querySelector('a[data-testid="card-name"]')
          ?.getAttribute('href'),
      })),
    rule,
  );

describe('project board rules on their cards', () => {
  it('puts card.stuck and card.stale-in-progress on exactly the right cards', async () => {
    await open(`/b/${DEMO.mooc}/mechanical-mooc`);
    const stuck = await waitForHint(page, 'card.stuck', { severity: 'warn' });
    const silent = cardNamed(DEMO.mooc, 'Mail server blocked');
    const explained = cardNamed(DEMO.mooc, 'Weekly schedule');
    const stale = cardNamed(DEMO.mooc, 'Group matching');

    expect(stuck.map((h) => [h.subject, h.severity, h.inside]).sort()).toEqual(
      [
        [silent.shortLink, 'warn', 'trello-card'],
        [explained.shortLink, 'info', 'trello-card'],
      ].sort(),
    );
    expect(stuck.find((h) => h.subject === explained.shortLink)?.text).toContain(
      'Blocked by: waiting for the course team to confirm dates.',
    );
    for (const { subject, cardLink } of await hostCards('card.stuck'))
      expect(cardLink).toMatch(new RegExp(`^/c/${subject}/`));

    const [staleHint] = await waitForHint(page, 'card.stale-in-progress');
    expect(staleHint).toMatchObject({
      subject: stale.shortLink,
      severity: 'warn',
      inside: 'trello-card',
    });
    expect(staleHint?.text).toContain('In progress for 9 days');
  });

  it('counts time in list from the move, not from the last activity', async () => {
    await open(`/b/${DEMO.lernanta}/lernanta`);
    // "Migrate to Django 1.4" moved 12 days ago, touched yesterday: stale. "Profile badges" moved
    // 2 days ago: not. A card's hints are placed together, the PR status last: once "Profile
    // badges" shows its PR's status, a stale hint on it would show too.
    const badges = cardNamed(DEMO.lernanta, 'Profile badges').shortLink;
    await page.waitForFunction(
      (card) =>
        document.querySelector(`[data-process-hint="pr.reviews"][data-process-subject="${card}"]`),
      badges,
    );
    expect((await readHints(page, 'card.stale-in-progress')).map((h) => h.subject)).toEqual([
      cardNamed(DEMO.lernanta, 'Migrate to Django 1.4').shortLink,
    ]);
  });

  it('warns on a board that is not on the configured pipeline, not on one that is', async () => {
    await seedStorage(bed.browser.serviceWorker, {
      settings: { trello: { pipelineBoard: DEMO.pipeline } },
    });
    await open(`/b/${DEMO.untidy}/badges`);
    const [hint] = await waitForHint(page, 'board.not-in-pipeline', { severity: 'warn' });
    expect(hint).toMatchObject({ subject: DEMO.untidy, after: 'board-name-display' });
    await page.click(`a[href^="/b/${DEMO.lernanta}/"]`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    expect(await readHints(page, 'board.not-in-pipeline')).toEqual([]);
  });

  it('keeps up when a card moves or the board re-renders: one hint per card, on that card', async () => {
    await open(`/b/${DEMO.mooc}/mechanical-mooc`);
    await waitForHint(page, 'card.stuck', { severity: 'warn' });
    const silent = cardNamed(DEMO.mooc, 'Mail server blocked');
    // Trello moves the card's element to another list (what a drag and drop leaves behind).
    await page.evaluate((shortLink) => {
      const card = document
        .querySelector(`a[href^="/c/${shortLink}/"]`)
        ?.closest('[data-testid="list-card"]');
      const target = document.querySelectorAll('ol[data-testid="list-cards"]')[0];
      if (card && target) target.prepend(card);
    }, silent.shortLink);
    await page.evaluate(() =>
      (
        window as unknown as { __fakeTrello: { rerender(): Promise<void> } }
      ).__fakeTrello.rerender(),
    );
    await page.waitForFunction(
      () => document.querySelectorAll('[data-process-hint="card.stuck"]').length === 2,
    );
    const placed = await hostCards('card.stuck');
    expect(placed).toHaveLength(2);
    for (const { subject, cardLink } of placed)
      expect(cardLink).toMatch(new RegExp(`^/c/${subject}/`));
  });

  it('leaves Trello’s drag and drop alone: a card dragged by its hint moves, and keeps one hint', async () => {
    await open(`/b/${DEMO.mooc}/mechanical-mooc`);
    await waitForHint(page, 'card.stuck', { severity: 'warn' });
    const silent = cardNamed(DEMO.mooc, 'Mail server blocked');
    const card = page.locator(`[data-testid="list-card"]:has(a[href^="/c/${silent.shortLink}/"])`);
    const hint = card.locator('[data-process-hint="card.stuck"] button.hint');
    const target = page.locator('[data-testid="list"]').first();
    expect(await target.locator(`a[href^="/c/${silent.shortLink}/"]`).count()).toBe(0);
    const focused = await page.evaluate(() => document.activeElement?.localName);
    await hint.dragTo(target);
    await expect.poll(() => target.locator(`a[href^="/c/${silent.shortLink}/"]`).count()).toBe(1);
    await page.waitForFunction(
      (shortLink) =>
        document.querySelectorAll(
          `[data-process-hint="card.stuck"][data-process-subject="${shortLink}"]`,
        ).length === 1,
      silent.shortLink,
    );
    const placed = await hostCards('card.stuck');
    for (const { subject, cardLink } of placed)
      expect(cardLink).toMatch(new RegExp(`^/c/${subject}/`));
    // Nothing of ours took the focus on the way.
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe(focused);
  });

  it('lists findings of cards Trello has not rendered in the floating panel, with a link to the card', async () => {
    await open(`/b/${DEMO.mooc}/mechanical-mooc`);
    await waitForHint(page, 'card.stuck', { severity: 'warn' });
    const silent = cardNamed(DEMO.mooc, 'Mail server blocked');
    // Trello renders lists lazily: the card's element goes away.
    await page.evaluate((shortLink) => {
      document
        .querySelector(`a[href^="/c/${shortLink}/"]`)
        ?.closest('[data-testid="list-card"]')
        ?.remove();
    }, silent.shortLink);
    const panel = await waitForPanel(page, 'Stuck, and nothing says why');
    expect(panel).toContain('1 hint not shown on the board');
    const link = await page.evaluate(() =>
      document
        .querySelector('[data-process-panel]')
        ?.shadowRoot?.querySelector('a')
        ?.getAttribute('href'),
    );
    expect(link).toBe(`https://trello.com/c/${silent.shortLink}`);
    expect((await readHints(page, 'card.stuck')).map((h) => h.subject)).toEqual([
      cardNamed(DEMO.mooc, 'Weekly schedule').shortLink,
    ]);
  });
});

describe('pipeline rules', () => {
  it('recognises the pipeline by its name and puts each rule on its card', async () => {
    await open(`/b/${DEMO.pipeline}/project-pipeline`);
    await waitForHint(page, 'pipeline.overdue', { severity: 'error' });
    const subjectsOf = async (rule: string) =>
      (await readHints(page, rule)).map((h) => h.subject).sort();
    const link = (name: string) => cardNamed(DEMO.pipeline, name).shortLink;
    expect(await subjectsOf('pipeline.overdue')).toEqual([link('Mechanical MOOC')]);
    expect(await subjectsOf('pipeline.deadline-too-far')).toEqual([link('Course search rewrite')]);
    expect(await subjectsOf('pipeline.no-deadline')).toEqual([link('Badges')]);
    expect(await subjectsOf('pipeline.no-board')).toEqual(
      [link('Badges'), link('Course search rewrite')].sort(),
    );
    expect(await subjectsOf('pipeline.stale')).toEqual([link('Course search rewrite')]);
    for (const rule of ['pipeline.overdue', 'pipeline.no-board']) {
      for (const { subject, cardLink } of await hostCards(rule))
        expect(cardLink).toMatch(new RegExp(`^/c/${subject}/`));
    }
    const [review] = await waitForHint(page, 'pipeline.review-due', { severity: 'warn' });
    expect(review).toMatchObject({ subject: DEMO.pipeline, after: 'board-name-display' });
    expect(review?.text).toContain('No pipeline review is recorded yet.');
  });

  it('offers to save a pipeline recognised by its name: the options open with it filled in', async () => {
    await open(`/b/${DEMO.pipeline}/project-pipeline`);
    await waitForHint(page, 'pipeline.recognised', { severity: 'info' });
    const optionsTab = bed.browser.context.waitForEvent('page');
    await page.locator('[data-process-action="save-pipeline-board"] button.hint').click();
    const options = await optionsTab;
    await options.getByLabel('Project Pipeline board').waitFor();
    expect(await options.getByLabel('Project Pipeline board').inputValue()).toBe(DEMO.pipeline);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByText('Saved.').waitFor();
    await options.close();
  });

  it('"Mark pipeline reviewed" records one review on the board, and the hint turns ok', async () => {
    await connectTrello();
    await open(`/b/${DEMO.pipeline}/project-pipeline`);
    await waitForHint(page, 'pipeline.review-due', { severity: 'warn' });
    const button = page.locator('[data-process-action="mark-pipeline-reviewed"] button.hint');
    await button.dblclick();
    await waitForHint(page, 'pipeline.review-due', { severity: 'ok', text: 'Pipeline reviewed' });
    await button.click();
    await waitForHint(page, 'pipeline.review-due', { text: 'Already recorded today.' });
    const pipeline = findBoard(bed.fake.state, DEMO.pipeline);
    const reviewCards =
      pipeline?.cards.filter((c) => c.name === 'Pipeline reviews (Process Lens)') ?? [];
    expect(reviewCards).toHaveLength(1);
    const comments = pipeline?.actions.filter((a) => a.type === 'commentCard') ?? [];
    expect(comments).toHaveLength(1);
    expect(String((comments[0]?.data as { text?: string } | undefined)?.text)).toMatch(
      /^Pipeline reviewed on .+ by @demo\.$/,
    );
    // The review confirms every card: nothing is stale any more.
    expect(await readHints(page, 'pipeline.stale')).toEqual([]);
  });
});

describe('add missing lists', () => {
  it('creates exactly the missing lists at their process positions, once, on a double click', async () => {
    await connectTrello();
    const board = addBoard(bed.fake.state, {
      name: 'Fix me',
      lists: ['Unsorted', 'Need to do', 'Done', 'Archive'],
    });
    bed.fake.requests.clear();
    await open(`/b/${board.shortLink}/fix-me`);
    await waitForHint(page, 'board.missing-lists', {
      severity: 'warn',
      text: 'Would be nice, Stuck, In progress',
    });
    await page.locator('[data-process-action="add-missing-lists"] button.hint').dblclick();
    await waitForHint(page, 'board.missing-lists', { severity: 'ok' });

    const names = [...board.lists]
      .filter((l) => !l.closed)
      .sort((a, b) => a.pos - b.pos)
      .map((l) => l.name);
    expect(names).toEqual([
      'Unsorted',
      'Would be nice',
      'Need to do',
      'Stuck',
      'In progress',
      'Done',
      'Archive',
    ]);
    const posts = bed.fake.requests.matching({ method: 'POST', path: '/1/lists' });
    expect(posts.map((r) => [r.host, r.auth, r.status])).toEqual([
      ['api.trello.com', 'token', 200],
      ['api.trello.com', 'token', 200],
      ['api.trello.com', 'token', 200],
    ]);
    // Clicking the fix again (it is gone) or retrying creates nothing more.
    expect(await page.locator('[data-process-action="add-missing-lists"]').count()).toBe(0);
  });

  it('without a Trello connection says how to connect, and writes nothing', async () => {
    const board = addBoard(bed.fake.state, { name: 'Not connected', lists: ['Unsorted'] });
    await open(`/b/${board.shortLink}/not-connected`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    await page.locator('[data-process-action="add-missing-lists"] button.hint').click();
    const [hint] = await waitForHint(page, 'board.missing-lists', {
      text: 'One-click fixes need Trello connected.',
    });
    expect(hint?.text).toContain(
      'Connect Trello (API key and token) in the Process Lens options page.',
    );
    expect(hint?.text).toContain('Open the options');
    expect(board.lists).toHaveLength(1);
  });

  it('a server error while creating says so; the retry creates only the rest', async () => {
    await connectTrello();
    const board = addBoard(bed.fake.state, { name: 'Flaky', lists: ['Done'] });
    bed.fake.faults.add({
      host: 'api.trello.com',
      method: 'POST',
      path: '/1/lists',
      status: 500,
      times: 1,
    });
    await open(`/b/${board.shortLink}/flaky`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    const fix = page.locator('[data-process-action="add-missing-lists"] button.hint');
    await fix.click();
    await waitForHint(page, 'board.missing-lists', { text: 'Trello had a server error (500).' });
    await fix.click();
    await waitForHint(page, 'board.missing-lists', { severity: 'ok' });
    const names = [...board.lists].sort((a, b) => a.pos - b.pos).map((l) => l.name);
    expect(names).toEqual([
      'Unsorted',
      'Would be nice',
      'Need to do',
      'Stuck',
      'In progress',
      'Done',
    ]);
  });
});

describe('a board of 5,000 cards', () => {
  it('places card hints as their cards scroll into view: once each, on its own card, focus untouched', async () => {
    const big = makeBigBoard(bed.fake.state, 5000, { name: 'Huge board' });
    const stuckList = big.lists.find((l) => l.name === 'Stuck');
    const stuckCards = big.cards
      .filter((c) => c.idList === stuckList?.id)
      .sort((a, b) => a.pos - b.pos);
    const lastStuck = stuckCards.at(-1)?.shortLink as string;
    await open(`/b/${big.shortLink}/huge-board`);
    await waitForHint(page, 'card.stuck', { severity: 'warn' }, 30_000);

    // Only the cards near the viewport have their hint; the others wait (not in the panel either).
    const atFirst = await hostCards('card.stuck');
    expect(atFirst.map((h) => h.subject)).toContain(stuckCards[0]?.shortLink);
    expect(atFirst.length).toBeLessThan(stuckCards.length / 10);
    expect(atFirst.map((h) => h.subject)).not.toContain(lastStuck);
    const panel = await page.evaluate(
      () => document.querySelector('[data-process-panel]')?.shadowRoot?.textContent ?? '',
    );
    expect(panel).not.toContain('Stuck');

    // The user has a card focused and scrolls the Stuck list to its end.
    const focused = page.locator('a[data-testid="card-name"]').first();
    await focused.focus();
    await page.evaluate(
      (shortLink) =>
        document
          .querySelector(`a[href^="/c/${shortLink}/"]`)
          ?.closest('[data-testid="list-card"]')
          ?.scrollIntoView(),
      lastStuck,
    );
    await page.waitForFunction(
      (shortLink) =>
        document
          .querySelector(`[data-process-hint="card.stuck"][data-process-subject="${shortLink}"]`)
          ?.shadowRoot?.textContent?.includes('Stuck'),
      lastStuck,
    );
    const [last] = (await readHints(page, 'card.stuck')).filter((h) => h.subject === lastStuck);
    expect(last).toMatchObject({ severity: 'warn', inside: 'trello-card' });
    // And back to the top: every hint still once, on its own card; focus never moved.
    await focused.scrollIntoViewIfNeeded();
    const placed = await hostCards('card.stuck');
    expect(new Set(placed.map((h) => h.subject)).size).toBe(placed.length);
    expect(placed.length).toBeGreaterThan(atFirst.length);
    for (const { subject, cardLink } of placed)
      expect(cardLink).toMatch(new RegExp(`^/c/${subject}/`));
    expect(await focused.evaluate((link) => link === document.activeElement)).toBe(true);

    // Still responsive: a card opens on click while the hints are there.
    await focused.click();
    await page.waitForSelector('[data-testid="card-back-name"]');
  });
});
