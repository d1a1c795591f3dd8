// Parts 3 and 4: what the extension costs on pages where it shows nothing (trello.com home, a GitHub
// code page) and on GitHub's pages where it shows something (a pull request, a list of 50 pull
// requests, an issue), against the same pages without it, in the same run (see index.ts).

import { seedStorage } from '../e2e/browser.ts';
import { startFakeSites } from '../fake/server.ts';
import { addOpenPulls, createDemoState, DEMO, findRepo } from '../fake/state.ts';
import { BUDGETS } from './budgets.ts';
import {
  alternateLoads,
  count,
  extra,
  type Metric,
  mib,
  ms,
  profileTable,
  type Runs,
  ratio,
  rows,
  tableHead,
} from './compare.ts';
import { withBothBrowsers } from './page.ts';
import { type Check, check, type Section } from './report.ts';
import { TEAM_SETTINGS } from './requests.ts';
import { fmtBytes, fmtMs, fmtRatio, table } from './stats.ts';

/** Rows on the fake's pull request list (the content script badges at most 50). */
export const PULL_LIST_ROWS = 50;

interface PageCase {
  label: string;
  host: string;
  path: string;
  /** The extension shows a finding here (waited for before settling). */
  shows: boolean;
}

const IDLE_PAGES: PageCase[] = [
  { label: 'trello.com home', host: 'trello.com', path: '/', shows: false },
  { label: 'GitHub code page', host: 'github.com', path: `/${DEMO.repo}`, shows: false },
];

const GITHUB_PAGES: PageCase[] = [
  { label: 'GitHub pull request', host: 'github.com', path: `/${DEMO.repo}/pull/41`, shows: true },
  {
    label: `GitHub pull request list (${PULL_LIST_ROWS} rows)`,
    host: 'github.com',
    path: `/${DEMO.repo}/pulls`,
    shows: true,
  },
  {
    label: 'GitHub issue (12 comments)',
    host: 'github.com',
    path: `/${DEMO.repo}/issues/44`,
    shows: true,
  },
];

/**
 * The demo workspace with a long PR list, the team's set-up in the extension (Trello and GitHub
 * connected): each page measured with alternating loads.
 */
async function measurePages(
  pages: PageCase[],
  reps: number,
  log: (line: string) => void,
): Promise<Runs[]> {
  const state = createDemoState();
  const repo = findRepo(state, 'p2pu', 'lernanta');
  if (!repo) throw new Error('the demo has no p2pu/lernanta');
  addOpenPulls(state, repo, PULL_LIST_ROWS);
  const fake = await startFakeSites({ state });
  return withBothBrowsers(fake, async (ext, plain) => {
    await seedStorage(ext.serviceWorker, TEAM_SETTINGS);
    const all: Runs[] = [];
    for (const page of pages) {
      const runs = await alternateLoads(
        { ext: ext.context, plain: plain.context },
        fake.url(page.host, page.path),
        reps,
        {
          ext: { expectFinding: page.shows, profile: true },
          base: { expectFinding: false, profile: true },
        },
      );
      all.push(runs);
      log(
        `  ${page.label}: hints ${runs.ext.at(-1)?.hints}, script ${fmtMs(runs.ext.at(-1)?.scriptMs)} ` +
          `(baseline ${fmtMs(runs.base.at(-1)?.scriptMs)}), long tasks ${fmtMs(runs.ext.at(-1)?.longTaskMs)}, ` +
          `extension CPU ${fmtMs(runs.ext.at(-1)?.extension?.totalMs)}`,
      );
    }
    return all;
  });
}

/** Whose the time is: the extension's share of a CPU profile of the load (see part 2). */
const PROFILE_METRICS: Metric[] = [
  {
    label: '**JavaScript time**, page and extension (profile)',
    pick: (r) => r.extension?.scriptMs,
    fmt: (n) => fmtMs(n, 1),
  },
  {
    label: 'extension CPU time (profile)',
    pick: (r) => r.extension?.totalMs,
    fmt: (n) => fmtMs(n, 1),
  },
  {
    label: 'longest extension task (profile)',
    pick: (r) => r.extension?.longestStretchMs,
    fmt: (n) => fmtMs(n, 1),
  },
];

const IDLE_METRICS: Metric[] = [
  { label: 'main-thread task time (CDP)', pick: (r) => r.taskMs, fmt: ms },
  { label: 'script time (CDP)', pick: (r) => r.scriptMs, fmt: (n) => fmtMs(n, 1) },
  { label: '**long-task time**', pick: (r) => r.longTaskMs, fmt: ms },
  ...PROFILE_METRICS,
  { label: '**JS heap** after GC (CDP)', pick: (r) => r.heapBytes, fmt: mib },
  { label: 'DOM nodes (CDP)', pick: (r) => r.nodes, fmt: count },
];

