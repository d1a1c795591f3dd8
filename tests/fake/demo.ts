// `npm start` (after `wxt build`, run with tsx): the extension on an offline copy of Trello and GitHub.
//
//   tsx tests/fake/demo.ts                    headed Chromium on the fake sites (needs a display)
//   tsx tests/fake/demo.ts --screenshot DIR   headless; writes DIR/<page>.png once the hints show
//   tsx tests/fake/demo.ts --live             the extension on the real trello.com and github.com
//   add --dark for the sites' dark themes and a dark system (screenshots get a `-dark` suffix)
//   add --extension DIR to load another unpacked build than .output/chrome-mv3

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import {
  ChromiumMissingError,
  chromiumPath,
  type LaunchedBrowser,
  launchBrowser,
  seedStorage,
} from '../e2e/browser.ts';
import { type FakeSites, startFakeSites } from './server.ts';
import { createDemoState, DEMO, demoHistory, demoStorage, type FakeState } from './state.ts';
import { GITHUB_DARK, TRELLO_DARK } from './themes.ts';

export interface DemoPage {
  /** File name of the screenshot, without `.png`. */
  name: string;
  /** URL, or a path inside the extension (`popup.html`). */
  url: string;
  /** The page's main element: the page is broken if it never appears. */
  anchor: string;
  /** Rule ids whose `[data-process-hint]` must show before the screenshot. */
  hints: string[];
  /** Other selectors that must show (extension pages). */
  expect?: string[];
  /** Focus this element before the screenshot (shows a hint's details, as keyboard users see them). */
  reveal?: string;
  /** Click this element, then wait for `opens` before the screenshot (a dialog). */
  click?: { selector: string; opens: string };
  viewport?: { width: number; height: number };
  /** Screenshot only this element (a part of an extension page). */
  clip?: string;
}

/**
 * The demo's storage: the e2e workspace, also watching the board whose lists have their own names
 * (its hints offer Rename / Keep the name; the e2e popup counts do not include it).
 */
function demoWorkspace(): Record<string, unknown> {
  const storage = demoStorage() as { settings: { trello: { boards: string[] } } };
  storage.settings.trello.boards.push(DEMO.synonyms);
  return storage;
}

export const DEMO_PAGES: DemoPage[] = [
  {
    name: 'trello-lernanta-board',
    url: `https://trello.com/b/${DEMO.lernanta}/lernanta`,
    anchor: 'h1[data-testid="board-name-display"]',
    hints: ['board.missing-lists', 'card.stale-in-progress', 'pr.reviews'],
  },
  {
    name: 'trello-lernanta-hint-details',
    url: `https://trello.com/b/${DEMO.lernanta}/lernanta`,
    anchor: 'h1[data-testid="board-name-display"]',
    hints: ['board.missing-lists'],
    reveal: '[data-process-hint="board.missing-lists"] button',
  },
  {
    name: 'trello-mechanical-mooc-board',
    url: `https://trello.com/b/${DEMO.mooc}/mechanical-mooc`,
    anchor: 'h1[data-testid="board-name-display"]',
    hints: ['board.missing-lists', 'card.stuck', 'card.stale-in-progress'],
    viewport: { width: 1600, height: 800 },
  },
  {
    name: 'trello-list-roles',
    url: `https://trello.com/b/${DEMO.synonyms}/website`,
    anchor: 'h1[data-testid="board-name-display"]',
    hints: ['board.missing-lists', 'card.stale-in-progress', 'card.stuck'],
    reveal: '[data-process-hint="board.missing-lists"] button',
    viewport: { width: 1400, height: 800 },
  },
  {
    name: 'trello-badges-board',
    url: `https://trello.com/b/${DEMO.untidy}/badges`,
    anchor: 'h1[data-testid="board-name-display"]',
    hints: ['board.not-in-pipeline'],
  },
  {
    name: 'trello-project-pipeline',
    url: `https://trello.com/b/${DEMO.pipeline}/project-pipeline`,
    anchor: 'h1[data-testid="board-name-display"]',
    hints: [
      'pipeline.review-due',
      'pipeline.overdue',
      'pipeline.deadline-too-far',
      'pipeline.no-deadline',
      'pipeline.no-board',
      'pipeline.stale',
    ],
  },
  {
    name: 'github-pull-request',
    url: `https://github.com/${DEMO.repo}/pull/42`,
    anchor: 'h1[data-component="PH_Title"]',
    hints: ['pr.reviews', 'pr.not-from-fork', 'pr.no-card'],
  },
  {
    name: 'github-pull-request-approved',
    url: `https://github.com/${DEMO.repo}/pull/41`,
    anchor: 'h1[data-component="PH_Title"]',
    hints: ['pr.reviews'],
  },
  {
    name: 'github-pull-list',
    url: `https://github.com/${DEMO.repo}/pulls`,
    anchor: 'a[href*="/pull/"]',
    hints: ['pr.reviews'],
  },
  {
    name: 'github-issue',
    url: `https://github.com/${DEMO.repo}/issues/44`,
    anchor: '[data-testid="issue-header"]',
    hints: ['issue.needs-card'],
  },
  {
    name: 'github-move-issue-dialog',
    url: `https://github.com/${DEMO.repo}/issues/44`,
    anchor: '[data-testid="issue-header"]',
    hints: ['issue.needs-card'],
    click: {
      selector: '[data-process-action="move-issue-to-card"] button.hint',
      opens: '[data-move-dialog] select[name="list"] option',
    },
  },
  {
    name: 'popup',
    url: 'popup.html',
    anchor: 'main',
    hints: [],
    expect: [
      '[data-process-agenda]',
      '[data-process-count="card.stuck"]',
      '[data-waiting-review]',
      '[data-process-history] svg',
    ],
    viewport: { width: 400, height: 1600 },
  },
  {
    name: 'process-health',
    url: 'popup.html',
    anchor: 'main',
    hints: [],
    expect: ['[data-process-history] svg rect'],
    clip: '[data-process-history]',
    viewport: { width: 400, height: 1600 },
  },
  {
    name: 'options',
    url: 'options.html',
    anchor: 'form',
    hints: [],
    viewport: { width: 900, height: 1000 },
  },
];

