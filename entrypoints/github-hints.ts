import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startHintsScript } from '../utils/dom/page-runtime';
import { gitHubAdapter } from '../utils/github/page-hints';

// Added by the background to a github.com tab that shows a pull request, the pull request list or
// an issue (page-starter.ts).
export default defineUnlistedScript(() => {
  if (location.origin !== 'https://github.com') return; // the tab moved on before it arrived
  // Styles are adopted into our shadow roots from code (GitHub's CSP blocks inline <style>).
  startHintsScript('github-hints', gitHubAdapter);
});