const GITHUB_METRICS: Metric[] = [
  { label: 'load event', pick: (r) => r.loadMs, fmt: ms },
  { label: 'time to first hint', pick: (r) => r.firstFindingMs, fmt: ms },
  { label: 'all hints placed (last hint change)', pick: (r) => r.lastHintMs, fmt: ms },
  { label: 'hint hosts on the page', pick: (r) => r.hints, fmt: count },
  { label: 'main-thread task time (CDP)', pick: (r) => r.taskMs, fmt: ms },
  { label: 'script time (CDP)', pick: (r) => r.scriptMs, fmt: (n) => fmtMs(n, 1) },
  { label: '**long-task time**', pick: (r) => r.longTaskMs, fmt: ms },
  { label: 'longest task', pick: (r) => r.longestTaskMs, fmt: ms },
  ...PROFILE_METRICS,
  { label: 'JS heap after GC (CDP)', pick: (r) => r.heapBytes, fmt: mib },
];

function pageTables(pages: PageCase[], all: Runs[], reps: number, metrics: Metric[]): string[] {
  return pages.flatMap((page, i) => [
    `**${page.label}** (\`${page.host}${page.path}\`)`,
    '',
    table(tableHead(reps), rows(all[i] as Runs, metrics)),
    '',
    'The extension’s CPU time by function (profile, as in part 2):',
    '',
    profileTable((all[i] as Runs).ext, 'byFunction', 6),
    '',
  ]);
}

export async function benchIdlePages(reps: number, log: (line: string) => void): Promise<Section> {
  const all = await measurePages(IDLE_PAGES, reps, log);
  const budget = BUDGETS.idlePages;
  return {
    title: '3. Pages where the extension shows nothing, with and without it',
    body: [
      'The fixed cost of the content scripts on every trello.com and github.com page: trello.com’s home',
      'page and a repository’s code page (file list and README), with the team’s set-up (Trello and',
      'GitHub connected). Alternating loads as in part 2; each ends when the page has settled.',
      '',
      ...pageTables(IDLE_PAGES, all, reps, IDLE_METRICS),
    ].join('\n'),
    checks: IDLE_PAGES.flatMap((page, i): Check[] => {
      const runs = all[i] as Runs;
      return [
        check(
          `${page.label}: extra long-task time`,
          extra(runs, (r) => r.longTaskMs),
          budget.extraLongTaskMs,
          ms,
        ),
        check(
          `${page.label}: extra JavaScript time (profile)`,
          extra(runs, (r) => r.extension?.scriptMs),
          budget.extraScriptMs,
          (n) => fmtMs(n, 1),
        ),
        check(
          `${page.label}: extra JS heap`,
          extra(runs, (r) => r.heapBytes),
          budget.extraHeapKiB * 1024,
          (n) => fmtBytes(Math.round(n)),
        ),
      ];
    }),
  };
}

export async function benchGitHubPages(
  reps: number,
  log: (line: string) => void,
): Promise<Section> {
  const all = await measurePages(GITHUB_PAGES, reps, log);
  const budget = BUDGETS.githubPages;
  return {
    title: '4. GitHub pages with hints, with and without the extension',
    body: [
      'The fake github.com pages (server-rendered in GitHub’s current markup, a small navigation script),',
      'with the team’s set-up: a pull request (review status, card link), the pull request list with',
      `${PULL_LIST_ROWS} open pull requests (a review badge per row) and a long issue (needs-card score).`,
      'Alternating loads as in part 2; an extension load waits for its first finding, then settles.',
      'Warm views: after the untimed first load the background answers from its 60 s cache.',
      'JavaScript time is from the CPU profile (CDP’s script time misses most of a content script’s',
      'work). The fake pages run almost no script of their own, so “JavaScript time over the page’s',
      'own” is far stricter here than on github.com, whose pages run hundreds of milliseconds of it.',
      '',
      ...pageTables(GITHUB_PAGES, all, reps, GITHUB_METRICS),
    ].join('\n'),
    checks: GITHUB_PAGES.flatMap((page, i): Check[] => {
      const runs = all[i] as Runs;
      return [
        check(
          `${page.label}: extra long-task time`,
          extra(runs, (r) => r.longTaskMs),
          budget.extraLongTaskMs,
          ms,
        ),
        check(
          `${page.label}: JavaScript time (profile) / baseline`,
          ratio(runs, (r) => r.extension?.scriptMs),
          budget.scriptPerBaseline,
          fmtRatio,
        ),
      ];
    }),
  };
}
