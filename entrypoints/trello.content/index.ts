import { defineContentScript } from 'wxt/utils/define-content-script';
import { startTrelloHints } from '../../utils/trello/board-hints';

export default defineContentScript({
  matches: ['https://trello.com/*'],
  runAt: 'document_idle',
  // Styles are adopted into our shadow roots from code: nothing web-accessible for the page to probe.
  cssInjectionMode: 'manual',
  main(ctx) {
    startTrelloHints(ctx);
  },
});
