// A board's hints made in the background (`board.view`), against the fake Trello: the trello.com
// session read starts when the board's page starts loading (`board.prefetch`) and the page's ask
// joins it; a refused session falls to the token path, or back to the page when there is no token.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { backgroundClients } from '../../utils/background/clients';
import { createHandlers } from '../../utils/background/handlers';
import { createMoveService } from '../../utils/background/moves';
import type { From } from '../../utils/background/router';
import { createServices } from '../../utils/background/services';
import type { Result } from '../../utils/result';
import type { BoardViewData } from '../../utils/trello/board-view';
import { DEMO, demoStorage } from '../fake/state.ts';
import { type FakeApis, fakeApis } from '../fixtures/fake-apis.ts';

let apis: FakeApis;
/** A trello.com board's page, as the router names its sender. */
const LERNANTA: From = {
  kind: 'content',
  origin: 'https://trello.com',
  tabId: 1,
  documentId: 'DOC1',
};

function background() {
  const now = () => apis.state.now;
  return createHandlers(createServices(createMoveService(backgroundClients, now), now));
}

const reads = (host: string, board: string) =>
  apis.requests.filter((r) => r === `GET ${host}/1/boards/${board}`);

function view(answer: Result<BoardViewData>): BoardViewData {
  if (!answer.ok) throw new Error(`expected a view, got ${answer.error.message}`);
  return answer.value;
}

beforeEach(async () => {
  fakeBrowser.reset();
  apis = fakeApis();
  vi.stubGlobal('fetch', apis.fetch);
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([]);
  await fakeBrowser.storage.local.set(demoStorage());
});

describe('board.view', () => {
  it('reads the board with the trello.com session from when the page starts loading; the page’s ask joins that read', async () => {
    const handlers = background();
    await handlers['board.prefetch']({ type: 'board.prefetch', board: DEMO.lernanta }, LERNANTA);
    const answer = view(
      await handlers['board.view']({ type: 'board.view', board: DEMO.lernanta }, LERNANTA),
    );
    const missing = answer.findings.find((f) => f.rule === 'board.missing-lists');
    expect(missing?.message).toMatch(/Would be nice.*Stuck/);
    expect(answer.asOf).toBe(apis.state.now);
    expect(reads('trello.com', DEMO.lernanta)).toHaveLength(1);
    expect(reads('api.trello.com', DEMO.lernanta)).toEqual([]);
    // Kept for 30 s as the session's read: a page reading it itself gets it from the background.
    const cached = await handlers['board.cached'](
      { type: 'board.cached', board: DEMO.lernanta },
      LERNANTA,
    );
    expect(cached).toMatchObject({
      ok: true,
      value: { shortLink: DEMO.lernanta, source: 'session' },
    });
  });

  it('reads again when asked for a fresh view', async () => {
    const handlers = background();
    await handlers['board.view']({ type: 'board.view', board: DEMO.lernanta }, LERNANTA);
    await handlers['board.view']({ type: 'board.view', board: DEMO.lernanta }, LERNANTA);
    expect(reads('trello.com', DEMO.lernanta)).toHaveLength(1);
    await handlers['board.view'](
      { type: 'board.view', board: DEMO.lernanta, fresh: true },
      LERNANTA,
    );
    expect(reads('trello.com', DEMO.lernanta)).toHaveLength(2);
  });

  it('keeps the read in memory with only its time in storage.session: clearing that forgets it', async () => {
    const handlers = background();
    const ask = () =>
      handlers['board.view']({ type: 'board.view', board: DEMO.lernanta }, LERNANTA);
    await ask();
    const stored = await fakeBrowser.storage.session.get(null);
    // The board and its pipeline: each a read time, not the megabytes.
    expect(Object.values(stored)).toEqual([apis.state.now, apis.state.now]);
    await ask();
    expect(reads('trello.com', DEMO.lernanta)).toHaveLength(1);
    await fakeBrowser.storage.session.clear();
    await ask();
    expect(reads('trello.com', DEMO.lernanta)).toHaveLength(2);
  });

  it('a signed-out session goes to the token path, token in the header', async () => {
    apis.state.trello.session = false;
    const answer = view(
      await background()['board.view']({ type: 'board.view', board: DEMO.lernanta }, LERNANTA),
    );
    expect(answer.findings.map((f) => f.rule)).toContain('board.missing-lists');
    expect(reads('api.trello.com', DEMO.lernanta)).toHaveLength(1);
  });

  it('a signed-out session with no token: refused, so the page reads the board itself', async () => {
    apis.state.trello.session = false;
    await fakeBrowser.storage.local.set({ secrets: { trelloToken: '', githubToken: '' } });
    const answer = await background()['board.view'](
      { type: 'board.view', board: DEMO.lernanta },
      LERNANTA,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(reads('api.trello.com', DEMO.lernanta)).toEqual([]);
  });

  it('Trello asking to wait: says until when, and only a page that may wait gets the time', async () => {
    apis.faults.push({ path: /^trello\.com\/1\/boards\//, status: 429, times: 2 });
    const handlers = background();
    const waits = view(
      await handlers['board.view']({ type: 'board.view', board: DEMO.lernanta }, LERNANTA),
    );
    expect(waits.findings.map((f) => f.rule)).toEqual(['source.unavailable']);
    expect(waits.retryAt).toBeGreaterThan(apis.state.now);
    const sent = apis.requests.length;
    // Paused: nothing is sent until then, and a page that has waited enough is told to reload.
    const last = view(
      await handlers['board.view'](
        { type: 'board.view', board: DEMO.lernanta, fresh: true, mayRetry: false },
        LERNANTA,
      ),
    );
    expect(last.retryAt).toBeUndefined();
    expect(last.findings[0]?.message).not.toMatch(/tries again at/);
    expect(apis.requests.length).toBe(sent);
  });

  it('an answer of the wrong shape gives a hint that says so, not a crash', async () => {
    apis.faults.push({
      path: /^trello\.com\/1\/boards\/[A-Za-z0-9]+$/,
      status: 200,
      body: { cards: 'none' },
    });
    const answer = view(
      await background()['board.view']({ type: 'board.view', board: DEMO.lernanta }, LERNANTA),
    );
    expect(answer.findings.map((f) => f.rule)).toEqual(['source.unavailable']);
    expect(answer.findings[0]?.message).toContain('cannot read');
  });

  it('only a trello.com page may ask (it reads with the trello.com session)', async () => {
    const github: From = { kind: 'content', origin: 'https://github.com', tabId: 2 };
    const handlers = background();
    const answer = await handlers['board.view'](
      { type: 'board.view', board: DEMO.lernanta },
      github,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const early = await handlers['board.prefetch'](
      { type: 'board.prefetch', board: DEMO.lernanta },
      github,
    );
    expect(early).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(apis.requests).toEqual([]);
  });
});
