// The fake sites' themes, marked as the real sites mark them (docs/architecture.md, "Themes"):
// GitHub's three attributes on <html> with Primer's variables per theme, Trello's resolved mode
// and slot:theme list with Atlassian's tokens. The values are the sites' own (Primer primitives,
// Atlassian tokens), enough of them for the fake pages and for what the extension borrows.

export interface GitHubTheme {
  /** `auto` = "Sync with system": the attribute stays `auto`, the CSS follows the system. */
  colorMode: 'light' | 'dark' | 'auto';
  light: string;
  dark: string;
}

/** Trello's choice; on the page `data-color-mode` is always the resolved `light` or `dark`. */
export interface TrelloTheme {
  colorMode: 'light' | 'dark' | 'auto';
}

export const GITHUB_LIGHT: GitHubTheme = { colorMode: 'light', light: 'light', dark: 'dark' };
export const TRELLO_LIGHT: TrelloTheme = { colorMode: 'light' };
export const GITHUB_DARK: GitHubTheme = { colorMode: 'dark', light: 'light', dark: 'dark' };
export const TRELLO_DARK: TrelloTheme = { colorMode: 'dark' };

type Vars = Record<string, string>;
const v = (
  bg: string,
  muted: string,
  fg: string,
  fgMuted: string,
  accent: string,
  border: string,
  emphasis: string,
  accentEmphasis: string,
  onEmphasis: string,
  [success, successMuted]: [string, string],
  accentMuted: string,
  [attention, attentionMuted]: [string, string],
  [danger, dangerMuted]: [string, string],
): Vars => ({
  '--bgColor-default': bg,
  '--bgColor-muted': muted,
  '--overlay-bgColor': bg,
  '--fgColor-default': fg,
  '--fgColor-muted': fgMuted,
  '--fgColor-accent': accent,
  '--borderColor-default': border,
  '--borderColor-emphasis': emphasis,
  '--bgColor-accent-emphasis': accentEmphasis,
  '--fgColor-onEmphasis': onEmphasis,
  '--fgColor-success': success,
  '--bgColor-success-muted': successMuted,
  '--bgColor-accent-muted': accentMuted,
  '--fgColor-attention': attention,
  '--bgColor-attention-muted': attentionMuted,
  '--fgColor-danger': danger,
  '--bgColor-danger-muted': dangerMuted,
});

/** Primer's functional colours of five of GitHub's themes (dark themes' tints are translucent). */
export const PRIMER_THEMES: Record<string, Vars> = {
  light: v(
    '#ffffff',
    '#f6f8fa',
    '#1f2328',
    '#59636e',
    '#0969da',
    '#d1d9e0',
    '#818b98',
    '#0969da',
    '#ffffff',
    ['#1a7f37', '#dafbe1'],
    '#ddf4ff',
    ['#9a6700', '#fff8c5'],
    ['#d1242f', '#ffebe9'],
  ),
  light_high_contrast: v(
    '#ffffff',
    '#e6eaef',
    '#010409',
    '#454c54',
    '#0349b4',
    '#454c54',
    '#454c54',
    '#0349b4',
    '#ffffff',
    ['#055d20', '#d2fedb'],
    '#dff7ff',
    ['#744500', '#fcf7be'],
    ['#a0111f', '#fff0ee'],
  ),
  dark: v(
    '#0d1117',
    '#151b23',
    '#f0f6fc',
    '#9198a1',
    '#4493f8',
    '#3d444d',
    '#656c76',
    '#1f6feb',
    '#ffffff',
    ['#3fb950', '#2ea04326'],
    '#388bfd1a',
    ['#d29922', '#bb800926'],
    ['#f85149', '#f851491a'],
  ),
  dark_dimmed: v(
    '#212830',
    '#262c36',
    '#d1d7e0',
    '#9198a1',
    '#478be6',
    '#3d444d',
    '#656c76',
    '#316dca',
    '#f0f6fc',
    ['#57ab5a', '#46954a26'],
    '#4184e41a',
    ['#c69026', '#ae7c1426'],
    ['#e5534b', '#e5534b1a'],
  ),
  dark_high_contrast: v(
    '#010409',
    '#151b23',
    '#ffffff',
    '#b7bdc8',
    '#74b9ff',
    '#b7bdc8',
    '#b7bdc8',
    '#194fb1',
    '#ffffff',
    ['#2bd853', '#2bd8531a'],
    '#74b9ff1a',
    ['#f0b72f', '#f0b72f1a'],
    ['#ff9492', '#ff94921a'],
  ),
};

const block = (selector: string, vars: Vars, scheme: 'light' | 'dark') =>
  `${selector}{color-scheme:${scheme};${Object.entries(vars)
    .map(([name, value]) => `${name}:${value}`)
    .join(';')}}`;

