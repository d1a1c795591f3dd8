// The team's pull requests: every open PR of the watched repositories counted once, by the same
// rules as the PR page, drafts apart; and the refresh's GitHub budget (lists with ETags, reviews
// reused while a PR's updated_at is unchanged).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { backgroundClients } from '../../utils/background/clients';
import { createHandlers } from '../../utils/background/handlers';
import { createMoveService } from '../../utils/background/moves';
import { createServices } from '../../utils/background/services';
import type { StatusSummary } from '../../utils/background/summary';
import { type Agenda, agendaMarkdown } from '../../utils/process/agenda';
import { reviewDecision } from '../../utils/process/rules/pr-reviews';
import { defaultSettings } from '../../utils/process/settings';
import {
  agendaPullItem,
  countPulls,
  drafts,
  teamPull,
  waitingFor,
  waitingForReview,
  watchedRepos,
  withoutCard,
} from '../../utils/process/team-pulls';
import {
  addOpenPulls,
  addPull,
  addRepo,
  DEMO,
  demoStorage,
  findRepo,
  type GhRepo,
  iso,
} from '../fake/state.ts';
import { type FakeApis, fakeApis } from '../fixtures/fake-apis.ts';
import { NOW, pull, review } from '../fixtures/github';

const DAY = 24 * 60 * 60 * 1000;
const settings = defaultSettings();

describe('the team’s pull requests, counted', () => {
  const approved = teamPull(
    pull({
      number: 1,
      reviews: [review('bob', 'APPROVED', '2026-11-24T10:00:00Z')],
      boardCard: 'CaRd0001',
    }),
    NOW - 5 * DAY,
    [],
    settings,
  );
  const unreviewed = teamPull(
    pull({ number: 2, title: 'Polar projection', author: 'ada-l' }),
    NOW - 3 * DAY,
    ['bob'],
    settings,
  );
  const older = teamPull(pull({ number: 3, boardCard: 'CaRd0003' }), NOW - 9 * DAY, [], settings);
  const draft = teamPull(pull({ number: 4, draft: true }), NOW - 20 * DAY, [], settings);
  const fromOrg = teamPull(
    pull({
      number: 5,
      boardCard: 'CaRd0005',
      reviews: [review('carol', 'APPROVED', '2026-11-24T10:00:00Z')],
      head: {
        ref: 'fix',
        repo: { fullName: 'p2pu/lernanta', fork: false, defaultBranch: 'master' },
      },
    }),
    NOW - DAY,
    [],
    settings,
  );
  const all = [approved, unreviewed, older, draft, fromOrg];

  it('runs the pull-request rules once per rule, as on the PR page', () => {
    expect(approved.problems).toEqual([]);
    expect(approved.card).toBe('CaRd0001');
    expect(unreviewed.problems).toEqual(['pr.reviews', 'pr.no-card']);
    expect(unreviewed.card).toBeUndefined();
    expect(fromOrg.problems).toEqual(['pr.not-from-fork']);
    expect(unreviewed.status).toMatchObject({ approvals: [], required: 1, state: 'open' });
  });

  it('does not count a draft: it is work in progress, not waiting for review', () => {
    expect(draft.draft).toBe(true);
    expect(draft.problems).toContain('pr.no-card');
    expect(reviewDecision(draft.status).severity).toBe('info');
    expect(countPulls(all)).toEqual({ 'pr.reviews': 2, 'pr.no-card': 1, 'pr.not-from-fork': 1 });
    expect(drafts(all)).toEqual([draft]);
    expect(waitingForReview(all)).not.toContain(draft);
  });

  it('lists the ones waiting for review oldest first, and the ones no card links', () => {
    expect(waitingForReview(all).map((p) => p.number)).toEqual([3, 2]);
    expect(withoutCard(all).map((p) => p.number)).toEqual([2]);
    expect(waitingFor(unreviewed, NOW)).toBe('waiting 3 days');
    expect(waitingFor(fromOrg, NOW - DAY + 1)).toBe('waiting since today');
    expect(agendaPullItem(unreviewed, NOW)).toBe('#2 Polar projection (@ada-l, 3 days)');
  });

  it('watches github.repos and the repositories mapped to boards, each once', () => {
    const both = defaultSettings();
    both.github.repos = ['p2pu/lernanta', 'p2pu/badges'];
    both.github.boardForRepo = { 'P2PU/Lernanta': 'LeRnAnTa', 'p2pu/mooc': 'MeChMoOc' };
    expect(watchedRepos(both)).toEqual(['p2pu/lernanta', 'p2pu/badges', 'p2pu/mooc']);
  });
});

