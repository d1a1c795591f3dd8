import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type PageTheme,
  resolvePageTheme,
  type ThemeMarks,
  watchPageTheme,
} from '../../utils/dom/page-theme';

const NONE: ThemeMarks = {
  colorMode: null,
  lightTheme: null,
  darkTheme: null,
  theme: null,
  contrastMode: null,
};
const github = (colorMode: string, lightTheme: string, darkTheme: string): ThemeMarks => ({
  ...NONE,
  colorMode,
  lightTheme,
  darkTheme,
});
const trello = (colorMode: string, theme: string | null, contrastMode: string | null = null) => ({
  ...NONE,
  colorMode,
  theme,
  contrastMode,
});
const TRELLO_THEMES = 'dark:dark light:light spacing:spacing typography:typography';
const LIGHT: PageTheme = { scheme: 'light', contrast: 'normal' };
const DARK: PageTheme = { scheme: 'dark', contrast: 'normal' };

describe('resolvePageTheme: GitHub (data-color-mode, data-light-theme, data-dark-theme)', () => {
  it.each([
    ['light', github('light', 'light', 'dark'), false, LIGHT],
    ['light, whatever the system', github('light', 'light', 'dark'), true, LIGHT],
    ['dark', github('dark', 'light', 'dark'), false, DARK],
    ['dark dimmed', github('dark', 'light', 'dark_dimmed'), false, DARK],
    [
      'dark high contrast',
      github('dark', 'light', 'dark_high_contrast'),
      false,
      { scheme: 'dark', contrast: 'high' },
    ],
    [
      'light high contrast',
      github('light', 'light_high_contrast', 'dark'),
      true,
      { scheme: 'light', contrast: 'high' },
    ],
    ['sync with system, system light', github('auto', 'light', 'dark_dimmed'), false, LIGHT],
    ['sync with system, system dark', github('auto', 'light', 'dark_dimmed'), true, DARK],
    ['a dark theme in the light slot', github('light', 'dark_dimmed', 'dark'), false, DARK],
    ['a light theme in the dark slot', github('dark', 'light', 'light_colorblind'), false, LIGHT],
    [
      'a theme GitHub adds later',
      github('dark', 'light', 'dark_tritanopia_high_contrast'),
      false,
      { scheme: 'dark', contrast: 'high' },
    ],
    ['a mode without theme names', { ...NONE, colorMode: 'dark' }, false, DARK],
    ['upper case and spaces', github(' DARK ', 'light', 'Dark_Dimmed'), false, DARK],
  ] as const)('%s', (_, marks, systemDark, expected) => {
    expect(resolvePageTheme(marks, systemDark)).toEqual(expected);
  });
});

describe('resolvePageTheme: Trello (data-color-mode resolved, data-theme slot:theme pairs)', () => {
  it.each([
    ['light', trello('light', TRELLO_THEMES), true, LIGHT],
    ['dark', trello('dark', TRELLO_THEMES), false, DARK],
    [
      'the pairs in another order',
      trello('dark', 'typography:typography light:light dark:dark'),
      false,
      DARK,
    ],
    ['dark with a light theme in its slot', trello('dark', 'dark:light light:light'), false, LIGHT],
    ['light with a dark theme in its slot', trello('light', 'dark:dark light:dark'), false, DARK],
    [
      'increased contrast',
      trello('dark', 'dark:dark-increased-contrast light:light'),
      false,
      { scheme: 'dark', contrast: 'high' },
    ],
    [
      'more contrast asked',
      trello('light', TRELLO_THEMES, 'more'),
      false,
      { scheme: 'light', contrast: 'high' },
    ],
    ['only the mode, as in Power-Up frames', trello('dark', null), false, DARK],
    ['a theme list without this slot', trello('dark', 'spacing:spacing'), false, LIGHT],
  ] as const)('%s', (_, marks, systemDark, expected) => {
    expect(resolvePageTheme(marks, systemDark)).toEqual(expected);
  });

  it('a page with no marks at all is light, as the browser draws it', () => {
    expect(resolvePageTheme(NONE, true)).toEqual(LIGHT);
    expect(resolvePageTheme({ ...NONE, colorMode: '' }, true)).toEqual(LIGHT);
  });
});

describe('watchPageTheme', () => {
  const html = document.documentElement;
  let stop = () => {};
  afterEach(() => {
    stop();
    for (const name of ['data-color-mode', 'data-light-theme', 'data-dark-theme', 'data-theme'])
      html.removeAttribute(name);
  });
  const flush = () => new Promise((done) => setTimeout(done, 0));

  it('says the theme at once, then once per change of the marks on <html>', async () => {
    html.setAttribute('data-color-mode', 'light');
    html.setAttribute('data-theme', TRELLO_THEMES);
    const seen: PageTheme[] = [];
    stop = watchPageTheme((theme) => seen.push(theme));
    expect(seen).toEqual([LIGHT]);
    html.setAttribute('data-color-mode', 'dark');
    await flush();
    expect(seen).toEqual([LIGHT, DARK]);
    // A change that leaves the theme as it was says nothing.
    html.setAttribute('data-theme', `${TRELLO_THEMES} shape:shape`);
    html.setAttribute('data-color-mode', 'dark');
    await flush();
    expect(seen).toEqual([LIGHT, DARK]);
    stop();
    html.setAttribute('data-color-mode', 'light');
    await flush();
    expect(seen).toEqual([LIGHT, DARK]);
  });

  it("follows the system's scheme when GitHub syncs with it", async () => {
    let listener: (() => void) | undefined;
    const query = {
      matches: false,
      addEventListener: vi.fn((_: string, fn: () => void) => {
        listener = fn;
      }),
      removeEventListener: vi.fn(),
    };
    vi.spyOn(window, 'matchMedia').mockReturnValue(query as unknown as MediaQueryList);
    html.setAttribute('data-color-mode', 'auto');
    html.setAttribute('data-light-theme', 'light');
    html.setAttribute('data-dark-theme', 'dark_dimmed');
    const seen: PageTheme[] = [];
    stop = watchPageTheme((theme) => seen.push(theme));
    query.matches = true;
    listener?.();
    expect(seen).toEqual([LIGHT, DARK]);
    stop();
    expect(query.removeEventListener).toHaveBeenCalledWith('change', listener);
  });
});
