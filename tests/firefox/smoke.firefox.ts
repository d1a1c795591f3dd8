// Firefox smoke check (issue 7 §4): the Firefox build installs in stock Firefox ESR, its content
// scripts and background work against the fake sites, and the hints' shadow-root styles
// (constructable stylesheets) apply on a github.com page whose CSP blocks inline styles.
// Seen on Firefox ESR 153: a <style> element added by the content script would survive this CSP
// too, so the adopted-sheet count is what pins the mechanism, and the computed style that it works.

import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSites, startFakeSites } from '../fake/server.ts';
import { createDemoState, DEMO } from '../fake/state.ts';
import { type LaunchedFirefox, launchFirefox } from './firefox.ts';

let fake: FakeSites;
let firefox: LaunchedFirefox;
let page: Page | undefined;
let errors: string[];

beforeAll(async () => {
  const state = createDemoState();
  state.github.strictCsp = true;
  fake = await startFakeSites({ state });
  try {
    firefox = await launchFirefox(fake);
  } catch (error) {
    await fake.close();
    throw error;
  }
});

afterAll(async () => {
  await firefox?.close();
  await fake?.close();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
});

type Violations = { __cspViolations: string[] };

/** A fresh tab that records the page's errors and every CSP violation, then opens the URL. */
async function open(host: string, path: string): Promise<Page> {
  page = await firefox.browser.newPage();
  errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as Violations).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  await page.goto(fake.url(host, path));
  return page;
}

/** Waits for a hint host of `rule` whose shadow root reads `text`, and returns that text. */
async function waitForHint(page: Page, rule: string, text: string): Promise<string> {
  const handle = await page.waitForFunction(
    (rule: string, text: string) =>
      [...document.querySelectorAll(`[data-process-hint="${rule}"]`)]
        .map((host) => host.shadowRoot?.textContent ?? '')
        .find((shown) => shown.includes(text)),
    { timeout: 20_000 },
    rule,
    text,
  );
  return (await handle.jsonValue()) as string;
}

interface HintStyles {
  adoptedSheets: number;
  rules: number;
  /** The host's own margin, set by the sheet's :host rule. */
  hostMargin: string;
  badge: { radius: string; background: string; display: string };
  /** The same button in a shadow root without our sheet: what the browser alone gives it. */
  unstyled: { radius: string; background: string; display: string };
}

/** How the badge of the hint reading `text` is styled, against the same markup without our sheet. */
function hintStyles(page: Page, rule: string, text: string): Promise<HintStyles> {
  return page.evaluate(
    (rule: string, text: string) => {
      const host = [...document.querySelectorAll(`[data-process-hint="${rule}"]`)].find((h) =>
        h.shadowRoot?.textContent?.includes(text),
      );
      const root = host?.shadowRoot;
      const badge = root?.querySelector('button.hint');
      if (!host || !root || !badge) throw new Error(`no ${rule} badge reading "${text}"`);
      const look = (el: Element) => {
        const style = getComputedStyle(el);
        return {
          radius: style.borderTopLeftRadius,
          // A badge paints its severity's tint over an opaque surface (components/styles.ts):
          // the tint is the colour of its gradient layer.
          background: style.backgroundImage.match(/rgba?\([^)]*\)/)?.[0] ?? 'none',
          display: style.display,
        };
      };
      const probeHost = document.createElement('div');
      const probeRoot = probeHost.attachShadow({ mode: 'open' });
      const probe = badge.cloneNode(false) as Element;
      probeRoot.append(probe);
      document.body.append(probeHost);
      const unstyled = look(probe);
      probeHost.remove();
      return {
        adoptedSheets: root.adoptedStyleSheets.length,
        rules: root.adoptedStyleSheets[0]?.cssRules.length ?? 0,
        hostMargin: getComputedStyle(host).marginLeft,
        badge: look(badge),
        unstyled,
      };
    },
    rule,
    text,
  );
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as Violations).__cspViolations);