describe('the summary over every open pull request (through status.summary)', () => {
  let apis: FakeApis;
  let lernanta: GhRepo;
  let badges: GhRepo;
  const clock = () => apis.state.now;
  const summarise = async (): Promise<StatusSummary> => {
    const handlers = createHandlers(
      createServices(createMoveService(backgroundClients, clock), clock),
    );
    const answer = await handlers['status.summary']({ type: 'status.summary' });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };
  const githubRequests = () => apis.requests.filter((r) => r.includes('api.github.com'));

  beforeEach(async () => {
    fakeBrowser.reset();
    apis = fakeApis();
    vi.stubGlobal('fetch', apis.fetch);
    const storage = demoStorage() as { settings: { github: { repos: string[] } } };
    storage.settings.github.repos = [DEMO.repo, 'p2pu/badges'];
    await fakeBrowser.storage.local.set(storage);
    lernanta = findRepo(apis.state, 'p2pu', 'lernanta') as GhRepo;
    badges = addRepo(apis.state, { owner: 'p2pu', name: 'badges' });
    // No card links these; one is linked from a comment only; one is a draft.
    addPull(apis.state, lernanta, {
      number: 77,
      title: 'Polar projection',
      user: 'ada-l',
      headRepo: 'ada-l/lernanta',
      headRef: 'polar',
      createdAt: apis.state.now - 3 * DAY,
    });
    addPull(apis.state, lernanta, {
      number: 78,
      title: 'Linked from a comment',
      user: 'bob',
      headRepo: 'bob/lernanta',
      headRef: 'linked',
      comments: [{ user: 'bob', body: 'Card: https://trello.com/c/AbCdEfGh' }],
      reviews: [{ user: 'carol', state: 'APPROVED' }],
    });
    addPull(apis.state, lernanta, {
      number: 79,
      title: 'Half-done search',
      user: 'carol',
      headRepo: 'carol/lernanta',
      headRef: 'search',
      draft: true,
    });
    addPull(apis.state, badges, {
      number: 3,
      title: 'Badge colours',
      user: 'bob',
      headRepo: 'bob/badges',
      headRef: 'colours',
      createdAt: apis.state.now - 6 * DAY,
    });
  });

  it('counts every open, non-draft PR short of approvals, linked or not, the same in "my day"', async () => {
    const summary = await summarise();
    const team = summary.team?.pulls ?? [];
    const byNumber = (repo: string, n: number) =>
      team.find((p) => p.repo === repo && p.number === n);
    // #41 approved with a card; #42 (demo-dev's, from the org repo) commented only; #77 and
    // badges#3 unreviewed; #78 approved, its card in a comment; #79 a draft.
    expect(summary.counts['pr.reviews']).toBe(3);
    expect(waitingForReview(team).map((p) => `${p.repo}#${p.number}`)).toEqual([
      'badges#3',
      'lernanta#77',
      'lernanta#42',
    ]);
    expect(summary.counts['pr.no-card']).toBe(3);
    expect(byNumber('lernanta', 78)?.card).toBe('AbCdEfGh');
    expect(byNumber('lernanta', 79)).toMatchObject({ draft: true, status: { draft: true } });
    expect(summary.counts['pr.not-from-fork']).toBe(1);
    // The badge's problems include them; the project of the repository counts its own.
    const project = summary.projects.find((p) => p.board === DEMO.lernanta);
    expect(project?.counts['pr.reviews']).toBe(2);
    expect(summary.problems).toBe(Object.values(summary.counts).reduce((a, b) => a + b, 0));
    // The same PR, the same status in "my day".
    expect(summary.myDay?.pulls).toEqual([
      expect.objectContaining({
        link: 'https://github.com/p2pu/lernanta/pull/42',
        status: byNumber('lernanta', 42)?.status,
      }),
    ]);
  });

  it('costs no rate-limited request when nothing changed, and reads reviews again after a change', async () => {
    await summarise();
    const cold = githubRequests();
    const reviewsRead = cold.filter((r) => r.endsWith('/reviews'));
    // One list per repository; reviews at most once per pull request (6 open ones).
    expect(cold.filter((r) => /\/pulls$/.test(r))).toHaveLength(2);
    expect(reviewsRead).toHaveLength(new Set(reviewsRead).size);
    expect(reviewsRead).toHaveLength(6);

    apis.state.now += 20 * 60 * 1000;
    apis.requests.length = 0;
    const used = apis.state.github.rate.authenticatedUsed;
    await summarise();
    expect(githubRequests().filter((r) => r.endsWith('/reviews'))).toEqual([]);
    expect(apis.state.github.rate.authenticatedUsed).toBe(used);

    // A new review changes the PR's updated_at: its reviews (only its) are read again.
    const polar = lernanta.pulls.find((p) => p.number === 77);
    if (!polar) throw new Error('no #77');
    polar.reviews.push({
      id: 9_999,
      user: { login: 'bob' },
      state: 'APPROVED',
      body: '',
      submitted_at: iso(apis.state.now),
    });
    polar.updated_at = iso(apis.state.now);
    apis.state.now += 20 * 60 * 1000;
    apis.requests.length = 0;
    const after = await summarise();
    expect(githubRequests().filter((r) => r.endsWith('/reviews'))).toEqual([
      'GET api.github.com/repos/p2pu/lernanta/pulls/77/reviews',
    ]);
    expect(after.counts['pr.reviews']).toBe(2);
  });

  it('keeps the last known pull requests of a repository that cannot be read', async () => {
    const first = await summarise();
    apis.state.now += 20 * 60 * 1000;
    apis.faults.push({ path: /api\.github\.com\/repos\/p2pu\/badges\/pulls$/, status: 404 });
    const second = await summarise();
    expect(second.counts['pr.reviews']).toBe(first.counts['pr.reviews']);
    expect(second.team?.notRefreshed.map((n) => n.repo)).toEqual(['p2pu/badges']);
  });

  it('puts them on the agenda: waiting under Problems, merged under Progress, big issues to discuss', async () => {
    const first = await summarise();
    const lernantaSection = (summary: StatusSummary) =>
      summary.agenda?.projects.find((p) => p.board === DEMO.lernanta);
    expect(lernantaSection(first)?.problems).toEqual(
      expect.arrayContaining([
        'Waiting for review: #77 Polar projection (@ada-l, 3 days)',
        'Waiting for review: #42 Fix typo in the sign-up form (@demo-dev, 1 day)',
      ]),
    );
    expect(lernantaSection(first)?.discuss).toEqual([
      expect.stringMatching(
        /^#44 Redesign the course creation flow: looks too big for an issue \(/,
      ),
    ]);
    // badges is watched but mapped to no board: its own section.
    expect(first.agenda?.projects.at(-1)).toMatchObject({
      title: 'Other watched repositories',
      problems: ['Waiting for review: #3 Badge colours (@bob, 6 days)'],
    });
    expect(agendaMarkdown(first.agenda as Agenda, 'Call')).toContain(
      '**To discuss**\n- #44 Redesign the course creation flow',
    );

    const polar = lernanta.pulls.find((p) => p.number === 77);
    if (!polar) throw new Error('no #77');
    Object.assign(polar, { state: 'closed', merged: true, updated_at: iso(apis.state.now) });
    apis.state.now += 20 * 60 * 1000;
    const second = await summarise();
    expect(lernantaSection(second)?.progress).toContain('Merged: #77 Polar projection (@ada-l)');
    expect(lernantaSection(second)?.problems.join('\n')).not.toContain('#77');
    expect(second.counts['pr.reviews']).toBe(2);
  });

  it('within the budget for 10 repositories of 30 open pull requests: cold, then warm', async () => {
    const repos = Array.from({ length: 10 }, (_, i) =>
      addRepo(apis.state, { owner: 'team', name: `r${i}` }),
    );
    for (const repo of repos) addOpenPulls(apis.state, repo, 30);
    const storage = demoStorage() as { settings: { github: Record<string, unknown> } };
    storage.settings.github = { repos: repos.map((r) => `team/${r.name}`), boardForRepo: {} };
    await fakeBrowser.storage.local.set(storage);
    const kinds = () => {
      const tally: Record<string, number> = {};
      // (A demo card links p2pu/lernanta#41, no longer watched here: read on its own, not counted.)
      for (const r of githubRequests().filter((r) => !r.includes('/repos/p2pu/lernanta/'))) {
        const kind = r.endsWith('/pulls')
          ? 'pull lists'
          : r.endsWith('/issues')
            ? 'issue lists'
            : r.endsWith('/reviews')
              ? 'reviews'
              : r.endsWith('/comments')
                ? 'comments'
                : 'user and forks';
        tally[kind] = (tally[kind] ?? 0) + 1;
      }
      return tally;
    };
    let used = apis.state.github.rate.authenticatedUsed;
    const cold = await summarise();
    expect(cold.team?.pulls).toHaveLength(300);
    // One list of each kind per repository, reviews once per PR; no PR has a comment to read.
    expect(kinds()).toEqual({
      'pull lists': 10,
      'issue lists': 10,
      reviews: 300,
      'user and forks': 11,
    });
    expect(apis.state.github.rate.authenticatedUsed - used).toBe(331 + 2);

    apis.state.now += 15 * 60 * 1000;
    apis.requests.length = 0;
    used = apis.state.github.rate.authenticatedUsed;
    const warm = await summarise();
    // Conditional lists answered 304, the user too; no fork is asked again for a while.
    expect(kinds()).toEqual({ 'pull lists': 10, 'issue lists': 10, 'user and forks': 1 });
    expect(apis.state.github.rate.authenticatedUsed - used).toBe(0);
    expect(warm.counts).toEqual(cold.counts);
  }, 60_000);
});
