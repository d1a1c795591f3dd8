/** The background side of the content scripts' settings: telling every tab that they changed. */
import { browser } from 'wxt/browser';
import { SETTINGS_CHANGED } from './content-source';

/** Tells every tab's content scripts that the settings changed. */
export async function announceSettingsChanged(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : // Tabs without our content scripts refuse the message: nothing to tell them.
          browser.tabs.sendMessage(tab.id, { type: SETTINGS_CHANGED }).catch(() => {}),
    ),
  );
}
