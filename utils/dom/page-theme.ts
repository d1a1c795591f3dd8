/**
 * The page's light or dark theme, read from the marks GitHub and Trello put on <html>, and a
 * watcher that follows a switch without a reload (docs/architecture.md, "Themes").
 */

export type Scheme = 'light' | 'dark';
export interface PageTheme {
  scheme: Scheme;
  contrast: 'normal' | 'high';
}

/** The <html> attributes both sites use to mark their theme (absent ones are null). */
export interface ThemeMarks {
  /** Both sites: `light` | `dark`, and on GitHub also `auto` ("Sync with system"). */
  colorMode: string | null;
  /** GitHub: the theme of each slot, e.g. `light`, `dark_dimmed`, `dark_high_contrast`. */
  lightTheme: string | null;
  darkTheme: string | null;
  /** Trello (Atlassian tokens): `dark:dark light:light spacing:spacing …`, slot:theme pairs. */
  theme: string | null;
  /** Trello (Atlassian tokens): `more` when the user asked for more contrast. */
  contrastMode: string | null;
}

export const THEME_ATTRIBUTES = {
  colorMode: 'data-color-mode',
  lightTheme: 'data-light-theme',
  darkTheme: 'data-dark-theme',
  theme: 'data-theme',
  contrastMode: 'data-contrast-mode',
} as const satisfies Record<keyof ThemeMarks, string>;

const SYSTEM_DARK = '(prefers-color-scheme: dark)';

/**
 * The effective theme. GitHub keeps `data-color-mode="auto"` while the system decides, so the
 * slot comes from the system then; Trello writes the resolved mode itself. The theme *name* in
 * the slot decides lightness (a dark theme may sit in the light slot). A page with no marks is
 * drawn light by the browser, so it is light.
 */
export function resolvePageTheme(marks: ThemeMarks, systemDark: boolean): PageTheme {
  const mode = marks.colorMode?.trim().toLowerCase();
  if (!mode) return { scheme: 'light', contrast: 'normal' };
  const slot: Scheme = mode === 'dark' || (mode === 'auto' && systemDark) ? 'dark' : 'light';
  const name = (
    marks.theme !== null
      ? slotThemes(marks.theme)[slot]
      : slot === 'dark'
        ? marks.darkTheme
        : marks.lightTheme
  )?.toLowerCase();
  // Trello without its theme list has no tokens either: its page is light then.
  const themeName = name ?? (marks.theme !== null ? 'light' : slot);
  return {
    scheme: themeName.startsWith('dark') ? 'dark' : 'light',
    contrast:
      /contrast/.test(themeName) || marks.contrastMode?.trim() === 'more' ? 'high' : 'normal',
  };
}

/** `dark:dark light:light spacing:spacing` → {dark: 'dark', light: 'light', spacing: …}. */
function slotThemes(list: string): Partial<Record<string, string>> {
  const pairs: Partial<Record<string, string>> = {};
  for (const item of list.split(/\s+/)) {
    const [slot, theme] = item.split(':');
    if (slot && theme) pairs[slot] = theme;
  }
  return pairs;
}

export function readThemeMarks(root: Element): ThemeMarks {
  const read = (name: string) => root.getAttribute(name);
  return {
    colorMode: read(THEME_ATTRIBUTES.colorMode),
    lightTheme: read(THEME_ATTRIBUTES.lightTheme),
    darkTheme: read(THEME_ATTRIBUTES.darkTheme),
    theme: read(THEME_ATTRIBUTES.theme),
    contrastMode: read(THEME_ATTRIBUTES.contrastMode),
  };
}

/**
 * Calls `onChange` with the page's theme now, then again whenever it changes: the marks on <html>
 * (one observer, attributes only) or the system's scheme (needed for GitHub's `auto`).
 * Returns the function that stops watching.
 */
export function watchPageTheme(
  onChange: (theme: PageTheme) => void,
  document: Document = globalThis.document,
): () => void {
  const root = document.documentElement;
  const system = document.defaultView?.matchMedia?.(SYSTEM_DARK);
  let last = '';
  const check = () => {
    const theme = resolvePageTheme(readThemeMarks(root), system?.matches ?? false);
    const key = `${theme.scheme}|${theme.contrast}`;
    if (key === last) return;
    last = key;
    onChange(theme);
  };
  const observer = new MutationObserver(check);
  observer.observe(root, { attributes: true, attributeFilter: Object.values(THEME_ATTRIBUTES) });
  system?.addEventListener('change', check);
  check();
  return () => {
    observer.disconnect();
    system?.removeEventListener('change', check);
  };
}
