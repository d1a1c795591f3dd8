// The move jobs in the background (createMoveService) against the fake Trello and GitHub APIs:
// concurrent starts join, unfinished jobs resume at start-up, waits are scheduled with an alarm,
// Retry honours a rate limit, and an issue already on a card gets that card back.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

// Octokit's throttling spaces GitHub writes seconds apart (one queue for every client): real
// behaviour, but not what these tests are about.
vi.mock('@octokit/plugin-throttling', () => ({ throttling: () => {} }));

import { createHandlers } from '../../utils/background/handlers';
import { createMoveService, JOBS_ALARM } from '../../utils/background/moves';
import { createServices } from '../../utils/background/services';
import { createGitHubClient } from '../../utils/github/client';
import { jobKey, type MoveJob, type MoveRequest, newJob } from '../../utils/jobs/move-job';
import { cardMarker } from '../../utils/process/links';
import { loadSecrets, loadSettings } from '../../utils/storage';
import { createTrelloClient } from '../../utils/trello/client';
import { createRateLimiter } from '../../utils/trello/rate-limit';
import {
  addIssue,
  DEMO,
  findBoard,
  findRepo,
  type GhRepo,
  type TrelloBoard,
} from '../fake/state.ts';
import { type FakeApis, fakeApis } from '../fixtures/fake-apis.ts';

let apis: FakeApis;
let now: number;
const clock = () => now;
function setNow(ms: number) {
  now = ms;
}
let number = 200;

const lernanta = () => findBoard(apis.state, DEMO.lernanta) as TrelloBoard;
const repo = () => findRepo(apis.state, 'p2pu', 'lernanta') as GhRepo;
const listId = (name: string) => lernanta().lists.find((l) => l.name === name)?.id as string;
const issueUrl = (n: number) => `https://github.com/p2pu/lernanta/issues/${n}`;
const cardsFor = (n: number) =>
  lernanta().cards.filter((c) => c.attachments.some((a) => a.url === issueUrl(n)));
const markers = (n: number) =>
  repo()
    .issues.find((i) => i.number === n)
    ?.comments.filter((c) => c.body.includes('<!-- process-lens:card=')) ?? [];

function request(extra: Partial<MoveRequest> = {}): MoveRequest {
  return {
    kind: 'issue',
    owner: 'p2pu',
    repo: 'lernanta',
    number,
    board: DEMO.lernanta,
    list: listId('Unsorted'),
    close: true,
    copyComments: true,
    ...extra,
  };
}

/** The service's quick wake-ups after a wait: run only when a test says so. */
let wakes: { wake: () => void; ms: number }[] = [];
const service = () =>
  createMoveService(clientsOnTestClock, clock, (wake, ms) => wakes.push({ wake, ms }));

/** The background's clients, with Trello's rate limiter on the test's clock and no jitter. */
async function clientsOnTestClock() {
  const { settings } = await loadSettings();
  const secrets = await loadSecrets();
  return {
    trello: createTrelloClient(
      { apiKey: settings.trello.apiKey, token: secrets.trelloToken },
      apis.fetch,
      createRateLimiter({ now: clock, random: () => 0 }),
    ),
    github: createGitHubClient(secrets.githubToken),
  };
}
const stored = async (n = number) =>
  (
    await fakeBrowser.storage.local.get(
      `job:${jobKey({ owner: 'p2pu', repo: 'lernanta', number: n })}`,
    )
  )[`job:${jobKey({ owner: 'p2pu', repo: 'lernanta', number: n })}`] as MoveJob | undefined;
const finished = (n = number) =>
  vi.waitFor(async () => expect((await stored(n))?.status).toBe('done'), { timeout: 5_000 });

beforeEach(async () => {
  wakes = [];
  fakeBrowser.reset();
  apis = fakeApis();
  setNow(apis.state.now);
  vi.stubGlobal('fetch', apis.fetch);
  number++;
  addIssue(apis.state, repo(), {
    number,
    title: `Issue ${number}`,
    body: 'Too big for an issue.',
    user: 'carol',
    labels: ['discussion'],
    comments: [{ user: 'alice', body: 'A first thought.' }],
  });
  await fakeBrowser.storage.local.set({
    settings: { trello: { apiKey: DEMO.trelloKey } },
    secrets: { trelloToken: DEMO.trelloToken, githubToken: DEMO.githubToken },
  });
});

