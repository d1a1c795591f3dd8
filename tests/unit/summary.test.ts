// The popup's summary, through the real `status.summary` handler with a fake fetch: what it
// keeps when Trello cannot be reached, and where the worst findings link to.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { backgroundClients } from '../../utils/background/clients';
import { createHandlers } from '../../utils/background/handlers';
import { createMoveService } from '../../utils/background/moves';
import { createServices } from '../../utils/background/services';
import { LAST_SUMMARY_KEY, type StatusSummary, withMyDay } from '../../utils/background/summary';
import type { Finding } from '../../utils/process/findings';
import { findingLink } from '../../utils/process/links';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
let now = NOW;
const clock = () => now;

const lists = (names: string[]) =>
  names.map((name, i) => ({ id: `list${i}${name.length}`, name, pos: i, closed: false }));
const PIPELINE = {
  id: 'p1',
  name: 'Project Pipeline',
  shortLink: 'PiPeLiNe',
  lists: lists(['In progress']),
  cards: [
    {
      id: '5f0000000000000000000001',
      name: 'Lernanta',
      idList: 'list011',
      shortLink: 'CaRdLeRn',
      desc: 'https://trello.com/b/LeRnAnTa/lernanta',
      due: new Date(NOW - 4 * DAY).toISOString(),
      dateLastActivity: new Date(NOW - DAY).toISOString(),
      attachments: [],
    },
  ],
};
// "Would be nice" and "Stuck" are missing: board.missing-lists.
const LERNANTA = {
  id: 'b1',
  name: 'Lernanta',
  shortLink: 'LeRnAnTa',
  lists: lists(['Unsorted', 'Need to do', 'In progress', 'Done']),
  cards: [],
};

