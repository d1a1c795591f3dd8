import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRuntime, SiteView } from '../../utils/dom/page-runtime';
import { send } from '../../utils/messaging';
import type { Finding } from '../../utils/process/findings';
import { defaultSettings } from '../../utils/process/settings';
import type { Result } from '../../utils/result';
import {
  boardOf,
  performFix,
  performListChoice,
  trelloAdapter,
} from '../../utils/trello/board-hints';
import { viewByPage } from '../../utils/trello/page-read';
import { offerPageRead } from '../../utils/trello/page-read-bridge';
import { SNAPSHOT_TTL_MS } from '../../utils/trello/snapshot';

vi.mock('../../utils/messaging', () => ({ send: vi.fn() }));

const fix = (action: Finding['action']): Finding => ({
  rule: 'board.missing-lists',
  severity: 'warn',
  subject: 'LeRnAnTa',
  anchor: { kind: 'board', board: 'LeRnAnTa' },
  title: 'Lists missing',
  message: 'Add them.',
  action,
});

/** The background answers this one message. */
function answer(value: Result<unknown>): void {
  vi.mocked(send).mockResolvedValue(value as never);
}

describe('Trello page identity', () => {
  const lookup = vi.fn(async (_card: string) => 'BoArD001' as string | undefined);
  beforeEach(() => lookup.mockClear());

  it('is the board short link of a board URL', async () => {
    expect(await boardOf('https://trello.com/b/LeRnAnTa/lernanta', 'OtHeRbRd', lookup)).toBe(
      'LeRnAnTa',
    );
    expect(lookup).not.toHaveBeenCalled();
  });

  it('keeps the board on screen behind a card’s dialog, without a request', async () => {
    expect(await boardOf('https://trello.com/c/CaRd0001/1-fix', 'LeRnAnTa', lookup)).toBe(
      'LeRnAnTa',
    );
    expect(lookup).not.toHaveBeenCalled();
  });

  it('asks Trello for the board of a card opened directly', async () => {
    expect(await boardOf('https://trello.com/c/CaRd0001/1-fix', undefined, lookup)).toBe(
      'BoArD001',
    );
    expect(lookup).toHaveBeenCalledWith('CaRd0001');
  });

  it('is none elsewhere on Trello or off it', async () => {
    for (const url of [
      'https://trello.com/',
      'https://trello.com/u/someone/boards',
      'https://example.com/b/LeRnAnTa',
    ])
      expect(await boardOf(url, 'LeRnAnTa', lookup)).toBeUndefined();
  });
});

describe('Trello fixes', () => {
  it('says which lists were added, and reads the board again', async () => {
    answer({ ok: true, value: { created: ['Stuck', 'Done'] } });
    expect(await performFix(fix('add-missing-lists'), 'LeRnAnTa')).toEqual({
      ok: true,
      value: { message: 'Added: Stuck, Done.', readAgain: 'in-place' },
    });
    expect(send).toHaveBeenCalledWith({ type: 'board.addMissingLists', board: 'LeRnAnTa' });
    answer({ ok: true, value: { created: [] } });
    expect(await performFix(fix('add-missing-lists'), 'LeRnAnTa')).toMatchObject({
      value: { message: 'The lists were already there.' },
    });
  });

  it('opens the options with the board as pipeline, reading nothing again', async () => {
    answer({ ok: true, value: null });
    expect(await performFix(fix('save-pipeline-board'), 'PiPeLiNe')).toEqual({
      ok: true,
      value: { message: 'Save it in the options page that just opened.', readAgain: 'none' },
    });
    expect(send).toHaveBeenCalledWith({ type: 'options.open', pipelineBoard: 'PiPeLiNe' });
  });

  it('records the pipeline review, or says it already was today', async () => {
    answer({ ok: true, value: { reviewedAt: 1, alreadyRecorded: false } });
    expect(await performFix(fix('mark-pipeline-reviewed'), 'PiPeLiNe')).toMatchObject({
      value: { message: 'Review recorded on the board.', readAgain: 'in-place' },
    });
    answer({ ok: true, value: { reviewedAt: 1, alreadyRecorded: true } });
    expect(await performFix(fix('mark-pipeline-reviewed'), 'PiPeLiNe')).toMatchObject({
      value: { message: 'Already recorded today.' },
    });
  });

  it('passes the background’s error on, and refuses fixes it does not know', async () => {
    const error = { code: 'not-connected', message: 'No token.' } as const;
    answer({ ok: false, error });
    expect(await performFix(fix('add-missing-lists'), 'LeRnAnTa')).toEqual({ ok: false, error });
    expect(await performFix(fix('create-card-for-pr'), 'LeRnAnTa')).toEqual({
      ok: false,
      error: { code: 'internal', message: 'This fix is not available here.' },
    });
  });
});

