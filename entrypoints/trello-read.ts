import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { viewByPage } from '../utils/trello/page-read';
import { offerPageRead } from '../utils/trello/page-read-bridge';

// Added by the background to a trello.com page whose board it could not read (`page.boardRead`,
// from the hints script): the page then reads the board itself.
export default defineUnlistedScript(() => {
  if (location.origin !== 'https://trello.com') return; // the tab moved on before it arrived
  offerPageRead(viewByPage);
});
