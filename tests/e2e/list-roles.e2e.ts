// Lists by role (docs/architecture.md, "List roles") in the real browser: a board with its own
// English names ("To Do", "Doing", "Blocked") is read by role and offered Rename / Keep the name;
// a Spanish board is checked once the user says which list is which.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addBoard, DAY, DEMO, findBoard } from '../fake/state.ts';
import { seedStorage } from './browser.ts';
import { readHints, setUpTestBed, waitForHint } from './support.ts';

const bed = setUpTestBed();
let page: Page;

const connectTrello = () =>
  seedStorage(bed.browser.serviceWorker, {
    settings: { trello: { apiKey: DEMO.trelloKey } },
    secrets: { trelloToken: DEMO.trelloToken, githubToken: '' },
  });

const storedListRoles = () =>
  bed.browser.serviceWorker.evaluate(async () => {
    const { settings } = await (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome.storage.local.get('settings');
    return (settings as { trello?: { listRoles?: unknown } } | undefined)?.trello?.listRoles;
  });

const listId = (board: string, name: string) => {
  const list = findBoard(bed.fake.state, board)?.lists.find((l) => l.name === name);
  if (!list) throw new Error(`no list ${name}`);
  return list.id;
};
const cardLink = (board: string, name: string) =>
  findBoard(bed.fake.state, board)?.cards.find((c) => c.name === name)?.shortLink;

/** The missing-lists hint's details, shown as a keyboard user opens them. */
const openDetails = () =>
  page.locator('[data-process-hint="board.missing-lists"] button.hint').focus();

describe('a board with its own English list names', () => {
  it('finds stale and stuck cards by role, and renames "To Do" in one click, once', async () => {
    await connectTrello();
    const todo = listId(DEMO.synonyms, 'To Do');
    page = await bed.open('trello.com', `/b/${DEMO.synonyms}/website`);
    const [hint] = await waitForHint(page, 'board.missing-lists', {
      severity: 'info',
      text: 'Process lists complete, 3 under other names',
    });
    expect(hint?.text).toContain('“To Do” looks like “Need to do”: rename it, or keep it');
    expect(hint?.text).toContain('“Blocked” looks like “Stuck”');
    expect(hint?.text).toContain('“Doing” looks like “In progress”');

    const [stale, ...moreStale] = await waitForHint(page, 'card.stale-in-progress');
    expect(moreStale).toEqual([]);
    expect(stale).toMatchObject({
      subject: cardLink(DEMO.synonyms, 'Blog migration'),
      inside: 'trello-card',
    });
    expect(stale?.text).toContain('in “Doing” (your “In progress”) for 12 days');
    const [stuck] = await waitForHint(page, 'card.stuck', { severity: 'warn' });
    expect(stuck?.subject).toBe(cardLink(DEMO.synonyms, 'Waiting for the logo'));

    bed.fake.requests.clear();
    await openDetails();
    const rename = page.locator(
      `button[data-process-action="rename-list"][data-process-list="${todo}"]`,
    );
    await rename.dblclick();
    await waitForHint(page, 'board.missing-lists', {
      text: 'Renamed “To Do” to “Need to do”.',
    });
    await waitForHint(page, 'board.missing-lists', { text: '2 under other names' });
    expect(findBoard(bed.fake.state, DEMO.synonyms)?.lists.map((l) => l.name)).toEqual([
      'Unsorted',
      'Would be nice',
      'Need to do',
      'Blocked',
      'Doing',
      'Done',
    ]);
    const puts = bed.fake.requests.matching({ method: 'PUT', path: `/1/lists/${todo}` });
    expect(puts.map((r) => [r.host, r.auth, r.status])).toEqual([['api.trello.com', 'token', 200]]);
    expect(await rename.count()).toBe(0); // nothing left to rename for that list
  });

  it('"Keep the name" saves the mapping; the hint stops asking about that list', async () => {
    await connectTrello();
    const board = addBoard(bed.fake.state, {
      name: 'Docs',
      lists: ['Unsorted', 'Would be nice', 'To Do', 'Blocked', 'Doing', 'Done'],
      cards: [{ name: 'Rewrite the guide', list: 'Doing', movedAt: bed.fake.state.now - 9 * DAY }],
    });
    const doing = listId(board.shortLink, 'Doing');
    page = await bed.open('trello.com', `/b/${board.shortLink}/docs`);
    await waitForHint(page, 'board.missing-lists', { text: '3 under other names' });
    await openDetails();
    await page
      .locator(`button[data-process-action="keep-list-name"][data-process-list="${doing}"]`)
      .click();
    const [hint] = await waitForHint(page, 'board.missing-lists', {
      text: 'Process lists complete, 2 under other names',
    });
    expect(hint?.text).toContain('“Doing” is your “In progress” list now');
    expect(hint?.text).not.toContain('“Doing” looks like');
    expect(await storedListRoles()).toEqual({
      [board.shortLink]: { [doing]: { role: 'In progress', name: 'Doing' } },
    });
    // Still read by role, now through the mapping; the name on Trello is unchanged.
    await waitForHint(page, 'card.stale-in-progress', { text: 'for 9 days' });
    expect(board.lists.map((l) => l.name)).toContain('Doing');
  });
});

describe('a board in another language', () => {
  it('is checked once the user maps its lists, and not after the mapping is removed', async () => {
    await connectTrello();
    const haciendo = listId(DEMO.spanish, 'HACIENDO');
    const bloqueo = listId(DEMO.spanish, 'BLOQUEO');
    page = await bed.open('trello.com', `/b/${DEMO.spanish}/tareas`);
    const [missing] = await waitForHint(page, 'board.missing-lists', {
      severity: 'warn',
      text: '6 process lists missing',
    });
    expect(missing?.text).toContain('Which list is your “In progress”?');
    // Read in the same evaluation as the hint above: no list fills "In progress" or "Stuck" yet.
    expect(await readHints(page, 'card.stale-in-progress')).toEqual([]);
    expect(await readHints(page, 'card.stuck')).toEqual([]);

    await openDetails();
    await page.locator('select[data-process-role="In progress"]').selectOption(haciendo);
    await page
      .locator('button[data-process-action="map-list"][data-process-role="In progress"]')
      .click();
    const [stale] = await waitForHint(page, 'card.stale-in-progress');
    expect(stale?.subject).toBe(cardLink(DEMO.spanish, 'Migrar el servidor'));
    expect(stale?.text).toContain('in “HACIENDO” (your “In progress”) for 10 days');

    await openDetails();
    await page.locator('select[data-process-role="Stuck"]').selectOption(bloqueo);
    await page.locator('button[data-process-action="map-list"][data-process-role="Stuck"]').click();
    const [stuck] = await waitForHint(page, 'card.stuck', { severity: 'warn' });
    expect(stuck?.subject).toBe(cardLink(DEMO.spanish, 'Esperando al proveedor'));
    await waitForHint(page, 'board.missing-lists', {
      text: '4 process lists missing: Unsorted, Would be nice, Need to do, Done',
    });
    expect(await storedListRoles()).toEqual({
      [DEMO.spanish]: {
        [haciendo]: { role: 'In progress', name: 'HACIENDO' },
        [bloqueo]: { role: 'Stuck', name: 'BLOQUEO' },
      },
    });

    // The options page lists the mappings; removing one applies on the board at once.
    const options = await bed.openExtensionPage('options.html');
    const role = options.getByLabel('Role of “HACIENDO”', { exact: true });
    expect(await role.inputValue()).toBe('In progress');
    await options.getByRole('button', { name: 'Remove the role of “HACIENDO”' }).click();
    await options.getByText('Removed the role of “HACIENDO”.').waitFor();
    await waitForHint(page, 'board.missing-lists', { text: '5 process lists missing' });
    expect(await readHints(page, 'card.stale-in-progress')).toEqual([]);
    expect(await storedListRoles()).toEqual({
      [DEMO.spanish]: { [bloqueo]: { role: 'Stuck', name: 'BLOQUEO' } },
    });
  });
});
