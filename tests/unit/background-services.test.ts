import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { backgroundClients } from '../../utils/background/clients';
import { createHandlers } from '../../utils/background/handlers';
import { createMoveService } from '../../utils/background/moves';
import { createServices } from '../../utils/background/services';

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

  it('never answer with a token', async () => {
    stubFetch();
    const handlers = backgroundHandlers();
    const answers = [
      await handlers['board.snapshot']({ type: 'board.snapshot', board: 'LeRnAnTa' }),
      await handlers['settings.get']({ type: 'settings.get' }),
      await handlers['connection.test']({ type: 'connection.test', service: 'github' }),
    ];
    expect(JSON.stringify(answers)).not.toContain(TOKEN);
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
