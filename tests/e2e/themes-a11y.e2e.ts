// Themes and accessibility in the real browser: the hints, the panel and the move dialog follow
// GitHub's and Trello's themes (at load and when switched, without a reload), the popup and the
// options follow the system; every text meets its contrast, axe-core finds nothing serious, and
// the keyboard reaches everything (docs/architecture.md, "Themes").
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, demoStorage, findBoard } from '../fake/state.ts';
import type { GitHubTheme } from '../fake/themes.ts';
import {
  axeViolations,
  focused,
  type MeasuredText,
  measureTexts,
  OURS,
  tabThrough,
  tooLowContrast,
} from './a11y.ts';
import { seedStorage } from './browser.ts';
import { navigateGitHub, setUpTestBed, waitForHint, waitForPanel } from './support.ts';

const bed = setUpTestBed();

interface ThemeCase {
  name: string;
  theme: GitHubTheme;
  systemDark: boolean;
  scheme: 'light' | 'dark';
}

/** A GitHub theme setting, what the system says, and the scheme the hints must take. */
const github = (
  name: string,
  [colorMode, light, dark]: [GitHubTheme['colorMode'], string, string],
  systemDark: boolean,
  scheme: 'light' | 'dark',
): ThemeCase => ({ name, theme: { colorMode, light, dark }, systemDark, scheme });

const GITHUB_THEMES: ThemeCase[] = [
  github('light', ['light', 'light', 'dark'], true, 'light'),
  github('dark', ['dark', 'light', 'dark'], false, 'dark'),
  github('dark dimmed', ['dark', 'light', 'dark_dimmed'], false, 'dark'),
  github('dark high contrast', ['dark', 'light', 'dark_high_contrast'], false, 'dark'),
  github('light high contrast', ['light', 'light_high_contrast', 'dark'], true, 'light'),
  github('sync with system, system dark', ['auto', 'light', 'dark_dimmed'], true, 'dark'),
  github('sync with system, system light', ['auto', 'light', 'dark_dimmed'], false, 'light'),
];

/** Switches GitHub's theme on the open page, as its settings do: the attributes on <html>. */
async function switchGitHubTheme(page: Page, { theme, systemDark }: ThemeCase): Promise<void> {
  await page.emulateMedia({ colorScheme: systemDark ? 'dark' : 'light' });
  await page.evaluate((theme) => {
    const html = document.documentElement;
    html.setAttribute('data-color-mode', theme.colorMode);
    html.setAttribute('data-light-theme', theme.light);
    html.setAttribute('data-dark-theme', theme.dark);
  }, theme);
}

/** Waits until every host of ours says this scheme (the watcher is asynchronous). */
function hostsSay(page: Page, scheme: 'light' | 'dark'): Promise<unknown> {
  return page.waitForFunction(
    ({ ours, scheme }) => {
      const hosts = [...document.querySelectorAll(ours)];
      return (
        hosts.length > 0 && hosts.every((h) => h.getAttribute('data-process-theme') === scheme)
      );
    },
    { ours: OURS, scheme },
  );
}

/**
 * Every text of ours meets its contrast, and most sit on a ground of the scheme (dark grounds in a
 * dark theme: the colours changed, not only an attribute; a primary button is blue in both).
 */
function expectReadable(texts: MeasuredText[], scheme: 'light' | 'dark', where: string): void {
  expect(texts.length, `${where}: texts measured`).toBeGreaterThan(0);
  expect(tooLowContrast(texts), `${where}: contrast`).toEqual([]);
  const grounds = texts.map((t) => t.groundLuminance).sort((a, b) => a - b);
  const median = grounds[Math.floor(grounds.length / 2)] ?? 0;
  if (scheme === 'dark') expect(median, `${where}: a dark ground`).toBeLessThan(0.2);
  else expect(median, `${where}: a light ground`).toBeGreaterThan(0.5);
}

/** Opens a badge's details as a keyboard user does: focus on it. */
async function openDetails(page: Page, rule: string): Promise<void> {
  await page.locator(`[data-process-hint="${rule}"] button.hint`).first().focus();
  await page.locator(`[data-process-hint="${rule}"] .tip`).first().waitFor({ state: 'visible' });
}

