/**
 * One runtime for every content script (see docs/architecture.md, "Page runtime"): it follows
 * the page on screen, reads it through its site adapter, shows the findings in the hint layer,
 * drops answers meant for a page no longer on screen, re-evaluates when the settings change,
 * runs the actions (running → done/failed, then reads the page again), and cleans up when the
 * extension is reloaded. The adapter says what the site's pages are, how to read one, where hints
 * mount and what each action does.
 */
import type { ReactNode } from 'react';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type ActionState, type HintUi, UNDO_SHOWN_MS } from '../../components/hint-ui';
import { send } from '../messaging';
import type { ChosenAction, Finding } from '../process/findings';
import type { AppError, Result } from '../result';
import { createSettingsSource } from '../settings/content-source';
import { yieldTurn } from '../turns';
import {
  createHintLayer,
  findingKey,
  type HintLayer,
  observePage,
  type ResolveAnchor,
} from './hint-layer';
import { whenParsed } from './idle';

/** Lets WXT notice an orphaned script (see `startPageRuntime`). */
const ORPHAN_CHECK_MS = 2_000;

/** What is shown for a page: its findings and when their data was read. */
export interface SiteView {
  findings: Finding[];
  asOf?: number;
}

export type SettingsSource = ReturnType<typeof createSettingsSource>;

/** What a successful action says, and what is read again after it. */
export interface ActionDone {
  message: string;
  link?: string;
  /**
   * 'none': nothing to read yet (an options page opened). 'in-place': the page is read again
   * (not from a cache) and the hints keep their states. 'reopen': the page is followed again as
   * after a navigation (states cleared, loading shown), then the message goes on `messageOn`.
   */
  readAgain: 'none' | 'in-place' | 'reopen';
  /** The background's Undo token for the write, offered beside the message for a while. */
  undo?: string;
  /** After 'reopen': the finding that now carries the message (default: the one clicked). */
  messageOn?(findings: readonly Finding[]): Finding | undefined;
}

/** How a failed action asks for a connection, in the site's words. */
export interface ConnectionWording {
  /** Replaces the error's message when nothing is connected. */
  notConnected?: string;
  advice: string;
}

/** What the runtime offers its adapter. */
export interface PageRuntime<Page, View extends SiteView> {
  readonly ctx: ContentScriptContext;
  /** The page on screen; undefined when there is nothing to check here. */
  page(): Page | undefined;
  view(): View;
  render(): void;
  /** Reads this page again, if it is still on screen; the hints keep their action states. */
  readAgain(page: Page, fresh?: boolean): Promise<void>;
  /** Follows the URL as after a navigation; `fresh`: also when it names the page on screen. */
  follow(url: string, fresh?: boolean): Promise<void>;
}

/** The site-specific parts. Pages are plain data: two are the same page when equal as JSON. */
export interface SiteAdapter<Page, View extends SiteView> {
  /** What the page observer watches (a hint can only move when one of `watched` comes or goes). */
  observed(): Node;
  watched: string;
  /** Document events after which the URL is followed again (besides `wxt:locationchange`). */
  navigationEvents?: readonly string[];
  /** The page a URL shows (`current`: the page on screen until now). */
  pageOf(url: string, current: Page | undefined): Page | undefined | Promise<Page | undefined>;
  anchors(page: Page | undefined): ResolveAnchor;
  /** Shown while a new page is read; none: the previous findings stay until the answer. */
  loading(page: Page): Finding | undefined;
  load(page: Page, read: { settings: SettingsSource; fresh: boolean }): Promise<View>;
  /** A second, slower read added to a shown view without holding it up. */
  moreFindings?(page: Page, view: View): Promise<Finding[]>;
  /** The URL names the page on screen again: read it again, re-place the hints, or nothing. */
  revisit?(page: Page | undefined): 're-read' | 're-place' | undefined;
  /** Another page is on screen now (undefined: none to check). */
  entered?(page: Page | undefined): void;
  /** A view is about to be shown (`navigated`: the first answer after following a URL). */
  shown?(page: Page, view: View, how: { navigated: boolean }): void;
  /** The page's DOM changed where hints live (after the hints were re-placed). */
  pageChanged?(): void;
  /** Actions the adapter handles itself (opening a dialog, or nothing): no running/done state. */
  intercept?(finding: Finding, page: Page): boolean;
  /** Runs the finding's action, or the choice made on it (its state shows on the finding). */
  perform(finding: Finding, page: Page, choice?: ChosenAction): Promise<Result<ActionDone>>;
  connection: ConnectionWording;
  linkFor?(finding: Finding): string | undefined;
  renderExtra?(finding: Finding): ReactNode;
}

