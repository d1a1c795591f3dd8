import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

// Octokit's throttling spaces GitHub writes seconds apart: real behaviour, not what this is about.
vi.mock('@octokit/plugin-throttling', () => ({ throttling: () => {} }));

import { backgroundClients } from '../../utils/background/clients';
import { createHandlers } from '../../utils/background/handlers';
import { createMoveService } from '../../utils/background/moves';
import { createRouter } from '../../utils/background/router';
import { createServices } from '../../utils/background/services';
import { ContentMessageSchema, PageMessageSchema } from '../../utils/messages';
import { type BoardSnapshot, splitSnapshot } from '../../utils/trello/snapshot';
import { addIssue, demoStorage, findRepo, type GhRepo } from '../fake/state.ts';
import { card } from '../fixtures/boards.ts';
import { fakeApis } from '../fixtures/fake-apis.ts';
import {
  acceptDistinctSecrets,
  everyContentMessage,
  everyPageMessage,
} from '../fixtures/messages.ts';

const BOARD = { id: 'b1', name: 'Lernanta', shortLink: 'LeRnAnTa', lists: [], cards: [] };
const TOKEN = 'trello-secret-token-value';

let now = 1_000_000;
const clock = () => now;

beforeEach(async () => {
  fakeBrowser.reset();
  now = 1_000_000;
  await fakeBrowser.storage.local.set({
    settings: { trello: { apiKey: 'demo-key' } },
    secrets: { trelloToken: TOKEN, githubToken: '' },
  });
});

/** The real handlers, with the clients the background uses and the test's clock. */
const backgroundHandlers = () =>
  createHandlers(createServices(createMoveService(backgroundClients, clock), clock));

