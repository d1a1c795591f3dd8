// Undo after a one-click write, in Chromium with the built extension: "Create card" on a PR page
// and "Add the missing lists" on a board offer Undo beside the done message; Undo takes the write
// back on the fake sites and the page is read again. The offer goes after 10 seconds.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addBoard, DEMO, findBoard, findRepo } from '../fake/state.ts';
import { seedStorage } from './browser.ts';
import { connectTrelloAndGitHub, setUpTestBed, waitForHint } from './support.ts';

const bed = setUpTestBed();
let page: Page;
const open = async (host: string, path: string) => (page = await bed.open(host, path));

const connectBoth = () => connectTrelloAndGitHub(bed);

/** Trello only: with no boards watched, every board is checked (a repository's board would be watched). */
const connectTrello = () =>
  seedStorage(bed.browser.serviceWorker, {
    settings: { trello: { apiKey: DEMO.trelloKey } },
    secrets: { trelloToken: DEMO.trelloToken, githubToken: '' },
  });

const undoIn = (rule: string) =>
  page.locator(`[data-process-hint="${rule}"]`).first().locator('[data-process-action="undo"]');

describe('Undo of "Create card" on a pull request page', () => {
  it('archives the card and deletes the comment; the PR shows it has no card again', async () => {
    await connectBoth();
    await open('github.com', `/${DEMO.repo}/pull/42`);
    await waitForHint(page, 'pr.no-card', { severity: 'warn' });
    await page.locator('[data-process-action="create-card-for-pr"] button.hint').click();
    await waitForHint(page, 'pr.on-card', { text: 'Undo' });

    const prUrl = `https://github.com/${DEMO.repo}/pull/42`;
    const board = findBoard(bed.fake.state, DEMO.lernanta);
    const [card, ...others] =
      board?.cards.filter((c) => c.attachments.some((a) => a.url === prUrl)) ?? [];
    expect(others).toEqual([]);
    expect(card?.closed).toBe(false);
    const pull = () =>
      findRepo(bed.fake.state, 'p2pu', 'lernanta')?.pulls.find((p) => p.number === 42);
    const marked = () =>
      pull()?.comments.filter((c) => c.body.includes(`process-lens:card=${card?.shortLink}`)) ?? [];
    expect(marked()).toHaveLength(1);

    // Undo sits beside the badge that carries the done message.
    await undoIn('pr.on-card').click();
    const [back] = await waitForHint(page, 'pr.no-card', { text: 'Taken back' });
    expect(back?.text).toContain(
      'Taken back: the card is archived and its comment on the pull request deleted.',
    );
    expect(card?.closed).toBe(true);
    expect(marked()).toEqual([]);
    expect(await page.locator('[data-process-action="undo"]').count()).toBe(0);
  });
});

describe('Undo of "Add the missing lists"', () => {
  it('archives the lists that were added, from the keyboard; the board misses them again', async () => {
    await connectTrello();
    const board = addBoard(bed.fake.state, { name: 'Undo me', lists: ['Unsorted', 'Done'] });
    await open('trello.com', `/b/${board.shortLink}/undo-me`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    await page.locator('[data-process-action="add-missing-lists"] button.hint').click();
    await waitForHint(page, 'board.missing-lists', { severity: 'ok', text: 'Undo' });
    const open_ = () => board.lists.filter((l) => !l.closed).map((l) => l.name);
    expect(open_()).toHaveLength(6);

    // Keyboard: Undo is the next stop after the badge, and Enter presses it.
    await page.locator('[data-process-hint="board.missing-lists"] button.hint').focus();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          document
            .querySelector('[data-process-hint="board.missing-lists"]')
            ?.shadowRoot?.activeElement?.getAttribute('data-process-action') ?? null,
      ),
    ).toBe('undo');
    await page.keyboard.press('Enter');
    const [back] = await waitForHint(page, 'board.missing-lists', {
      severity: 'warn',
      text: 'Taken back',
    });
    expect(back?.text).toContain(
      'Taken back: archived “Would be nice”, “Need to do”, “Stuck”, “In progress”.',
    );
    expect(open_()).toEqual(['Unsorted', 'Done']);
    expect(
      board.lists
        .filter((l) => l.closed)
        .map((l) => l.name)
        .sort(),
    ).toEqual(['In progress', 'Need to do', 'Stuck', 'Would be nice']);
  });

  it('is offered for 10 seconds only; the lists stay', async () => {
    await connectTrello();
    const board = addBoard(bed.fake.state, { name: 'Keep me', lists: ['Unsorted', 'Done'] });
    await open('trello.com', `/b/${board.shortLink}/keep-me`);
    await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    await page.locator('[data-process-action="add-missing-lists"] button.hint').click();
    await waitForHint(page, 'board.missing-lists', { severity: 'ok', text: 'Undo' });
    const offered = Date.now();
    await page.waitForFunction(
      () =>
        !document
          .querySelector('[data-process-hint="board.missing-lists"]')
          ?.shadowRoot?.querySelector('[data-process-action="undo"]'),
      null,
      { timeout: 20_000 },
    );
    expect(Date.now() - offered).toBeGreaterThan(8_000);
    const [hint] = await waitForHint(page, 'board.missing-lists', { severity: 'ok' });
    expect(hint?.text).toContain('Added: Would be nice, Need to do, Stuck, In progress.');
    expect(board.lists.filter((l) => !l.closed)).toHaveLength(6);
  });
});
