import { beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { addBoardReadScript, addHintsScript } from '../../utils/background/page-scripts';
import type { From } from '../../utils/background/router';

const trelloTab: From = { kind: 'content', origin: 'https://trello.com', tabId: 7 };

let executeScript: MockInstance<typeof fakeBrowser.scripting.executeScript>;
beforeEach(() => {
  fakeBrowser.reset();
  executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([]);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('the hints’ scripts, added to the tab that asks', () => {
  it('each site’s own, to the asking document where the browser names it', async () => {
    expect(await addHintsScript({ ...trelloTab, documentId: 'DOC1' })).toEqual({
      ok: true,
      value: null,
    });
    await addHintsScript({ kind: 'content', origin: 'https://github.com', tabId: 8 });
    expect(executeScript.mock.calls).toEqual([
      [
        {
          target: { tabId: 7, documentIds: ['DOC1'] },
          files: ['/trello-hints.js'],
          injectImmediately: true,
        },
      ],
      [
        {
          target: { tabId: 8, frameIds: [0] },
          files: ['/github-hints.js'],
          injectImmediately: true,
        },
      ],
    ]);
  });

  it('for trello.com and github.com content scripts only', async () => {
    for (const from of [
      { ...trelloTab, origin: 'https://evil.example' },
      { ...trelloTab, kind: 'extension-page' as const },
      { kind: 'content' as const, origin: 'https://trello.com' }, // no tab
      undefined,
    ]) {
      expect(await addHintsScript(from)).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('a tab that is gone or closed to us: says to reload, does not throw', async () => {
    executeScript.mockRejectedValueOnce(new Error('No tab with id: 7'));
    expect(await addHintsScript(trelloTab)).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'Process Lens could not start on this page: reload it.' },
    });
  });

  it('the page’s own board read: to a trello.com page only', async () => {
    expect(await addBoardReadScript({ ...trelloTab, documentId: 'DOC1' })).toEqual({
      ok: true,
      value: null,
    });
    expect(
      await addBoardReadScript({ kind: 'content', origin: 'https://github.com', tabId: 8 }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(executeScript.mock.calls).toEqual([
      [
        {
          target: { tabId: 7, documentIds: ['DOC1'] },
          files: ['/trello-read.js'],
          injectImmediately: true,
        },
      ],
    ]);
  });
});
