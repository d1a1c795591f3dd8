import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '../../utils/background/router';
import { createHandlers } from '../../utils/background/services';

export default defineBackground(() => {
  const route = createRouter(
    createHandlers(),
    browser.runtime.id,
    new URL(browser.runtime.getURL('/')).origin,
  );
  // Registered synchronously at start-up (MV3 workers restart often); answers by returning a Promise.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
});
