// GitHub: review status, fork and branch hints, needs-card, on real GitHub markup; and the PR
// status back on the Trello card.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { addCard, addPull, DEMO, findBoard, findRepo, makeComments } from '../fake/state.ts';
import { seedStorage } from './browser.ts';
import {
  clearExtensionStorage,
  connectTrelloAndGitHub,
  navigateGitHub,
  readHints,
  setUpTestBed,
  waitForHint,
  waitForPanel,
} from './support.ts';

const bed = setUpTestBed();
afterEach(() => {
  bed.fake.state.github.rate.used = 0;
});
let page: Page;
const open = async (host: string, path: string) => (page = await bed.open(host, path));

const connectBoth = () => connectTrelloAndGitHub(bed);

/** Where each hint host sits: inside the header actions, or right after the merge box's Reviews section. */
const placements = (rule: string) =>
  page.evaluate(
    (rule) =>
      [...document.querySelectorAll(`[data-process-hint="${rule}"]`)].map((host) =>
        host.parentElement?.matches('[data-component="PH_Actions"]')
          ? 'header'
          : host.previousElementSibling?.matches('section[aria-label="Reviews"]')
            ? 'merge-box'
            : 'elsewhere',
      ),
    rule,
  );

describe('pull request page', () => {
  it('a PR from the org repository with no review: review count at the title and the merge box, fork and card hints', async () => {
    await open('github.com', `/${DEMO.repo}/pull/42`);
    const reviews = await waitForHint(page, 'pr.reviews', {
      severity: 'warn',
      text: 'Do not merge yet',
    });
    expect(reviews.map((h) => h.subject)).toEqual([`${DEMO.repo}#42`, `${DEMO.repo}#42`]);
    expect((await placements('pr.reviews')).sort()).toEqual(['header', 'merge-box']);
    expect(reviews.find((h) => h.text.includes('Approvals from others: 0 of 1'))).toBeTruthy();
    const [fork] = await waitForHint(page, 'pr.not-from-fork', { severity: 'warn' });
    expect(fork?.text).toContain('fix-signup-typo');
    expect(await placements('pr.not-from-fork')).toEqual(['header']);
    await waitForHint(page, 'pr.no-card', { severity: 'warn' });
    expect(await readHints(page, 'pr.default-branch')).toEqual([]);
  });

  it('an approved PR from a fork feature branch, linked to a card: only the ok review count', async () => {
    await open('github.com', `/${DEMO.repo}/pull/41`);
    const reviews = await waitForHint(page, 'pr.reviews', { severity: 'ok' });
    expect(reviews[0]?.text).toContain('Approved by @bob.');
    for (const rule of ['pr.not-from-fork', 'pr.default-branch', 'pr.no-card'])
      expect(await readHints(page, rule)).toEqual([]);
    const [onCard] = await waitForHint(page, 'pr.on-card', { severity: 'ok' });
    const badges = findBoard(bed.fake.state, DEMO.lernanta)?.cards.find(
      (c) => c.name === 'Profile badges',
    );
    expect(onCard?.text).toContain(`On Trello card ${badges?.shortLink}`);
  });

  it('a PR from a fork’s default branch, self-approved: not counted, default-branch hint', async () => {
    const repo = findRepo(bed.fake.state, 'p2pu', 'lernanta');
    const pull = repo?.pulls.find((p) => p.number === 41);
    if (!pull) throw new Error('no PR 41');
    const saved = structuredClone(pull);
    pull.head.ref = 'master';
    pull.reviews.push({
      ...pull.reviews[0],
      id: 999,
      user: { login: 'alice' },
      state: 'APPROVED',
    } as (typeof pull.reviews)[0]);
    pull.reviews = pull.reviews.filter((r) => r.user.login !== 'bob');
    try {
      await open('github.com', `/${DEMO.repo}/pull/41`);
      await waitForHint(page, 'pr.default-branch', { severity: 'warn', text: 'default branch' });
      await waitForHint(page, 'pr.reviews', { severity: 'warn', text: '0 of 1' });
    } finally {
      Object.assign(pull, saved);
    }
  });
});

