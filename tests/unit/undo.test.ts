// Undo of a one-click write against the fake Trello and GitHub APIs: "Create card" and "Add the
// missing lists" journal what they made and answer a token; `undo.take` archives or deletes it
// once, writes nothing when expired or taken already, and after a partial failure retries the rest.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

// Octokit's throttling spaces GitHub writes seconds apart: real behaviour, not this test's subject.
vi.mock('@octokit/plugin-throttling', () => ({ throttling: () => {} }));

import { backgroundClients } from '../../utils/background/clients';
import { createHandlers } from '../../utils/background/handlers';
import { createMoveService } from '../../utils/background/moves';
import { createServices } from '../../utils/background/services';
import { KEEP_MS, UNDO_MS } from '../../utils/background/undo';
import { jobKey } from '../../utils/jobs/move-job';
import type { Result } from '../../utils/result';
import { DEMO, findBoard, findRepo, type TrelloBoard } from '../fake/state.ts';
import { type FakeApis, fakeApis } from '../fixtures/fake-apis.ts';

let apis: FakeApis;
let now: number;
const PR = { owner: 'p2pu', repo: 'lernanta', number: 42 } as const;
const prUrl = 'https://github.com/p2pu/lernanta/pull/42';

const lernanta = () => findBoard(apis.state, DEMO.lernanta) as TrelloBoard;
const prCards = () => lernanta().cards.filter((c) => c.attachments.some((a) => a.url === prUrl));
const prComments = () =>
  findRepo(apis.state, 'p2pu', 'lernanta')?.pulls.find((p) => p.number === 42)?.comments ?? [];
const writes = () => apis.requests.filter((r) => !r.startsWith('GET '));

function background() {
  const moves = createMoveService(backgroundClients, () => now);
  return createHandlers(createServices(moves, () => now));
}

