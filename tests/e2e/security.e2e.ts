// Security, shown in the real browser: a content script can read no secret (storage closed to it,
// no message answer carries a token), every message type refuses a forged or malformed payload,
// the page's own scripts cannot reach the extension, and hostile names from Trello and GitHub are
// shown as text: nothing executes, and no link leaves https.
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ContentMessageSchema, PageMessageSchema } from '../../utils/messages.ts';
import {
  addBoard,
  addIssue,
  addMember,
  addPull,
  addRepo,
  DEMO,
  demoStorage,
  findBoard,
  findRepo,
} from '../fake/state.ts';
import { acceptDistinctSecrets, everyContentMessage } from '../fixtures/messages.ts';
import { seedStorage } from './browser.ts';
import { setUpTestBed, waitForHint } from './support.ts';

// After each test: nothing executed (no dialog), no uncaught error, no console error.
const bed = setUpTestBed();
let page: Page;
const open = async (host: 'trello.com' | 'github.com', path: string) =>
  (page = await bed.open(host, path));

/** Evaluates `expression` in Process Lens's content-script world of the page (over CDP). */
async function contentScriptWorld(target: Page) {
  const cdp: CDPSession = await bed.browser.context.newCDPSession(target);
  const worlds: { id: number; name: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable');
  await expect.poll(() => worlds.some((w) => w.name === 'Process Lens')).toBe(true);
  const world = worlds.find((w) => w.name === 'Process Lens');
  return async <T>(expression: string): Promise<T> => {
    const answer = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world?.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.text);
    return answer.result.value as T;
  };
}

/** What the content script gets for `message`: the background's answer, as JSON text. */
const sendFromContentScript = (message: unknown) =>
  `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((a) => JSON.stringify(a), (e) => 'threw: ' + e.message)`;

describe('secrets stay in the background and the options page', () => {
  it('a content script cannot read extension storage, and no answer it can get carries a token', async () => {
    // Tokens found nowhere else, which the fake accepts: every answer below is real data.
    const secrets = acceptDistinctSecrets(bed.fake.state);
    const tokens = Object.values(secrets);
    await seedStorage(bed.browser.serviceWorker, { ...demoStorage(), secrets });
    await open('trello.com', `/b/${DEMO.lernanta}/lernanta`);
    await waitForHint(page, 'board.missing-lists');
    const inContentScript = await contentScriptWorld(page);

    const storageRead = await inContentScript<string>(
      `chrome.storage.local.get(null).then((all) => JSON.stringify(all), (e) => 'refused: ' + e.message)`,
    );
    expect(storageRead).toMatch(/^refused: /);
    for (const token of tokens) expect(storageRead).not.toContain(token);
    const sessionRead = await inContentScript<string>(
      `chrome.storage.session.get(null).then((all) => JSON.stringify(all), (e) => 'refused: ' + e.message)`,
    );
    expect(sessionRead).toMatch(/^refused: /);

    // Every content message type, reads and writes, with a valid payload.
    const issue = addIssue(bed.fake.state, repoOf('p2pu', 'lernanta'), {
      title: 'Secrets check',
      user: 'carol',
    });
    const messages = everyContentMessage(bed.fake.state, issue.number, Date.now());
    const sent = new Set<string>(messages.map((m) => m.type));
    expect(contentTypes().filter((type) => !sent.has(type))).toEqual([]);
    const optionsTab = bed.browser.context.waitForEvent('page'); // what `options.open` opens
    const answers: string[] = [];
    for (const message of messages)
      answers.push(await inContentScript<string>(sendFromContentScript(message)));
    await (await optionsTab).close();
    for (const [i, answer] of answers.entries()) {
      for (const token of tokens) expect(answer, messages[i]?.type).not.toContain(token);
    }
    // Real answers, not refusals: the check above has data to look at.
    const refused = answers.flatMap((a, i) =>
      a.startsWith('{"ok":true') ? [] : [messages[i]?.type],
    );
    expect(refused).toEqual([]);
  });

  it('the page’s own scripts cannot reach the extension', async () => {
    await open('trello.com', `/b/${DEMO.lernanta}/lernanta`);
    await waitForHint(page, 'board.missing-lists');
    const reached = await page.evaluate(async (id) => {
      const runtime = (
        globalThis as {
          chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<unknown> } };
        }
      ).chrome?.runtime;
      if (!runtime?.sendMessage) return 'no runtime';
      try {
        return JSON.stringify(await runtime.sendMessage(id, { type: 'settings.get' }));
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    }, bed.browser.extensionId);
    expect(reached).toMatch(/^(no runtime|refused: )/);
  });
});

/** The type names of the content messages, read from the protocol itself. */
function contentTypes(): string[] {
  return ContentMessageSchema.options.map((option) => option.entries.type.literal);
}

function repoOf(owner: string, name: string) {
  const repo = findRepo(bed.fake.state, owner, name);
  if (!repo) throw new Error(`no repo ${owner}/${name}`);
  return repo;
}