describe('GitHub: the hints follow every theme GitHub offers', () => {
  it('switched while the page is open: every text of every severity meets its contrast, axe finds nothing serious', async () => {
    const severities = new Set<string>();
    const page = await bed.open('github.com', `/${DEMO.repo}/pull/42`);
    await waitForHint(page, 'pr.no-card', { severity: 'warn' });
    // A fix that fails (Trello not connected) shows as an error, with its reason in the details.
    await page.locator('[data-process-hint="pr.no-card"] button.hint').click();
    await waitForHint(page, 'pr.no-card', { text: 'not fixed' });
    await openDetails(page, 'pr.no-card');
    for (const pull of [42, 41]) {
      if (pull === 41) {
        await navigateGitHub(page, `/${DEMO.repo}/pull/41`);
        await waitForHint(page, 'pr.reviews', { severity: 'ok' });
        await openDetails(page, 'pr.reviews');
      }
      for (const themeCase of GITHUB_THEMES) {
        await switchGitHubTheme(page, themeCase);
        await hostsSay(page, themeCase.scheme);
        const texts = await measureTexts(page, OURS);
        expectReadable(texts, themeCase.scheme, `PR #${pull}, ${themeCase.name}`);
        for (const t of texts) if (t.severity) severities.add(t.severity);
        if (themeCase.name === 'light' || themeCase.name === 'dark')
          expect(await axeViolations(page, OURS), `PR #${pull}, ${themeCase.name}`).toEqual([]);
      }
    }
    // The failed fix marks its badge as an error: ok, warn and error all measured.
    expect([...severities].sort()).toEqual(['error', 'ok', 'warn']);
  });
});

describe('Trello: the hints follow light, dark and "match browser"', () => {
  it('dark at load, light when switched; every severity readable; axe finds nothing serious', async () => {
    bed.fake.state.trello.theme = { colorMode: 'dark' };
    const severities = new Set<string>();
    try {
      // The pipeline found by its name (nothing set up: a note offers to save it), then a
      // project board with the demo set up (the review status of its cards' pull requests).
      for (const [board, rule, setUp] of [
        [`/b/${DEMO.pipeline}/project-pipeline`, 'pipeline.overdue', false],
        [`/b/${DEMO.lernanta}/lernanta`, 'pr.reviews', true],
      ] as const) {
        if (setUp) await seedStorage(bed.browser.serviceWorker, demoStorage());
        const page = await bed.open('trello.com', board);
        await waitForHint(page, rule);
        await hostsSay(page, 'dark');
        await openDetails(page, rule);
        for (const scheme of ['dark', 'light'] as const) {
          // Trello switches by rewriting data-color-mode (its theme list stays).
          await page.evaluate(
            (scheme) => document.documentElement.setAttribute('data-color-mode', scheme),
            scheme,
          );
          await hostsSay(page, scheme);
          const texts = await measureTexts(page, OURS);
          expectReadable(texts, scheme, `${board}, ${scheme}`);
          for (const t of texts) if (t.severity) severities.add(t.severity);
          expect(await axeViolations(page, OURS), `${board}, ${scheme}`).toEqual([]);
        }
      }
      expect([...severities].sort()).toEqual(['error', 'info', 'ok', 'warn']);
    } finally {
      bed.fake.state.trello.theme = { colorMode: 'light' };
    }
  });

  it('"match browser": follows the system while the page is open', async () => {
    bed.fake.state.trello.theme = { colorMode: 'auto' };
    try {
      const page = await bed.newTab();
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(bed.fake.url('trello.com', `/b/${DEMO.pipeline}/project-pipeline`));
      await waitForHint(page, 'pipeline.overdue');
      await hostsSay(page, 'dark');
      expectReadable(await measureTexts(page, OURS), 'dark', 'system dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await hostsSay(page, 'light');
      expectReadable(await measureTexts(page, OURS), 'light', 'system light');
    } finally {
      bed.fake.state.trello.theme = { colorMode: 'light' };
    }
  });
});

describe('the floating panel', () => {
  it('in light and dark: readable, no serious axe finding, its button reached with Tab', async () => {
    const page = await bed.open('trello.com', `/b/${DEMO.mooc}/mechanical-mooc`);
    await waitForHint(page, 'card.stuck', { severity: 'warn' });
    // Trello renders lists lazily: a card's element goes away, its hint goes to the panel.
    const silent = findBoard(bed.fake.state, DEMO.mooc)?.cards.find(
      (c) => c.name === 'Mail server blocked',
    );
    await page.evaluate((shortLink) => {
      document
        .querySelector(`a[href^="/c/${shortLink}/"]`)
        ?.closest('[data-testid="list-card"]')
        ?.remove();
    }, silent?.shortLink);
    await waitForPanel(page, 'Stuck, and nothing says why');
    for (const scheme of ['light', 'dark'] as const) {
      await page.evaluate(
        (scheme) => document.documentElement.setAttribute('data-color-mode', scheme),
        scheme,
      );
      await hostsSay(page, scheme);
      expectReadable(await measureTexts(page, '[data-process-panel]'), scheme, `panel, ${scheme}`);
      expect(await axeViolations(page, '[data-process-panel]'), scheme).toEqual([]);
    }
    const stops = await tabThrough(page);
    const hide = stops.find((s) => s.name === 'button#Hide');
    expect(hide, stops.map((s) => s.name).join(', ')).toBeTruthy();
    expect(stops.filter((s) => !s.visible).map((s) => s.name)).toEqual([]);
  });
});

describe('keyboard and the move dialog', () => {
  it('Tab reaches the hint, its details open on focus and Escape hides them; the dialog opens with Enter, is readable and clean in light and dark, and Escape gives the focus back', async () => {
    await seedStorage(bed.browser.serviceWorker, demoStorage());
    const page = await bed.open('github.com', `/${DEMO.repo}/issues/44`);
    await waitForHint(page, 'issue.needs-card');
    // Every stop on the page, our badge among them, shows where the focus is.
    const stops = await tabThrough(page);
    expect(stops.filter((s) => !s.visible).map((s) => s.name)).toEqual([]);
    const badge = stops.find((s) => s.hint === 'issue.needs-card');
    expect(badge, stops.map((s) => s.name).join(', ')).toBeTruthy();
    // Back to the badge with Tab alone.
    while ((await focused(page))?.id !== badge?.id) await page.keyboard.press('Tab');
    const tip = page.locator('[data-process-hint="issue.needs-card"] .tip');
    await tip.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    expect((await focused(page))?.id).toBe(badge?.id);

    await page.keyboard.press('Enter');
    const dialog = page.locator('[data-move-dialog]');
    await dialog.locator('select[name="list"] option').first().waitFor({ state: 'attached' });
    for (const themeCase of [GITHUB_THEMES[1], GITHUB_THEMES[2], GITHUB_THEMES[0]]) {
      if (!themeCase) continue;
      await switchGitHubTheme(page, themeCase);
      await hostsSay(page, themeCase.scheme);
      const texts = await measureTexts(page, '[data-process-hint="issue.needs-card"]');
      expect(texts.some((t) => t.text.startsWith('Move this issue'))).toBe(true);
      expectReadable(texts, themeCase.scheme, `move dialog, ${themeCase.name}`);
      expect(await axeViolations(page, OURS), themeCase.name).toEqual([]);
    }
    // Inside the dialog, Tab goes round its own controls, each with a visible focus.
    const inDialog = await tabThrough(page, 20);
    expect(inDialog.map((s) => s.name.split('#')[0])).toEqual(
      expect.arrayContaining(['select', 'input', 'button']),
    );
    expect(inDialog.filter((s) => !s.visible).map((s) => s.name)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await focused(page))?.id).toBe(badge?.id);
  });
});

