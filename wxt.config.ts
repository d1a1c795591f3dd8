import { defineConfig } from 'wxt';

/**
 * React DOM's only HTML sink is `dangerouslySetInnerHTML` (two `domElement.innerHTML = …` sites in
 * react-dom-client.production.js). Nothing of ours can reach it (biome's noDangerouslySetInnerHtml
 * is an error), yet `web-ext lint` flags both sites in every bundle with React (UNSAFE_VAR_ASSIGNMENT)
 * and a store reviewer reads them. Bundled, they throw instead: the lint is clean, so
 * `npm run lint:firefox` runs with --warnings-as-errors and any new sink fails the build check.
 * If React DOM changes shape, the build stops here rather than silently keeping the sink.
 */
const REACT_DOM_CLIENT = /[\\/]react-dom[\\/]cjs[\\/]react-dom-client\.production\.js$/;
const REACT_HTML_SINK = '(domElement.innerHTML = key)';
const REACT_HTML_SINKS = 2;
const noReactHtmlSink = {
  name: 'process-lens:no-react-html-sink',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (!REACT_DOM_CLIENT.test(id)) return null;
    const found = code.split(REACT_HTML_SINK).length - 1;
    if (found !== REACT_HTML_SINKS) {
      throw new Error(
        `wxt.config.ts: expected ${REACT_HTML_SINKS} \`${REACT_HTML_SINK}\` in ${id}, found ${found}. ` +
          'React DOM changed: update noReactHtmlSink.',
      );
    }
    const refuse =
      '(() => { throw Error("Process Lens: dangerouslySetInnerHTML is not allowed"); })()';
    return { code: code.replaceAll(REACT_HTML_SINK, refuse), map: null };
  },
};

// WXT 0.20.x is pinned on purpose: it runs on Node 20; WXT 0.21 needs Node 22.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Imports stay explicit (`import { browser } from 'wxt/browser'`): easier to read and to grep.
  imports: false,
  // `npm run bench` builds with hidden source maps: the same bundles byte for byte, plus .map files
  // it reads to attribute each bundle's bytes to packages and source folders (tests/bench/bundles.ts).
  vite: () => ({
    plugins: [noReactHtmlSink],
    ...(process.env.PROCESS_LENS_SOURCEMAP === '1'
      ? { build: { sourcemap: 'hidden' as const } }
      : {}),
  }),
  manifest: ({ browser }) => ({
    name: 'Process Lens',
    description:
      "Shows, on Trello and GitHub, where a team's work drifts from its written technical process.",
    permissions: ['storage', 'alarms', 'contextMenus', 'identity'],
    // Each host, and why (see README "Permissions").
    host_permissions: ['https://api.trello.com/*', 'https://api.github.com/*'],
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