function stubFetch(body: unknown = BOARD, status = 200) {
  const fetchMock = vi.fn(async (url: string) =>
    url.includes('/actions?') && status === 200
      ? new Response('[]')
      : new Response(JSON.stringify(body), { status }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('background board snapshots', () => {
  it('read through the token path, at most once per 30 s per board', async () => {
    const fetchMock = stubFetch();
    const handlers = backgroundHandlers();
    const first = await handlers['board.snapshot']({ type: 'board.snapshot', board: 'LeRnAnTa' });
    expect(first).toMatchObject({
      ok: true,
      value: { shortLink: 'LeRnAnTa', source: 'token', fetchedAt: now },
    });
    now += 29_999;
    await handlers['board.snapshot']({ type: 'board.snapshot', board: 'LeRnAnTa' });
    expect(fetchMock).toHaveBeenCalledTimes(2); // the board and its actions
    now += 1;
    await handlers['board.snapshot']({ type: 'board.snapshot', board: 'LeRnAnTa' });
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it('do not cache failures', async () => {
    const fetchMock = stubFetch('invalid token', 401);
    const handlers = backgroundHandlers();
    const answer = await handlers['board.snapshot']({ type: 'board.snapshot', board: 'LeRnAnTa' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await handlers['board.snapshot']({ type: 'board.snapshot', board: 'LeRnAnTa' });
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });
});

describe('a session read handed over by a page', () => {
  const read = (): BoardSnapshot & { source: 'session' } => ({
    id: 'b1',
    name: 'Lernanta',
    shortLink: 'LeRnAnTa',
    url: '',
    closed: false,
    lists: [{ id: 'l1', name: 'Done', pos: 1, closed: false }],
    cards: Array.from({ length: 1_201 }, (_, i) => card(`Card ${i}`, 'l1')),
    events: Array.from({ length: 7 }, (_, i) => ({ kind: 'move' as const, card: `c${i}`, at: i })),
    fetchedAt: now,
    source: 'session',
  });
  const cached = (handlers: ReturnType<typeof backgroundHandlers>) =>
    handlers['board.cached']({ type: 'board.cached', board: 'LeRnAnTa' });
  const remember = (
    handlers: ReturnType<typeof backgroundHandlers>,
    parts: BoardSnapshot[],
    order: number[],
  ) =>
    Promise.all(
      order.map((index) =>
        handlers['board.remember']({
          type: 'board.remember',
          snapshot: parts[index] as BoardSnapshot & { source: 'session' },
          part: { index, count: parts.length },
        }),
      ),
    );

  it('in parts: kept once the last part is in, whatever their order, as it was read', async () => {
    const handlers = backgroundHandlers();
    const whole = read();
    const parts = splitSnapshot(whole, 500);
    expect(parts.map((part) => part.cards.length)).toEqual([401, 401, 399]);
    await remember(handlers, parts, [2, 0]);
    expect(await cached(handlers)).toEqual({ ok: true, value: null });
    await remember(handlers, parts, [1]);
    expect(await cached(handlers)).toEqual({ ok: true, value: whole });
  });

  it('whole, when it is small', async () => {
    const handlers = backgroundHandlers();
    const whole = { ...read(), cards: [card('Card 1', 'l1')] };
    expect(splitSnapshot(whole, 500)).toEqual([whole]);
    await handlers['board.remember']({ type: 'board.remember', snapshot: whole });
    expect(await cached(handlers)).toEqual({ ok: true, value: whole });
  });

  it('not kept when its parts disagree on how many there are, or come too late', async () => {
    const handlers = backgroundHandlers();
    const parts = splitSnapshot(read(), 500);
    await remember(handlers, parts, [0, 1]);
    await handlers['board.remember']({
      type: 'board.remember',
      snapshot: parts[2] as BoardSnapshot & { source: 'session' },
      part: { index: 2, count: 4 },
    });
    await remember(handlers, parts, [2]);
    expect(await cached(handlers)).toEqual({ ok: true, value: null });

    const late = backgroundHandlers();
    await remember(late, parts, [0, 1]);
    now += 30_000;
    await remember(late, parts, [2]);
    expect(await cached(late)).toEqual({ ok: true, value: null });
  });
});

describe('background answers', () => {
  it('never carry a token, for any message type', async () => {
    const apis = fakeApis();
    const secrets = acceptDistinctSecrets(apis.state);
    vi.stubGlobal('fetch', apis.fetch);
    vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    await fakeBrowser.storage.local.set({ ...demoStorage(), secrets });
    const issue = addIssue(apis.state, findRepo(apis.state, 'p2pu', 'lernanta') as GhRepo, {
      title: 'Secrets check',
      user: 'carol',
    }).number;
    const messages = [
      ...everyContentMessage(apis.state, issue, apis.state.now),
      ...everyPageMessage(),
    ];
    const covered = new Set(messages.map((m) => m.type));
    const every = [...ContentMessageSchema.options, ...PageMessageSchema.options];
    expect(every.map((o) => o.entries.type.literal).filter((t) => !covered.has(t))).toEqual([]);

    const demoClock = () => apis.state.now;
    const moves = createMoveService(backgroundClients, demoClock);
    const route = createRouter(
      createHandlers(createServices(moves, demoClock)),
      'ext',
      'chrome-extension://ext',
    );
    const fromPopup = { id: 'ext', origin: 'chrome-extension://ext' };
    const answers: string[] = [];
    for (const message of messages) answers.push(JSON.stringify(await route(message, fromPopup)));
    for (const [i, answer] of answers.entries())
      for (const token of Object.values(secrets))
        expect(answer, messages[i]?.type).not.toContain(token);
    // Real answers, read with those tokens (the demo repository has no team settings file, and
    // only a trello.com or github.com page can ask for its hints, only trello.com for a board's or
    // its own board read).
    const refused = answers.flatMap((a, i) =>
      a.startsWith('{"ok":true') ? [] : [messages[i]?.type],
    );
    expect(refused).toEqual([
      'page.hints',
      'page.boardRead',
      'board.prefetch',
      'board.view',
      'github.teamSettings',
    ]);
    expect(answers.at(-1)).toContain('Demo Developer (@demo-dev)'); // connection.test github
    // The move job started above ends before the next test resets the browser.
    const moved = { type: 'move.status', owner: 'p2pu', repo: 'lernanta', number: issue } as const;
    await vi.waitFor(
      async () =>
        expect(await route(moved, fromPopup)).toMatchObject({ value: { status: 'done' } }),
      { timeout: 10_000 },
    );
  });
});

describe('connection test', () => {
  it('names the Trello member', async () => {
    stubFetch({ id: 'm1', username: 'demo', fullName: 'Demo Developer' });
    const answer = await backgroundHandlers()['connection.test']({
      type: 'connection.test',
      service: 'trello',
    });
    expect(answer).toEqual({
      ok: true,
      value: { service: 'trello', who: 'Demo Developer (@demo)' },
    });
  });

  it('says how to connect GitHub when there is no token', async () => {
    const answer = await backgroundHandlers()['connection.test']({
      type: 'connection.test',
      service: 'github',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });
});
