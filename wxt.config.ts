import { defineConfig } from 'wxt';

// WXT 0.20.x is pinned on purpose: it runs on Node 20; WXT 0.21 needs Node 22.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Imports stay explicit (`import { browser } from 'wxt/browser'`): easier to read and to grep.
  imports: false,
  // `npm run bench` builds with hidden source maps: the same bundles byte for byte, plus .map files
  // it reads to attribute each bundle's bytes to packages and source folders (tests/bench/bundles.ts).
  vite: () =>
    process.env.PROCESS_LENS_SOURCEMAP === '1' ? { build: { sourcemap: 'hidden' } } : {},
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
