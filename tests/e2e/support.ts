// What real-browser tests share: one fake + one Chromium per file, and readers of our hints
// that look the way a user would (into the open shadow roots).

import type { Page } from 'playwright-core';
import { type FakeSites, startFakeSites } from '../fake/server.ts';
import { createDemoState } from '../fake/state.ts';
import { type LaunchedBrowser, launchBrowser } from './browser.ts';

export interface Bed {
  fake: FakeSites;
  browser: LaunchedBrowser;
}

export async function startBed(): Promise<Bed> {
  const fake = await startFakeSites({ state: createDemoState() });
  try {
    return { fake, browser: await launchBrowser({ fake }) };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

export async function stopBed(bed: Bed | undefined): Promise<void> {
  await bed?.browser.close();
  await bed?.fake.close();
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
    storage: { local: { clear(): Promise<void> }; session: { clear(): Promise<void> } };
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
  await bed.browser.serviceWorker
    .evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.runtime.reload())
    .catch(() => {}); // the worker dies while answering
}
