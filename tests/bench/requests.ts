// Part 4: requests per page view, counted in the fake's request log (see index.ts).

import type { BrowserContext } from 'playwright-core';
import { launchBrowser, seedStorage } from '../e2e/browser.ts';
import {
  FAKE_HOSTS,
  type FakeSites,
  type RequestLogEntry,
  startFakeSites,
} from '../fake/server.ts';
import { addOpenPulls, addRepo, createDemoState, DEMO } from '../fake/state.ts';
import { BUDGETS } from './budgets.ts';
import { measureLoad, withBothBrowsers } from './page.ts';
import { check, type Section } from './report.ts';
import { table } from './stats.ts';

/** The demo team's set-up: Trello and GitHub connected, a pipeline, a repository mapped to a board. */
export const TEAM_SETTINGS = {
  settings: {
    trello: { apiKey: DEMO.trelloKey, pipelineBoard: DEMO.pipeline },
    github: { repos: [DEMO.repo], boardForRepo: { [DEMO.repo]: DEMO.lernanta } },
  },
  secrets: { trelloToken: DEMO.trelloToken, githubToken: DEMO.githubToken },
};

interface View {
  label: string;
  host: string;
  path: string;
  /** Rules whose hints must show before the view counts as done. */
  rules: string[];
}

const VIEWS: View[] = [
  {
    label: 'Trello board',
    host: 'trello.com',
    path: `/b/${DEMO.lernanta}/lernanta`,
    rules: ['board.missing-lists', 'card.stale-in-progress', 'pr.reviews'],
  },
  {
    label: 'GitHub pull request',
    host: 'github.com',
    path: `/${DEMO.repo}/pull/41`,
    rules: ['pr.reviews'],
  },
];

/** Waits until the fake has had no request for `quietMs` (background work after the page settled). */
async function fakeQuiet(fake: FakeSites, quietMs = 1_000, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  let seen = fake.requests.length;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() - start > timeoutMs) throw new Error('the fake never went quiet');
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (fake.requests.length !== seen) {
      seen = fake.requests.length;
      since = Date.now();
    }
  }
}

async function clearHttpCache(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await page.close();
}

/** The requests of one view of `url`, once its hints show (if any) and everything went quiet. */
async function oneView(
  fake: FakeSites,
  context: BrowserContext,
  view: View,
  withExtension: boolean,
): Promise<RequestLogEntry[]> {
  await fakeQuiet(fake, 300);
  fake.requests.clear();
  await measureLoad(context, fake.url(view.host, view.path), {
    expectFinding: withExtension,
    expectRules: withExtension ? view.rules : [],
  });
  await fakeQuiet(fake);
  return [...fake.requests];
}

const describe = (r: RequestLogEntry) =>
  `${r.method} ${r.host}${r.path.replace(/\/__fake\/.*/, '/__fake/…')} → ${r.status}`;