describe('pr.no-card', () => {
  it('finds the PR’s card in any list of the mapped board, attached as any tab of the PR page', async () => {
    const board = findBoard(bed.fake.state, DEMO.lernanta);
    if (!board) throw new Error('no board');
    const saved = { cards: [...board.cards], actions: [...board.actions] };
    const card = addCard(bed.fake.state, board, {
      name: 'Sign-up typo',
      list: 'Need to do',
      attachments: [`https://github.com/${DEMO.repo}/pull/42/files`],
    });
    try {
      await connectBoth();
      await open('github.com', `/${DEMO.repo}/pull/42`);
      await waitForHint(page, 'pr.not-from-fork', { severity: 'warn' });
      const [onCard] = await waitForHint(page, 'pr.on-card', { severity: 'ok' });
      expect(onCard?.text).toContain(`On Trello card ${card.shortLink}`);
      expect(await readHints(page, 'pr.no-card')).toEqual([]);
    } finally {
      Object.assign(board, saved);
    }
  });
});

/** Waits until the PR list shows `rows` review badges, each rendered (React fills a host a moment after it is placed). */
const rowBadgesShown = (rows: number) =>
  page.waitForFunction((rows) => {
    const hosts = [...document.querySelectorAll('[data-process-hint="pr.reviews"]')];
    return hosts.length === rows && hosts.every((host) => host.shadowRoot?.textContent);
  }, rows);

/** Each review badge of the PR list: the pull request of the row it sits in, and what it says. */
const rowBadges = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-process-hint="pr.reviews"]')]
      .map((host) => ({
        row: host.closest('li')?.querySelector('a[href*="/pull/"]')?.getAttribute('href'),
        subject: host.getAttribute('data-process-subject'),
        severity: host.getAttribute('data-process-severity'),
        text: host.shadowRoot?.textContent ?? '',
      }))
      .sort((a, b) => String(a.subject).localeCompare(String(b.subject))),
  );

describe('pull request list', () => {
  it('shows each row’s review count, and asks GitHub at most once per PR per minute', async () => {
    bed.fake.requests.clear();
    await open('github.com', `/${DEMO.repo}/pulls`);
    await rowBadgesShown(2);
    // #41 is approved by @bob; #42 has no review yet (one approval is required).
    const shown = [
      {
        row: `/${DEMO.repo}/pull/41`,
        subject: `${DEMO.repo}#41`,
        severity: 'ok',
        text: expect.stringMatching(/Approvals: 1 of 1.*Approvals from others: 1 of 1 \(@bob\)\./),
      },
      {
        row: `/${DEMO.repo}/pull/42`,
        subject: `${DEMO.repo}#42`,
        severity: 'warn',
        text: expect.stringMatching(/Approvals: 0 of 1.*Approvals from others: 0 of 1\./),
      },
    ];
    expect(await rowBadges()).toEqual(shown);
    const asked = bed.fake.requests.matching({ host: 'api.github.com' }).length;
    await page.reload();
    await rowBadgesShown(2);
    expect(await rowBadges()).toEqual(shown);
    expect(bed.fake.requests.matching({ host: 'api.github.com' }).length).toBe(asked);
  });

  it('costs one list request plus one reviews request per row, not two requests per row', async () => {
    const repo = findRepo(bed.fake.state, 'p2pu', 'lernanta');
    if (!repo) throw new Error('no repo');
    const saved = [...repo.pulls];
    for (let i = 0; i < 10; i++)
      addPull(bed.fake.state, repo, { title: `Change ${i}`, user: 'bob', headRef: `change-${i}` });
    const numbers = repo.pulls.filter((p) => p.state === 'open').map((p) => p.number);
    bed.fake.requests.clear();
    try {
      await open('github.com', `/${DEMO.repo}/pulls`);
      await page.waitForFunction(
        (rows) => document.querySelectorAll('[data-process-hint="pr.reviews"]').length === rows,
        numbers.length,
      );
      const api = bed.fake.requests.matching({ host: 'api.github.com' });
      const perPull = (n: number) =>
        api.filter((r) => r.path.startsWith(`/repos/${DEMO.repo}/pulls/${n}`)).map((r) => r.path);
      for (const n of numbers)
        expect(perPull(n)).toEqual([`/repos/${DEMO.repo}/pulls/${n}/reviews`]);
      expect(api.filter((r) => r.path === `/repos/${DEMO.repo}/pulls`)).toHaveLength(1);
      expect(api).toHaveLength(numbers.length + 1); // 12 rows: 13 requests (it was 24)
    } finally {
      repo.pulls = saved;
    }
  });
});

