import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { backgroundClients } from '../../utils/background/clients';
import { createHandlers } from '../../utils/background/handlers';
import { createMoveService, JOBS_ALARM } from '../../utils/background/moves';
import { createRouter } from '../../utils/background/router';
import { createSelectionMenus, openFromSelection } from '../../utils/background/selection-menus';
import { createServices } from '../../utils/background/services';
import {
  ensureRefreshAlarm,
  REFRESH_ALARM,
  refreshSummary,
} from '../../utils/background/summary-refresh';
import { announceSettingsChanged } from '../../utils/settings/announce-changed';
import { restrictStorageToExtension, SETTINGS_KEY } from '../../utils/storage';

export default defineBackground(() => {
  void restrictStorageToExtension();
  const moves = createMoveService(backgroundClients);
  const services = createServices(moves);
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const route = createRouter(createHandlers(services), browser.runtime.id, extensionOrigin);
  // Registered synchronously at start-up (MV3 workers restart often); answers by returning a Promise.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === JOBS_ALARM) void moves.resume();
    // The toolbar badge stays current without the popup open (cached reads, within the budgets).
    if (alarm.name === REFRESH_ALARM) void refreshSummary(services);
  });
  void ensureRefreshAlarm();
  // Content scripts cannot watch storage (it is closed to them): tell them about new settings.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) void announceSettingsChanged();
  });
  // Every start of the worker picks up the jobs a previous one left unfinished.
  void moves.resume();
  browser.runtime.onInstalled.addListener(() => createSelectionMenus());
  browser.contextMenus.onClicked.addListener((info, tab) => void openFromSelection(info, tab?.url));
});