describe('Trello adapter', () => {
  let view: SiteView & { retryAt?: number };
  let page: string | undefined;
  const readAgain = vi.fn(async () => {});
  const adapter = () =>
    trelloAdapter({
      ctx: { setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms) },
      page: () => page,
      view: () => view,
      readAgain,
    } as unknown as PageRuntime<string, SiteView>);

  beforeEach(() => {
    vi.useFakeTimers();
    readAgain.mockClear();
    page = 'LeRnAnTa';
    view = { findings: [] };
  });
  afterEach(() => vi.useRealTimers());

  it('links a card finding to its card, and nothing else', () => {
    const card = {
      ...fix(undefined),
      anchor: { kind: 'card', board: 'LeRnAnTa', card: 'CaRd0001' },
    };
    expect(adapter().linkFor?.(card as Finding)).toBe('https://trello.com/c/CaRd0001');
    const odd = { ...card, anchor: { ...card.anchor, card: 'javascript:x' } };
    expect(adapter().linkFor?.(odd as Finding)).toBeUndefined();
    expect(adapter().linkFor?.(fix(undefined))).toBeUndefined();
  });

  it('reads the board again when Trello’s wait is over', () => {
    const trello = adapter();
    trello.shown?.('LeRnAnTa', { findings: [], retryAt: Date.now() + 5_000 }, { navigated: true });
    vi.advanceTimersByTime(4_999);
    expect(readAgain).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(readAgain).toHaveBeenCalledWith('LeRnAnTa');
  });

  it('keeps one pending re-read: a board read fine cancels it', () => {
    const trello = adapter();
    trello.shown?.('LeRnAnTa', { findings: [], retryAt: Date.now() + 5_000 }, { navigated: true });
    trello.shown?.('LeRnAnTa', { findings: [] }, { navigated: false });
    vi.advanceTimersByTime(10_000);
    expect(readAgain).not.toHaveBeenCalled();
  });

  it('shows the view the background made, reading nothing itself', async () => {
    const made = { findings: [fix(undefined)], asOf: 5, pulls: [] };
    vi.mocked(send).mockClear();
    answer({ ok: true, value: made });
    const settings = { get: vi.fn() };
    const shown = await adapter().load('LeRnAnTa', { settings, fresh: true } as never);
    expect(shown).toEqual(made);
    expect(vi.mocked(send).mock.calls).toEqual([
      [{ type: 'board.view', board: 'LeRnAnTa', fresh: true, mayRetry: true }],
    ]);
    expect(settings.get).not.toHaveBeenCalled();
  });

  it('reads the board itself when the background’s session was refused, with its read added then', async () => {
    vi.mocked(send).mockReset();
    vi.mocked(send).mockImplementation((async (message: { type: string }) => {
      if (message.type === 'page.boardRead') {
        offerPageRead(viewByPage); // what the added script does as it runs
        return { ok: true, value: null };
      }
      if (message.type === 'board.cached') return { ok: true, value: null };
      const code = message.type === 'board.view' ? 'unauthorized' : 'not-connected';
      return { ok: false, error: { code, message: 'x' } };
    }) as never);
    const fetchMock = vi.fn(async (_url: string) => new Response('unauthorized', { status: 401 }));
    vi.stubGlobal('fetch', fetchMock);
    const settings = { get: vi.fn(async () => defaultSettings()) };
    const shown = await adapter().load('LeRnAnTa', { settings, fresh: false } as never);
    // Its read's script is added, then its own session read (same-origin, after the background's
    // cache), then the token path.
    expect(vi.mocked(send).mock.calls.map(([m]) => m.type)).toEqual([
      'board.view',
      'page.boardRead',
      'board.cached',
      'board.snapshot',
    ]);
    expect(String(fetchMock.mock.calls[0]?.[0])).toMatch(/^\/1\/boards\/LeRnAnTa\?/);
    expect(shown.findings.map((f) => f.rule)).toEqual(['source.unavailable']);
    // The next read uses the script already added.
    vi.mocked(send).mockClear();
    await adapter().load('LeRnAnTa', { settings, fresh: false } as never);
    expect(vi.mocked(send).mock.calls.map(([m]) => m.type)).not.toContain('page.boardRead');
    vi.unstubAllGlobals();
  });

  it('says to reload when the page’s own read could not be added', async () => {
    // A new document: the read the test above added is not there.
    Reflect.deleteProperty(globalThis, Symbol.for('process-lens:trello-page-read'));
    vi.mocked(send).mockReset();
    vi.mocked(send).mockImplementation((async (message: { type: string }) =>
      message.type === 'page.boardRead'
        ? {
            ok: false,
            error: {
              code: 'internal',
              message: 'Process Lens could not start on this page: reload it.',
            },
          }
        : { ok: false, error: { code: 'unauthorized', message: 'x' } }) as never);
    const settings = { get: vi.fn(async () => defaultSettings()) };
    const shown = await adapter().load('LeRnAnTa', { settings, fresh: false } as never);
    expect(shown.findings).toMatchObject([
      { rule: 'source.unavailable', severity: 'error', subject: 'LeRnAnTa' },
    ]);
    expect(JSON.stringify(shown.findings)).toContain('reload it');
    expect(settings.get).not.toHaveBeenCalled();
  });

  it('reads a board changed on the page again once its data is 30 s old', () => {
    const trello = adapter();
    view = { findings: [], asOf: Date.now() - SNAPSHOT_TTL_MS + 1 };
    trello.pageChanged?.();
    expect(readAgain).not.toHaveBeenCalled();
    view = { findings: [], asOf: Date.now() - SNAPSHOT_TTL_MS };
    trello.pageChanged?.();
    trello.pageChanged?.(); // one re-read at a time
    expect(readAgain).toHaveBeenCalledTimes(1);
  });
});