/** Entries of `ext` not matched one-for-one by an entry of `base` (the extension's own requests). */
function added(ext: RequestLogEntry[], base: RequestLogEntry[]): RequestLogEntry[] {
  const left = base.map(describe);
  return ext.filter((r) => {
    const i = left.indexOf(describe(r));
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

interface Counted {
  label: string;
  ext: RequestLogEntry[];
  base: RequestLogEntry[];
}

export async function benchRequests(log: (line: string) => void): Promise<Section> {
  const fake = await startFakeSites({ state: createDemoState() });
  const counted: Counted[] = [];
  await withBothBrowsers(fake, async (ext, plain) => {
    for (const view of VIEWS) {
      // Cold: fresh extension storage (settings seeded again) and an empty HTTP cache.
      await ext.serviceWorker.evaluate(async () => {
        const { chrome } = globalThis as unknown as {
          chrome: { storage: Record<'local' | 'session', { clear(): Promise<void> }> };
        };
        await Promise.all([chrome.storage.local.clear(), chrome.storage.session.clear()]);
      });
      await seedStorage(ext.serviceWorker, TEAM_SETTINGS);
      await clearHttpCache(ext.context);
      await clearHttpCache(plain.context);
      const baseCold = await oneView(fake, plain.context, view, false);
      const extCold = await oneView(fake, ext.context, view, true);
      // Warm: the same page again right away, well within the 30 s / 60 s cache windows.
      const baseWarm = await oneView(fake, plain.context, view, false);
      const extWarm = await oneView(fake, ext.context, view, true);
      counted.push(
        { label: `${view.label}, cold`, ext: extCold, base: baseCold },
        { label: `${view.label}, warm`, ext: extWarm, base: baseWarm },
      );
      log(
        `  requests: ${view.label}: cold +${added(extCold, baseCold).length}, warm +${added(extWarm, baseWarm).length}`,
      );
    }
  });
  const refresh = await refreshRequests(log);
  const section = requestsSection(counted);
  return {
    ...section,
    body: [section.body, '', refresh.body].join('\n'),
    checks: [...section.checks, ...refresh.checks],
  };
}

const REFRESH_REPOS = 10;
const REFRESH_PULLS = 30;

/**
 * The summary's refresh over every open pull request of 10 watched repositories of 30 open PRs
 * each (issue 12): cold (empty storage), then warm (the same refresh once the one-minute cache
 * window is over, as the 15-minute alarm finds it). Counted in the fake's log of api.github.com,
 * by kind, with the conditional requests GitHub answered 304 (free).
 */
async function refreshRequests(log: (line: string) => void) {
  const state = createDemoState();
  const repos = Array.from({ length: REFRESH_REPOS }, (_, i) =>
    addRepo(state, { owner: 'team', name: `repo${i}` }),
  );
  for (const repo of repos) addOpenPulls(state, repo, REFRESH_PULLS);
  const fake = await startFakeSites({ state });
  const browser = await launchBrowser({ fake });
  try {
    await seedStorage(browser.serviceWorker, {
      ...TEAM_SETTINGS,
      settings: {
        ...TEAM_SETTINGS.settings,
        github: { repos: repos.map((r) => `team/${r.name}`), boardForRepo: {} },
      },
    });
    const popup = await browser.context.newPage();
    fake.requests.clear();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await fakeQuiet(fake, 1_500, 120_000);
    const cold = [...fake.requests];
    // Age every GitHub answer past the one-minute window: the next refresh asks conditionally.
    await browser.serviceWorker.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          storage: {
            session: {
              get(): Promise<Record<string, { fetchedAt?: number }>>;
              set(items: object): Promise<void>;
            };
          };
        };
      };
      const all = await chrome.storage.session.get();
      const aged = Object.fromEntries(
        Object.entries(all)
          .filter(([key]) => key.startsWith('gh:'))
          .map(([key, value]) => [
            key,
            { ...value, fetchedAt: (value.fetchedAt ?? 0) - 15 * 60_000 },
          ]),
      );
      await chrome.storage.session.set(aged);
    });
    fake.requests.clear();
    await popup.reload();
    await fakeQuiet(fake, 1_500, 120_000);
    const warm = [...fake.requests];
    await popup.close();
    const github = (entries: RequestLogEntry[]) =>
      entries.filter((r) => r.host === 'api.github.com' && r.path.startsWith('/'));
    const kind = (r: RequestLogEntry) =>
      /\/pulls$/.test(r.path)
        ? 'open pull requests (list)'
        : /\/issues$/.test(r.path)
          ? 'open issues (list)'
          : /\/reviews$/.test(r.path)
            ? 'reviews'
            : /\/comments$/.test(r.path)
              ? 'comments'
              : 'user, forks, other';
    const row = (label: string, entries: RequestLogEntry[]) => {
      const all = github(entries);
      const free = all.filter((r) => r.status === 304).length;
      const kinds = new Map<string, number>();
      for (const r of all) kinds.set(kind(r), (kinds.get(kind(r)) ?? 0) + 1);
      return {
        label,
        limited: all.length - free,
        cells: [
          label,
          String(all.length),
          String(free),
          `**${all.length - free}**`,
          [...kinds].map(([k, n]) => `${k} ${n}`).join(', '),
        ],
      };
    };
    const rows = [row('cold', cold), row('warm', warm)];
    log(
      `  requests: summary refresh: cold ${rows[0]?.limited}, warm ${rows[1]?.limited} rate-limited`,
    );
    return {
      body: [
        `Summary refresh, ${REFRESH_REPOS} watched repositories × ${REFRESH_PULLS} open pull requests (no card`,
        'links them; the demo boards; no PR has a comment). Requests to api.github.com; a 304 answers a',
        'conditional request and costs no rate limit. Cold: empty storage. Warm: the next refresh once the',
        'one-minute window has passed (nothing changed). Reviews are read once per pull request and',
        'reused while its `updated_at` is unchanged.',
        '',
        table(
          ['refresh', 'GitHub requests', '304 (free)', 'rate-limited', 'by kind'],
          rows.map((r) => r.cells),
        ),
      ].join('\n'),
      checks: rows.map((r) =>
        check(
          `Summary refresh (10 × 30 PRs), ${r.label}: rate-limited GitHub requests`,
          r.limited,
          BUDGETS.requests[`Summary refresh, ${r.label}`] ?? 0,
          String,
        ),
      ),
    };
  } finally {
    await browser.close();
    await fake.close();
  }
}

function requestsSection(counted: Counted[]): Section {
  const perHost = (entries: RequestLogEntry[], host: string) =>
    entries.filter((r) => r.host === host).length;
  const rows = counted.map(({ label, ext, base }) => {
    const extra = added(ext, base);
    return [
      label,
      ...FAKE_HOSTS.map((host) => {
        const e = perHost(ext, host);
        const b = perHost(base, host);
        return e === b ? String(e) : `${e} (${b} without, +${e - b})`;
      }),
      `**+${extra.length}**`,
    ];
  });
  const details = counted.map(({ label, ext, base }) => {
    const tally = new Map<string, number>();
    for (const r of added(ext, base)) {
      const key = describe(r);
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const lines = [...tally].map(([key, n]) => `  - ${n > 1 ? `${n}× ` : ''}\`${key}\``);
    return `- ${label}: ${lines.length ? `\n${lines.join('\n')}` : 'none'}`;
  });
  return {
    title: '6. Requests per page view',
    body: [
      'Every request the fake trello.com / api.trello.com / github.com / api.github.com received for one',
      'view, with the demo team set-up (Trello and GitHub connected, a pipeline board, the repository',
      'mapped to the board). Cold: fresh extension storage and an empty HTTP cache; warm: the same page',
      'again in a new tab right after (inside the 30 s board and 60 s GitHub cache windows). The same',
      'views without the extension give the page’s own requests; the last column is what the extension adds.',
      '',
      table(['view', ...FAKE_HOSTS, 'added by the extension'], rows),
      '',
      'What the extension adds:',
      '',
      ...details,
    ].join('\n'),
    checks: counted.map(({ label, ext, base }) =>
      check(
        `${label}: requests added`,
        added(ext, base).length,
        BUDGETS.requests[label] ?? 0,
        String,
      ),
    ),
  };
}
