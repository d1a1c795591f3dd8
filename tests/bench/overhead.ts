// Part 2: the extension's cost on a 5,000-card Trello board, against the same page in the same
// Chromium without the extension, in the same run (see index.ts for what the figures mean).

import { startFakeSites } from '../fake/server.ts';
import { createDemoState, makeBigBoard } from '../fake/state.ts';
import { BUDGETS } from './budgets.ts';
import { measureLoad, type PageRun, withBothBrowsers } from './page.ts';
import { check, type Section } from './report.ts';
import { fmtBytes, fmtMs, fmtRatio, medianOf, signed, table } from './stats.ts';

export const BIG_BOARD_CARDS = 5_000;
/** Unrelated page mutations after settling, one per frame (see PageRun.churnTaskMs). */
const CHURN = 40;
/** Then the Stuck list (4th of the process lists; every card of it has a hint) scrolls down. */
const SCROLL = {
  selector: 'li[data-testid="list-wrapper"]:nth-child(4) ol[data-testid="list-cards"]',
  px: 60,
  frames: 60,
};

export async function benchOverhead(reps: number, log: (line: string) => void): Promise<Section> {
  const state = createDemoState();
  const big = makeBigBoard(state, BIG_BOARD_CARDS, { name: 'Huge board' });
  const fake = await startFakeSites({ state });
  return withBothBrowsers(fake, async (ext, plain) => {
    const boardUrl = fake.url('trello.com', `/b/${big.shortLink}/huge-board`);
    const load = { dataUrl: /\/1\/boards\//, churn: CHURN, scroll: SCROLL };
    const homeUrl = fake.url('trello.com', '/');
    const board = { ext: [] as PageRun[], base: [] as PageRun[] };
    const home = { ext: [] as PageRun[], base: [] as PageRun[] };
    // One untimed load each first (disk cache, code cache), then the two browsers alternate so that
    // load from other work on the machine falls on both sides alike.
    await measureLoad(ext.context, boardUrl, { ...load, expectFinding: true });
    await measureLoad(plain.context, boardUrl, { ...load, expectFinding: false });
    for (let i = 0; i < reps; i++) {
      board.ext.push(await measureLoad(ext.context, boardUrl, { ...load, expectFinding: true }));
      board.base.push(
        await measureLoad(plain.context, boardUrl, { ...load, expectFinding: false }),
      );
      const last = board.ext.at(-1);
      log(
        `  page: board run ${i + 1}/${reps}: first finding ${fmtMs(last?.firstFindingMs)}, ` +
          `long tasks ${fmtMs(last?.longTaskMs)} (baseline ${fmtMs(board.base.at(-1)?.longTaskMs)})`,
      );
    }
    for (let i = 0; i < reps; i++) {
      home.ext.push(await measureLoad(ext.context, homeUrl, { expectFinding: false }));
      home.base.push(await measureLoad(plain.context, homeUrl, { expectFinding: false }));
    }
    return overheadSection(board, home, reps);
  });
}

type Runs = { ext: PageRun[]; base: PageRun[] };

interface Metric {
  label: string;
  pick: (run: PageRun) => number | undefined;
  fmt: (n: number) => string;
}

const ms = (n: number) => fmtMs(n, 0);
const mib = (n: number) => fmtBytes(n);
const count = (n: number) => Math.round(n).toLocaleString('en');

const BOARD_METRICS: Metric[] = [
  { label: 'DOMContentLoaded', pick: (r) => r.domContentLoadedMs, fmt: ms },
  { label: 'load event', pick: (r) => r.loadMs, fmt: ms },
  { label: 'first hint shown (any, incl. “Checking…”)', pick: (r) => r.firstHintMs, fmt: ms },
  { label: 'board read started (content script)', pick: (r) => r.dataStartMs, fmt: ms },
  { label: 'board data received (both answers)', pick: (r) => r.dataEndMs, fmt: ms },
  {
    label: 'data received → first finding shown',
    pick: (r) =>
      r.firstFindingMs !== undefined && r.dataEndMs !== undefined
        ? r.firstFindingMs - r.dataEndMs
        : undefined,
    fmt: ms,
  },
  { label: '**time to first hint** (first finding shown)', pick: (r) => r.firstFindingMs, fmt: ms },
  { label: 'all hints placed (last hint change)', pick: (r) => r.lastHintMs, fmt: ms },
  { label: 'hint hosts on the page', pick: (r) => r.hints, fmt: count },
  { label: '**long-task time** (sum of long tasks)', pick: (r) => r.longTaskMs, fmt: ms },
  { label: 'total blocking time (Σ over 50 ms)', pick: (r) => r.blockingMs, fmt: ms },
  { label: 'long tasks', pick: (r) => r.longTasks, fmt: count },
  { label: 'longest task', pick: (r) => r.longestTaskMs, fmt: ms },
  { label: 'main-thread task time (CDP)', pick: (r) => r.taskMs, fmt: ms },
  { label: 'script time (CDP)', pick: (r) => r.scriptMs, fmt: ms },
  { label: 'layout + style time (CDP)', pick: (r) => r.layoutMs, fmt: ms },
  { label: '**JS heap** after GC (CDP)', pick: (r) => r.heapBytes, fmt: mib },
  { label: 'DOM nodes (CDP)', pick: (r) => r.nodes, fmt: count },
  {
    label: `task time per unrelated page mutation (${CHURN} in a row)`,
    pick: (r) => r.churnTaskMs,
    fmt: (n) => fmtMs(n, 2),
  },
  {
    label: 'script time per unrelated page mutation',
    pick: (r) => r.churnScriptMs,
    fmt: (n) => fmtMs(n, 2),
  },
  {
    label: `task time per frame, scrolling a list (${SCROLL.px} px × ${SCROLL.frames} frames)`,
    pick: (r) => r.scrollTaskMs,
    fmt: (n) => fmtMs(n, 2),
  },
  { label: 'longest frame while scrolling', pick: (r) => r.longestScrollFrameMs, fmt: ms },
];

const HOME_METRICS: Metric[] = [
  { label: 'main-thread task time (CDP)', pick: (r) => r.taskMs, fmt: ms },
  { label: 'script time (CDP)', pick: (r) => r.scriptMs, fmt: ms },
  { label: 'long-task time', pick: (r) => r.longTaskMs, fmt: ms },
  { label: 'JS heap after GC (CDP)', pick: (r) => r.heapBytes, fmt: mib },
];

function rows(runs: Runs, metrics: Metric[]): string[][] {
  return metrics.map(({ label, pick, fmt }) => {
    const ext = medianOf(runs.ext, pick);
    const base = medianOf(runs.base, pick);
    const hasBase = Number.isFinite(base);
    return [
      label,
      hasBase ? fmt(base) : '–',
      Number.isFinite(ext) ? fmt(ext) : '–',
      hasBase ? signed(fmt(ext - base), ext - base) : '–',
      hasBase && base !== 0 ? fmtRatio(ext / base) : '–',
    ];
  });
}

/** Extension − baseline of the medians. */
function extra(runs: Runs, pick: (run: PageRun) => number | undefined): number {
  return medianOf(runs.ext, pick) - medianOf(runs.base, pick);
}

function overheadSection(board: Runs, home: Runs, reps: number): Section {
  const head = [
    `median of ${reps}`,
    'baseline (no extension)',
    'with extension',
    'extension − baseline',
    'ratio',
  ];
  const firstFinding = medianOf(board.ext, (r) => r.firstFindingMs);
  const loadBase = medianOf(board.base, (r) => r.loadMs);
  return {
    title: `2. A ${BIG_BOARD_CARDS.toLocaleString('en')}-card Trello board in Chromium, with and without the extension`,
    body: [
      `The fake trello.com board page (server-rendered, ${BIG_BOARD_CARDS.toLocaleString('en')} cards on six lists,`,
      'zero set-up: the content script reads the board through the signed-in session). Two Chromium',
      'launches with the same flags, one with the extension, one without; loads alternate between them.',
      'Times are from navigation start; each load ends when no mutation and no long task happened for',
      '750 ms and the network is idle.',
      '',
      table(head, rows(board, BOARD_METRICS)),
      '',
      `Time to first hint is ${fmtRatio(firstFinding / loadBase)} the page's own load time (baseline load event).`,
      '',
      'The same on trello.com’s home page, where the extension shows nothing (its fixed cost per page):',
      '',
      table(head, rows(home, HOME_METRICS)),
    ].join('\n'),
    checks: [
      check(
        '5,000-card board: time to first hint / baseline load event',
        firstFinding / loadBase,
        BUDGETS.page.firstHintPerBaselineLoad,
        fmtRatio,
      ),
      check(
        '5,000-card board: extra long-task time',
        extra(board, (r) => r.longTaskMs),
        BUDGETS.page.extraLongTaskMs,
        ms,
      ),
      check(
        '5,000-card board: extra JS heap',
        extra(board, (r) => r.heapBytes) / 2 ** 20,
        BUDGETS.page.extraHeapMiB,
        (n) => `${n.toFixed(1)} MiB`,
      ),
      check(
        '5,000-card board: extra script time per unrelated page mutation',
        extra(board, (r) => r.churnScriptMs),
        BUDGETS.page.extraScriptPerMutationMs,
        (n) => fmtMs(n, 2),
      ),
      check(
        '5,000-card board: extra task time per frame, scrolling a list',
        extra(board, (r) => r.scrollTaskMs),
        BUDGETS.page.extraScrollTaskMs,
        (n) => fmtMs(n, 2),
      ),
    ],
  };
}
