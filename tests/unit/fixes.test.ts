import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  addMissingLists,
  markPipelineReviewed,
  renameListToRole,
  saveListRole,
} from '../../utils/background/fixes';
import type { Services } from '../../utils/background/services';
import { positionsForMissing, sameListName } from '../../utils/process/list-roles';
import { REVIEW_CARD_NAME } from '../../utils/process/pipeline-review';
import { defaultSettings, PROCESS_LISTS, readSettings } from '../../utils/process/settings';
import { fail, ok, type Result } from '../../utils/result';
import { loadSettings } from '../../utils/storage';
import type { TrelloCardRef, TrelloClient } from '../../utils/trello/client';
import type { TrelloList } from '../../utils/trello/snapshot';

describe('positions for the missing lists', () => {
  const lists = (pairs: [string, number][]) =>
    pairs.map(([name, pos], i) => ({ id: `list${i}`, name, pos }));

  it('puts each missing list between its process neighbours', () => {
    const result = positionsForMissing(
      PROCESS_LISTS,
      lists([
        ['Unsorted', 100],
        ['Need to do', 200],
        ['In progress', 300],
        ['Done', 400],
      ]),
    );
    expect(result).toEqual([
      { name: 'Would be nice', pos: 150 },
      { name: 'Stuck', pos: 250 },
    ]);
  });

  it('spreads a run of missing lists evenly and appends after the last list', () => {
    const result = positionsForMissing(
      PROCESS_LISTS,
      lists([
        ['Unsorted', 100],
        ['Archive', 900],
      ]),
    );
    expect(result.map((r) => r.name)).toEqual([
      'Would be nice',
      'Need to do',
      'Stuck',
      'In progress',
      'Done',
    ]);
    const positions = result.map((r) => r.pos);
    expect(positions[0]).toBeGreaterThan(900);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('counts a list that fills a role by a synonym or a mapping as present', () => {
    const board = lists([
      ['To Do', 100],
      ['HACIENDO', 200],
      ['Done', 300],
    ]);
    const mapped = { list1: { role: 'In progress', name: 'HACIENDO' } };
    expect(positionsForMissing(PROCESS_LISTS, board, mapped)).toEqual([
      { name: 'Unsorted', pos: 100 / 3 },
      { name: 'Would be nice', pos: 200 / 3 },
      { name: 'Stuck', pos: 150 },
    ]);
    expect(positionsForMissing(PROCESS_LISTS, board).map((r) => r.name)).toContain('In progress');
  });

  it('creates all six in order on an empty board, none on a complete one', () => {
    expect(positionsForMissing(PROCESS_LISTS, []).map((r) => r.name)).toEqual([...PROCESS_LISTS]);
    expect(
      positionsForMissing(PROCESS_LISTS, lists(PROCESS_LISTS.map((n, i) => [n.toUpperCase(), i]))),
    ).toEqual([]);
  });
});

/** A fake Trello client with a board's lists in memory; fails the chosen calls once. */
function fakeClient(initial: string[], failures: Partial<Record<keyof TrelloClient, number>> = {}) {
  const lists: TrelloList[] = initial.map((name, i) => ({
    id: `l${i}`,
    name,
    pos: (i + 1) * 1000,
    closed: false,
  }));
  const cards: TrelloCardRef[] = [];
  const comments: { card: string; text: string; date: string }[] = [];
  const calls: string[] = [];
  const maybeFail = <T>(name: keyof TrelloClient, value: () => T): Promise<Result<T>> => {
    calls.push(name);
    if ((failures[name] ?? 0) > 0) {
      failures[name] = (failures[name] ?? 0) - 1;
      return Promise.resolve(fail('server', 'Trello had a server error (500).'));
    }
    return Promise.resolve(ok(value()));
  };
  const client = {
    openLists: () => maybeFail('openLists', () => lists.map((l) => ({ ...l }))),
    boardId: () => maybeFail('boardId', () => 'board-id'),
    renameList: (id: string, name: string) =>
      maybeFail('renameList', () => {
        const list = lists.find((l) => l.id === id) as TrelloList;
        list.name = name;
        return { ...list };
      }),
    createList: (_board: string, name: string, pos: number | 'top' | 'bottom') =>
      maybeFail('createList', () => {
        const created = { id: `l${lists.length}`, name, pos: Number(pos), closed: false };
        lists.push(created);
        return created;
      }),
    openCards: () => maybeFail('openCards', () => [...cards]),
    createCard: (idList: string, name: string) =>
      maybeFail('createCard', () => {
        const created = { id: `c${cards.length}`, name, shortLink: 'ReViEwCd', idList };
        cards.push(created);
        return created;
      }),
    recentComments: (card: string) =>
      maybeFail('recentComments', () =>
        comments
          .filter((c) => c.card === card)
          .map((c, i) => ({ id: `a${i}`, date: c.date, data: { text: c.text } })),
      ),
    addComment: (card: string, text: string) =>
      maybeFail('addComment', () => comments.push({ card, text, date: '2026-11-25T12:00:00Z' })),
  } as unknown as TrelloClient;
  const orderedNames = () => [...lists].sort((a, b) => a.pos - b.pos).map((l) => l.name);
  return { client, lists, cards, comments, calls, orderedNames };
}

describe('add missing lists', () => {
  const settings = defaultSettings();

  it('creates exactly the missing lists, in process order', async () => {
    const fake = fakeClient(['Unsorted', 'Need to do', 'In progress', 'Done']);
    expect(await addMissingLists(fake.client, 'LeRnAnTa', settings)).toEqual(
      ok({ created: ['Would be nice', 'Stuck'], ids: ['l4', 'l5'] }),
    );
    expect(fake.orderedNames()).toEqual([...PROCESS_LISTS]);
  });

  it('joins a double click into one run, and a later click creates nothing', async () => {
    const fake = fakeClient(['Unsorted', 'Done']);
    const [first, second] = await Promise.all([
      addMissingLists(fake.client, 'LeRnAnTa', settings),
      addMissingLists(fake.client, 'LeRnAnTa', settings),
    ]);
    expect(second).toBe(first);
    expect(await addMissingLists(fake.client, 'LeRnAnTa', settings)).toEqual(
      ok({ created: [], ids: [] }),
    );
    expect(fake.lists).toHaveLength(6);
    expect(fake.orderedNames()).toEqual([...PROCESS_LISTS]);
  });

  it('after a failure halfway, a retry creates only the rest', async () => {
    const fake = fakeClient([], {});
    let calls = 0;
    const original = fake.client.createList;
    (fake.client as { createList: typeof original }).createList = (...args) =>
      ++calls === 3
        ? Promise.resolve(fail('server', 'Trello had a server error (500).'))
        : original(...args);
    const failed = await addMissingLists(fake.client, 'LeRnAnTa', settings);
    expect(failed).toMatchObject({ ok: false, error: { code: 'server' } });
    expect(fake.lists.map((l) => l.name)).toEqual(['Unsorted', 'Would be nice']);
    expect(await addMissingLists(fake.client, 'LeRnAnTa', settings)).toEqual(
      ok({
        created: ['Need to do', 'Stuck', 'In progress', 'Done'],
        ids: ['l2', 'l3', 'l4', 'l5'],
      }),
    );
    expect(fake.orderedNames()).toEqual([...PROCESS_LISTS]);
    expect(fake.lists.filter((l) => sameListName(l.name, 'Unsorted'))).toHaveLength(1);
  });

  it('writes nothing when the lists cannot be read', async () => {
    const fake = fakeClient(['Unsorted'], { openLists: 1 });
    expect(await addMissingLists(fake.client, 'LeRnAnTa', settings)).toMatchObject({ ok: false });
    expect(fake.calls).not.toContain('createList');
  });
});

describe('rename a list to its role', () => {
  const settings = defaultSettings();

  it('renames a synonym to the role’s name once; a second click writes nothing', async () => {
    const fake = fakeClient(['To Do', 'Doing', 'Done']);
    expect(await renameListToRole(fake.client, 'LeRnAnTa', 'l0', settings)).toEqual(
      ok({ from: 'To Do', to: 'Need to do', renamed: true }),
    );
    expect(await renameListToRole(fake.client, 'LeRnAnTa', 'l0', settings)).toEqual(
      ok({ from: 'Need to do', to: 'Need to do', renamed: false }),
    );
    expect(fake.calls.filter((c) => c === 'renameList')).toHaveLength(1);
    expect(fake.orderedNames()).toEqual(['Need to do', 'Doing', 'Done']);
  });

  it('joins a double click into one rename', async () => {
    const fake = fakeClient(['Blocked']);
    const [first, second] = await Promise.all([
      renameListToRole(fake.client, 'LeRnAnTa', 'l0', settings),
      renameListToRole(fake.client, 'LeRnAnTa', 'l0', settings),
    ]);
    expect(second).toBe(first);
    expect(fake.calls.filter((c) => c === 'renameList')).toHaveLength(1);
  });

  it('renames nothing that is not a synonym any more, or is gone, or is mapped', async () => {
    const fake = fakeClient(['Ready for QA', 'HACIENDO']);
    expect(await renameListToRole(fake.client, 'LeRnAnTa', 'l0', settings)).toMatchObject({
      ok: false,
      error: {
        code: 'not-found',
        message: '“Ready for QA” no longer looks like a process list: nothing to rename.',
      },
    });
    expect(await renameListToRole(fake.client, 'LeRnAnTa', 'gone', settings)).toMatchObject({
      ok: false,
      error: { message: 'That list is no longer open on this board.' },
    });
    const mapped = readSettings({
      trello: { listRoles: { LeRnAnTa: { l1: { role: 'In progress' } } } },
    }).settings;
    expect(await renameListToRole(fake.client, 'LeRnAnTa', 'l1', mapped)).toMatchObject({
      ok: false,
    });
    expect(fake.calls).not.toContain('renameList');
  });

  it('writes nothing when the lists cannot be read, and a retry renames', async () => {
    const fake = fakeClient(['WIP'], { openLists: 1 });
    expect(await renameListToRole(fake.client, 'LeRnAnTa', 'l0', settings)).toMatchObject({
      ok: false,
      error: { code: 'server' },
    });
    expect(fake.calls).not.toContain('renameList');
    expect(await renameListToRole(fake.client, 'LeRnAnTa', 'l0', settings)).toMatchObject({
      ok: true,
      value: { to: 'In progress' },
    });
  });
});

describe('save which role a list fills', () => {
  const BOARD = 'JsAi2021';
  const HACIENDO = '5e7288763b4e0786515c19df';
  const PRUEBAS = '5e7288792a7f59300356f01f';
  let fake: ReturnType<typeof fakeClient>;
  const services = () =>
    ({
      trello: async () => ({ client: fake.client, settings: defaultSettings(), connected: true }),
    }) as unknown as Services;
  const lists = (names: [string, string][]) => {
    fake = fakeClient(names.map(([, name]) => name));
    names.forEach(([id], i) => {
      (fake.lists[i] as TrelloList).id = id;
    });
  };

  beforeEach(async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ settings: { trello: { boards: [BOARD] } } });
    lists([
      [HACIENDO, 'HACIENDO'],
      [PRUEBAS, 'PRUEBAS'],
    ]);
  });

  it('saves the mapping with the list’s name, keeps the other settings, and is idempotent', async () => {
    const message = {
      type: 'board.mapList',
      board: BOARD,
      list: HACIENDO,
      role: 'In progress',
    } as const;
    expect(await saveListRole(services(), message)).toEqual(
      ok({ name: 'HACIENDO', role: 'In progress', changed: true }),
    );
    expect(await saveListRole(services(), message)).toEqual(
      ok({ name: 'HACIENDO', role: 'In progress', changed: false }),
    );
    const { settings } = await loadSettings();
    expect(settings.trello.boards).toEqual([BOARD]);
    expect(settings.trello.listRoles).toEqual({
      [BOARD]: { [HACIENDO]: { role: 'In progress', name: 'HACIENDO' } },
    });
  });

  it('one list per role: mapping another list to the role replaces the first', async () => {
    await saveListRole(services(), {
      type: 'board.mapList',
      board: BOARD,
      list: HACIENDO,
      role: 'Stuck',
    });
    await saveListRole(services(), {
      type: 'board.mapList',
      board: BOARD,
      list: PRUEBAS,
      role: 'Stuck',
    });
    expect((await loadSettings()).settings.trello.listRoles).toEqual({
      [BOARD]: { [PRUEBAS]: { role: 'Stuck', name: 'PRUEBAS' } },
    });
  });

  it('saves two mappings clicked at once, one after the other', async () => {
    await Promise.all([
      saveListRole(services(), {
        type: 'board.mapList',
        board: BOARD,
        list: HACIENDO,
        role: 'In progress',
      }),
      saveListRole(services(), {
        type: 'board.mapList',
        board: BOARD,
        list: PRUEBAS,
        role: 'Done',
      }),
    ]);
    expect(
      Object.keys((await loadSettings()).settings.trello.listRoles[BOARD] ?? {}).sort(),
    ).toEqual([HACIENDO, PRUEBAS].sort());
  });

  it('saves nothing for a list that is not open on the board', async () => {
    const gone = 'ffffffffffffffffffffffff';
    expect(
      await saveListRole(services(), {
        type: 'board.mapList',
        board: BOARD,
        list: gone,
        role: 'Done',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await loadSettings()).settings.trello.listRoles).toEqual({});
  });
});