function value<T>(answer: Result<T>): T {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.error.message}`);
  return answer.value;
}

beforeEach(async () => {
  fakeBrowser.reset();
  apis = fakeApis();
  now = apis.state.now;
  vi.stubGlobal('fetch', apis.fetch);
  await fakeBrowser.storage.local.set({
    settings: {
      trello: { apiKey: DEMO.trelloKey },
      github: { boardForRepo: { [DEMO.repo]: DEMO.lernanta } },
    },
    secrets: { trelloToken: DEMO.trelloToken, githubToken: DEMO.githubToken },
  });
});

describe('Undo of "Create card"', () => {
  it('archives the card and deletes the comment once; a second click writes nothing and says so', async () => {
    const handlers = background();
    const made = value(
      await handlers['github.createCardForPull']({ type: 'github.createCardForPull', ...PR }),
    );
    expect(made.undo).toMatch(/^[0-9a-f-]{36}$/);
    expect(prCards()).toHaveLength(1);
    expect(prComments().filter((c) => c.body.includes(made.shortLink))).toHaveLength(1);
    // Saved before the answer: the journal names what was made.
    const stored = await fakeBrowser.storage.local.get(`undo:${made.undo}`);
    expect(stored[`undo:${made.undo}`]).toMatchObject({
      board: DEMO.lernanta,
      card: { id: prCards()[0]?.id },
      comment: { ...PR, id: expect.any(Number) },
    });

    apis.requests.length = 0;
    const taken = await handlers['undo.take']({ type: 'undo.take', id: made.undo as string });
    expect(taken).toEqual({
      ok: true,
      value: {
        taken: true,
        message: 'Taken back: the card is archived and its comment on the pull request deleted.',
      },
    });
    expect(prCards()[0]?.closed).toBe(true);
    expect(prComments().filter((c) => c.body.includes(made.shortLink))).toEqual([]);
    expect(writes()).toEqual([
      `PUT api.trello.com/1/cards/${prCards()[0]?.id}`,
      expect.stringMatching(
        /^DELETE api\.github\.com\/repos\/p2pu\/lernanta\/issues\/comments\/\d+$/,
      ),
    ]);

    apis.requests.length = 0;
    expect(await handlers['undo.take']({ type: 'undo.take', id: made.undo as string })).toEqual({
      ok: true,
      value: { taken: false, message: 'That was already taken back.' },
    });
    expect(writes()).toEqual([]);
  });

  it('forgets the move job: Create card after Undo makes a new card', async () => {
    const handlers = background();
    const first = value(
      await handlers['github.createCardForPull']({ type: 'github.createCardForPull', ...PR }),
    );
    await handlers['undo.take']({ type: 'undo.take', id: first.undo as string });
    expect(await fakeBrowser.storage.local.get(`job:${jobKey(PR)}`)).toEqual({});
    const second = value(
      await handlers['github.createCardForPull']({ type: 'github.createCardForPull', ...PR }),
    );
    expect(second.shortLink).not.toBe(first.shortLink);
    expect(prCards().filter((c) => !c.closed)).toHaveLength(1);
  });

  it('offers no Undo when the card was there already (nothing made by this click)', async () => {
    const handlers = background();
    await handlers['github.createCardForPull']({ type: 'github.createCardForPull', ...PR });
    const again = value(
      await handlers['github.createCardForPull']({ type: 'github.createCardForPull', ...PR }),
    );
    expect(again.undo).toBeUndefined();
  });

  it('writes nothing once expired, and says so', async () => {
    const handlers = background();
    const made = value(
      await handlers['github.createCardForPull']({ type: 'github.createCardForPull', ...PR }),
    );
    now += UNDO_MS + 1;
    apis.requests.length = 0;
    expect(await handlers['undo.take']({ type: 'undo.take', id: made.undo as string })).toEqual({
      ok: true,
      value: { taken: false, message: 'Too late to undo: nothing was changed.' },
    });
    expect(writes()).toEqual([]);
    expect(prCards()[0]?.closed).toBe(false);
  });

  it('an unknown token writes nothing', async () => {
    const handlers = background();
    const id = '00000000-0000-4000-8000-000000000000';
    expect(await handlers['undo.take']({ type: 'undo.take', id })).toMatchObject({
      ok: true,
      value: { taken: false },
    });
    expect(writes()).toEqual([]);
  });

  it('card archived but the comment delete failed: says so, and a retry deletes only the comment', async () => {
    const handlers = background();
    const made = value(
      await handlers['github.createCardForPull']({ type: 'github.createCardForPull', ...PR }),
    );
    apis.faults.push({ method: 'DELETE', path: /issues\/comments\//, status: 500, body: {} });
    apis.requests.length = 0;
    const failed = await handlers['undo.take']({ type: 'undo.take', id: made.undo as string });
    expect(failed).toMatchObject({ ok: false, error: { code: 'server' } });
    const message = failed.ok ? '' : failed.error.message;
    expect(message).toContain('The comment on the pull request could not be taken back');
    expect(message).toContain('the card is archived');
    expect(message).toContain('Click Undo again to retry.');
    expect(prCards()[0]?.closed).toBe(true);
    expect(prComments().filter((c) => c.body.includes(made.shortLink))).toHaveLength(1);

    // The retry goes on where it stopped, even after the Undo window.
    now += UNDO_MS + 1;
    apis.requests.length = 0;
    expect(
      await handlers['undo.take']({ type: 'undo.take', id: made.undo as string }),
    ).toMatchObject({
      ok: true,
      value: { taken: true },
    });
    expect(writes()).toEqual([
      expect.stringMatching(
        /^DELETE api\.github\.com\/repos\/p2pu\/lernanta\/issues\/comments\/\d+$/,
      ),
    ]);
    expect(prComments().filter((c) => c.body.includes(made.shortLink))).toEqual([]);
  });
});

describe('Undo of "Add the missing lists"', () => {
  it('archives the lists that were added, and only those', async () => {
    const handlers = background();
    const before = lernanta()
      .lists.filter((l) => !l.closed)
      .map((l) => l.id);
    const added = value(
      await handlers['board.addMissingLists']({
        type: 'board.addMissingLists',
        board: DEMO.lernanta,
      }),
    );
    expect(added.created).toEqual(['Would be nice', 'Stuck']);
    const taken = await handlers['undo.take']({ type: 'undo.take', id: added.undo as string });
    expect(taken).toEqual({
      ok: true,
      value: { taken: true, message: 'Taken back: archived “Would be nice”, “Stuck”.' },
    });
    expect(
      lernanta()
        .lists.filter((l) => !l.closed)
        .map((l) => l.id),
    ).toEqual(before);
    expect(
      lernanta()
        .lists.filter((l) => l.closed)
        .map((l) => l.name),
    ).toEqual(expect.arrayContaining(['Would be nice', 'Stuck']));
  });

  it('offers no Undo when nothing was missing', async () => {
    const handlers = background();
    await handlers['board.addMissingLists']({
      type: 'board.addMissingLists',
      board: DEMO.lernanta,
    });
    const again = value(
      await handlers['board.addMissingLists']({
        type: 'board.addMissingLists',
        board: DEMO.lernanta,
      }),
    );
    expect(again).toEqual({ created: [] });
  });
});

describe('the Undo journal', () => {
  it('prunes entries older than a day when a new write is journaled', async () => {
    const handlers = background();
    const old = value(
      await handlers['board.addMissingLists']({
        type: 'board.addMissingLists',
        board: DEMO.lernanta,
      }),
    );
    now += KEEP_MS + 1;
    const made = value(
      await handlers['github.createCardForPull']({ type: 'github.createCardForPull', ...PR }),
    );
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored).filter((k) => k.startsWith('undo:'))).toEqual([`undo:${made.undo}`]);
    expect(stored[`undo:${old.undo}`]).toBeUndefined();
  });
});
