import { defineContentScript } from 'wxt/utils/define-content-script';
import { startHintsWhenNeeded } from '../../utils/dom/page-starter';
import { parseGitHubPage } from '../../utils/github/pages';

// The hints themselves are in github-hints.ts, added to the tab once a pull request, the pull
// request list or an issue is on screen.
export default defineContentScript({
  matches: ['https://github.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  main(ctx) {
    startHintsWhenNeeded(ctx, (url) => parseGitHubPage(url) !== undefined);
  },
});
