/** The context-menu entries on any page's selected text (utils/selection.ts builds the forms). */
import { type Browser, browser } from 'wxt/browser';
import {
  gitHubIssueFromSelection,
  MENU_GITHUB,
  MENU_TRELLO,
  trelloCardFromSelection,
} from '../selection';
import { loadSettings } from '../storage';

export function createSelectionMenus(): void {
  browser.contextMenus.create({
    id: MENU_TRELLO,
    title: 'Create Trello card from selection',
    contexts: ['selection'],
  });
  browser.contextMenus.create({
    id: MENU_GITHUB,
    title: 'Create GitHub issue from selection',
    contexts: ['selection'],
  });
}

export async function openFromSelection(
  info: Browser.contextMenus.OnClickData,
  pageUrl: string | undefined,
): Promise<void> {
  const selection = info.selectionText ?? '';
  if (!selection.trim()) return;
  if (info.menuItemId === MENU_TRELLO) {
    await browser.tabs.create({ url: trelloCardFromSelection(selection, pageUrl) });
  } else if (info.menuItemId === MENU_GITHUB) {
    const { settings } = await loadSettings();
    const url = gitHubIssueFromSelection(selection, pageUrl, settings.github.repos);
    // No repository watched yet: the options page is where to choose one.
    if (url) await browser.tabs.create({ url });
    else await browser.runtime.openOptionsPage();
  }
}
