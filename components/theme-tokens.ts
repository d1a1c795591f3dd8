/**
 * The one home of our colours (docs/architecture.md, "Themes"): each role is a `--pl-*` custom
 * property. On a page it takes GitHub's own variable first (new name, then old), then Trello's
 * Atlassian token, then our value for the scheme, so a theme a site adds later still fits. The
 * values are chosen to meet WCAG contrast (text 4.5:1, icons and control borders 3:1) against
 * the surfaces they sit on, in both schemes and in high contrast (tests/unit/theme-tokens.test.ts).
 * On a page, text is only `fg` or `fg-muted`: the sites' own accent and danger colours are made
 * for 3:1 in some themes (GitHub dark dimmed links are 4.4:1), so there they mark icons, borders
 * and underlines, never text.
 */

export type Palette = 'light' | 'dark' | 'light-high' | 'dark-high';

interface Token {
  /** Page variables to borrow, in order: GitHub (Primer) new name, old name, then Atlassian. */
  page: readonly string[];
  light: string;
  dark: string;
  /** High-contrast values, where they differ from the normal ones. */
  lightHigh?: string;
  darkHigh?: string;
}

export const TOKENS = {
  /**
   * Panel, details, dialog, and the ground under a badge's tint. GitHub's page background, not its
   * overlay colour: muted text on dark dimmed's overlay falls to 4.5:1.
   */
  surface: {
    page: ['--bgColor-default', '--color-canvas-default', '--ds-surface-overlay'],
    light: '#ffffff',
    dark: '#161b22',
    darkHigh: '#010409',
  },
  'surface-muted': {
    page: ['--bgColor-muted', '--color-canvas-subtle', '--ds-surface-sunken'],
    light: '#f6f8fa',
    dark: '#0d1117',
    darkHigh: '#151b23',
  },
  fg: {
    page: ['--fgColor-default', '--color-fg-default', '--ds-text'],
    light: '#1f2328',
    dark: '#f0f6fc',
    lightHigh: '#010409',
    darkHigh: '#ffffff',
  },
  'fg-muted': {
    page: ['--fgColor-muted', '--color-fg-muted', '--ds-text-subtle'],
    light: '#59636e',
    dark: '#9198a1',
    lightHigh: '#393f46',
    darkHigh: '#b7bdc8',
  },
  accent: {
    page: ['--fgColor-accent', '--color-accent-fg', '--ds-link'],
    light: '#0969da',
    dark: '#4493f8',
    lightHigh: '#0349b4',
    darkHigh: '#74b9ff',
  },
  /** Lines that only separate. */
  border: {
    page: ['--borderColor-default', '--color-border-default', '--ds-border'],
    light: '#d1d9e0',
    dark: '#3d444d',
    lightHigh: '#454c54',
    darkHigh: '#b7bdc8',
  },
  /** The edge of a field or button: it tells where to click, so 3:1. */
  'control-border': {
    page: ['--borderColor-emphasis', '--color-border-emphasis', '--ds-border-input'],
    light: '#818b98',
    dark: '#7d8590',
    lightHigh: '#454c54',
    darkHigh: '#b7bdc8',
  },
  'primary-bg': {
    page: ['--bgColor-accent-emphasis', '--color-accent-emphasis', '--ds-background-brand-bold'],
    light: '#0969da',
    dark: '#1f6feb',
    lightHigh: '#0349b4',
    darkHigh: '#194fb1',
  },
  'on-primary': {
    page: ['--fgColor-onEmphasis', '--color-fg-on-emphasis', '--ds-text-inverse'],
    light: '#ffffff',
    dark: '#ffffff',
  },
  /** A severity's own colour (its icon and border; text stays `fg`), then its tint. */
  ok: {
    page: ['--fgColor-success', '--color-success-fg', '--ds-icon-success'],
    light: '#1a7f37',
    dark: '#3fb950',
    lightHigh: '#055d20',
    darkHigh: '#2bd853',
  },
  'ok-bg': {
    page: ['--bgColor-success-muted', '--color-success-subtle', '--ds-background-success'],
    light: '#dafbe1',
    dark: 'rgba(46, 160, 67, 0.15)',
  },
  info: {
    page: ['--fgColor-accent', '--color-accent-fg', '--ds-icon-information'],
    light: '#0969da',
    dark: '#4493f8',
    lightHigh: '#0349b4',
    darkHigh: '#74b9ff',
  },
  'info-bg': {
    page: ['--bgColor-accent-muted', '--color-accent-subtle', '--ds-background-information'],
    light: '#ddf4ff',
    dark: 'rgba(56, 139, 253, 0.1)',
  },
  warn: {
    page: ['--fgColor-attention', '--color-attention-fg', '--ds-icon-warning'],
    light: '#9a6700',
    dark: '#d29922',
    lightHigh: '#744500',
    darkHigh: '#f0b72f',
  },
  'warn-bg': {
    page: ['--bgColor-attention-muted', '--color-attention-subtle', '--ds-background-warning'],
    light: '#fff8c5',
    dark: 'rgba(187, 128, 9, 0.15)',
  },
  error: {
    page: ['--fgColor-danger', '--color-danger-fg', '--ds-text-danger'],
    light: '#d1242f',
    dark: '#f85149',
    lightHigh: '#a0111f',
    darkHigh: '#ff9492',
  },
  'error-bg': {
    page: ['--bgColor-danger-muted', '--color-danger-subtle', '--ds-background-danger'],
    light: '#ffebe9',
    dark: 'rgba(248, 81, 73, 0.1)',
  },
} as const satisfies Record<string, Token>;

