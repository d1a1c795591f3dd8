// `npm run bench`: what Process Lens costs, in figures. Builds first (`PROCESS_LENS_SOURCEMAP=1 wxt
// build`: the shipped bundles byte for byte, plus hidden source maps), then prints a table per part,
// writes docs/benchmarks.md, and exits 1 when a budget (tests/bench/budgets.ts) is exceeded.
//
//   npm run bench                      everything (about 4 minutes on two cores)
//   npm run bench -- --reps 3          fewer browser repetitions (default 5)
//   npm run bench -- --only rules,bundles   some parts: rules, page, idle, github, bundles, requests
//
// What the figures mean
//
// 1. Rules (tests/bench/rules.ts). `evaluateBoard` and friends from utils/process/rules, pure, in
//    Node, on one synthetic project board of 100, 1,000, 5,000 and 20,000 cards (six process lists;
//    5 % stuck, 10 % in progress, 40 % done; card moves, comments, labels, PR attachments) with a
//    40-card Project Pipeline that links it. The boards come from the fake's state builders, are
//    served as JSON by the fake's Trello API handler and parsed with the product's schemas
//    (tests/bench/boards.ts), so the rules get exactly what the content script gives them. Each cell
//    is the median of all calls after warm-up, taken in 5 rounds over all sizes (a full GC before
//    each size) so that a burst of load from elsewhere falls on every size alike. "parse" is the valibot parse of the two answers
//    (board + actions) that precedes every evaluation; "cardPulls" finds the PR links on cards. The
//    snapshot holds one page of actions (1,000, as the API returns); the "stress" row keeps every
//    action of the board to show what happens when events grow with the cards. Growth: the time
//    ratio and log-log exponent between sizes (1 = linear, 2 = quadratic); above 1.5 is flagged as
//    worse than linear (linear code measures up to about 1.35 at 20,000 cards: caches and GC).
//
// 2. A big board (tests/bench/overhead.ts, tests/bench/page.ts, tests/bench/profile.ts). The fake
//    trello.com page of a 5,000-card board in 40 lists (the six process lists and 34 others; 125
//    stale cards in "In progress" and 100 in "Stuck", one hint each: tests/fake `makeWideBoard`),
//    opened in two Chromium launches of the same binary and flags: one with the built extension
//    (tests/e2e/browser.ts `launchBrowser`, zero set-up: the board is read through the signed-in
//    session), one without (`launchPlainBrowser`). Loads alternate between the two; one untimed load
//    each first; medians of --reps loads (tests/bench/compare.ts `alternateLoads`). Each load opens
//    its own board of that shape, so the extension reads it cold (as when a board is opened; the
//    background would reuse a read for 30 s), whatever the machine's speed.
//    An init script (before any page script) records long tasks (PerformanceObserver 'longtask'),
//    every DOM mutation, and when hint hosts appear and get text in their shadow roots.
//    - time to first hint: navigation start → the first `[data-process-hint]` host (other than the
//      "Checking this board…" placeholder) whose shadow root has text, over the baseline's load
//      event (the page's own load); all hints placed: the last time a hint host was added or its
//      shadow content changed; board read started / data received: the background's two
//      /1/boards requests as Playwright sees them (it reports a service worker's requests on the
//      context), which splits the time to first hint into waiting for the page, the network, and
//      our own processing; end of the last long task: when the page's main thread was last
//      blocked (in the baseline: its own parsing and layout, before which no hint can be painted);
//    - long-task time: the sum of long tasks (≥ 50 ms) on the main thread (content scripts run
//      there too) until the page settled; total blocking time: the sum of their parts over 50 ms;
//    - main-thread task / script / layout time: CDP Performance.getMetrics deltas over the load
//      (from the blank tab before navigating, so a content script that runs early is counted);
//    - the extension's CPU time and its longest task: a V8 CPU profile (CDP Profiler, 0.5 ms
//      samples, in both browsers alike) from navigation until settled; every sample with the
//      extension's code on its stack counts as the extension's, charged to the innermost function
//      of its bundle (named through the hidden source maps: the tables of where the time goes). Its
//      longest task is the longest stretch of such samples not broken by an idle or native-only
//      sample ("(idle)", "(program)"): long tasks themselves do not say whose code ran in them;
//    - JS heap: CDP JSHeapUsedSize after a forced GC (the page and the content script share the
//      isolate), and DOM nodes;
//    - per unrelated page mutation: after settling, a text in the page header changes once per
//      frame, 40 times (what a live page does all the time); the CDP task and script time of that
//      sequence divided by 40 shows what the extension's page observer costs on every change;
//    - scrolling: after the heap and node counts, the board scrolls sideways to "In progress" (and
//      settles: its visible cards get their hints), then that list scrolls down 60 px per frame for
//      60 frames, like a mouse wheel; the CDP task time per frame against the baseline's, and the
//      longest frame (rAF to rAF), show what the hints cost while a list scrolls (those of cards
//      that come near are placed once the scrolling pauses: the long-task time until the page
//      settles again shows what that costs).
//    A load is over when the hints are shown (extension) and then no mutation and no long task
//    happened for 750 ms and the network is idle: conditions, no fixed sleeps. Reported as baseline,
//    with extension, extension − baseline and the ratio, all from the same run.
//
// 3. Pages where nothing is shown (tests/bench/light.ts): trello.com's home page and a GitHub
//    repository's code page (tests/fake/github-code-page.ts), with the team's set-up (Trello and
//    GitHub connected, as in part 6): the fixed cost of the content scripts on every page of the two
//    sites: task and long-task time, JavaScript time (the CPU profile's samples running any script,
//    page's or extension's: CDP's script time misses most of what a content script runs), heap
//    after GC, DOM nodes; alternating loads and profiles as in 2.
//
// 4. GitHub pages with hints (tests/bench/light.ts): a pull request, the pull request list with 50
//    open pull requests (tests/fake `addOpenPulls`; a review badge per row) and an issue with 12
//    comments, same set-up: time to first hint, long-task time, JavaScript time (profile, as in 3)
//    against the page's own (the baseline's). These views are warm: after the untimed load, the
//    background answers from its 60 s cache, so the figures are the content script's own work
//    (part 6 counts the requests of a cold view).
//
// 5. Bundle sizes (tests/bench/bundles.ts). Each .js file of .output/chrome-mv3: bytes as shipped
//    (minified) and gzip (level 9, node:zlib), against the budgets for the two content scripts (on
//    every page), the two hints' scripts (added to pages that can have hints) and the background. Largest contributors: every byte of the minified file attributed through the
//    source map (source-map-js) to an npm package or a source folder.
//
// 6. Requests per page view (tests/bench/requests.ts). The fake's request log (per host) for one
//    view of a Trello board and of a pull request, with the demo team's set-up, cold (fresh
//    extension storage, empty HTTP cache) and warm (the same page again right after, inside the
//    cache windows), against the same views without the extension.
//
// Timings on a shared machine are noisy: the browser budgets (the issue "Light on every page") are
// expressed as extension-minus-baseline or extension-over-baseline measured in the same run. Sizes
// and request counts are exact.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumPath } from '../e2e/browser.ts';
import { bundlesSection } from './bundles.ts';
import { benchGitHubPages, benchIdlePages } from './light.ts';
import { benchOverhead } from './overhead.ts';
import type { Section } from './report.ts';
import { benchRequests } from './requests.ts';
import { benchRules } from './rules.ts';
import { table } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PARTS = ['rules', 'page', 'idle', 'github', 'bundles', 'requests'] as const;
type Part = (typeof PARTS)[number];

