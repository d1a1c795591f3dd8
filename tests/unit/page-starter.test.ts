import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCATION_POLL_MS, startHintsWhenNeeded } from '../../utils/dom/page-starter';
import { send } from '../../utils/messaging';

vi.mock('../../utils/messaging', () => ({ send: vi.fn() }));

const onBoard = (url: string) => new URL(url).pathname.startsWith('/b/');
const asked = () => vi.mocked(send).mock.calls.map(([message]) => message);

/** Chromium's Navigation API, as far as the starter uses it. */
let navigation: EventTarget | undefined;
/** A navigation as the Navigation API reports it: when it starts, before `location` changes. */
async function navigate(path: string): Promise<void> {
  const url = new URL(path, location.href).href;
  navigation?.dispatchEvent(Object.assign(new Event('navigate'), { destination: { url } }));
  history.pushState(null, '', path);
  await vi.waitFor(() => Promise.resolve());
}

let stop: () => void = () => {};
beforeEach(() => {
  navigation = new EventTarget();
  vi.stubGlobal('navigation', navigation);
  vi.mocked(send).mockReset();
  vi.mocked(send).mockResolvedValue({ ok: true, value: null } as never);
});
afterEach(() => {
  stop();
  vi.unstubAllGlobals();
});

describe('the starter on every page', () => {
  it('asks for the hints once a page that can have them is on screen, once per document', async () => {
    history.pushState(null, '', '/');
    stop = startHintsWhenNeeded(onBoard);
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
    stop = startHintsWhenNeeded(onBoard, readEarly);
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
    stop = startHintsWhenNeeded(onBoard);
    await vi.waitFor(() => expect(asked()).toHaveLength(1));
    await navigate('/b/EfGh5678/other');
    expect(asked()).toHaveLength(2);
  });

  it('without the Navigation API (older Firefox versions), notices a navigation by reading the URL every second', async () => {
    vi.stubGlobal('navigation', undefined);
    navigation = undefined;
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      history.pushState(null, '', '/');
      stop = startHintsWhenNeeded(onBoard);
      history.pushState(null, '', '/b/AbCd1234/board');
      vi.advanceTimersByTime(LOCATION_POLL_MS - 1);
      await Promise.resolve();
      expect(asked()).toEqual([]);
      vi.advanceTimersByTime(1);
      await vi.waitFor(() => expect(asked()).toEqual([{ type: 'page.hints' }]));
      stop();
      history.pushState(null, '', '/');
      expect(vi.getTimerCount()).toBe(0); // stopped: nothing left reading the URL
    } finally {
      vi.useRealTimers();
    }
  });
});
