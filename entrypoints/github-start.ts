import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startHintsWhenNeeded } from '../utils/dom/page-starter';
import { parseGitHubPage } from '../utils/github/pages';

// On every github.com page at document_idle (the manifest's content_scripts, wxt.config.ts): a
// pull request list's rows are read from the page. The hints themselves are in github-hints.ts,
// added to the tab once a pull request, the pull request list or an issue is on screen.
export default defineUnlistedScript(() => {
  startHintsWhenNeeded((url) => parseGitHubPage(url) !== undefined);
});
