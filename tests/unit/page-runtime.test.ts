import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  type ActionDone,
  failedAction,
  type PageRuntime,
  type SiteAdapter,
  type SiteView,
  startPageRuntime,
} from '../../utils/dom/page-runtime';
import { send } from '../../utils/messaging';
import type { ChosenAction, Finding } from '../../utils/process/findings';
import { defaultSettings } from '../../utils/process/settings';
import type { Result } from '../../utils/result';

vi.mock('../../utils/messaging', () => ({ send: vi.fn() }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** happy-dom has no layout; the fake adapter's anchors are never lazy. */
class NoIntersectionObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

/** WXT's content script context, as far as the runtime uses it; `invalidate` = extension reloaded. */
function fakeContext() {
  const controller = new AbortController();
  const { signal } = controller;
  const ctx = {
    get isInvalid() {
      return signal.aborted;
    },
    onInvalidated(callback: () => void) {
      signal.addEventListener('abort', callback);
      return () => signal.removeEventListener('abort', callback);
    },
    setInterval(handler: () => void, ms: number) {
      const id = setInterval(handler, ms);
      signal.addEventListener('abort', () => clearInterval(id));
      return id;
    },
    setTimeout(handler: () => void, ms: number) {
      const id = setTimeout(handler, ms);
      signal.addEventListener('abort', () => clearTimeout(id));
      return id;
    },
    addEventListener(target: EventTarget, type: string, handler: (event: Event) => void) {
      target.addEventListener(type, handler, { signal });
    },
    invalidate: () => controller.abort(),
  };
  return ctx;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const finding = (page: string, extra: Partial<Finding> = {}): Finding => ({
  rule: 'board.missing-lists',
  severity: 'warn',
  subject: page,
  anchor: { kind: 'header' },
  title: `Finding on ${page}`,
  message: `About ${page}.`,
  ...extra,
});

/** A site whose pages are the URL's path; every read and action waits for the test. */
function fakeSite(extra: Partial<SiteAdapter<string, SiteView>> = {}) {
  const reads: { page: string; fresh: boolean; answer: ReturnType<typeof deferred<SiteView>> }[] =
    [];
  const performed: ReturnType<typeof deferred<Result<ActionDone>>>[] = [];
  const choices: (ChosenAction | undefined)[] = [];
  let runtime: PageRuntime<string, SiteView> | undefined;
  const adapter = (given: PageRuntime<string, SiteView>): SiteAdapter<string, SiteView> => {
    runtime = given;
    return {
      observed: () => document.body,
      watched: 'main',
      pageOf: (url) => new URL(url).pathname.slice(1) || undefined,
      anchors: () => () => ({ element: document.body, position: 'append' }),
      loading: (page) => finding(page, { rule: 'source.loading', title: 'Reading…' }),
      load: async (page, { settings, fresh }) => {
        await settings.get();
        const answer = deferred<SiteView>();
        reads.push({ page, fresh, answer });
        return answer.promise;
      },
      perform: (_finding, _page, choice) => {
        const outcome = deferred<Result<ActionDone>>();
        performed.push(outcome);
        choices.push(choice);
        return outcome.promise;
      },
      connection: { notConnected: 'Connect the site first.', advice: 'Open the options.' },
      ...extra,
    };
  };
  return { adapter, reads, performed, choices, runtime: () => runtime };
}

const hosts = () => [...document.querySelectorAll('[data-process-hint]')];
const titles = () => hosts().map((host) => host.shadowRoot?.querySelector('.title')?.textContent);
const shadowText = (host: Element | undefined) => host?.shadowRoot?.textContent ?? '';

/** Clicks the first hint's button (its fix). */
async function clickFix(): Promise<void> {
  const button = hosts()[0]?.shadowRoot?.querySelector<HTMLElement>('button.hint');
  await act(async () => button?.click());
}

/** Trello-style pushState navigation, as WXT reports it. */
async function navigate(path: string): Promise<void> {
  history.pushState(null, '', path);
  const event = Object.assign(new Event('wxt:locationchange'), { newUrl: new URL(location.href) });
  await act(async () => window.dispatchEvent(event));
}

let ctx: ReturnType<typeof fakeContext>;
let site: ReturnType<typeof fakeSite>;

async function start(path: string, extra: Partial<SiteAdapter<string, SiteView>> = {}) {
  history.pushState(null, '', path);
  ctx = fakeContext();
  site = fakeSite(extra);
  await act(async () => startPageRuntime(ctx as unknown as ContentScriptContext, site.adapter));
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.stubGlobal('IntersectionObserver', NoIntersectionObserver);
  // The runtime yields to the page before showing an answer; here a microtask is enough.
  vi.stubGlobal('scheduler', { yield: async () => {} });
  vi.mocked(send).mockClear();
  vi.mocked(send).mockImplementation((async () => ({
    ok: true,
    value: defaultSettings(),
  })) as unknown as typeof send);
  document.body.replaceChildren();
});
afterEach(async () => {
  await act(async () => ctx.invalidate());
  vi.unstubAllGlobals();
});

describe('page runtime', () => {
  it('shows the loading finding, then the page’s findings with when they were read', async () => {
    await start('/a');
    expect(titles()).toEqual(['Reading…']);
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')], asOf: 0 }));
    expect(titles()).toEqual(['Finding on a']);
    expect(shadowText(hosts()[0])).toContain('Data as of');
  });

  it('started with the document: reads at once, shows the hints once the DOM is there', async () => {
    const readyState = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    await start('/a');
    expect(site.reads.map((read) => read.page)).toEqual(['a']);
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')] }));
    expect(hosts()).toEqual([]);
    readyState.mockReturnValue('interactive');
    // The page's tasks held still (an async act may let a timer run before the check).
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      act(() => document.dispatchEvent(new Event('DOMContentLoaded')));
      // Not inside the page's DOMContentLoaded task: in one of its own, right after.
      expect(hosts()).toEqual([]);
      vi.runOnlyPendingTimers();
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() => expect(titles()).toEqual(['Finding on a']));
    readyState.mockRestore();
  });

  it('finds the page’s anchors once, until the page changes where hints live', async () => {
    const resolve = () => ({ element: document.body, position: 'append' as const });
    const anchors = vi.fn(() => resolve);
    await start('/a', { anchors });
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')] }));
    await act(async () => site.runtime()?.render());
    expect(anchors).toHaveBeenCalledTimes(1); // the loading hint, the findings, a render again
    await act(async () => document.body.append(document.createElement('main')));
    await vi.waitFor(() => expect(anchors).toHaveBeenCalledTimes(2));
    await navigate('/b');
    expect(anchors).toHaveBeenCalledTimes(3);
  });

  it('replaces the findings when another page is on screen', async () => {
    await start('/a');
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')] }));
    await navigate('/b');
    expect(titles()).toEqual(['Reading…']);
    await act(async () => site.reads[1]?.answer.resolve({ findings: [finding('b')] }));
    expect(hosts().map((host) => host.getAttribute('data-process-subject'))).toEqual(['b']);
  });

  it('drops a late answer for a page no longer on screen', async () => {
    await start('/a');
    await navigate('/b');
    await act(async () => site.reads[1]?.answer.resolve({ findings: [finding('b')] }));
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')] }));
    expect(titles()).toEqual(['Finding on b']);
  });

  it('clears everything on a page with nothing to check, and ignores the same page again', async () => {
    await start('/a');
    await navigate('/a');
    expect(site.reads).toHaveLength(1);
    await navigate('/');
    expect(hosts()).toEqual([]);
  });

  it('runs an action: running, then done, then the page is read again with its state kept', async () => {
    await start('/a');
    const fix = finding('a', { action: 'add-missing-lists' });
    await act(async () => site.reads[0]?.answer.resolve({ findings: [fix] }));
    await clickFix();
    const button = hosts()[0]?.shadowRoot?.querySelector('button.hint');
    expect(button?.getAttribute('aria-busy')).toBe('true');
    await act(async () =>
      site.performed[0]?.resolve({ ok: true, value: { message: 'Fixed.', readAgain: 'in-place' } }),
    );
    expect(site.reads).toHaveLength(2);
    expect(site.reads[1]).toMatchObject({ page: 'a', fresh: true });
    await act(async () => site.reads[1]?.answer.resolve({ findings: [fix] }));
    expect(hosts()[0]?.shadowRoot?.querySelector('[role="status"]')?.textContent).toContain(
      'Fixed.',
    );
  });

  it('runs a choice made on a finding: the adapter gets it, the finding shows its state', async () => {
    await start('/a');
    const list = { id: 'a'.repeat(24), name: 'To Do' };
    const hint = finding('a', { choices: [{ kind: 'synonym', role: 'Need to do', list }] });
    await act(async () => site.reads[0]?.answer.resolve({ findings: [hint] }));
    const rename = hosts()[0]?.shadowRoot?.querySelector<HTMLButtonElement>(
      'button[data-process-action="rename-list"]',
    );
    await act(async () => rename?.click());
    expect(site.choices).toEqual([{ action: 'rename-list', list: list.id, role: 'Need to do' }]);
    expect(rename?.disabled).toBe(true); // running: no second write from a double click
    await act(async () =>
      site.performed[0]?.resolve({
        ok: true,
        value: { message: 'Renamed.', readAgain: 'in-place' },
      }),
    );
    await act(async () => site.reads[1]?.answer.resolve({ findings: [hint] }));
    expect(hosts()[0]?.shadowRoot?.querySelector('[role="status"]')?.textContent).toContain(
      'Renamed.',
    );
  });

  it('shows the newest read: an older answer arriving last is dropped (settings changed meanwhile)', async () => {
    await start('/a');
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')] }));
    let older: Promise<void> | undefined;
    let newer: Promise<void> | undefined;
    await act(async () => {
      older = site.runtime()?.readAgain('a', true);
      newer = site.runtime()?.readAgain('a');
    });
    expect(site.reads.map((r) => r.fresh)).toEqual([false, true, false]);
    await act(async () => {
      site.reads[2]?.answer.resolve({ findings: [finding('a', { title: 'New settings' })] });
      await newer;
    });
    await act(async () => {
      site.reads[1]?.answer.resolve({ findings: [finding('a', { title: 'Old settings' })] });
      await older;
    });
    expect(titles()).toEqual(['New settings']);
  });

  it('says why an action failed and what to do', async () => {
    await start('/a');
    const fix = finding('a', { action: 'add-missing-lists' });
    await act(async () => site.reads[0]?.answer.resolve({ findings: [fix] }));
    await clickFix();
    await act(async () =>
      site.performed[0]?.resolve({
        ok: false,
        error: { code: 'not-connected', message: 'No token.' },
      }),
    );
    const alert = hosts()[0]?.shadowRoot?.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Connect the site first. Open the options.');
    expect(alert?.querySelector('button')?.textContent).toBe('Open the options');
    expect(site.reads).toHaveLength(1);
  });

  describe('Undo', () => {
    const TOKEN = '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b';
    const undoButton = () =>
      hosts()[0]?.shadowRoot?.querySelector<HTMLButtonElement>('[data-process-action="undo"]');
    /** Runs the fix to its done state with an Undo offered, the page read again. */
    async function fixWithUndo(fix: Finding) {
      await act(async () => site.reads[0]?.answer.resolve({ findings: [fix] }));
      await clickFix();
      await act(async () =>
        site.performed[0]?.resolve({
          ok: true,
          value: { message: 'Added: Stuck.', readAgain: 'in-place', undo: TOKEN },
        }),
      );
      await act(async () => site.reads[1]?.answer.resolve({ findings: [fix] }));
    }

    it('offers Undo beside the done message; Undo sends the token, then reads the page again and says what was taken back', async () => {
      await start('/a');
      const fix = finding('a', { action: 'add-missing-lists' });
      await fixWithUndo(fix);
      expect(undoButton()?.textContent).toBe('Undo');
      vi.mocked(send).mockImplementation((async () => ({
        ok: true,
        value: { taken: true, message: 'Taken back: archived “Stuck”.' },
      })) as unknown as typeof send);
      await act(async () => undoButton()?.click());
      expect(send).toHaveBeenCalledWith({ type: 'undo.take', id: TOKEN });
      expect(site.reads).toHaveLength(3);
      expect(site.reads[2]).toMatchObject({ page: 'a', fresh: true });
      await act(async () => site.reads[2]?.answer.resolve({ findings: [fix] }));
      expect(hosts()[0]?.shadowRoot?.querySelector('[role="status"]')?.textContent).toContain(
        'Taken back: archived “Stuck”.',
      );
      expect(undoButton()).toBeFalsy();
    });

    it('a failed Undo says why and keeps the button for a retry', async () => {
      await start('/a');
      await fixWithUndo(finding('a', { action: 'add-missing-lists' }));
      vi.mocked(send).mockImplementation((async () => ({
        ok: false,
        error: { code: 'server', message: 'The card could not be taken back (500).' },
      })) as unknown as typeof send);
      await act(async () => undoButton()?.click());
      expect(hosts()[0]?.shadowRoot?.querySelector('[role="alert"]')?.textContent).toContain(
        'The card could not be taken back (500).',
      );
      expect(undoButton()?.disabled).toBe(false);
      expect(site.reads).toHaveLength(2);
    });

    it('withdraws the offer after 10 seconds, keeping the done message', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        await start('/a');
        await fixWithUndo(finding('a', { action: 'add-missing-lists' }));
        await act(async () => vi.advanceTimersByTime(9_000));
        expect(undoButton()).toBeTruthy();
        await act(async () => vi.advanceTimersByTime(1_500));
        expect(undoButton()).toBeFalsy();
        expect(hosts()[0]?.shadowRoot?.querySelector('[role="status"]')?.textContent).toContain(
          'Added: Stuck.',
        );
      } finally {
        vi.useRealTimers();
      }
    });
  });

  it('drops an action’s answer once another page is on screen', async () => {
    await start('/a');
    const fix = finding('a', { action: 'add-missing-lists' });
    await act(async () => site.reads[0]?.answer.resolve({ findings: [fix] }));
    await clickFix();
    await navigate('/b');
    await act(async () =>
      site.performed[0]?.resolve({ ok: true, value: { message: 'Fixed.', readAgain: 'in-place' } }),
    );
    expect(site.reads.map((read) => read.page)).toEqual(['a', 'b']);
    expect(titles()).toEqual(['Reading…']);
  });

  it('reads the page again when the settings change', async () => {
    await start('/a');
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')] }));
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger(
        { type: 'settings.changed' },
        { id: fakeBrowser.runtime.id },
      );
    });
    expect(site.reads.map((read) => read.page)).toEqual(['a', 'a']);
    expect(vi.mocked(send).mock.calls.filter(([m]) => m.type === 'settings.get')).toHaveLength(2);
    await act(async () =>
      site.reads[1]?.answer.resolve({ findings: [finding('a', { title: 'New rule' })] }),
    );
    expect(titles()).toEqual(['New rule']);
  });

  it('removes every hint when the extension is reloaded, and shows no late answer', async () => {
    await start('/a');
    expect(hosts()).toHaveLength(1);
    await act(async () => ctx.invalidate());
    expect(document.querySelectorAll('process-lens-hint, process-lens-panel')).toHaveLength(0);
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')] }));
    expect(hosts()).toEqual([]);
  });

  it('follows the adapter’s own navigation events (GitHub’s soft navigations)', async () => {
    await start('/a', { navigationEvents: ['turbo:render'] });
    history.pushState(null, '', '/b');
    await act(async () => document.dispatchEvent(new Event('turbo:render')));
    expect(site.reads.map((read) => read.page)).toEqual(['a', 'b']);
  });

  it('adds what the slower second read finds, unless the view was replaced meanwhile', async () => {
    const second = [deferred<Finding[]>(), deferred<Finding[]>()];
    let call = 0;
    await start('/a', { moreFindings: () => (second[call++] as (typeof second)[0]).promise });
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')] }));
    await act(async () => second[0]?.resolve([finding('a', { rule: 'pr.reviews', title: 'PR' })]));
    expect(titles()).toEqual(['Finding on a', 'PR']);
    await navigate('/b');
    await act(async () => site.reads[1]?.answer.resolve({ findings: [finding('b')] }));
    await navigate('/c');
    await act(async () => second[1]?.resolve([finding('b', { rule: 'pr.reviews', title: 'PR' })]));
    expect(titles()).toEqual(['Reading…']);
  });

  it('after a write that changes the page, follows it anew and says so on the finding it names', async () => {
    await start('/a');
    const create = finding('a', { action: 'create-card-for-pr' });
    await act(async () => site.reads[0]?.answer.resolve({ findings: [create] }));
    await clickFix();
    const onCard = finding('a', { rule: 'pr.on-card', title: 'On its card' });
    await act(async () => {
      site.performed[0]?.resolve({
        ok: true,
        value: {
          message: 'Card created:',
          link: 'https://trello.com/c/AbCd1234',
          readAgain: 'reopen',
          messageOn: (findings) => findings.find((f) => f.rule === 'pr.on-card'),
        },
      });
    });
    expect(titles()).toEqual(['Reading…']);
    await act(async () => site.reads[1]?.answer.resolve({ findings: [onCard] }));
    const status = hosts()[0]?.shadowRoot?.querySelector('[role="status"]');
    expect(status?.textContent).toContain('Card created:');
    expect(status?.querySelector('a')?.getAttribute('href')).toBe('https://trello.com/c/AbCd1234');
  });

  it('gives its adapter the page and view on screen', async () => {
    await start('/a');
    await act(async () => site.reads[0]?.answer.resolve({ findings: [finding('a')], asOf: 5 }));
    expect(site.runtime()?.page()).toBe('a');
    expect(site.runtime()?.view().asOf).toBe(5);
  });
});

describe('failed action', () => {
  const wording = { notConnected: 'Connect first.', advice: 'See the options.' };
  it('asks for a connection when none is set up or it was refused', () => {
    expect(failedAction({ code: 'not-connected', message: 'x' }, wording)).toEqual({
      state: 'failed',
      message: 'Connect first.',
      advice: 'See the options.',
      needsConnection: true,
    });
    expect(failedAction({ code: 'unauthorized', message: 'Refused.' }, wording)).toMatchObject({
      message: 'Refused.',
      needsConnection: true,
    });
  });
  it('says try again otherwise, with the error’s own message', () => {
    expect(failedAction({ code: 'network', message: 'Offline.' }, { advice: 'x' })).toEqual({
      state: 'failed',
      message: 'Offline.',
      advice: 'Try again.',
      needsConnection: false,
    });
  });
});
