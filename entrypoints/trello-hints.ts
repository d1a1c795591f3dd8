import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startHintsScript } from '../utils/dom/page-runtime';
import { trelloAdapter } from '../utils/trello/board-hints';

// Added by the background to a trello.com tab that shows a board or a card (page-starter.ts).
export default defineUnlistedScript(() => {
  if (location.origin !== 'https://trello.com') return; // the tab moved on before it arrived
  // Styles are adopted into our shadow roots from code: nothing web-accessible for the page to probe.
  startHintsScript('trello-hints', trelloAdapter);
});