/**
 * Primer's theme CSS in shape: a light theme applies in the light slot, and under `auto` outside
 * any media query; a dark theme in the dark slot, and under `auto` when the system is dark.
 */
export function primerCss(): string {
  return Object.entries(PRIMER_THEMES)
    .map(([name, vars]) => {
      const scheme = name.startsWith('dark') ? 'dark' : 'light';
      const slot = `[data-${scheme}-theme="${name}"]`;
      const fixed = block(`[data-color-mode="${scheme}"]${slot}`, vars, scheme);
      const auto = block(`[data-color-mode="auto"]${slot}`, vars, scheme);
      return scheme === 'light'
        ? `${fixed}\n${auto}`
        : `${fixed}\n@media (prefers-color-scheme: dark){${auto}}`;
    })
    .join('\n');
}

export function githubThemeAttributes(theme: GitHubTheme): string {
  return `data-color-mode="${theme.colorMode}" data-light-theme="${theme.light}" data-dark-theme="${theme.dark}"`;
}

/** Atlassian's tokens in Trello's light and dark themes (the ones the fake and the extension use). */
export const ATLASSIAN_THEMES: Record<'light' | 'dark', Vars> = {
  light: {
    '--ds-surface': '#FFFFFF',
    '--ds-surface-raised': '#FFFFFF',
    '--ds-surface-overlay': '#FFFFFF',
    '--ds-surface-sunken': '#F7F8F9',
    '--ds-text': '#172B4D',
    '--ds-text-subtle': '#44546F',
    '--ds-link': '#0C66E4',
    '--ds-border': '#091E4224',
    '--ds-border-input': '#8590A2',
    '--ds-background-brand-bold': '#0C66E4',
    '--ds-text-inverse': '#FFFFFF',
    '--ds-background-neutral': '#091E420F',
    '--ds-icon-success': '#22A06B',
    '--ds-background-success': '#DCFFF1',
    '--ds-icon-information': '#1D7AFC',
    '--ds-background-information': '#E9F2FF',
    '--ds-icon-warning': '#D97008',
    '--ds-background-warning': '#FFF7D6',
    '--ds-text-danger': '#AE2A19',
    '--ds-background-danger': '#FFEDEB',
  },
  dark: {
    '--ds-surface': '#1D2125',
    '--ds-surface-raised': '#22272B',
    '--ds-surface-overlay': '#282E33',
    '--ds-surface-sunken': '#161A1D',
    '--ds-text': '#B6C2CF',
    '--ds-text-subtle': '#9FADBC',
    '--ds-link': '#579DFF',
    '--ds-border': '#A6C5E229',
    '--ds-border-input': '#738496',
    '--ds-background-brand-bold': '#579DFF',
    '--ds-text-inverse': '#1D2125',
    '--ds-background-neutral': '#A1BDD914',
    '--ds-icon-success': '#2ABB7F',
    '--ds-background-success': '#143C2B',
    '--ds-icon-information': '#388BFF',
    '--ds-background-information': '#092957',
    '--ds-icon-warning': '#F38A3F',
    '--ds-background-warning': '#3F3102',
    '--ds-text-danger': '#FF9C8F',
    '--ds-background-danger': '#4F1C16',
  },
};

/** Atlassian's theme CSS in shape: tokens apply only when the mode and the slot's theme agree. */
export function atlassianCss(): string {
  return (['light', 'dark'] as const)
    .map((scheme) =>
      block(
        `html[data-color-mode="${scheme}"][data-theme~="${scheme}:${scheme}"]`,
        ATLASSIAN_THEMES[scheme],
        scheme,
      ),
    )
    .join('\n');
}

const TRELLO_THEME_LIST = 'dark:dark light:light spacing:spacing typography:typography';

/** Server-rendered as light until the script runs, as Atlassian's own set-up does. */
export function trelloThemeAttributes(theme: TrelloTheme): string {
  return `data-color-mode="${theme.colorMode === 'dark' ? 'dark' : 'light'}" data-theme="${TRELLO_THEME_LIST}"`;
}

/**
 * "Match browser": like Atlassian's `setGlobalTheme({colorMode: 'auto'})`, writes the resolved
 * mode on <html> and rewrites it when the system's scheme changes.
 */
export function trelloThemeScript(theme: TrelloTheme): string {
  if (theme.colorMode !== 'auto') return '';
  return `(() => {
  const system = matchMedia('(prefers-color-scheme: dark)');
  const apply = () => document.documentElement.setAttribute('data-color-mode', system.matches ? 'dark' : 'light');
  apply();
  system.addEventListener('change', apply);
})();`;
}