describe('every message type refuses a forged or malformed payload', () => {
  it('from a content script: extra fields, wrong types, page-only types and unknown types', async () => {
    await seedStorage(bed.browser.serviceWorker, demoStorage());
    await open('github.com', `/${DEMO.repo}/issues/44`);
    await waitForHint(page, 'issue.needs-card');
    const inContentScript = await contentScriptWorld(page);
    const before = bed.fake.requests.length;

    const forged = [
      // A URL smuggled next to valid fields: the background never takes one from a page.
      ...contentTypes().map((type) => ({ type, url: 'https://evil.example/steal' })),
      // Wrong types for the fields each message has.
      { type: 'board.snapshot', board: '../../1/members/me' },
      { type: 'board.addMissingLists', board: 42 },
      { type: 'pipeline.markReviewed' },
      { type: 'options.open', pipelineBoard: 'javascript:alert(1)' },
      { type: 'github.pull', owner: 'p2pu', repo: '..', number: 1 },
      { type: 'github.issue', owner: 'p2pu/../..', repo: 'x', number: 1 },
      {
        type: 'github.pullStatuses',
        pulls: Array.from({ length: 51 }, (_, i) => ({ owner: 'p', repo: 'r', number: i + 1 })),
      },
      { type: 'github.createCardForPull', owner: 'p2pu', repo: 'lernanta', number: -1 },
      { type: 'trello.lists', board: '' },
      // A page may not choose a list's new name, nor a role that is not a process list.
      {
        type: 'board.renameList',
        board: DEMO.synonyms,
        list: '5f0000000000000000000001',
        name: 'x',
      },
      {
        type: 'board.mapList',
        board: DEMO.spanish,
        list: '5f0000000000000000000001',
        role: 'Admin',
      },
      {
        type: 'move.start',
        owner: 'p2pu',
        repo: 'lernanta',
        number: 44,
        board: DEMO.lernanta,
        list: 'not-an-id',
        close: 'yes',
      },
      { type: 'move.status', owner: 'p2pu', repo: 'lernanta', number: 1.5 },
      { type: 'move.retry', owner: 'p2pu', repo: 'lernanta' },
      // Types only extension pages may send.
      ...PageMessageSchema.options.map((option) => ({
        type: option.entries.type.literal,
        service: 'trello',
        owner: 'p2pu',
        repo: 'lernanta',
      })),
      { type: 'status.summary' },
      { type: 'connection.test', service: 'github' },
      // Not a message at all.
      { type: 'secrets.get' },
      { kind: 'settings.get' },
      'settings.get',
    ];
    for (const message of forged) {
      const answer = JSON.parse(await inContentScript<string>(sendFromContentScript(message)));
      expect(answer, JSON.stringify(message)).toMatchObject({
        ok: false,
        error: { code: 'invalid-message' },
      });
    }
    // Nothing was asked of Trello or GitHub on their behalf.
    const apiCalls = bed.fake.requests.slice(before).filter((r) => r.host.startsWith('api.'));
    expect(apiCalls).toEqual([]);
  });
});

// Trello's own test string, an attribute break-out, and a script link.
const XSS = {
  img: 'Test <img src=0 onerror=alert(1)> Test',
  svg: '"><svg onload=alert(2)>',
  link: 'javascript:alert(3)//',
};

