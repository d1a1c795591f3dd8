// Part 2: one page load in real Chromium, measured from inside the page and through CDP, for the
// extension-versus-baseline comparison (see index.ts for what the figures mean).

import type { BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser, launchPlainBrowser } from '../e2e/browser.ts';
import type { FakeSites } from '../fake/server.ts';
import {
  type CpuProfile,
  type ExtensionTime,
  extensionTime,
  SAMPLING_INTERVAL_US,
} from './profile.ts';

/** What one load of a page costs, as measured in that page. */
export interface PageRun {
  /** Navigation start → DOMContentLoaded / load event end (ms). */
  domContentLoadedMs: number;
  loadMs: number;
  /** Navigation start → first `[data-process-hint]` host whose shadow root has text (any rule). */
  firstHintMs?: number;
  /** The same for the first real finding (not the "Checking this board…" placeholder). */
  firstFindingMs?: number;
  /** The last time a hint host was added or its shadow content changed. */
  lastHintMs?: number;
  hints: number;
  /** Requests matching `LoadOptions.dataUrl` (the content script's reads): first start, last end. */
  dataStartMs?: number;
  dataEndMs?: number;
  /** Long tasks (PerformanceObserver 'longtask', from navigation start until settled). */
  longTaskMs: number;
  /** Total blocking time: the sum of (duration − 50 ms) over the long tasks. */
  blockingMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** Navigation start → the end of the last long task: when the page's main thread was last blocked. */
  lastLongTaskEndMs: number;
  /** CDP Performance.getMetrics deltas over the load: all main-thread task / script time (ms). */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  /**
   * After settling: main-thread task / script time (ms, CDP) for `LoadOptions.churn` small unrelated
   * page mutations, one per frame (what a live page does all the time), divided by their number.
   */
  churnTaskMs?: number;
  churnScriptMs?: number;
  /**
   * Last (after the heap, node and long-task counts): main-thread task time (ms, CDP) per frame while one list
   * scrolls down (`LoadOptions.scroll`), and the longest frame seen meanwhile (rAF to rAF).
   */
  scrollTaskMs?: number;
  /** Of that per frame: script, and layout + style recalculation (where a placement costs). */
  scrollScriptMs?: number;
  scrollLayoutMs?: number;
  longestScrollFrameMs?: number;
  /**
   * Then, until settled again: the long-task time (ms) and the hint hosts once the scroll has
   * paused (the hints of the cards that came near are placed then).
   */
  afterScrollLongTaskMs?: number;
  afterScrollHints?: number;
  /** With `LoadOptions.profile`: the extension's share of a CPU profile of the load (profile.ts). */
  extension?: ExtensionTime;
  /** With `LoadOptions.profile` and `scroll`: the same, of the scrolling. */
  scrollExtension?: ExtensionTime;
  /** CDP JSHeapUsedSize after a forced GC (bytes): page and content scripts share the isolate. */
  heapBytes: number;
  /** CDP Nodes: DOM nodes alive (hint hosts and their shadow trees included). */
  nodes: number;
}

/** How long nothing may happen (no mutation, no long task) before a page counts as settled. */
export const SETTLE_MS = 750;

/**
 * Runs in the page before any page script (addInitScript): records long tasks, every DOM mutation
 * (as "last activity"), and when hint hosts appear and get their shadow text. Plain JavaScript in a
 * string: tsx wraps named functions in a `__name` helper that does not exist in the page.
 */