function parseArgs(argv: string[]): { reps: number; only: Set<Part> } {
  let reps = Number(process.env.BENCH_REPS ?? 5);
  let only = new Set<Part>(PARTS);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--reps') reps = Number(argv[++i]);
    else if (argv[i] === '--only')
      only = new Set(
        (argv[++i] ?? '').split(',').filter((p): p is Part => PARTS.includes(p as Part)),
      );
    else throw new Error(`unknown argument ${argv[i]} (use --reps N, --only ${PARTS.join(',')})`);
  }
  if (!Number.isInteger(reps) || reps < 1) throw new Error('--reps needs a whole number ≥ 1');
  return { reps, only };
}

async function main(): Promise<number> {
  const { reps, only } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) =>
    console.error(`${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s  ${line}`);
  const sections: Section[] = [];
  if (only.has('rules')) {
    log('1. rules on synthetic boards…');
    sections.push(await benchRules(log));
  }
  if (only.has('page')) {
    chromiumPath(); // a clear message when Chromium is missing
    log(`2. the 5,000-card, 40-list board with and without the extension (${reps} loads each)…`);
    sections.push(await benchOverhead(reps, log));
  }
  if (only.has('idle')) {
    chromiumPath();
    // Twice the loads: these pages' own JavaScript time moves by ±4 ms from load to load, as much
    // as the 5 ms budget on the difference; a load here takes about a second.
    const idleReps = reps * 2;
    log(
      `3. pages where nothing is shown, with and without the extension (${idleReps} loads each)…`,
    );
    sections.push(await benchIdlePages(idleReps, log));
  }
  if (only.has('github')) {
    chromiumPath();
    log(`4. GitHub pages with hints, with and without the extension (${reps} loads each)…`);
    sections.push(await benchGitHubPages(reps, log));
  }
  if (only.has('bundles')) {
    log('5. bundle sizes…');
    sections.push(bundlesSection(join(ROOT, '.output', 'chrome-mv3')));
  }
  if (only.has('requests')) {
    log('6. requests per page view…');
    sections.push(await benchRequests(log));
  }
  sections.sort((a, b) => a.title.localeCompare(b.title));

  const checks = sections.flatMap((s) => s.checks);
  const failed = checks.filter((c) => !c.ok);
  const seconds = Math.round((Date.now() - started) / 1000);
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const markdown = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (tests/bench/index.ts explains every figure) on ${new Date().toISOString().slice(0, 10)}:`,
    `${cpus().length} × ${cpu}, Node ${process.version}, ${reps} browser repetitions, ${seconds} s.`,
    'Ratios compare with a baseline measured in the same run; absolute times vary with the machine',
    'and its load. Before and after, change by change: [benchmarks-history.md](benchmarks-history.md).',
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', s.body, '']),
    '## Budgets',
    '',
    table(
      ['check', 'measured', 'budget', ''],
      checks.map((c) => [c.name, c.value, c.limit, c.ok ? 'ok' : '**OVER**']),
    ),
    '',
    failed.length ? `**${failed.length} budget(s) exceeded.**` : 'All budgets met.',
    '',
  ].join('\n');
  console.log(markdown);
  if (only.size === PARTS.length) {
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), markdown);
    log(`wrote docs/benchmarks.md (${seconds} s)`);
  } else log('(some parts only: docs/benchmarks.md left as it was)');
  for (const c of failed) log(`over budget: ${c.name}: ${c.value} (budget ${c.limit})`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