describe('Firefox build in Firefox ESR', () => {
  it('installs as a temporary add-on under its gecko id', () => {
    expect(firefox.extensionId).toBe('process-lens@p2pu.org');
  });

  it('on a pull request under a strict CSP: the review hint shows, styled by its adopted sheet', async () => {
    const page = await open('github.com', `/${DEMO.repo}/pull/42`);
    const text = await waitForHint(page, 'pr.reviews', 'Approvals from others');
    expect(text).toContain('Approvals from others: 0 of 1');

    const styles = await hintStyles(page, 'pr.reviews', 'Approvals from others');
    expect(styles.adoptedSheets).toBe(1);
    expect(styles.rules).toBeGreaterThan(10);
    expect(styles.hostMargin).toBe('6px'); // the :host rule reaches the light-DOM host too
    // .hint and .sev-warn of components/styles.ts, which the browser's own button style is not;
    // the tint is GitHub's own --bgColor-attention-muted of its light theme (tests/fake/themes.ts).
    expect(styles.badge).toEqual({
      radius: '12px',
      background: 'rgb(255, 248, 197)',
      display: 'inline-flex',
    });
    expect(styles.unstyled).not.toEqual(styles.badge);
    expect(styles.unstyled.radius).not.toBe('12px');
    expect(styles.unstyled.background).toBe('none');

    // The background read the pull request from api.github.com (through the proxy, in Firefox).
    expect(fake.requests.matching({ host: 'api.github.com' }).length).toBeGreaterThan(0);
    expect(await violations(page), 'our UI causes no CSP violation').toEqual([]);
    expect(errors, 'no uncaught error and no console error on the page').toEqual([]);

    // The policy is really enforced on this page: an inline <style> the page adds does not apply.
    const inlineRadius = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '#csp-probe { border-top-left-radius: 7px }';
      const probe = document.createElement('div');
      probe.id = 'csp-probe';
      document.head.append(style);
      document.body.append(probe);
      const radius = getComputedStyle(probe).borderTopLeftRadius;
      probe.remove();
      style.remove();
      return radius;
    });
    expect(inlineRadius).toBe('0px');
    await page.waitForFunction(
      () =>
        (window as unknown as Violations).__cspViolations.some((v) => v.startsWith('style-src')),
      { timeout: 5_000 },
    );
  });

  it('on a Trello board with no settings: the missing-lists hint shows, styled', async () => {
    const page = await open('trello.com', `/b/${DEMO.lernanta}/lernanta`);
    const text = await waitForHint(page, 'board.missing-lists', 'process lists missing');
    expect(text).toContain('2 process lists missing: Would be nice, Stuck');
    // Read once with the trello.com session (Firefox gives the background's fetch the cookies too).
    const reads = fake.requests.matching({ path: `/1/boards/${DEMO.lernanta}` });
    expect(reads.filter((r) => r.auth === 'session' && r.status === 200)).toHaveLength(1);
    const styles = await hintStyles(page, 'board.missing-lists', 'process lists missing');
    expect(styles.adoptedSheets).toBe(1);
    expect(styles.badge.radius).toBe('12px');
    // Atlassian's --ds-background-warning of Trello's light theme.
    expect(styles.badge.background).toBe('rgb(255, 247, 214)');
    expect(errors, 'no uncaught error and no console error on the page').toEqual([]);
  });

  it('from trello.com’s home page to a board without a page load: the hints arrive', async () => {
    // The starter, not WXT's context, watches the URL here (Firefox ESR 153 has the Navigation API).
    const page = await open('trello.com', '/');
    const link = await page.waitForSelector(`a[href^="/b/${DEMO.lernanta}/"]`);
    // A mark on this document: still there after the navigation, so the page did not load again.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    await link?.click();
    await page.waitForFunction(
      (board: string) => location.pathname.startsWith(`/b/${board}/`),
      {},
      DEMO.lernanta,
    );
    const text = await waitForHint(page, 'board.missing-lists', 'process lists missing');
    expect(text).toContain('2 process lists missing: Would be nice, Stuck');
    expect(await page.evaluate(() => '__sameDocument' in window)).toBe(true);
    expect(errors, 'no uncaught error and no console error on the page').toEqual([]);
  });
});