/** The links in a rule's hints: [href, text]. */
const linksOf = (rule: string) =>
  page.evaluate(
    (rule) =>
      [...document.querySelectorAll(`[data-process-hint="${rule}"]`)].flatMap((host) =>
        [...(host.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => [
          a.getAttribute('href'),
          a.textContent,
        ]),
      ),
    rule,
  );

/** The move buttons on the page: which hint carries each, and whether it sits in the issue header's actions. */
const moveButtons = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-process-action="move-issue-to-card"]')].map((host) => ({
      rule: host.getAttribute('data-process-hint'),
      inHeaderActions: Boolean(
        host.parentElement?.matches('[data-testid="issue-header"] [data-component="PH_Actions"]'),
      ),
    })),
  );

describe('issue page', () => {
  it('a long discussion issue needs a card, and says which signals fired', async () => {
    await open('github.com', `/${DEMO.repo}/issues/44`);
    const [hint] = await waitForHint(page, 'issue.needs-card', { severity: 'warn' });
    expect(hint?.text).toContain('comments: 12 (+2)');
    expect(hint?.text).toContain('labels: discussion, ux (+2)');
    expect(await moveButtons()).toEqual([{ rule: 'issue.needs-card', inHeaderActions: true }]);
  });

  it('a small issue is fine for an issue, and still offers the move button', async () => {
    await open('github.com', `/${DEMO.repo}/issues/43`);
    await waitForHint(page, 'issue.needs-card', {
      severity: 'ok',
      text: 'Simple enough for an issue',
    });
    expect(await moveButtons()).toEqual([{ rule: 'issue.needs-card', inHeaderActions: true }]);
  });

  it('an issue already on a card shows the card, and still offers the move button', async () => {
    const issue = findRepo(bed.fake.state, 'p2pu', 'lernanta')?.issues.find((i) => i.number === 43);
    if (!issue) throw new Error('no issue 43');
    const body = issue.body;
    issue.body = `${body}\n\nTracked on https://trello.com/c/AbCd1234/1-typo`;
    try {
      await open('github.com', `/${DEMO.repo}/issues/43`);
      const [hint] = await waitForHint(page, 'issue.on-card', { severity: 'ok' });
      expect(hint?.text).toContain('https://trello.com/c/AbCd1234');
      expect(await linksOf('issue.on-card')).toEqual([
        ['https://trello.com/c/AbCd1234', 'https://trello.com/c/AbCd1234'],
      ]);
      expect(await readHints(page, 'issue.needs-card')).toEqual([]);
      expect(await moveButtons()).toEqual([{ rule: 'issue.on-card', inHeaderActions: true }]);
    } finally {
      issue.body = body;
    }
  });

  it('offers the move button while the issue is read, and after the read failed', async () => {
    const issuePath = `/repos/${DEMO.repo}/issues/43`;
    bed.fake.faults.add({ host: 'api.github.com', path: issuePath, delayMs: 2_000, times: 1 });
    await open('github.com', `/${DEMO.repo}/issues/43`);
    await waitForHint(page, 'source.loading');
    expect(await moveButtons()).toEqual([{ rule: 'source.loading', inHeaderActions: true }]);
    await waitForHint(page, 'issue.needs-card');
    await page.close();
    await clearExtensionStorage(bed); // the issue is not read from the cache

    bed.fake.faults.add({
      host: 'api.github.com',
      path: issuePath,
      status: 404,
      body: { message: 'Not Found' },
      times: 1,
    });
    await open('github.com', `/${DEMO.repo}/issues/43`);
    await waitForHint(page, 'source.unavailable', { severity: 'error' });
    expect(await moveButtons()).toEqual([{ rule: 'source.unavailable', inHeaderActions: true }]);
    // Clicked after a failed read: the issue is read again, then the dialog opens.
    await page.locator('[data-process-action="move-issue-to-card"] button.hint').click();
    await page.locator('[data-move-dialog]').waitFor({ state: 'attached' });
    expect(await moveButtons()).toEqual([{ rule: 'issue.needs-card', inHeaderActions: true }]);
  });
});