describe('popup and options follow the system scheme', () => {
  async function checkBothSchemes(page: Page, where: string): Promise<void> {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expectReadable(await measureTexts(page), scheme, `${where}, ${scheme}`);
      expect(await axeViolations(page), `${where}, ${scheme}`).toEqual([]);
    }
  }

  it('the popup: first run, full and failing; every action reached with Tab, focus visible', async () => {
    const empty = await bed.openExtensionPage('popup.html');
    await empty.getByRole('button', { name: 'Connect Trello' }).waitFor();
    await checkBothSchemes(empty, 'popup, first run');

    await seedStorage(bed.browser.serviceWorker, demoStorage());
    const full = await bed.openExtensionPage('popup.html');
    await full.locator('[data-process-agenda]').waitFor();
    await full.locator('main[aria-busy="false"]').waitFor();
    await checkBothSchemes(full, 'popup, full');
    const stops = await tabThrough(full);
    const actions = await full.evaluate(
      () =>
        document.querySelectorAll(
          'button:not(:disabled), a[href], input, select, textarea, [tabindex="0"]',
        ).length,
    );
    expect(stops.length).toBe(actions);
    expect(stops.filter((s) => !s.visible).map((s) => s.name)).toEqual([]);

    // Trello failing: the cached boards are forgotten, and every read answers 500.
    await bed.browser.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { session: { clear(): Promise<void> } } } }
      ).chrome.storage.session.clear(),
    );
    bed.fake.faults.add({ host: 'api.trello.com', path: /^\/1\/boards\//, status: 500 });
    await full.getByRole('button', { name: 'Refresh' }).click();
    await full.locator('[data-not-refreshed]').first().waitFor();
    await full.locator('main[aria-busy="false"]').waitFor();
    await checkBothSchemes(full, 'popup, failing');
  });

  it('the options page; every field reached with Tab, focus visible', async () => {
    const page = await bed.openExtensionPage('options.html');
    await page.locator('form').waitFor();
    await checkBothSchemes(page, 'options');
    const stops = await tabThrough(page, 120);
    const fields = await page.evaluate(
      () =>
        [
          ...document.querySelectorAll(
            'button:not(:disabled), a[href], input, select, textarea, [tabindex="0"]',
          ),
        ].filter((el) => el.checkVisibility()).length,
    );
    expect(stops.length).toBe(fields);
    expect(stops.filter((s) => !s.visible).map((s) => s.name)).toEqual([]);
  });
});
