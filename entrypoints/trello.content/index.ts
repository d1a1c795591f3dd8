import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPageRuntime } from '../../utils/dom/page-runtime';
import { trelloAdapter } from '../../utils/trello/board-hints';

export default defineContentScript({
  matches: ['https://trello.com/*'],
  // From the start: the board is read while the page loads, its hints shown once the DOM is there.
  runAt: 'document_start',
  // Styles are adopted into our shadow roots from code: nothing web-accessible for the page to probe.
  cssInjectionMode: 'manual',
  main(ctx) {
    startPageRuntime(ctx, trelloAdapter);
  },
});
