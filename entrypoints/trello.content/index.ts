import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPageRuntime } from '../../utils/dom/page-runtime';
import { trelloAdapter } from '../../utils/trello/board-hints';

export default defineContentScript({
  matches: ['https://trello.com/*'],
  runAt: 'document_idle',
  // Styles are adopted into our shadow roots from code: nothing web-accessible for the page to probe.
  cssInjectionMode: 'manual',
  main(ctx) {
    startPageRuntime(ctx, trelloAdapter);
  },
});
