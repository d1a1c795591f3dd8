import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

const PAGE_BROWSER = fileURLToPath(new URL('./utils/dom/page-browser.ts', import.meta.url));

/**
 * The UI libraries' only HTML sink is `dangerouslySetInnerHTML`: two `domElement.innerHTML = …`
 * sites in React DOM (popup, options) and one in Preact (content scripts). Nothing of ours can
 * reach them (biome's noDangerouslySetInnerHtml is an error), yet `web-ext lint` flags each site
 * (UNSAFE_VAR_ASSIGNMENT) and a store reviewer reads them. Bundled, they throw instead: the lint is
 * clean, so `npm run lint:firefox` runs with --warnings-as-errors and any new sink fails the build
 * check. If a library changes shape, the build stops here rather than silently keeping the sink.
 */
const HTML_SINKS = [
  {
    file: /[\\/]react-dom[\\/]cjs[\\/]react-dom-client\.production\.js$/,
    sink: '(domElement.innerHTML = key)',
    count: 2,
  },
  { file: /[\\/]preact[\\/]dist[\\/]preact\.mjs$/, sink: '(t.innerHTML=h.__html)', count: 1 },
];
const noHtmlSinks = {
  name: 'process-lens:no-html-sinks',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    const known = HTML_SINKS.find(({ file }) => file.test(id));
    if (!known) return null;
    const found = code.split(known.sink).length - 1;
    if (found !== known.count) {
      throw new Error(
        `wxt.config.ts: expected ${known.count} \`${known.sink}\` in ${id}, found ${found}. ` +
          'The library changed: update HTML_SINKS.',
      );
    }
    const refuse =
      '(() => { throw Error("Process Lens: dangerouslySetInnerHTML is not allowed"); })()';
    return { code: code.replaceAll(known.sink, refuse), map: null };
  },
};

/**
 * The page scripts (the content scripts and the hints' scripts) render the same components through
 * preact/compat: it parses on every page with hints, at a fraction of React's weight (README,
 * "Performance"). The popup and the options page keep React.
 */
const PREACT_FOR_REACT = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
];

// WXT 0.20.x is pinned on purpose: it runs on Node 20; WXT 0.21 needs Node 22.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Imports stay explicit (`import { browser } from 'wxt/browser'`): easier to read and to grep.
  imports: false,
  // `npm run bench` builds with hidden source maps: the same bundles byte for byte, plus .map files
  // it reads to attribute each bundle's bytes to packages and source folders (tests/bench/bundles.ts).
  vite: () => ({
    plugins: [noHtmlSinks],
    ...(process.env.PROCESS_LENS_SOURCEMAP === '1'
      ? { build: { sourcemap: 'hidden' as const } }
      : {}),
  }),
  hooks: {
    'vite:build:extendConfig'(entrypoints, config) {
      // The page scripts: the content scripts and the hints' scripts the background adds to a tab.
      const pageScript = (type: string) => type === 'content-script' || type === 'unlisted-script';
      if (!entrypoints.every((entry) => pageScript(entry.type))) return;
      // Page scripts use the browsers' own promise APIs (Chrome MV3's and Firefox's): they only
      // send messages and listen without answering, so the webextension polyfill (10 KB) is for
      // the background and the extension pages, whose listeners answer with promises.
      // And they look the API up on first use (utils/dom/page-browser.ts): a page with nothing to
      // show never sets up the extension's bindings.
      const wxtAliases = Object.entries(config.resolve?.alias ?? {})
        .filter(([find]) => find !== 'wxt/browser')
        .map(([find, replacement]) => ({ find, replacement }));
      const lazyBrowser = { find: /^wxt\/browser$/, replacement: PAGE_BROWSER };
      config.resolve = {
        ...config.resolve,
        alias: [...PREACT_FOR_REACT, lazyBrowser, ...wxtAliases],
      };
      // A rule definition reads its sentence (`PROCESS_SENTENCES.review`) at module level; counted
      // as a possible side effect, that read kept every rule in both hints' scripts.
      config.build = {
        ...config.build,
        rolldownOptions: {
          ...config.build?.rolldownOptions,
          treeshake: {
            propertyReadSideEffects: false,
            // @date-fns/tz sets up its date class at module level and its package does not say that
            // is side-effect free, so the GitHub script carried it (and ran that set-up on every page)
            // while only the Trello pipeline rules use it.
            moduleSideEffects: (id: string) => !/[\\/]@date-fns[\\/]tz[\\/]/.test(id),
          },
        },
      };
    },
  },
  manifest: ({ browser }) => ({
    name: 'Process Lens',
    description:
      "Shows, on Trello and GitHub, where a team's work drifts from its written technical process.",
    permissions: ['storage', 'alarms', 'contextMenus', 'identity', 'scripting'],
    // Each host, and why (see README "Permissions"). trello.com and github.com, where the content
    // scripts run anyway: the background adds the hints' scripts to their tabs (`scripting`).
    host_permissions: [
      'https://api.trello.com/*',
      'https://api.github.com/*',
      'https://trello.com/*',
      'https://github.com/*',
    ],
    // The starters, declared here rather than as WXT content scripts: WXT's content script context
    // (its messages to older copies, its location watcher, the extension's API looked up at once)
    // was two thirds of their cost on every page (docs/architecture.md, "Page runtime").
    content_scripts: [
      { matches: ['https://trello.com/*'], js: ['trello-start.js'], run_at: 'document_start' },
      { matches: ['https://github.com/*'], js: ['github-start.js'], run_at: 'document_idle' },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'process-lens@p2pu.org',
              // data_collection_permissions needs Firefox 140 (142 on Android).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['websiteContent'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