describe('mark pipeline reviewed', () => {
  it('creates the review card once and one comment per day, however often it is clicked', async () => {
    const fake = fakeClient(['Ideas', 'Upcoming']);
    const first = await markPipelineReviewed(fake.client, 'PiPeLiNe', 'demo', 1, 'Wed 25 Nov 2026');
    expect(first).toEqual(ok({ reviewedAt: 1, alreadyRecorded: false }));
    const again = await markPipelineReviewed(fake.client, 'PiPeLiNe', 'demo', 2, 'Wed 25 Nov 2026');
    expect(again).toMatchObject({ ok: true, value: { alreadyRecorded: true } });
    expect(fake.cards.map((c) => [c.name, c.idList])).toEqual([[REVIEW_CARD_NAME, 'l0']]);
    expect(fake.comments.map((c) => c.text)).toEqual([
      'Pipeline reviewed on Wed 25 Nov 2026 by @demo.',
    ]);
  });

  it('after a failed comment, a retry reuses the card it made', async () => {
    const fake = fakeClient(['Ideas'], { addComment: 1 });
    expect(
      await markPipelineReviewed(fake.client, 'PiPeLiNe', 'demo', 1, 'Wed 25 Nov 2026'),
    ).toMatchObject({ ok: false });
    expect(
      await markPipelineReviewed(fake.client, 'PiPeLiNe', 'demo', 1, 'Wed 25 Nov 2026'),
    ).toMatchObject({ ok: true });
    expect(fake.cards).toHaveLength(1);
    expect(fake.comments).toHaveLength(1);
  });
});