/** Every link Process Lens put into the page: in the hint and panel shadow roots. */
function ourLinks(target: Page): Promise<string[]> {
  return target.evaluate(() =>
    [...document.querySelectorAll('[data-process-hint], [data-process-panel]')].flatMap((host) =>
      [...(host.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href') ?? ''),
    ),
  );
}

describe('hostile names are shown as text', () => {
  it('on Trello: board, list, card, label and member names; nothing executes, links stay https', async () => {
    addMember(bed.fake.state, { username: 'mallory', fullName: XSS.svg });
    const board = addBoard(bed.fake.state, {
      name: XSS.img,
      lists: [XSS.svg, 'In progress', 'Stuck', XSS.link],
      cards: [
        {
          name: XSS.img,
          list: 'In progress',
          members: ['mallory'],
          labels: [{ name: XSS.svg }],
          desc: `[click](${XSS.link}) https://github.com/p2pu/lernanta/pull/42`,
          movedAt: bed.fake.state.now - 20 * 86_400_000,
        },
        { name: XSS.svg, list: 'Stuck', desc: XSS.img },
      ],
    });
    const pipeline = findBoard(bed.fake.state, DEMO.pipeline);
    if (!pipeline) throw new Error('no pipeline');
    await seedStorage(bed.browser.serviceWorker, {
      ...demoStorage(),
      settings: {
        version: 1,
        trello: { apiKey: DEMO.trelloKey, pipelineBoard: DEMO.pipeline, boards: [board.shortLink] },
        process: { lists: [XSS.img, 'In progress', 'Stuck', 'Done'] },
      },
    });
    await open('trello.com', `/b/${board.shortLink}/x`);
    const [missing] = await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
    expect(missing?.text).toContain(XSS.img);
    const [stuck] = await waitForHint(page, 'card.stuck');
    expect(stuck?.text).toContain('Test <img src=0 onerror=alert(1)> Test');
    await waitForHint(page, 'card.stale-in-progress');
    await waitForHint(page, 'board.not-in-pipeline');
    // Nothing here becomes a link: not the description's `javascript:` one either.
    expect(await ourLinks(page)).toEqual([]);
    expect(await injectedElements(page)).toEqual([]);
  });

  it('on GitHub: issue title, body, comments, labels, PR title and branch name; and in the move dialog', async () => {
    const repo = repoOf('p2pu', 'lernanta');
    addRepo(bed.fake.state, { owner: 'mallory', name: 'lernanta', fork: true });
    const pull = addPull(bed.fake.state, repo, {
      title: XSS.img,
      body: `${XSS.svg} [card](${XSS.link})`,
      user: 'mallory',
      headRepo: 'mallory/lernanta',
      headRef: XSS.svg,
      headDefaultBranch: XSS.svg,
      labels: [XSS.img],
      comments: [
        { user: 'bob', body: XSS.link },
        // A card link whose tail is hostile: the hint links the card, and only the card.
        { user: 'alice', body: `On https://trello.com/c/AbCd1234/${XSS.svg}` },
      ],
    });
    const issue = addIssue(bed.fake.state, repo, {
      title: XSS.img,
      body: `${XSS.svg}\n\n${'Long enough to need a card. '.repeat(60)}`,
      user: 'mallory',
      labels: ['discussion', XSS.svg],
      comments: [
        { user: 'bob', body: XSS.img },
        { user: 'alice', body: XSS.link },
      ],
    });
    await seedStorage(bed.browser.serviceWorker, demoStorage());

    await open('github.com', `/${DEMO.repo}/pull/${pull.number}`);
    const [branch] = await waitForHint(page, 'pr.default-branch');
    expect(branch?.text).toContain(XSS.svg);
    await waitForHint(page, 'pr.reviews');
    // The one link is the card's, rebuilt from its short link: the hostile tail stays out.
    expect(await ourLinks(page)).toEqual(['https://trello.com/c/AbCd1234']);
    expect(await injectedElements(page)).toEqual([]);
    await page.close();

    await open('github.com', `/${DEMO.repo}/issues/${issue.number}`);
    await waitForHint(page, 'issue.needs-card', { severity: 'warn' });
    await page.locator('[data-process-action="move-issue-to-card"] button.hint').click();
    const dialog = page.locator('[data-move-dialog]');
    // The preview: the title and the body as they will be written, as text.
    await expect.poll(() => dialog.textContent()).toContain(XSS.img);
    expect(await dialog.textContent()).toContain(XSS.svg);
    // The comments' `javascript:` link is not made a link.
    expect(await ourLinks(page)).toEqual([]);
    expect(await injectedElements(page)).toEqual([]);
  });

  it('in the popup: board, card, PR and member names in the summary, my day and the agenda', async () => {
    const board = addBoard(bed.fake.state, {
      name: XSS.img,
      lists: ['Unsorted', 'Would be nice', 'Need to do', 'Stuck', 'In progress', 'Done'],
      cards: [
        { name: XSS.svg, list: 'Stuck' },
        { name: XSS.img, list: 'In progress', members: ['demo'] },
        { name: XSS.link, list: 'Need to do' },
      ],
    });
    await seedStorage(bed.browser.serviceWorker, {
      ...demoStorage(),
      settings: {
        version: 1,
        trello: { apiKey: DEMO.trelloKey, boards: [board.shortLink] },
        github: { repos: [DEMO.repo] },
      },
    });
    page = await bed.openExtensionPage('popup.html');
    const agenda = page.locator('[data-process-agenda]');
    await agenda.waitFor();
    expect(await agenda.textContent()).toContain(`Stuck: ${XSS.svg}`);
    expect(await page.locator('main').textContent()).toContain(XSS.img);
    const hrefs = await page
      .locator('a[href]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(https:\/\/|mailto:)/);
    // No image or svg made from a name (the history chart is the popup's own svg).
    expect(
      await page.evaluate(
        () =>
          [...document.querySelectorAll('main img, main svg')].filter(
            (el) => !el.closest('[data-process-history]'),
          ).length,
      ),
    ).toBe(0);
  });
});

/** Elements a payload would have created inside our shadow roots (an img or svg from a name). */
function injectedElements(target: Page): Promise<string[]> {
  return target.evaluate(() =>
    [...document.querySelectorAll('[data-process-hint], [data-process-panel]')].flatMap((host) =>
      [...(host.shadowRoot?.querySelectorAll('img, svg, script, iframe') ?? [])].map(
        (el) => el.outerHTML,
      ),
    ),
  );
}
