import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startHintsWhenNeeded } from '../utils/dom/page-starter';
import { send } from '../utils/messaging';
import { getBoardShortLink, isBoard, isCard } from '../utils/trello/pages';

// On every trello.com page from document_start (the manifest's content_scripts, wxt.config.ts).
// The hints themselves are in trello-hints.ts, added to the tab once a board or card is on screen;
// a board's read begins in the background while the page loads.
export default defineUnlistedScript(() => {
  startHintsWhenNeeded(
    (url) => isBoard(url) || isCard(url),
    (url) => {
      const board = getBoardShortLink(url);
      if (board) void send({ type: 'board.prefetch', board });
    },
  );
});