/** api.trello.com as far as the summary needs it; `online = false` is a network that is down. */
let online = true;
function stubTrello() {
  const fetchMock = vi.fn(async (url: string) => {
    // GitHub (the mapped repositories' pull requests) answers 404: these tests are about Trello.
    if (new URL(url).host === 'api.github.com') return new Response('{}', { status: 404 });
    if (!online) throw new TypeError('Failed to fetch');
    const path = new URL(url).pathname;
    if (path.endsWith('/actions')) return new Response('[]');
    if (path === '/1/members/me')
      return new Response(JSON.stringify({ id: 'm1', username: 'demo', fullName: 'Demo' }));
    if (path === '/1/boards/PiPeLiNe') return new Response(JSON.stringify(PIPELINE));
    if (path === '/1/boards/LeRnAnTa') return new Response(JSON.stringify(LERNANTA));
    return new Response('not found', { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const summarise = async () => {
  const handlers = createHandlers(
    createServices(createMoveService(backgroundClients, clock), clock),
  );
  const answer = await handlers['status.summary']({ type: 'status.summary' });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
};

beforeEach(async () => {
  fakeBrowser.reset();
  now = NOW;
  online = true;
  await fakeBrowser.storage.local.set({
    settings: { trello: { apiKey: 'k', pipelineBoard: 'PiPeLiNe', boards: ['LeRnAnTa'] } },
    secrets: { trelloToken: 'trello-token', githubToken: '' },
  });
});

describe('the status summary offline', () => {
  it('keeps the last known state of boards that could not be read, says so, and keeps the badge', async () => {
    stubTrello();
    const first = await summarise();
    expect(first.counts).toEqual({
      'pipeline.overdue': 1,
      'pipeline.review-due': 1,
      'board.missing-lists': 1,
    });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');

    now += 20 * 60 * 1000; // the next alarm, with the network down
    online = false;
    const offline = await summarise();
    expect(offline.counts).toEqual(first.counts);
    expect(offline.problems).toBe(3);
    expect(offline.worst).toBe('error');
    expect(offline.projects.map((p) => [p.board, p.problems, p.asOf, p.error])).toEqual([
      ['PiPeLiNe', 2, NOW, undefined],
      ['LeRnAnTa', 1, NOW, undefined],
    ]);
    for (const project of offline.projects)
      expect(project.notRefreshed).toMatch(/^Could not reach Trello/);
    expect(offline.projects[1]?.worst).toEqual(first.projects[1]?.worst);
    // The agenda keeps the board's last known section, the deadline problem included.
    expect(offline.agenda?.projects).toEqual(first.agenda?.projects);
    expect(offline.agenda?.projects[0]?.problems).toContain('Lernanta: Overdue by 4 days');
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    const stored = (await fakeBrowser.storage.local.get(LAST_SUMMARY_KEY))[
      LAST_SUMMARY_KEY
    ] as StatusSummary;
    expect(stored.projects[1]?.notRefreshed).toBeDefined();

    // Back online: fresh data, nothing marked.
    now += 20 * 60 * 1000;
    online = true;
    const back = await summarise();
    expect(back.projects.map((p) => [p.board, p.notRefreshed, p.asOf])).toEqual([
      ['PiPeLiNe', undefined, now],
      ['LeRnAnTa', undefined, now],
    ]);
  });

  it('places each board in the process: its pipeline card and its repositories, kept while offline', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        trello: { apiKey: 'k', pipelineBoard: 'PiPeLiNe', boards: ['LeRnAnTa'] },
        github: { boardForRepo: { 'p2pu/lernanta': 'LeRnAnTa', 'p2pu/badges': 'BaDgEsXx' } },
      },
    });
    stubTrello();
    const lernanta = (await summarise()).projects.find((p) => p.board === 'LeRnAnTa');
    expect(lernanta).toMatchObject({
      pipelineCard: { name: 'Lernanta', shortLink: 'CaRdLeRn' },
      repos: ['p2pu/lernanta'],
    });
    now += 20 * 60 * 1000;
    online = false;
    const offline = (await summarise()).projects.find((p) => p.board === 'LeRnAnTa');
    expect(offline).toMatchObject({
      pipelineCard: { name: 'Lernanta', shortLink: 'CaRdLeRn' },
      repos: ['p2pu/lernanta'],
    });
  });

  it('says what failed for a board never read before', async () => {
    stubTrello();
    online = false;
    const summary = await summarise();
    expect(summary.projects[1]).toMatchObject({
      board: 'LeRnAnTa',
      problems: 0,
      error: expect.stringMatching(/^Could not reach Trello/),
    });
    expect(summary.projects[1]?.notRefreshed).toBeUndefined();
  });
});

describe('links of the worst findings', () => {
  const base = { severity: 'warn' as const, title: 't', message: '' };
  it('open pull requests and issues on GitHub, cards and boards on Trello', () => {
    expect(
      findingLink({
        ...base,
        rule: 'pr.reviews',
        subject: 'p2pu/lernanta#42',
        anchor: { kind: 'header' },
      }),
    ).toBe('https://github.com/p2pu/lernanta/pull/42');
    expect(
      findingLink({
        ...base,
        rule: 'issue.needs-card',
        subject: 'p2pu/lernanta#44',
        anchor: { kind: 'header' },
      }),
    ).toBe('https://github.com/p2pu/lernanta/issues/44');
    // A card's pull-request review status opens the pull request.
    expect(
      findingLink(
        {
          ...base,
          rule: 'pr.reviews',
          subject: 'CaRd0001',
          anchor: { kind: 'card', board: 'LeRnAnTa', card: 'CaRd0001' },
        },
        { owner: 'p2pu', repo: 'lernanta', number: 41 },
      ),
    ).toBe('https://github.com/p2pu/lernanta/pull/41');
    expect(
      findingLink({
        ...base,
        rule: 'card.stuck',
        subject: 'CaRd0001',
        anchor: { kind: 'card', board: 'LeRnAnTa', card: 'CaRd0001' },
      }),
    ).toBe('https://trello.com/c/CaRd0001');
    expect(
      findingLink({
        ...base,
        rule: 'board.missing-lists',
        subject: 'LeRnAnTa',
        anchor: { kind: 'board', board: 'LeRnAnTa' },
      }),
    ).toBe('https://trello.com/b/LeRnAnTa');
  });
});

describe('my day when GitHub or a board cannot be read', () => {
  const push: Finding = {
    rule: 'push.overdue',
    severity: 'warn',
    subject: 'demo-dev',
    anchor: { kind: 'header' },
    title: 'Last push 30 hours ago',
    message: '',
  };
  const base: StatusSummary = {
    asOf: NOW,
    projects: [
      {
        board: 'LeRnAnTa',
        name: 'Lernanta',
        worst: [],
        problems: 1,
        counts: { 'board.missing-lists': 1 },
        severity: 'warn',
        asOf: NOW - DAY,
        notRefreshed: 'Could not reach Trello.',
      },
    ],
    counts: { 'board.missing-lists': 1 },
    problems: 1,
    worst: 'warn',
    nextCallAt: NOW + DAY,
  };
  const previous = withMyDay(
    { ...base, projects: [] },
    {
      cards: [
        { name: 'Migrate', link: 'https://trello.com/c/CaRd0001', board: 'Lernanta', days: 3 },
      ],
      pulls: [],
      reviews: [
        { title: 'Badges', link: 'https://github.com/p2pu/lernanta/pull/41', author: 'alice' },
      ],
      lastPushAt: NOW - 30 * 3_600_000,
    },
    push,
  );

  it('keeps the last known push (still counted), reviews, and my cards on boards not refreshed', () => {
    const fresh = { cards: [], pulls: [], reviews: [], githubNote: 'Could not reach GitHub.' };
    const summary = withMyDay(base, fresh, undefined, previous, true);
    expect(summary.push).toEqual(push);
    expect(summary.problems).toBe(2);
    expect(summary.counts['push.overdue']).toBe(1);
    expect(summary.myDay?.reviews).toEqual(previous.myDay?.reviews);
    expect(summary.myDay?.cards.map((c) => c.name)).toEqual(['Migrate']);
    expect(summary.myDay?.githubNote).toBe(
      'Not refreshed (Could not reach GitHub.): the last known state.',
    );
  });

  it('keeps nothing of GitHub when it was read (or not asked: no token)', () => {
    const fresh = { cards: [], pulls: [], reviews: [] };
    const summary = withMyDay({ ...base, projects: [] }, fresh, undefined, previous, false);
    expect(summary.push).toBeUndefined();
    expect(summary.problems).toBe(1);
    expect(summary.myDay?.reviews).toEqual([]);
    expect(summary.myDay?.cards).toEqual([]);
  });
});