describe('long threads', () => {
  it('reads comments past the first page of 100: a card linked in comment 105 counts', async () => {
    const issue = findRepo(bed.fake.state, 'p2pu', 'lernanta')?.issues.find((i) => i.number === 43);
    if (!issue) throw new Error('no issue 43');
    const saved = issue.comments;
    issue.comments = makeComments(bed.fake.state, [
      ...Array.from({ length: 104 }, (_, i) => ({ user: 'alice', body: `Note ${i + 1}` })),
      { user: 'bob', body: 'Moved to https://trello.com/c/PaGe2Crd' },
    ]);
    bed.fake.requests.clear();
    try {
      await open('github.com', `/${DEMO.repo}/issues/43`);
      await waitForHint(page, 'issue.on-card', { text: 'PaGe2Crd' });
      expect(
        bed.fake.requests
          .matching({ host: 'api.github.com', path: `/repos/${DEMO.repo}/issues/43/comments` })
          .map((r) => r.query.page ?? '1'),
      ).toEqual(['1', '2']);
    } finally {
      issue.comments = saved;
    }
  });
});

describe('settings', () => {
  it('a new required approval count applies to the open page without a reload', async () => {
    await open('github.com', `/${DEMO.repo}/pull/41`);
    await waitForHint(page, 'pr.reviews', {
      severity: 'ok',
      text: 'Approvals from others: 1 of 1',
    });
    await seedStorage(bed.browser.serviceWorker, {
      settings: { process: { requiredApprovals: 2 } },
    });
    await waitForHint(page, 'pr.reviews', {
      severity: 'warn',
      text: 'Approvals from others: 1 of 2',
    });
  });
});

describe('navigation', () => {
  it('Turbo navigation from the code page, where nothing is shown, to a PR: its hints arrive', async () => {
    await open('github.com', `/${DEMO.repo}`);
    await page.waitForFunction(() => '__fakeGitHub' in window);
    expect(await page.locator('process-lens-hint').count()).toBe(0);
    await page.evaluate(
      (path) =>
        (
          window as unknown as { __fakeGitHub: { navigate(p: string): Promise<void> } }
        ).__fakeGitHub.navigate(path),
      `/${DEMO.repo}/pull/42`,
    );
    await waitForHint(page, 'pr.not-from-fork');
  });

  it('Turbo navigation from a PR to an issue swaps the hints, nothing injected twice', async () => {
    await open('github.com', `/${DEMO.repo}/pull/42`);
    await waitForHint(page, 'pr.not-from-fork');
    await navigateGitHub(page, `/${DEMO.repo}/issues/44`);
    await waitForHint(page, 'issue.needs-card', { severity: 'warn' });
    await page.waitForFunction(() => !document.querySelector('[data-process-hint^="pr."]'));
    expect(await page.locator('process-lens-hint').count()).toBe(1);
    await page.goBack();
    await page.waitForFunction(() =>
      document.querySelector('h1 .markdown-title')?.textContent?.includes('sign-up form'),
    );
    await waitForHint(page, 'pr.not-from-fork');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-process-hint="pr.reviews"]').length === 2,
    );
    expect(await readHints(page, 'issue.needs-card')).toEqual([]);
  });
});

describe('when GitHub’s markup changes', () => {
  it('hints whose anchor is gone move to the floating panel, once', async () => {
    await open('github.com', `/${DEMO.repo}/pull/42`);
    await waitForHint(page, 'pr.not-from-fork');
    await page.evaluate(() => document.querySelector('[data-component="PH_Actions"]')?.remove());
    const panel = await waitForPanel(page, 'Branch in the main repository, not a fork');
    expect(panel).toContain('No Trello card');
    // The merge-box hint still has its place.
    expect((await readHints(page, 'pr.reviews')).length).toBe(1);
  });
});