export type TokenRole = keyof typeof TOKENS;

/** Our value of a role in a palette (what shows where the page has no variable for it). */
export function tokenValue(role: TokenRole, palette: Palette): string {
  const token: Token = TOKENS[role];
  if (palette === 'light-high') return token.lightHigh ?? token.light;
  if (palette === 'dark-high') return token.darkHigh ?? token.dark;
  return token[palette];
}

/** `--pl-fg: var(--fgColor-default, var(--color-fg-default, var(--ds-text, #1f2328)));` … */
function declarations(palette: Palette, borrow: boolean): string {
  return (Object.keys(TOKENS) as TokenRole[])
    .map((role) => {
      const own = tokenValue(role, palette);
      const value = borrow
        ? TOKENS[role].page.reduceRight<string>((inner, name) => `var(${name}, ${inner})`, own)
        : own;
      return `--pl-${role}: ${value};`;
    })
    .join(' ');
}

/**
 * For our shadow roots on a page: the host carries `data-process-theme` (light|dark) and
 * `data-process-contrast` (high) from the page's theme; the page's variables come first.
 */
export function hostTokenCss(): string {
  const on = (selector: string, palette: Palette) =>
    `${selector} { ${declarations(palette, true)} }`;
  return [
    on(':host', 'light'),
    on(':host([data-process-theme="dark"])', 'dark'),
    on(':host([data-process-contrast="high"])', 'light-high'),
    on(':host([data-process-theme="dark"][data-process-contrast="high"])', 'dark-high'),
  ].join('\n');
}

/** For the popup and the options page: they follow the system's scheme and contrast. */
export function extensionPageTokenCss(): string {
  return [
    `:root { color-scheme: light dark; ${declarations('light', false)} }`,
    `@media (prefers-color-scheme: dark) { :root { ${declarations('dark', false)} } }`,
    `@media (prefers-contrast: more) { :root { ${declarations('light-high', false)} } }`,
    `@media (prefers-contrast: more) and (prefers-color-scheme: dark) { :root { ${declarations('dark-high', false)} } }`,
  ].join('\n');
}

/** Gives an extension page (popup, options) the tokens, before it renders. */
export function adoptExtensionPageTokens(document: Document = globalThis.document): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(extensionPageTokenCss());
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