const PAGE_PROBE = `(() => {
  const probe = { longTasks: [], lastActivity: 0, firstHint: null, firstFinding: null, lastHint: null };
  Object.defineProperty(window, '__bench', { value: probe });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longTasks.push([entry.startTime, entry.duration]);
        probe.lastActivity = Math.max(probe.lastActivity, entry.startTime + entry.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the figures stay 0.
  }
  const watched = new WeakSet();
  const noteHint = (host, now) => {
    probe.lastHint = now;
    if ((host.shadowRoot?.textContent ?? '').trim() === '') return;
    probe.firstHint ??= now;
    if (host.getAttribute('data-process-hint') !== 'source.loading') probe.firstFinding ??= now;
  };
  const inShadow = new MutationObserver((records) => {
    const now = performance.now();
    probe.lastActivity = now;
    for (const record of records) {
      const host = record.target.getRootNode().host;
      if (host) noteHint(host, now);
    }
  });
  new MutationObserver((records) => {
    const now = performance.now();
    probe.lastActivity = now;
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || !node.hasAttribute('data-process-hint')) continue;
        if (!watched.has(node) && node.shadowRoot) {
          watched.add(node);
          inShadow.observe(node.shadowRoot, { childList: true, subtree: true, characterData: true });
        }
        noteHint(node, now);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

export async function addPageProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PAGE_PROBE });
}

/**
 * The fake sites in two Chromiums with the same flags, one with the extension and one without,
 * both probed; after `run` everything is closed, the fake too.
 */
type Browser = Pick<LaunchedBrowser, 'context' | 'close'>;

export async function withBothBrowsers<T>(
  fake: FakeSites,
  run: (ext: LaunchedBrowser, plain: Browser) => Promise<T>,
): Promise<T> {
  const opened: Browser[] = [];
  try {
    const ext = await launchBrowser({ fake });
    opened.push(ext);
    const plain = await launchPlainBrowser({ fake });
    opened.push(plain);
    for (const browser of opened) await addPageProbe(browser.context);
    return await run(ext, plain);
  } finally {
    for (const browser of opened) await browser.close();
    await fake.close();
  }
}

/** Until no mutation (page or hint shadow trees) and no long task happened for SETTLE_MS. */
function settled(page: Page, timeoutMs: number): Promise<unknown> {
  return page.waitForFunction(
    (settleMs) =>
      performance.now() -
        (window as unknown as { __bench: { lastActivity: number } }).__bench.lastActivity >=
      settleMs,
    SETTLE_MS,
    { timeout: timeoutMs, polling: 100 },
  );
}

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

export interface LoadOptions {
  /** Wait for a real finding before waiting for the page to settle (extension runs). */
  expectFinding: boolean;
  /** And for a shown hint of each of these rules. */
  expectRules?: readonly string[];
  /** This many small mutations outside the board after settling (see PageRun.churnTaskMs). */
  churn?: number;
  /**
   * Then this scroll box (the first match) scrolls down `px` per frame for `frames` frames;
   * `reveal`: first scroll it into view (the board scrolls sideways) and wait until settled again.
   */
  scroll?: { selector: string; px: number; frames: number; reveal?: boolean };
  /** Take a CPU profile from navigation until settled (see PageRun.extension). */
  profile?: boolean;
  /** Requests to time (Playwright sees the content script's requests; the page's timing does not). */
  dataUrl?: RegExp;
  timeoutMs?: number;
}

/** Opens `url` in a new tab, waits (by conditions) until it has settled, measures, closes the tab. */
export async function measureLoad(
  context: BrowserContext,
  url: string,
  {
    expectFinding,
    expectRules = [],
    dataUrl,
    churn = 0,
    scroll,
    profile = false,
    timeoutMs = 60_000,
  }: LoadOptions,
): Promise<PageRun> {
  const page: Page = await context.newPage();
  const data: { start: number; end: number }[] = [];
  // On the context, not the page: the content script asks the background, whose service worker
  // makes the requests (Playwright reports a service worker's requests on its context).
  const onRequest = (request: Request) => {
    if (!dataUrl?.test(request.url())) return;
    const timing = request.timing();
    if (timing.responseEnd >= 0)
      data.push({ start: timing.startTime, end: timing.startTime + timing.responseEnd });
  };
  context.on('requestfinished', onRequest);
  try {
    // Metrics and profile start on the blank tab, before navigating: on a small page the content
    // script (document_idle) has run before a session opened after commit could start them (the
    // session follows the tab into the site's renderer).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
      await cdp.send('Profiler.start');
    }
    const before = await metrics(cdp);
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    await page.waitForLoadState('load', { timeout: timeoutMs });
    if (expectFinding)
      await page.waitForFunction(
        () =>
          (window as unknown as { __bench: { firstFinding: number | null } }).__bench
            .firstFinding !== null,
        undefined,
        { timeout: timeoutMs, polling: 50 },
      );
    if (expectRules.length)
      await page.waitForFunction(
        (rules) =>
          rules.every((rule) =>
            [...document.querySelectorAll(`[data-process-hint="${rule}"]`)].some(
              (host) => (host.shadowRoot?.textContent ?? '').trim() !== '',
            ),
          ),
        expectRules,
        { timeout: timeoutMs, polling: 100 },
      );
    // Settled: no mutation (page or hint shadow trees) and no long task for SETTLE_MS, and no request
    // in flight (Playwright's network idle: none for 500 ms).
    await settled(page, timeoutMs);
    await page.waitForLoadState('networkidle', { timeout: timeoutMs });
    const after = await metrics(cdp);
    const cpu = profile
      ? extensionTime((await cdp.send('Profiler.stop')).profile as CpuProfile)
      : undefined;
    let churned: Metrics | undefined;
    if (churn > 0) {
      // A header text changes once per frame, as a live page's badges, timers and presence do.
      await page.evaluate(async (count) => {
        const target = document.querySelector('header') ?? document.body;
        const node = target.appendChild(document.createElement('span'));
        for (let i = 0; i < count; i++) {
          node.textContent = String(i);
          await new Promise((resolve) =>
            requestAnimationFrame(() => requestAnimationFrame(resolve)),
          );
        }
        node.remove();
      }, churn);
      await settled(page, timeoutMs);
      churned = await metrics(cdp);
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = await metrics(cdp);
    const inPage = await page.evaluate(() => {
      const probe = (
        window as unknown as {
          __bench: {
            longTasks: [number, number][];
            firstHint: number | null;
            firstFinding: number | null;
            lastHint: number | null;
          };
        }
      ).__bench;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        timeOrigin: performance.timeOrigin,
        domContentLoadedMs: nav.domContentLoadedEventEnd,
        loadMs: nav.loadEventEnd,
        firstHint: probe.firstHint,
        firstFinding: probe.firstFinding,
        lastHint: probe.lastHint,
        hints: document.querySelectorAll('[data-process-hint]').length,
        longTasks: probe.longTasks,
      };
    });
    let scrolled:
      | {
          start: Metrics;
          end: Metrics;
          longestFrameMs: number;
          profile?: ExtensionTime;
          after: { longTaskMs: number; hints: number };
        }
      | undefined;
    if (scroll) {
      if (scroll.reveal) {
        await page.evaluate((selector) => {
          document.querySelector(selector)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        }, scroll.selector);
        await settled(page, timeoutMs);
      }
      const hintsBeforeScroll = await page.evaluate(
        () => document.querySelectorAll('[data-process-hint]').length,
      );
      if (profile) await cdp.send('Profiler.start');
      const start = await metrics(cdp);
      // Like a user scrolling one long list with the wheel: one step per frame.
      const { longestFrameMs, startedAt } = await page.evaluate(
        async ({ selector, px, frames }) => {
          const box = document.querySelector(selector);
          if (!box) throw new Error(`nothing to scroll: ${selector}`);
          const startedAt = performance.now();
          let last = startedAt;
          let longest = 0;
          for (let i = 0; i < frames; i++) {
            box.scrollTop += px;
            await new Promise((resolve) => requestAnimationFrame(resolve));
            const now = performance.now();
            longest = Math.max(longest, now - last);
            last = now;
          }
          return { longestFrameMs: longest, startedAt };
        },
        scroll,
      );
      const end = await metrics(cdp);
      const scrollProfile = profile
        ? extensionTime((await cdp.send('Profiler.stop')).profile as CpuProfile)
        : undefined;
      // With the extension, the cards that came near get their hints once the scroll pauses: wait
      // for them (the page may look settled before: nothing changes while it scrolls).
      if (expectFinding)
        await page.waitForFunction(
          (before) => document.querySelectorAll('[data-process-hint]').length > before,
          hintsBeforeScroll,
          { timeout: timeoutMs },
        );
      await settled(page, timeoutMs);
      const after = await page.evaluate((since) => {
        const probe = (window as unknown as { __bench: { longTasks: [number, number][] } }).__bench;
        return {
          longTaskMs: probe.longTasks
            .filter(([start]) => start >= since)
            .reduce((sum, [, duration]) => sum + duration, 0),
          hints: document.querySelectorAll('[data-process-hint]').length,
        };
      }, startedAt);
      scrolled = { start, end, longestFrameMs, profile: scrollProfile, after };
    }
    const durations = inPage.longTasks.map(([, d]) => d);
    const delta = (name: string, from = before, to = after) =>
      ((to[name] ?? 0) - (from[name] ?? 0)) * 1000;
    return {
      domContentLoadedMs: inPage.domContentLoadedMs,
      loadMs: inPage.loadMs,
      ...(inPage.firstHint !== null ? { firstHintMs: inPage.firstHint } : {}),
      ...(inPage.firstFinding !== null ? { firstFindingMs: inPage.firstFinding } : {}),
      ...(inPage.lastHint !== null ? { lastHintMs: inPage.lastHint } : {}),
      hints: inPage.hints,
      ...(data.length
        ? {
            dataStartMs: Math.min(...data.map((d) => d.start)) - inPage.timeOrigin,
            dataEndMs: Math.max(...data.map((d) => d.end)) - inPage.timeOrigin,
          }
        : {}),
      longTaskMs: durations.reduce((a, b) => a + b, 0),
      blockingMs: durations.reduce((a, b) => a + Math.max(0, b - 50), 0),
      longTasks: durations.length,
      longestTaskMs: Math.max(0, ...durations),
      lastLongTaskEndMs: Math.max(0, ...inPage.longTasks.map(([start, d]) => start + d)),
      taskMs: delta('TaskDuration'),
      scriptMs: delta('ScriptDuration'),
      layoutMs: delta('LayoutDuration') + delta('RecalcStyleDuration'),
      ...(churned
        ? {
            churnTaskMs: delta('TaskDuration', after, churned) / churn,
            churnScriptMs: delta('ScriptDuration', after, churned) / churn,
          }
        : {}),
      ...(scrolled && scroll
        ? {
            afterScrollLongTaskMs: scrolled.after.longTaskMs,
            afterScrollHints: scrolled.after.hints,
            scrollTaskMs: delta('TaskDuration', scrolled.start, scrolled.end) / scroll.frames,
            scrollScriptMs: delta('ScriptDuration', scrolled.start, scrolled.end) / scroll.frames,
            scrollLayoutMs:
              (delta('LayoutDuration', scrolled.start, scrolled.end) +
                delta('RecalcStyleDuration', scrolled.start, scrolled.end)) /
              scroll.frames,
            longestScrollFrameMs: scrolled.longestFrameMs,
            ...(scrolled.profile ? { scrollExtension: scrolled.profile } : {}),
          }
        : {}),
      ...(cpu ? { extension: cpu } : {}),
      heapBytes: afterGc.JSHeapUsedSize ?? 0,
      nodes: afterGc.Nodes ?? 0,
    };
  } finally {
    context.off('requestfinished', onRequest);
    await page.close();
  }
}