/**
 * A hints script's start, in a task after its own evaluation: evaluating the script is already one
 * task of the page's, some 35 ms on a slow machine (docs/architecture.md, "Page runtime").
 */
export function startHintsScript<Page, View extends SiteView>(
  name: string,
  createAdapter: (runtime: PageRuntime<Page, View>) => SiteAdapter<Page, View>,
): void {
  setTimeout(() => startPageRuntime(new ContentScriptContext(name), createAdapter), 0);
}

export function startPageRuntime<Page, View extends SiteView>(
  ctx: ContentScriptContext,
  createAdapter: (runtime: PageRuntime<Page, View>) => SiteAdapter<Page, View>,
): void {
  // Views the runtime makes itself carry findings only; the adapter's extras are optional.
  const only = (findings: Finding[]) => ({ findings }) as View;
  let page: Page | undefined;
  let view: View = only([]);
  /** Finding a page can take a request: only the latest navigation may decide it. */
  let latestLookup = 0;
  /** The newest read of the page on screen: only its answer is shown. */
  let latestLoad = 0;
  const actions = new Map<string, ActionState>();
  const samePage = (a: Page | undefined, b: Page | undefined) =>
    JSON.stringify(a) === JSON.stringify(b);
  /** An answer for `target` may be shown: it is still the page on screen. */
  const stillOn = (target: Page) => samePage(page, target) && !ctx.isInvalid;

  const runtime: PageRuntime<Page, View> = {
    ctx,
    page: () => page,
    view: () => view,
    render: () => render(),
    readAgain: async (target, fresh = false) => {
      if (samePage(page, target)) await load(target, { fresh });
    },
    follow: (url, fresh) => follow(url, fresh),
  };
  const adapter = createAdapter(runtime);
  // Made on the first finding to show: a page with nothing to show pays for no UI root or observer.
  let layer: HintLayer | undefined;
  // Settings saved in the options apply at once (the reads are cached: no new request).
  const settings = createSettingsSource(ctx, () => {
    if (page !== undefined) void load(page);
  });

  const ui: HintUi = {
    actionState: (finding) => actions.get(findingKey(finding)) ?? { state: 'idle' },
    runAction: (finding, choice) => void runAction(finding, choice),
    undo: (finding) => void takeBack(finding),
    openOptions: () => void send({ type: 'options.open' }),
    linkFor: (finding) => adapter.linkFor?.(finding),
    renderExtra: (finding) => adapter.renderExtra?.(finding),
  };
  // A script that starts with the document (Trello's) reads the board while the page loads and
  // shows its hints once the DOM is there (docs/architecture.md, "Page runtime").
  let domReady = document.readyState !== 'loading';
  /** The anchors of the page as the observer last saw it (dropped when anything that can move a hint changes). */
  let anchors: ResolveAnchor | undefined;
  const replace = () => {
    anchors = undefined;
    layer?.reconcile();
  };
  function render(): void {
    if (!domReady || (!layer && view.findings.length === 0)) return;
    // One resolver (and its index of a board's thousands of cards) until the page changes.
    layer ??= createHintLayer(() => (anchors ??= adapter.anchors(page)));
    layer.show(view.findings, { ...ui, asOf: view.asOf });
  }

  let stopObserving = () => {};
  const watchPage = () => {
    domReady = true;
    stopObserving = observePage(adapter.observed(), adapter.watched, () => {
      replace();
      adapter.pageChanged?.();
    });
    render();
  };
  if (domReady) watchPage();
  // Else in a task after DOMContentLoaded's (which runs inside the page's longest parsing task).
  else
    void whenParsed().then(() => {
      if (!ctx.isInvalid) watchPage();
    });
  ctx.onInvalidated(() => {
    stopObserving();
    layer?.destroy();
  });
  // After an update or reload nothing tells this old script it is orphaned; WXT notices when
  // its wrapped timers run (`runtime.id` is gone), and then our hints are removed.
  ctx.setInterval(() => {}, ORPHAN_CHECK_MS);
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void follow(newUrl.href));
  for (const event of adapter.navigationEvents ?? [])
    ctx.addEventListener(document, event, () => void follow(location.href));
  void follow(location.href);

  async function follow(url: string, fresh = false): Promise<void> {
    const lookup = ++latestLookup;
    const found = adapter.pageOf(url, page);
    // A page known from the URL alone is followed at once, without waiting for a turn.
    const next = found instanceof Promise ? await found : found;
    if (lookup !== latestLookup || ctx.isInvalid) return;
    if (samePage(next, page) && !fresh) {
      const again = adapter.revisit?.(next);
      if (again === 're-place') replace();
      if (again !== 're-read') return;
    }
    if (!samePage(next, page)) adapter.entered?.(next);
    page = next;
    anchors = undefined;
    actions.clear();
    if (next === undefined) {
      view = only([]);
      return render();
    }
    const loading = adapter.loading(next);
    if (loading) {
      view = only([loading]);
      render();
    }
    await load(next, { navigated: true });
  }

  async function load(target: Page, { fresh = false, navigated = false } = {}): Promise<void> {
    const started = ++latestLoad;
    const next = await adapter.load(target, { settings, fresh });
    await yieldTurn(); // reading a big board and showing its hints: two tasks, not one long one
    // A read started later (new settings, a write) decides what shows: an older answer is dropped.
    if (!stillOn(target) || started !== latestLoad) return;
    view = next;
    adapter.shown?.(target, next, { navigated });
    render();
    if (!adapter.moreFindings) return;
    // Then, without holding up the page's own hints: what the slower read adds.
    const more = await adapter.moreFindings(target, next);
    if (more.length === 0 || view !== next || !stillOn(target)) return;
    view = { ...next, findings: [...next.findings, ...more] };
    render();
  }

  async function runAction(finding: Finding, choice?: ChosenAction): Promise<void> {
    const target = page;
    if (target === undefined || (!choice && adapter.intercept?.(finding, target))) return;
    const key = findingKey(finding);
    if (actions.get(key)?.state === 'running') return;
    actions.set(key, { state: 'running' });
    render();
    const outcome = await adapter.perform(finding, target, choice);
    if (!stillOn(target)) return;
    if (!outcome.ok) {
      actions.set(key, failedAction(outcome.error, adapter.connection));
      return render();
    }
    const { message, link, readAgain, messageOn, undo } = outcome.value;
    const done: ActionState = {
      state: 'done',
      message,
      ...(link ? { link } : {}),
      ...(undo ? { undo: { id: undo, origin: key } } : {}),
    };
    let carrierKey = key;
    if (readAgain === 'reopen') {
      await follow(location.href, true);
      if (!stillOn(target)) return;
      const carrier = messageOn?.(view.findings);
      if (carrier) carrierKey = findingKey(carrier);
    }
    actions.set(carrierKey, done);
    if (undo) withdrawUndoLater(carrierKey, done);
    if (readAgain === 'in-place') await load(target, { fresh: true });
    else render();
  }

  /** After UNDO_SHOWN_MS the Undo button goes, unless the state has changed since. */
  function withdrawUndoLater(key: string, offered: ActionState): void {
    ctx.setTimeout(() => {
      if (actions.get(key) !== offered || offered.state !== 'done') return;
      const { undo: _withdrawn, ...rest } = offered;
      actions.set(key, rest);
      render();
    }, UNDO_SHOWN_MS);
  }

  /**
   * Undo: the background takes the write back; the page is read again and the finding the write
   * started from says what was taken back. A failure keeps the button (a retry does the rest).
   */
  async function takeBack(finding: Finding): Promise<void> {
    const target = page;
    const key = findingKey(finding);
    const state = actions.get(key);
    if (target === undefined || (state?.state !== 'done' && state?.state !== 'failed')) return;
    if (!state.undo || state.undo.busy) return;
    const offer = state.undo;
    actions.set(key, { ...state, undo: { ...offer, busy: true } });
    render();
    const answer = await send({ type: 'undo.take', id: offer.id });
    if (!stillOn(target)) return;
    if (!answer.ok) {
      actions.set(key, { ...failedAction(answer.error, adapter.connection), undo: offer });
      return render();
    }
    const done: ActionState = { state: 'done', message: answer.value.message };
    if (offer.origin === key) {
      actions.set(key, done);
      return load(target, { fresh: true });
    }
    await follow(location.href, true);
    if (!stillOn(target)) return;
    actions.set(offer.origin, done);
    render();
  }
}

/** A failed action: what failed, and what to do (connect, or try again). */
export function failedAction(
  error: AppError,
  connection: ConnectionWording,
): Extract<ActionState, { state: 'failed' }> {
  const needsConnection = error.code === 'not-connected' || error.code === 'unauthorized';
  return {
    state: 'failed',
    message:
      error.code === 'not-connected' && connection.notConnected
        ? connection.notConnected
        : error.message,
    advice: needsConnection ? connection.advice : 'Try again.',
    needsConnection,
  };
}
