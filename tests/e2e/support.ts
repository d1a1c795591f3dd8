// What real-browser tests share: one fake + one Chromium per file (`setUpTestBed`, called once at
// the top of each file), and readers of our hints that look the way a user would (into the open
// shadow roots).

import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type FakeSites, startFakeSites } from '../fake/server.ts';
import { createDemoState, DEMO } from '../fake/state.ts';
import { type LaunchedBrowser, launchBrowser, seedStorage } from './browser.ts';

export interface Bed {
  fake: FakeSites;
  browser: LaunchedBrowser;
}

/** A file's fake and browser, and the tabs its tests open (each watched for page errors). */
export interface TestBed extends Bed {
  /** A new tab on a fake site (`trello.com`, `github.com`) at `path`. */
  open(host: string, path: string): Promise<Page>;
  /** A new tab on one of the extension's own pages (`popup.html`, `options.html`). */
  openExtensionPage(file: string): Promise<Page>;
  /** A new blank tab. */
  newTab(): Promise<Page>;
}

async function startBed(): Promise<Bed> {
  const fake = await startFakeSites({ state: createDemoState() });
  try {
    return { fake, browser: await launchBrowser({ fake }) };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

async function stopBed(bed: Bed | undefined): Promise<void> {
  await bed?.browser.close();
  await bed?.fake.close();
}

/** Browsers whose extension was reloaded: their storage can no longer be reached (no worker). */
const reloaded = new WeakSet<LaunchedBrowser>();

/**
 * The set-up every e2e file shares, registered by calling this once at the top of the file: the
 * demo fake and a Chromium with the built extension start before the file's tests and stop after
 * them. After each test the tabs it opened through the bed are closed, the fake's faults and the
 * extension's storage are cleared, and none of those tabs may have had an uncaught error, a console
 * error or a dialog. A file's own `afterEach` hooks run before this one.
 */
export function setUpTestBed(): TestBed {
  let started: Bed | undefined;
  let tabs: { page: Page; errors: string[] }[] = [];
  const running = (): Bed => {
    if (!started)
      throw new Error('the test bed starts in beforeAll: use it inside tests and hooks');
    return started;
  };

  beforeAll(async () => {
    started = await startBed();
  });
  afterAll(() => stopBed(started));
  afterEach(async () => {
    const closing = tabs;
    tabs = [];
    await Promise.all(closing.map((tab) => tab.page.close().catch(() => {})));
    if (!started) return;
    started.fake.faults.clear();
    if (!reloaded.has(started.browser)) await clearExtensionStorage(started);
    expect(
      closing.flatMap((tab) => tab.errors),
      'nothing executed (no dialog), no uncaught error and no console error on the pages',
    ).toEqual([]);
  });

  const newTab = async (): Promise<Page> => {
    const page = await running().browser.context.newPage();
    tabs.push({ page, errors: watchErrors(page) });
    return page;
  };
  const visit = async (url: string): Promise<Page> => {
    const page = await newTab();
    await page.goto(url);
    return page;
  };
  return {
    get fake() {
      return running().fake;
    },
    get browser() {
      return running().browser;
    },
    newTab,
    open: (host, path) => visit(running().fake.url(host, path)),
    openExtensionPage: (file) =>
      visit(`chrome-extension://${running().browser.extensionId}/${file}`),
  };
}

export interface SeenHint {
  severity: string | null;
  subject: string | null;
  text: string;
  /** Where the host sits: the previous sibling's data-testid, or the parent's. */
  after: string | null;
  inside: string | null;
}

/** Every hint host for a rule, as the page shows it now. */
export function readHints(page: Page, rule: string): Promise<SeenHint[]> {
  return page.evaluate((rule) => {
    return [...document.querySelectorAll(`[data-process-hint="${rule}"]`)].map((host) => ({
      severity: host.getAttribute('data-process-severity'),
      subject: host.getAttribute('data-process-subject'),
      text: host.shadowRoot?.textContent ?? '',
      after: host.previousElementSibling?.getAttribute('data-testid') ?? null,
      inside: host.parentElement?.getAttribute('data-testid') ?? null,
    }));
  }, rule);
}

/**
 * Waits until the rule's hints match `expected` (severity and/or text) and returns them as read in
 * that same moment (the page may re-render right after).
 */
export async function waitForHint(
  page: Page,
  rule: string,
  expected: { severity?: string; text?: string } = {},
  timeout = 10_000,
): Promise<SeenHint[]> {
  const handle = await page.waitForFunction(
    ({ rule, severity, text }) => {
      const hosts = [...document.querySelectorAll(`[data-process-hint="${rule}"]`)];
      // React renders into the host a moment after the host is placed: wait for its text too.
      const matches = hosts.some((host) => {
        const shown = host.shadowRoot?.textContent ?? '';
        return (
          shown !== '' &&
          (!severity || host.getAttribute('data-process-severity') === severity) &&
          (!text || shown.includes(text))
        );
      });
      if (!matches) return false;
      return hosts.map((host) => ({
        severity: host.getAttribute('data-process-severity'),
        subject: host.getAttribute('data-process-subject'),
        text: host.shadowRoot?.textContent ?? '',
        after: host.previousElementSibling?.getAttribute('data-testid') ?? null,
        inside: host.parentElement?.getAttribute('data-testid') ?? null,
      }));
    },
    { rule, severity: expected.severity, text: expected.text },
    { timeout },
  );
  return (await handle.jsonValue()) as SeenHint[];
}

/** The floating panel's text once it contains `text`. */
export async function waitForPanel(page: Page, text: string, timeout = 10_000): Promise<string> {
  await page.waitForFunction(
    (text) =>
      (document.querySelector('[data-process-panel]')?.shadowRoot?.textContent ?? '').includes(
        text,
      ),
    text,
    { timeout },
  );
  return page.evaluate(
    () => document.querySelector('[data-process-panel]')?.shadowRoot?.textContent ?? '',
  );
}

/** Navigates the fake github.com the way Turbo does (no page load): fetch, swap, `turbo:render`. */
export function navigateGitHub(page: Page, path: string): Promise<void> {
  return page.evaluate(
    (path) =>
      (
        window as unknown as { __fakeGitHub: { navigate(p: string): Promise<void> } }
      ).__fakeGitHub.navigate(path),
    path,
  );
}

/** Uncaught errors and console errors of the page, ignoring the network's own 4xx/5xx notes. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return errors;
}

type ChromeGlobal = {
  chrome: {
    storage: {
      local: { clear(): Promise<void> };
      session: { clear(): Promise<void> };
    };
    runtime: { reload(): void };
  };
};

/** Fresh extension storage: no settings, no secrets, no cached snapshots. */
export async function clearExtensionStorage(bed: Bed): Promise<void> {
  await bed.browser.serviceWorker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ChromeGlobal;
    await Promise.all([chrome.storage.local.clear(), chrome.storage.session.clear()]);
  });
}

/**
 * Reloads the extension, as an update does. Chromium does not start the unpacked extension's
 * worker again here, so this is the last thing a browser does.
 */
export async function reloadExtension(bed: Bed): Promise<void> {
  reloaded.add(bed.browser);
  await bed.browser.serviceWorker
    .evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.runtime.reload())
    .catch(() => {}); // the worker dies while answering
}

/** Trello and GitHub connected, the demo repository watched and mapped to the Lernanta board. */
export function connectTrelloAndGitHub(bed: Bed): Promise<void> {
  return seedStorage(bed.browser.serviceWorker, {
    settings: {
      trello: { apiKey: DEMO.trelloKey },
      github: { repos: [DEMO.repo], boardForRepo: { [DEMO.repo]: DEMO.lernanta } },
    },
    secrets: { trelloToken: DEMO.trelloToken, githubToken: DEMO.githubToken },
  });
}