describe('the missing-lists hint’s choices', () => {
  const LIST = '5cf6b4f1122e5264ae252e29';

  it('Rename: the background renames; the message says from what to what, and how to take it back', async () => {
    answer({ ok: true, value: { from: 'To Do', to: 'Need to do', renamed: true } });
    expect(
      await performListChoice('LeRnAnTa', {
        action: 'rename-list',
        list: LIST,
        role: 'Need to do',
      }),
    ).toEqual({
      ok: true,
      value: {
        message: 'Renamed “To Do” to “Need to do”. To take it back, rename the list in Trello.',
        readAgain: 'in-place',
      },
    });
    // Only ids go to the background: it decides the new name itself.
    expect(send).toHaveBeenCalledWith({ type: 'board.renameList', board: 'LeRnAnTa', list: LIST });
    answer({ ok: true, value: { from: 'Need to do', to: 'Need to do', renamed: false } });
    expect(
      await performListChoice('LeRnAnTa', {
        action: 'rename-list',
        list: LIST,
        role: 'Need to do',
      }),
    ).toMatchObject({ ok: true, value: { message: '“Need to do” already has its process name.' } });
  });

  it('Keep the name and Which list: the mapping is saved by the background', async () => {
    for (const action of ['keep-list-name', 'map-list'] as const) {
      answer({ ok: true, value: { name: 'HACIENDO', role: 'In progress', changed: true } });
      expect(
        await performListChoice('LeRnAnTa', { action, list: LIST, role: 'In progress' }),
      ).toMatchObject({
        ok: true,
        value: { message: expect.stringContaining('“HACIENDO” is your “In progress” list now') },
      });
      expect(send).toHaveBeenLastCalledWith({
        type: 'board.mapList',
        board: 'LeRnAnTa',
        list: LIST,
        role: 'In progress',
      });
    }
  });

  it('refuses a role that is not a process list without asking the background', async () => {
    vi.mocked(send).mockClear();
    expect(
      await performListChoice('LeRnAnTa', { action: 'map-list', list: LIST, role: 'Admin' }),
    ).toMatchObject({ ok: false, error: { message: '“Admin” is not a process list.' } });
    expect(send).not.toHaveBeenCalled();
  });
});
