import { defineContentScript } from 'wxt/utils/define-content-script';
import { startHintsWhenNeeded } from '../../utils/dom/page-starter';
import { send } from '../../utils/messaging';
import { getBoardShortLink, isBoard, isCard } from '../../utils/trello/pages';

// The hints themselves are in trello-hints.ts, added to the tab once a board or card is on screen.
export default defineContentScript({
  matches: ['https://trello.com/*'],
  // From the start: a board's read begins in the background while the page loads.
  runAt: 'document_start',
  cssInjectionMode: 'manual',
  main(ctx) {
    startHintsWhenNeeded(
      ctx,
      (url) => isBoard(url) || isCard(url),
      (url) => {
        const board = getBoardShortLink(url);
        if (board) void send({ type: 'board.prefetch', board });
      },
    );
  },
});
