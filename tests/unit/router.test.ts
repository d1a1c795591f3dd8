import { describe, expect, it, vi } from 'vitest';
import { classifySender, createRouter, type Handlers } from '../../utils/background/router';
import { defaultSettings } from '../../utils/process/settings';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const trelloTab = {
  id: EXT_ID,
  url: 'https://trello.com/b/LeRnAnTa/x',
  origin: 'https://trello.com',
  frameId: 0,
  tab: { id: 1 },
};
const optionsPage = {
  id: EXT_ID,
  url: `${EXT_ORIGIN}/options.html`,
  origin: EXT_ORIGIN,
  tab: { id: 2 },
};

function handlers(): Handlers {
  return {
    'settings.get': vi.fn(async () => ({ ok: true as const, value: defaultSettings() })),
    'page.hints': vi.fn(async () => ({ ok: true as const, value: null })),
    'page.boardRead': vi.fn(async () => ({ ok: true as const, value: null })),
    'board.snapshot': vi.fn(async () => ({
      ok: false as const,
      error: { code: 'not-connected' as const, message: 'x' },
    })),
    'board.prefetch': vi.fn(async () => ({ ok: true as const, value: null })),
    'board.view': vi.fn(async () => ({ ok: true as const, value: { findings: [] } })),
    'board.cached': vi.fn(async () => ({ ok: true as const, value: null })),
    'board.remember': vi.fn(async () => ({ ok: true as const, value: null })),
    'board.addMissingLists': vi.fn(async () => ({ ok: true as const, value: { created: [] } })),
    'board.renameList': vi.fn(async () => ({
      ok: true as const,
      value: { from: 'To Do', to: 'Need to do', renamed: true },
    })),
    'board.mapList': vi.fn(async () => ({
      ok: true as const,
      value: { name: 'HACIENDO', role: 'In progress' as const, changed: true },
    })),
    'pipeline.markReviewed': vi.fn(async () => ({
      ok: true as const,
      value: { reviewedAt: 0, alreadyRecorded: false },
    })),
    'options.open': vi.fn(async () => ({ ok: true as const, value: null })),
    'undo.take': vi.fn(async () => ({
      ok: true as const,
      value: { taken: false, message: 'Too late to undo: nothing was changed.' },
    })),
    'github.pull': vi.fn(async () => ({
      ok: false as const,
      error: { code: 'internal' as const, message: 'x' },
    })),
    'github.issue': vi.fn(async () => ({
      ok: false as const,
      error: { code: 'internal' as const, message: 'x' },
    })),
    'github.pullStatuses': vi.fn(async () => ({ ok: true as const, value: [] })),
    'status.summary': vi.fn(async () => ({
      ok: false as const,
      error: { code: 'internal' as const, message: 'x' },
    })),
    'trello.pipelineBoards': vi.fn(async () => ({ ok: true as const, value: [] })),
    'github.teamSettings': vi.fn(async () => ({
      ok: true as const,
      value: { path: 'x', settings: {} },
    })),
    'trello.boards': vi.fn(async () => ({ ok: true as const, value: [] })),
    'trello.lists': vi.fn(async () => ({ ok: true as const, value: [] })),
    'move.start': vi.fn(async () => ({
      ok: false as const,
      error: { code: 'internal' as const, message: 'x' },
    })),
    'move.defaultBoard': vi.fn(async () => ({ ok: true as const, value: null })),
    'move.status': vi.fn(async () => ({ ok: true as const, value: null })),
    'move.retry': vi.fn(async () => ({ ok: true as const, value: null })),
    'github.createCardForPull': vi.fn(async () => ({
      ok: true as const,
      value: { shortLink: 'AbCd1234' },
    })),
    'connection.test': vi.fn(async () => ({
      ok: true as const,
      value: { service: 'trello' as const, who: '@demo' },
    })),
  };
}

describe('sender classification', () => {
  it('accepts top frames of trello.com and github.com as content scripts', () => {
    expect(classifySender(trelloTab, EXT_ID, EXT_ORIGIN)).toBe('content');
    expect(
      classifySender(
        { ...trelloTab, origin: undefined, url: 'https://github.com/p2pu/x/pull/1' },
        EXT_ID,
        EXT_ORIGIN,
      ),
    ).toBe('content');
  });

  it('accepts extension pages, in a tab or not', () => {
    expect(classifySender(optionsPage, EXT_ID, EXT_ORIGIN)).toBe('extension-page');
    expect(classifySender({ ...optionsPage, tab: undefined }, EXT_ID, EXT_ORIGIN)).toBe(
      'extension-page',
    );
  });

  it.each([
    ['another extension', { ...trelloTab, id: 'otherextensionidotherextensionid' }],
    ['a sub-frame', { ...trelloTab, frameId: 3 }],
    [
      'another site',
      { ...trelloTab, origin: 'https://evil.example', url: 'https://evil.example/' },
    ],
    ['a look-alike host', { ...trelloTab, origin: 'https://trello.com.evil.example' }],
    ['plain http', { ...trelloTab, origin: 'http://trello.com' }],
    ['a content script without a tab', { ...trelloTab, tab: undefined }],
    ['no url at all', { id: EXT_ID }],
  ])('refuses %s', (_name, sender) => {
    expect(classifySender(sender, EXT_ID, EXT_ORIGIN)).toBeNull();
  });
});

