import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startHintsWhenNeeded } from '../../utils/dom/page-starter';
import { send } from '../../utils/messaging';

vi.mock('../../utils/messaging', () => ({ send: vi.fn() }));

let controller: AbortController;
/** WXT's context, as far as the starter uses it; the listeners go with each test. */
const ctx = {
  isInvalid: false,
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void) {
    target.addEventListener(type, handler, { signal: controller.signal });
  },
} as unknown as ContentScriptContext;

const onBoard = (url: string) => new URL(url).pathname.startsWith('/b/');
const asked = () => vi.mocked(send).mock.calls.map(([message]) => message);
/** As WXT reports a navigation: when it starts, before `location` has the new URL. */
async function navigate(path: string): Promise<void> {
  const newUrl = new URL(path, location.href);
  window.dispatchEvent(Object.assign(new Event('wxt:locationchange'), { newUrl }));
  history.pushState(null, '', path);
  await vi.waitFor(() => Promise.resolve());
}

beforeEach(() => {
  controller = new AbortController();
  vi.mocked(send).mockReset();
  vi.mocked(send).mockResolvedValue({ ok: true, value: null } as never);
});
afterEach(() => controller.abort());

describe('the content script on every page', () => {
  it('asks for the hints once a page that can have them is on screen, once per document', async () => {
    history.pushState(null, '', '/');
    startHintsWhenNeeded(ctx, onBoard);
    await navigate('/u/me/boards');
    expect(asked()).toEqual([]);
    await navigate('/b/AbCd1234/board');
    await navigate('/b/EfGh5678/other');
    expect(asked()).toEqual([{ type: 'page.hints' }]);
  });

  it('a board opened from the start: its read is asked at once, the hints once the page is parsed', async () => {
    const readyState = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    const readEarly = vi.fn();
    history.pushState(null, '', '/b/AbCd1234/board');
    startHintsWhenNeeded(ctx, onBoard, readEarly);
    expect(readEarly).toHaveBeenCalledWith(location.href);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked()).toEqual([]);
    readyState.mockReturnValue('interactive');
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(asked()).toEqual([]); // not inside the page's own DOMContentLoaded task
    await vi.waitFor(() => expect(asked()).toEqual([{ type: 'page.hints' }]));
    readyState.mockRestore();
  });

  it('asks again on the next page when the background could not add them', async () => {
    vi.mocked(send).mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: 'reload' },
    } as never);
    history.pushState(null, '', '/b/AbCd1234/board');
    startHintsWhenNeeded(ctx, onBoard);
    await vi.waitFor(() => expect(asked()).toHaveLength(1));
    await navigate('/b/EfGh5678/other');
    expect(asked()).toHaveLength(2);
  });
});
