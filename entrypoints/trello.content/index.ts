import { defineContentScript } from 'wxt/utils/define-content-script';
import { startHintsWhenNeeded } from '../../utils/dom/page-starter';
import { isBoard, isCard } from '../../utils/trello/pages';

// The hints themselves are in trello-hints.ts, added to the tab once a board or card is on screen.
export default defineContentScript({
  matches: ['https://trello.com/*'],
  // From the start: a board's read begins while the page loads.
  runAt: 'document_start',
  cssInjectionMode: 'manual',
  main(ctx) {
    startHintsWhenNeeded(ctx, (url) => isBoard(url) || isCard(url));
  },
});