const WAIT_MS = 15_000;

interface Args {
  mode: 'headed' | 'screenshot' | 'live';
  dir: string;
  extensionPath?: string;
  /** The sites in their dark themes, and the system dark (the popup and options follow it). */
  dark: boolean;
}

/** The value after `flag`, undefined when the flag is absent. */
function option(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i < 0) return undefined;
  const value = argv[i + 1];
  if (!value || value.startsWith('--')) fail(`Usage: npm start -- ${flag} DIR`);
  return value;
}

function parseArgs(argv: string[]): Args {
  const ext = option(argv, '--extension');
  const extension = ext ? { extensionPath: resolve(ext) } : {};
  const dark = argv.includes('--dark');
  const dir = option(argv, '--screenshot');
  if (dir) return { mode: 'screenshot', dir: resolve(dir), dark, ...extension };
  return { mode: argv.includes('--live') ? 'live' : 'headed', dir: '', dark, ...extension };
}

/** The demo workspace, with the sites in their dark themes when asked. */
function demoState(dark: boolean): FakeState {
  const state = createDemoState();
  if (dark) {
    state.github.theme = GITHUB_DARK;
    state.trello.theme = TRELLO_DARK;
  }
  return state;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function hasDisplay(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function pageUrl(browser: LaunchedBrowser, page: DemoPage): string {
  return /^https?:/.test(page.url)
    ? page.url
    : `chrome-extension://${browser.extensionId}/${page.url}`;
}

/** Waits for each selector in turn within one overall deadline; returns those that never showed. */
async function waitForAll(page: Page, selectors: string[], deadline: number): Promise<string[]> {
  const missing: string[] = [];
  for (const selector of selectors) {
    const timeout = Math.max(deadline - Date.now(), 1);
    try {
      await page.waitForSelector(selector, { state: 'attached', timeout });
    } catch {
      missing.push(selector);
    }
  }
  return missing;
}

/** Two animation frames: the hints' React render has been painted. */
function settle(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

async function screenshotPage(
  browser: LaunchedBrowser,
  spec: DemoPage,
  dir: string,
  suffix: string,
): Promise<string[]> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  try {
    if (spec.viewport) await page.setViewportSize(spec.viewport);
    await page.goto(pageUrl(browser, spec), { waitUntil: 'domcontentloaded', timeout: WAIT_MS });
    const deadline = Date.now() + WAIT_MS;
    if ((await waitForAll(page, [spec.anchor], deadline)).length) {
      problems.push(
        `${spec.name}: the page's anchor ${spec.anchor} never appeared (is the fake page broken?)`,
      );
    } else {
      const hintSelectors = spec.hints.map((id) => `[data-process-hint="${id}"]`);
      const missing = await waitForAll(page, [...hintSelectors, ...(spec.expect ?? [])], deadline);
      for (const m of missing)
        problems.push(`${spec.name}: ${m} did not appear within ${WAIT_MS / 1000} s`);
      if (spec.reveal && missing.length === 0) await page.focus(spec.reveal);
      if (spec.click && missing.length === 0) {
        await page.click(spec.click.selector);
        const notOpened = await waitForAll(page, [spec.click.opens], Date.now() + WAIT_MS);
        for (const m of notOpened) problems.push(`${spec.name}: ${m} did not open`);
      }
      await settle(page);
    }
  } catch (err) {
    problems.push(`${spec.name}: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    const file = resolve(dir, `${spec.name}${suffix}.png`);
    await (spec.clip
      ? page.locator(spec.clip).screenshot({ path: file })
      : page.screenshot({ path: file })
    ).then(
      () => console.log(file),
      (err: Error) =>
        problems.push(`${spec.name}: screenshot failed: ${err.message.split('\n')[0]}`),
    );
    await page.close();
  }
  return problems;
}

async function runScreenshots(dir: string, dark: boolean, extensionPath?: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const fake = await startFakeSites({ state: demoState(dark) });
  const browser = await launchBrowser({
    fake,
    headless: true,
    colorScheme: dark ? 'dark' : 'light',
    ...(extensionPath ? { extensionPath } : {}),
  }).catch(async (err: unknown) => {
    await fake.close();
    throw err;
  });
  try {
    await seedStorage(browser.serviceWorker, { ...demoWorkspace(), ...demoHistory(Date.now()) });
    const problems: string[] = [];
    const suffix = dark ? '-dark' : '';
    for (const spec of DEMO_PAGES)
      problems.push(...(await screenshotPage(browser, spec, dir, suffix)));
    if (problems.length) {
      console.error(
        `\nScreenshots written, but ${problems.length} expected element(s) were missing:`,
      );
      for (const p of problems) console.error(`  - ${p}`);
      return 1;
    }
    return 0;
  } finally {
    await browser.close();
    await fake.close();
  }
}

/** Keeps running until Ctrl+C or until the browser window is closed. */
async function runInteractive(live: boolean, dark: boolean, extensionPath?: string): Promise<void> {
  if (!hasDisplay()) {
    fail(
      'No display found (DISPLAY is not set), so a browser window cannot open.\n' +
        'Take screenshots instead:  npm start -- --screenshot shots',
    );
  }
  let fake: FakeSites | undefined;
  if (!live) fake = await startFakeSites({ state: demoState(dark) });
  const browser = await launchBrowser({
    headless: false,
    viewport: null,
    ...(dark ? { colorScheme: 'dark' as const } : {}),
    ...(fake ? { fake } : { live: true }),
    ...(extensionPath ? { extensionPath } : {}),
  }).catch(async (err: unknown) => {
    await fake?.close();
    throw err;
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await browser.close();
    await fake?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  browser.context.on('close', () => void stop(0));

  // One tab per demo page (several screenshots share a page).
  const urls = live
    ? ['https://trello.com/', 'https://github.com/']
    : [...new Set(DEMO_PAGES.map((p) => pageUrl(browser, p)))];
  if (!live)
    await seedStorage(browser.serviceWorker, { ...demoWorkspace(), ...demoHistory(Date.now()) });
  console.log(
    live
      ? 'Process Lens on the real sites (configure it in its options page):'
      : 'Process Lens demo (offline fake of trello.com and github.com):',
  );
  for (const url of urls) {
    const page = await browser.context.newPage();
    const opened = await page.goto(url, { waitUntil: 'domcontentloaded' }).then(
      () => true,
      (err: Error) => {
        console.error(`  could not open ${url}: ${err.message.split('\n')[0]}`);
        return false;
      },
    );
    if (opened) console.log(`  opened ${url}`);
  }
  // The persistent context starts with one blank tab; drop it.
  for (const page of browser.context.pages()) if (page.url() === 'about:blank') await page.close();
  console.log('Press Ctrl+C to stop.');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  try {
    chromiumPath();
  } catch (err) {
    if (err instanceof ChromiumMissingError) fail(err.message);
    throw err;
  }
  if (args.mode === 'screenshot')
    process.exit(await runScreenshots(args.dir, args.dark, args.extensionPath));
  await runInteractive(args.mode === 'live', args.dark, args.extensionPath);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: Error) => fail(`demo failed: ${err.message}`));
}
