import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPageRuntime } from '../../utils/dom/page-runtime';
import { gitHubAdapter } from '../../utils/github/page-hints';

export default defineContentScript({
  matches: ['https://github.com/*'],
  runAt: 'document_idle',
  // Styles are adopted into our shadow roots from code (GitHub's CSP blocks inline <style>).
  cssInjectionMode: 'manual',
  main(ctx) {
    startPageRuntime(ctx, gitHubAdapter);
  },
});
