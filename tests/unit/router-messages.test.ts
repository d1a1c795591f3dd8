// Every message type through the router, table-driven: an example per type (the compiler asks for
// one for any new type), sent valid and malformed, by the senders that may and may not send it.
import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  type Mock,
  type MockInstance,
  vi,
} from 'vitest';
import { createRouter, type Handlers, type Sender } from '../../utils/background/router';
import type { Message, MessageOf } from '../../utils/messages';

type Type = Message['type'];
/** A named message to send. */
type Case = [name: string, message: unknown];
/** The keys a message may leave out. */
type OptionalKeys<T> = { [P in keyof T]-?: object extends Pick<T, P> ? P : never }[keyof T];

interface Example<K extends Type> {
  /** A valid message with every field set, the optional ones too. */
  valid: Required<MessageOf<K>>;
  /** Its optional fields, every one of them (the compiler checks): valid when left out. */
  optional: { [P in OptionalKeys<MessageOf<K>>]: true };
  /** Content scripts may send the content messages; extension pages may send every message. */
  pageOnly?: true;
  /** Malformed variants beyond the generated ones (junk, missing, wrong-typed, over-long). */
  malformed?: Case[];
}

const BOARD = 'LeRnAnTa';
const LIST = '5f0000000000000000000001';
const PR = { owner: 'p2pu', repo: 'lernanta', number: 12 } as const;
const SESSION_SNAPSHOT: MessageOf<'board.remember'>['snapshot'] = {
  id: 'b1',
  name: 'Lernanta',
  shortLink: BOARD,
  url: `https://trello.com/b/${BOARD}/lernanta`,
  closed: false,
  lists: [{ id: 'l1', name: 'Done', pos: 1, closed: false }],
  cards: [],
  events: [{ kind: 'move', card: 'c1', list: 'l1', at: 1 }],
  fetchedAt: 1_000,
  source: 'session',
};
const badRef: Case[] = [
  ['a repository path smuggled into the owner', { ...PR, owner: '../../user' }],
  ['a repository named ..', { ...PR, repo: '..' }],
  ['a number that is not an integer', { ...PR, number: 1.5 }],
  ['a number below 1', { ...PR, number: 0 }],
  ['a number too large', { ...PR, number: 1e10 }],
];
/** The same variants for a message type that names an issue or a pull request. */
const withRef = (type: Type) =>
  badRef.map(([name, fields]): Case => [name, { type, ...(fields as object) }]);