describe('the move service', () => {
  it('joins concurrent starts for one issue (double click, two tabs): one job, one card', async () => {
    const moves = service();
    const [a, b, c] = await Promise.all([
      moves.start(request(), 'demo-dev'),
      moves.start(request(), 'demo-dev'),
      moves.start(request({ list: listId('Need to do') }), 'demo-dev'),
    ]);
    for (const answer of [a, b, c])
      expect(answer).toMatchObject({ ok: true, value: { kind: 'job' } });
    await finished();
    expect(cardsFor(number)).toHaveLength(1);
    expect(markers(number)).toHaveLength(1);
    expect(apis.requests.filter((r) => r === 'POST api.trello.com/1/cards')).toHaveLength(1);
  });

  it('answers with the card for an issue moved before (a finished job): no second card', async () => {
    const moves = service();
    await moves.start(request(), 'demo-dev');
    await finished();
    const [card] = cardsFor(number);
    const again = await moves.start(request({ list: listId('Need to do') }), 'demo-dev');
    expect(again).toEqual({ ok: true, value: { kind: 'existing', card: card?.shortLink } });
    expect(cardsFor(number)).toHaveLength(1);
  });

  it('answers with the card named by our marker on the issue (a move from another browser)', async () => {
    const issue = repo().issues.find((i) => i.number === number);
    issue?.comments.push({
      id: 1,
      user: { login: 'bob' },
      body: `Moved to Trello: https://trello.com/c/ElSeWhRe\n\n${cardMarker('ElSeWhRe')}`,
      created_at: new Date(now).toISOString(),
      updated_at: new Date(now).toISOString(),
    });
    const answer = await service().start(request(), 'demo-dev');
    expect(answer).toEqual({ ok: true, value: { kind: 'existing', card: 'ElSeWhRe' } });
    expect(await stored()).toBeUndefined();
    expect(apis.requests.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('finds the card on another list of the board when the journal is gone: no second card', async () => {
    const moves = service();
    await moves.start(request(), 'demo-dev');
    await finished();
    const [card] = cardsFor(number);
    if (!card) throw new Error('no card');
    // Someone moved the card on, the journal expired, the marker comment was deleted.
    card.idList = listId('In progress');
    await fakeBrowser.storage.local.clear();
    const issue = repo().issues.find((i) => i.number === number);
    if (issue) issue.comments = issue.comments.filter((c) => !c.body.includes('process-lens'));
    await fakeBrowser.storage.local.set({
      settings: { trello: { apiKey: DEMO.trelloKey } },
      secrets: { trelloToken: DEMO.trelloToken, githubToken: DEMO.githubToken },
    });
    await moves.start(request({ list: listId('Need to do') }), 'demo-dev');
    await finished();
    expect(cardsFor(number).map((c) => c.shortLink)).toEqual([card.shortLink]);
    expect((await stored())?.card?.shortLink).toBe(card.shortLink);
  });

  it('resumes at start-up a job a previous worker left running, and finishes it once', async () => {
    const left = newJob(request(), now);
    await fakeBrowser.storage.local.set({ [`job:${left.key}`]: { ...left, step: 'card' } });
    await service().resume();
    await finished();
    expect(cardsFor(number)).toHaveLength(1);
    expect(markers(number)).toHaveLength(1);
    expect(repo().issues.find((i) => i.number === number)?.state).toBe('closed');
  });

  it('schedules a waiting job with the alarm (the earliest wait wins) and runs it when it fires', async () => {
    apis.faults.push({
      method: 'POST',
      path: /^api\.trello\.com\/1\/cards$/,
      status: 429,
      body: { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
    });
    const moves = service();
    await moves.start(request(), 'demo-dev');
    await vi.waitFor(async () => expect((await stored())?.status).toBe('waiting'));
    const waiting = (await stored()) as MoveJob;
    expect(waiting.error).toMatchObject({ step: 'card', code: 'rate-limited' });
    expect(waiting.retryAt).toBe(now + 10_000);
    const alarmTime = async () => (await fakeBrowser.alarms.get(JOBS_ALARM))?.scheduledTime;
    await vi.waitFor(async () => expect(await alarmTime()).toBe(now + 10_000));
    expect(wakes.map((w) => w.ms)).toEqual([10_050]);
    // Another job waits until later: the alarm keeps the earlier time.
    const later = { ...newJob(request({ number: 43 }), now), status: 'waiting' as const };
    await fakeBrowser.storage.local.set({
      [`job:${later.key}`]: { ...later, retryAt: now + 60_000 },
    });
    await moves.resume();
    await vi.waitFor(async () => expect(wakes).toHaveLength(3)); // both waits, again
    expect(await alarmTime()).toBe(now + 10_000);
    // The alarm fires (the worker may have been stopped meanwhile): the job finishes.
    setNow(now + 10_000);
    await service().resume();
    await finished();
    expect(cardsFor(number)).toHaveLength(1);
    expect((await stored(43))?.status).toBe('waiting');
  });

  it('Retry during a rate limit keeps the wait (no request before retryAt); after it, runs again', async () => {
    apis.faults.push({
      method: 'POST',
      path: /^api\.trello\.com\/1\/cards$/,
      status: 429,
      body: { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
    });
    const moves = service();
    await moves.start(request(), 'demo-dev');
    await vi.waitFor(async () => expect((await stored())?.status).toBe('waiting'));
    const waiting = (await stored()) as MoveJob;
    const sent = apis.requests.length;
    const retried = await moves.retry(waiting.key);
    expect(retried).toEqual({ ok: true, value: waiting });
    expect(apis.requests.length).toBe(sent);
    expect(await stored()).toEqual(waiting);
    setNow(waiting.retryAt as number);
    await moves.retry(waiting.key);
    await finished();
    expect(cardsFor(number)).toHaveLength(1);
  });

  it('Retry of a failed job runs it again at once', async () => {
    apis.faults.push({ method: 'POST', path: /^api\.trello\.com\/1\/cards$/, status: 401 });
    const moves = service();
    await moves.start(request(), 'demo-dev');
    await vi.waitFor(async () => expect((await stored())?.status).toBe('failed'));
    await moves.retry(jobKey(request()));
    await finished();
    expect(cardsFor(number)).toHaveLength(1);
  });

  it('matches the issue’s labels to the board’s by name', async () => {
    const board = lernanta();
    const card = board.cards[0];
    card?.labels.push({ id: 'a'.repeat(24), name: 'Discussion', color: 'blue' });
    await service().start(request(), 'demo-dev');
    await finished();
    expect(cardsFor(number)[0]?.labels.map((l) => l.name)).toEqual(['Discussion']);
  });
});

describe('closing with a label', () => {
  const start = async () => {
    const handlers = createHandlers(createServices(service(), clock));
    return handlers['move.start']({
      type: 'move.start',
      owner: 'p2pu',
      repo: 'lernanta',
      number,
      board: DEMO.lernanta,
      list: listId('Unsorted'),
      close: true,
      pageUser: 'demo-dev',
    });
  };
  const issue = () => repo().issues.find((i) => i.number === number);

  it('adds the configured label (when the repository has it) before closing as not planned', async () => {
    repo().labels = [{ name: 'moved-to-trello', color: 'ededed' }];
    await fakeBrowser.storage.local.set({
      settings: { trello: { apiKey: DEMO.trelloKey }, github: { closeLabel: 'Moved-to-Trello' } },
    });
    await start();
    await finished();
    expect(issue()?.labels.map((l) => l.name)).toEqual(['discussion', 'moved-to-trello']);
    expect(issue()).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
  });

  it('creates no label the repository lacks, and says so', async () => {
    await fakeBrowser.storage.local.set({
      settings: { trello: { apiKey: DEMO.trelloKey }, github: { closeLabel: 'moved-to-trello' } },
    });
    await start();
    await finished();
    expect(repo().labels ?? []).toEqual([]);
    expect(issue()?.labels.map((l) => l.name)).toEqual(['discussion']);
    expect(issue()?.state).toBe('closed');
    expect((await stored())?.notes?.[0]).toContain('has no label “moved-to-trello”');
  });
});

describe('the board the move dialog proposes', () => {
  const ask = (owner: string, repoName: string) =>
    createHandlers(createServices(service(), clock))['move.defaultBoard']({
      type: 'move.defaultBoard',
      owner,
      repo: repoName,
    });
  const pipelineCard = (name: string) => {
    const card = findBoard(apis.state, DEMO.pipeline)?.cards.find((c) => c.name === name);
    if (!card) throw new Error(`no pipeline card ${name}`);
    return card;
  };

  it('is the repository’s board from the settings first', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        trello: { apiKey: DEMO.trelloKey, pipelineBoard: DEMO.pipeline },
        github: { boardForRepo: { 'P2PU/Lernanta': DEMO.untidy } },
      },
    });
    expect(await ask('p2pu', 'lernanta')).toEqual({
      ok: true,
      value: { board: DEMO.untidy, from: 'settings' },
    });
  });

  it('else the board of the pipeline card that mentions the repository', async () => {
    await fakeBrowser.storage.local.set({
      settings: { trello: { apiKey: DEMO.trelloKey, pipelineBoard: DEMO.pipeline } },
    });
    // A mention in the description, and one as an attachment; a longer repo name is not a mention.
    pipelineCard('Lernanta').desc += '\n\nCode: https://github.com/p2pu/lernanta-old';
    pipelineCard('Mechanical MOOC').attachments.push({
      id: 'b'.repeat(24),
      url: 'https://github.com/p2pu/mechanical-mooc',
      name: 'Code',
    });
    expect(await ask('p2pu', 'mechanical-mooc')).toEqual({
      ok: true,
      value: { board: DEMO.mooc, from: 'pipeline' },
    });
    expect(await ask('p2pu', 'lernanta')).toEqual({ ok: true, value: null });
    pipelineCard('Lernanta').desc += '\nAlso https://github.com/p2pu/lernanta/issues';
    setNow(now + 31_000); // the pipeline is read at most every 30 s
    expect(await ask('p2pu', 'lernanta')).toEqual({
      ok: true,
      value: { board: DEMO.lernanta, from: 'pipeline' },
    });
    // No card mentions it: the user chooses.
    expect(await ask('p2pu', 'badges')).toEqual({ ok: true, value: null });
  });

  it('is nobody’s choice without a pipeline board', async () => {
    expect(await ask('p2pu', 'lernanta')).toEqual({ ok: true, value: null });
  });
});