describe('tokens and limits', () => {
  it('public repositories work without a token', async () => {
    bed.fake.requests.clear();
    await open('github.com', `/${DEMO.repo}/pull/42`);
    await waitForHint(page, 'pr.reviews', { severity: 'warn' });
    const calls = bed.fake.requests.matching({ host: 'api.github.com' });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((r) => r.auth === 'none')).toBe(true);
  });

  it('the unauthenticated rate limit says when it resets and suggests a token', async () => {
    bed.fake.state.github.rate.used = bed.fake.state.github.rate.limit;
    await open('github.com', `/${DEMO.repo}/pull/42`);
    const [hint] = await waitForHint(page, 'source.unavailable', { severity: 'error' });
    expect(hint?.text).toContain('GitHub rate limit reached until');
    expect(hint?.text).toContain('Add a GitHub token');
  });

  it('a rejected token says so', async () => {
    await seedStorage(bed.browser.serviceWorker, {
      secrets: { trelloToken: '', githubToken: 'ghp_revokedrevokedrevokedrevoked0000' },
    });
    await open('github.com', `/${DEMO.repo}/pull/42`);
    const [hint] = await waitForHint(page, 'source.unavailable', { severity: 'error' });
    expect(hint?.text).toContain('GitHub rejected the token');
  });

  it('a secondary rate limit is waited out (retry-after) and then answered', async () => {
    bed.fake.faults.add({
      host: 'api.github.com',
      path: `/repos/${DEMO.repo}/pulls/42`,
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
      times: 1,
    });
    bed.fake.requests.clear();
    await open('github.com', `/${DEMO.repo}/pull/42`);
    await waitForHint(page, 'pr.reviews', { severity: 'warn' }, 15_000);
    expect(
      bed.fake.requests
        .matching({ host: 'api.github.com', path: `/repos/${DEMO.repo}/pulls/42` })
        .map((r) => r.status),
    ).toEqual([403, 200]);
  });
});

describe('when GitHub keeps limiting', () => {
  const limitPull42 = (spec: {
    status: number;
    headers: Record<string, string>;
    message: string;
  }) =>
    bed.fake.faults.add({
      host: 'api.github.com',
      path: `/repos/${DEMO.repo}/pulls/42`,
      status: spec.status,
      headers: spec.headers,
      body: { message: spec.message, documentation_url: 'https://docs.github.com/rest' },
      times: 2,
    });

  it('a secondary limit that outlasts the one retry says until when, and asks no more', async () => {
    limitPull42({
      status: 403,
      headers: { 'retry-after': '1' },
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    });
    bed.fake.requests.clear();
    await open('github.com', `/${DEMO.repo}/pull/42`);
    const [hint] = await waitForHint(
      page,
      'source.unavailable',
      { severity: 'error', text: 'secondary rate limit' },
      15_000,
    );
    expect(hint?.text).toMatch(/until \d{1,2}:\d{2}/);
    expect(hint?.text).not.toContain('permission');
    expect(hint?.text).not.toContain('Add a GitHub token');
    expect(
      bed.fake.requests
        .matching({ host: 'api.github.com', path: `/repos/${DEMO.repo}/pulls/42` })
        .map((r) => r.status),
    ).toEqual([403, 403]);
  });

  it('with a token saved, the rate limit says until when and does not suggest adding a token', async () => {
    await connectBoth();
    limitPull42({
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      },
      message: 'API rate limit exceeded for user ID 1.',
    });
    await open('github.com', `/${DEMO.repo}/pull/42`);
    const [hint] = await waitForHint(page, 'source.unavailable', {
      text: 'GitHub rate limit reached until',
    });
    expect(hint?.text).not.toMatch(/add a GitHub token/i);
  });
});