const EXAMPLES: { [K in Type]: Example<K> } = {
  'settings.get': { valid: { type: 'settings.get' }, optional: {} },
  'page.hints': { valid: { type: 'page.hints' }, optional: {} },
  'page.boardRead': { valid: { type: 'page.boardRead' }, optional: {} },
  'board.prefetch': {
    valid: { type: 'board.prefetch', board: BOARD },
    optional: {},
    malformed: [['a path for a board', { type: 'board.prefetch', board: '../../members/me' }]],
  },
  'board.view': {
    valid: { type: 'board.view', board: BOARD, fresh: true, mayRetry: false },
    optional: { fresh: true, mayRetry: true },
    malformed: [['a path for a board', { type: 'board.view', board: '../../members/me' }]],
  },
  'board.snapshot': {
    valid: { type: 'board.snapshot', board: BOARD, attachments: true, fresh: true },
    optional: { attachments: true, fresh: true },
    malformed: [['a path for a board', { type: 'board.snapshot', board: '../../members/me' }]],
  },
  'board.cached': {
    valid: { type: 'board.cached', board: BOARD, attachments: true },
    optional: { attachments: true },
  },
  'board.remember': {
    valid: {
      type: 'board.remember',
      snapshot: SESSION_SNAPSHOT,
      attachments: true,
      part: { index: 1, count: 3 },
    },
    optional: { attachments: true, part: true },
    malformed: [
      [
        'a part past the last one',
        { type: 'board.remember', snapshot: SESSION_SNAPSHOT, part: { index: 3, count: 3 } },
      ],
      [
        'a part of none',
        { type: 'board.remember', snapshot: SESSION_SNAPSHOT, part: { index: 0, count: 0 } },
      ],
      [
        'a part that is not a whole number',
        { type: 'board.remember', snapshot: SESSION_SNAPSHOT, part: { index: 0.5, count: 2 } },
      ],
      [
        'a snapshot that claims the token path',
        { type: 'board.remember', snapshot: { ...SESSION_SNAPSHOT, source: 'token' } },
      ],
      [
        'a snapshot with a path for a short link',
        { type: 'board.remember', snapshot: { ...SESSION_SNAPSHOT, shortLink: '../me' } },
      ],
      [
        'a snapshot without its read time',
        { type: 'board.remember', snapshot: { ...SESSION_SNAPSHOT, fetchedAt: undefined } },
      ],
      [
        'a snapshot with an event of an unknown kind',
        {
          type: 'board.remember',
          snapshot: { ...SESSION_SNAPSHOT, events: [{ kind: 'delete', card: 'c1', at: 1 }] },
        },
      ],
    ],
  },
  'board.addMissingLists': { valid: { type: 'board.addMissingLists', board: BOARD }, optional: {} },
  'pipeline.markReviewed': { valid: { type: 'pipeline.markReviewed', board: BOARD }, optional: {} },
  'board.renameList': {
    valid: { type: 'board.renameList', board: BOARD, list: LIST },
    optional: {},
    malformed: [
      ['a list id that is not a Trello id', { type: 'board.renameList', board: BOARD, list: 'x' }],
      [
        'a new name chosen by the page',
        { type: 'board.renameList', board: BOARD, list: LIST, name: 'Hacked' },
      ],
      ['a path for a board', { type: 'board.renameList', board: '../me', list: LIST }],
    ],
  },
  'board.mapList': {
    valid: { type: 'board.mapList', board: BOARD, list: LIST, role: 'In progress' },
    optional: {},
    malformed: [
      [
        'a role that is not a process list',
        { type: 'board.mapList', board: BOARD, list: LIST, role: 'Admin' },
      ],
      [
        'a role in other case',
        { type: 'board.mapList', board: BOARD, list: LIST, role: 'in progress' },
      ],
      [
        'a list name with HTML instead of an id',
        { type: 'board.mapList', board: BOARD, list: '<img src=x onerror=alert(1)>', role: 'Done' },
      ],
    ],
  },
  'options.open': {
    valid: { type: 'options.open', pipelineBoard: 'PiPeLiNe' },
    optional: { pipelineBoard: true },
  },
  'github.pull': {
    valid: { type: 'github.pull', ...PR },
    optional: {},
    malformed: withRef('github.pull'),
  },
  'github.issue': {
    valid: { type: 'github.issue', ...PR },
    optional: {},
    malformed: withRef('github.issue'),
  },
  'github.pullStatuses': {
    valid: { type: 'github.pullStatuses', pulls: [PR, { ...PR, number: 13 }] },
    optional: {},
    malformed: [
      [
        'more than 50 pull requests',
        {
          type: 'github.pullStatuses',
          pulls: Array.from({ length: 51 }, (_, i) => ({ ...PR, number: i + 1 })),
        },
      ],
      ['a pull request with junk', { type: 'github.pullStatuses', pulls: [{ ...PR, url: 'x' }] }],
      [
        'a pull request without a number',
        { type: 'github.pullStatuses', pulls: [{ owner: 'p2pu', repo: 'x' }] },
      ],
      ...badRef.map(([name, pull]): Case => [name, { type: 'github.pullStatuses', pulls: [pull] }]),
    ],
  },
  'github.createCardForPull': {
    valid: { type: 'github.createCardForPull', ...PR, pageUser: 'demo-dev' },
    optional: { pageUser: true },
    malformed: [
      ...withRef('github.createCardForPull'),
      [
        'a page user that is not a login',
        { type: 'github.createCardForPull', ...PR, pageUser: '<img>' },
      ],
    ],
  },
  'trello.boards': { valid: { type: 'trello.boards' }, optional: {} },
  'trello.lists': { valid: { type: 'trello.lists', board: BOARD }, optional: {} },
  'move.start': {
    valid: {
      type: 'move.start',
      ...PR,
      board: BOARD,
      list: LIST,
      close: true,
      linkCard: 'CaRdLeRn',
      pageUser: 'demo-dev',
    },
    optional: { linkCard: true, pageUser: true },
    malformed: [
      ...withRef('move.start').map(
        ([name, m]): Case => [name, { board: BOARD, list: LIST, close: true, ...(m as object) }],
      ),
      [
        'a list id that is not a Trello id',
        { type: 'move.start', ...PR, board: BOARD, list: 'x', close: true },
      ],
    ],
  },
  'move.defaultBoard': {
    valid: { type: 'move.defaultBoard', owner: PR.owner, repo: PR.repo },
    optional: {},
  },
  'move.status': {
    valid: { type: 'move.status', ...PR },
    optional: {},
    malformed: withRef('move.status'),
  },
  'move.retry': {
    valid: { type: 'move.retry', ...PR },
    optional: {},
    malformed: withRef('move.retry'),
  },
  'undo.take': {
    valid: { type: 'undo.take', id: '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b' },
    optional: {},
    malformed: [
      ['an id that is not a UUID', { type: 'undo.take', id: 'job:gh:p2pu/lernanta#12' }],
      ['an upper-case UUID', { type: 'undo.take', id: '3F2B8C1E-9A4D-4E6F-8B7A-0C1D2E3F4A5B' }],
      ['a storage key smuggled in', { type: 'undo.take', id: 'settings' }],
      ['an id with HTML in it', { type: 'undo.take', id: '<img src=x onerror=alert(1)>' }],
    ],
  },
  'status.summary': { valid: { type: 'status.summary' }, optional: {}, pageOnly: true },
  'trello.pipelineBoards': {
    valid: { type: 'trello.pipelineBoards' },
    optional: {},
    pageOnly: true,
  },
  'github.teamSettings': {
    valid: { type: 'github.teamSettings', owner: PR.owner, repo: PR.repo },
    optional: {},
    pageOnly: true,
    malformed: [
      ['a repository named ..', { type: 'github.teamSettings', owner: 'p2pu', repo: '..' }],
    ],
  },
  'connection.test': {
    valid: { type: 'connection.test', service: 'github' },
    optional: {},
    pageOnly: true,
    malformed: [['an unknown service', { type: 'connection.test', service: 'gitlab' }]],
  },
};

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const trelloTab: Sender = {
  id: EXT_ID,
  url: `https://trello.com/b/${BOARD}/x`,
  origin: 'https://trello.com',
  frameId: 0,
  tab: { id: 1 },
};
const CONTENT_SCRIPTS: Record<string, Sender> = {
  'a trello.com content script': trelloTab,
  'a github.com content script': {
    ...trelloTab,
    url: 'https://github.com/p2pu/lernanta/pull/12',
    origin: 'https://github.com',
  },
};
const EXTENSION_PAGES: Record<string, Sender> = {
  'the options page': {
    id: EXT_ID,
    url: `${EXT_ORIGIN}/options.html`,
    origin: EXT_ORIGIN,
    tab: { id: 2 },
  },
  'the popup': { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html`, origin: EXT_ORIGIN },
};
const UNTRUSTED: Record<string, Sender> = {
  'another extension': { ...trelloTab, id: 'otherextensionidotherextensionid' },
  'a sub-frame of trello.com': { ...trelloTab, frameId: 3 },
  'another site': { ...trelloTab, origin: 'https://evil.example', url: 'https://evil.example/' },
  'plain http': { ...trelloTab, origin: 'http://trello.com', url: 'http://trello.com/' },
  'a content script without a tab': { ...trelloTab, tab: undefined },
};

const TYPES = Object.keys(EXAMPLES) as Type[];
const senders = (group: Record<string, Sender>) => Object.entries(group);

/** A value of another kind than `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return { ...value };
  return [value];
}

const without = (message: object, key: string) =>
  Object.fromEntries(Object.entries(message).filter(([k]) => k !== key));

/** Junk, each required field missing, each field of the wrong type or null, each string too long. */
function generatedMalformed<K extends Type>({ valid, optional }: Example<K>): Case[] {
  const fields = Object.entries(valid).filter(([key]) => key !== 'type');
  return [
    ['an extra field', { ...valid, url: 'https://api.trello.com/1/members/me' }],
    ...fields.flatMap(([key, value]): Case[] => [
      ...(key in optional ? [] : [[`no ${key}`, without(valid, key)] as Case]),
      [`${key} of the wrong type`, { ...valid, [key]: wrongType(value) }],
      [`${key} null`, { ...valid, [key]: null }],
      // Pages send IDs only: every string field is bounded by its schema.
      ...(typeof value === 'string'
        ? [
            [`${key} too long`, { ...valid, [key]: `${value}${'a'.repeat(200)}` }] as [
              string,
              unknown,
            ],
          ]
        : []),
    ]),
  ];
}

let handlers: Handlers;
let warn: MockInstance<typeof console.warn>;
const route = (message: unknown, sender: Sender) =>
  createRouter(handlers, EXT_ID, EXT_ORIGIN)(message, sender);
/** Each handler call: its type and the message it got (who sent it: see the test below). */
const called = () =>
  Object.entries(handlers).flatMap(([type, handler]) =>
    (handler as Mock).mock.calls.map(([message]) => [type, message]),
  );

beforeEach(() => {
  handlers = Object.fromEntries(
    TYPES.map((type) => [type, vi.fn(async () => ({ ok: true, value: `answer to ${type}` }))]),
  ) as unknown as Handlers;
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
});

describe.each(TYPES)('the message %s', (type) => {
  const example = EXAMPLES[type] as Example<typeof type>;
  const allowed = example.pageOnly ? EXTENSION_PAGES : { ...CONTENT_SCRIPTS, ...EXTENSION_PAGES };

  it.each(senders(allowed))('reaches its handler alone, parsed, from %s', async (_, sender) => {
    const answer = await route(structuredClone(example.valid), sender);
    expect(answer).toEqual({ ok: true, value: `answer to ${type}` });
    expect(called()).toEqual([[type, example.valid]]);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each(Object.keys(example.optional))('reaches its handler without %s', async (key) => {
    const message = without(example.valid, key);
    await route(message, EXTENSION_PAGES['the options page'] as Sender);
    expect(called()).toEqual([[type, message]]);
  });

  if (example.pageOnly) {
    it.each(senders(CONTENT_SCRIPTS))('is refused from %s', async (_, sender) => {
      const answer = await route(example.valid, sender);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
      expect(called()).toEqual([]);
      expect(warn).toHaveBeenCalledOnce();
    });
  }

  it.each(senders(UNTRUSTED))('is refused from %s', async (_, sender) => {
    const answer = await route(example.valid, sender);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(called()).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
  });

  const malformed = [...generatedMalformed(example), ...(example.malformed ?? [])];
  it.each(malformed)('is refused with %s, from any sender', async (_, message) => {
    for (const sender of Object.values({ ...CONTENT_SCRIPTS, ...EXTENSION_PAGES })) {
      const answer = await route(message, sender);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    }
    expect(called()).toEqual([]);
  });
});

it('drops unknown fields inside a board snapshot: the handler gets the parsed one', async () => {
  const snapshot = { ...SESSION_SNAPSHOT, token: 'secret' };
  await route({ type: 'board.remember', snapshot }, trelloTab);
  expect(called()).toEqual([
    ['board.remember', { type: 'board.remember', snapshot: SESSION_SNAPSHOT }],
  ]);
});

it('tells the handler who sent the message, as the browser says', async () => {
  await route({ type: 'page.hints' }, { ...trelloTab, documentId: 'DOC1' });
  await route({ type: 'settings.get' }, EXTENSION_PAGES['the popup'] as Sender);
  expect((handlers['page.hints'] as Mock).mock.calls[0]?.[1]).toEqual({
    kind: 'content',
    origin: 'https://trello.com',
    tabId: (trelloTab.tab as { id: number }).id,
    documentId: 'DOC1',
  });
  expect((handlers['settings.get'] as Mock).mock.calls[0]?.[1]).toMatchObject({
    kind: 'extension-page',
    origin: EXT_ORIGIN,
  });
});