describe('message router', () => {
  it('dispatches a valid content message to its handler', async () => {
    const h = handlers();
    const route = createRouter(h, EXT_ID, EXT_ORIGIN);
    const answer = await route({ type: 'board.snapshot', board: 'LeRnAnTa' }, trelloTab);
    expect(h['board.snapshot']).toHaveBeenCalledWith(
      { type: 'board.snapshot', board: 'LeRnAnTa' },
      expect.objectContaining({ kind: 'content', origin: 'https://trello.com' }),
    );
    expect(answer).toEqual({ ok: false, error: { code: 'not-connected', message: 'x' } });
  });

  it.each([
    ['an unknown type', { type: 'trello.fetch', url: 'https://api.trello.com/1/members/me' }],
    ['no type', { board: 'LeRnAnTa' }],
    ['not an object', 'board.snapshot'],
    ['a board that is not a short link', { type: 'board.snapshot', board: '../../members/me' }],
    [
      'extra fields (a URL smuggled in)',
      { type: 'board.snapshot', board: 'LeRnAnTa', url: 'https://evil.example' },
    ],
    ['a page-only message from a content script', { type: 'connection.test', service: 'trello' }],
    [
      'a repository path smuggled into an owner',
      { type: 'github.pull', owner: '../../user', repo: 'x', number: 1 },
    ],
    ['a repository named ..', { type: 'github.issue', owner: 'p2pu', repo: '..', number: 1 }],
    [
      'a number that is not a positive integer',
      { type: 'github.pull', owner: 'p2pu', repo: 'lernanta', number: 1.5 },
    ],
    [
      'too many pull requests at once',
      {
        type: 'github.pullStatuses',
        pulls: Array.from({ length: 51 }, (_, i) => ({ owner: 'p2pu', repo: 'x', number: i + 1 })),
      },
    ],
    [
      'a list id that is not a Trello id',
      {
        type: 'move.start',
        owner: 'p2pu',
        repo: 'x',
        number: 1,
        board: 'LeRnAnTa',
        list: 'x',
        close: true,
      },
    ],
    [
      'a page user that is not a login',
      { type: 'github.createCardForPull', owner: 'p2pu', repo: 'x', number: 1, pageUser: '<img>' },
    ],
  ])('answers %s with an error and calls nothing', async (_name, message) => {
    const h = handlers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const answer = await createRouter(h, EXT_ID, EXT_ORIGIN)(message, trelloTab);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    for (const handler of Object.values(h)) expect(handler).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('refuses a forged sender and logs no secret', async () => {
    const h = handlers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const answer = await createRouter(
      h,
      EXT_ID,
      EXT_ORIGIN,
    )(
      { type: 'settings.get', token: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
      {
        ...trelloTab,
        origin: 'https://evil.example',
        url: 'https://evil.example/?token=secret123',
      },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(h['settings.get']).not.toHaveBeenCalled();
    const logged = warn.mock.calls.flat().join(' ');
    expect(logged).not.toContain('secret123');
    expect(logged).not.toContain('ghp_');
  });

  it('lets extension pages send page messages', async () => {
    const h = handlers();
    const answer = await createRouter(
      h,
      EXT_ID,
      EXT_ORIGIN,
    )({ type: 'connection.test', service: 'trello' }, optionsPage);
    expect(answer).toEqual({ ok: true, value: { service: 'trello', who: '@demo' } });
  });

  it('answers a handler that throws with an error, logged without secrets', async () => {
    const h = handlers();
    h['settings.get'] = vi.fn(async () => {
      throw new Error('storage broke, Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz0123');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const answer = await createRouter(h, EXT_ID, EXT_ORIGIN)({ type: 'settings.get' }, trelloTab);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    const logged = warn.mock.calls.flat().join(' ');
    expect(logged).toContain('storage broke');
    expect(logged).not.toContain('ghp_');
  });
});