describe('create a card for a pull request', () => {
  it('with no GitHub token saved, says so and writes nothing', async () => {
    await seedStorage(bed.browser.serviceWorker, {
      settings: {
        trello: { apiKey: DEMO.trelloKey },
        github: { repos: [DEMO.repo], boardForRepo: { [DEMO.repo]: DEMO.lernanta } },
      },
      secrets: { trelloToken: DEMO.trelloToken, githubToken: '' },
    });
    bed.fake.requests.clear();
    await open('github.com', `/${DEMO.repo}/pull/42`);
    await waitForHint(page, 'pr.no-card', { severity: 'warn' });
    await page.locator('[data-process-action="create-card-for-pr"] button.hint').click();
    const [hint] = await waitForHint(page, 'pr.no-card', { text: 'No GitHub token is saved' });
    expect(hint?.text).not.toContain('rejected the token');
    expect(bed.fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('makes one "In progress" card linked both ways, even on a double click', async () => {
    await connectBoth();
    await open('github.com', `/${DEMO.repo}/pull/42`);
    const [before] = await waitForHint(page, 'pr.no-card', { severity: 'warn' });
    // The button and its details say what one click writes, and where.
    expect(
      await page.locator('[data-process-action="create-card-for-pr"] button.hint').textContent(),
    ).toContain('No Trello card'); // the badge keeps its title beside the fix
    expect(
      await page.locator('[data-process-action="create-card-for-pr"] button.hint').textContent(),
    ).toContain('Create card in “Lernanta”');
    expect(before?.text).toContain(
      'a card “Fix typo in the sign-up form” in the list “In progress” of the Trello board “Lernanta”, with this pull request attached; and a comment on this pull request linking the card.',
    );
    await page.locator('[data-process-action="create-card-for-pr"] button.hint').dblclick();
    await page.waitForFunction(
      () => !document.querySelector('[data-process-hint="pr.no-card"]'),
      null,
      { timeout: 15_000 },
    );

    const board = findBoard(bed.fake.state, DEMO.lernanta);
    const prUrl = `https://github.com/${DEMO.repo}/pull/42`;
    const cards = board?.cards.filter((c) => c.attachments.some((a) => a.url === prUrl)) ?? [];
    expect(cards).toHaveLength(1);
    expect(board?.lists.find((l) => l.id === cards[0]?.idList)?.name).toBe('In progress');
    const pull = findRepo(bed.fake.state, 'p2pu', 'lernanta')?.pulls.find((p) => p.number === 42);
    const marked =
      pull?.comments.filter((c) =>
        c.body.includes(`<!-- process-lens:card=${cards[0]?.shortLink} -->`),
      ) ?? [];
    expect(marked).toHaveLength(1);
    // The PR now shows its card, saying it was just created, as a link.
    const cardUrl = `https://trello.com/c/${cards[0]?.shortLink}`;
    await waitForHint(page, 'pr.on-card', { severity: 'ok', text: 'Card created:' });
    expect(await linksOf('pr.on-card')).toEqual([
      [cardUrl, cardUrl],
      [cardUrl, cardUrl],
    ]);
  });
});

describe('back on Trello', () => {
  it('a card that links a pull request shows its review status', async () => {
    await open('trello.com', `/b/${DEMO.lernanta}/lernanta`);
    const card = findBoard(bed.fake.state, DEMO.lernanta)?.cards.find(
      (c) => c.name === 'Profile badges',
    );
    const hints = await waitForHint(page, 'pr.reviews', {
      severity: 'ok',
      text: 'PR #41: 1 of 1 approvals',
    });
    const onCard = hints.filter((h) => h.subject === card?.shortLink);
    expect(onCard.map((h) => [h.inside, h.severity])).toEqual([['trello-card', 'ok']]);
  });

  it('a card whose pull request cannot be read says why (rate limit, until when)', async () => {
    bed.fake.state.github.rate.used = bed.fake.state.github.rate.limit;
    await open('trello.com', `/b/${DEMO.lernanta}/lernanta`);
    const [hint] = await waitForHint(page, 'pr.reviews', {
      severity: 'info',
      text: 'PR #41: not read, GitHub rate limit until',
    });
    expect(hint?.inside).toBe('trello-card');
    expect(hint?.text).toContain('could not read the review status of p2pu/lernanta#41');
  });
});
