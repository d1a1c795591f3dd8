import { describe, expect, it } from 'vitest';
import {
  extensionPageTokenCss,
  hostTokenCss,
  type Palette,
  TOKENS,
  type TokenRole,
  tokenValue,
} from '../../components/theme-tokens';
import { contrastRatio, parseColor } from '../contrast';
import { ATLASSIAN_THEMES, PRIMER_THEMES } from '../fake/themes';

const PALETTES: Palette[] = ['light', 'dark', 'light-high', 'dark-high'];
const SEVERITIES = ['ok', 'info', 'warn', 'error'] as const;

describe('contrast helper', () => {
  it('measures the WCAG ratio, either way round', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('rgb(0, 0, 0)', 'rgba(255, 255, 255, 1)')).toBeCloseTo(21, 5);
  });

  it('paints a translucent background over what is under it', () => {
    // Half-transparent white over black is mid grey (mixed in sRGB, as browsers paint it).
    expect(contrastRatio('#000', 'rgba(255, 255, 255, 0.5)', '#000')).toBeCloseTo(
      contrastRatio('#000', '#808080'),
      1,
    );
    expect(contrastRatio('#fff', 'rgba(0, 0, 0, 0)', '#fff')).toBeCloseTo(1, 5);
  });

  it('refuses what it cannot read, by name', () => {
    expect(() => parseColor('oklch(0.5 0.1 120)')).toThrow('not a colour this helper reads');
    expect(() => parseColor('rgb(1, 2)')).toThrow('"rgb(1, 2)"');
  });
});

describe('our colours (what shows where the page has no variable)', () => {
  const value = (role: TokenRole, palette: Palette) => tokenValue(role, palette);

  it.each(PALETTES)('%s: every severity badge reads at 4.5:1 and its icon at 3:1', (palette) => {
    const surface = value('surface', palette);
    for (const severity of SEVERITIES) {
      const tint = value(`${severity}-bg`, palette);
      expect(contrastRatio(value('fg', palette), tint, surface), severity).toBeGreaterThanOrEqual(
        4.5,
      );
      expect(
        contrastRatio(value(severity, palette), tint, surface),
        severity,
      ).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(PALETTES)('%s: text, links and controls on both surfaces', (palette) => {
    for (const ground of [value('surface', palette), value('surface-muted', palette)]) {
      for (const text of ['fg', 'fg-muted', 'accent', 'error', 'warn'] as const)
        expect(contrastRatio(value(text, palette), ground), text).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(value('control-border', palette), ground)).toBeGreaterThanOrEqual(3);
    }
    expect(
      contrastRatio(value('on-primary', palette), value('primary-bg', palette)),
    ).toBeGreaterThanOrEqual(4.5);
  });

  it('borrows the page variables in order: GitHub new, GitHub old, Atlassian, then ours', () => {
    const css = hostTokenCss();
    expect(css).toContain(
      '--pl-fg: var(--fgColor-default, var(--color-fg-default, var(--ds-text, #1f2328)));',
    );
    expect(css).toContain(
      ':host([data-process-theme="dark"]) { --pl-surface: var(--bgColor-default',
    );
    for (const role of Object.keys(TOKENS)) expect(css).toContain(`--pl-${role}:`);
  });

  it("names variables the sites define: the fake pages carry them, so the real-browser tests measure the sites' colours, not ours", () => {
    const primer = Object.keys(PRIMER_THEMES.light ?? {});
    const atlassian = Object.keys(ATLASSIAN_THEMES.light);
    for (const [role, { page }] of Object.entries(TOKENS)) {
      const [github, githubBefore2024, trello] = page;
      expect(primer, role).toContain(github);
      expect(githubBefore2024, role).toMatch(/^--color-/);
      expect(atlassian, role).toContain(trello);
      // Every theme of the fake defines what the light one does.
      for (const vars of Object.values(PRIMER_THEMES))
        expect(Object.keys(vars), role).toContain(github);
      expect(Object.keys(ATLASSIAN_THEMES.dark), role).toContain(trello);
    }
  });

  it('extension pages follow the system, with our values only', () => {
    const css = extensionPageTokenCss();
    expect(css).toContain('color-scheme: light dark');
    expect(css).toContain(`@media (prefers-color-scheme: dark) { :root { --pl-surface: #161b22;`);
    expect(css).not.toContain('var(--');
  });
});
