/**
 * The settings, as content scripts get them: asked of the background once, and again after the
 * background says they changed (content scripts cannot read or watch extension storage: it is
 * closed to them, see restrictStorageToExtension).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { send } from '../messaging';
import { defaultSettings, type Settings } from '../process/settings';

/** What the background sends every tab when the settings change (announce-changed.ts). */
export const SETTINGS_CHANGED = 'settings.changed';

export function createSettingsSource(ctx: ContentScriptContext, onChange: () => void) {
  let current: Promise<Settings> | undefined;
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only our background (an extension context with no tab) announces new settings.
    if (sender.id !== browser.runtime.id || sender.tab) return;
    if ((message as { type?: unknown } | null)?.type !== SETTINGS_CHANGED) return;
    current = undefined;
    onChange();
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => {
    try {
      browser.runtime.onMessage.removeListener(listener);
    } catch {
      // the extension context is gone, and the listener with it
    }
  });
  return {
    get(): Promise<Settings> {
      current ??= send({ type: 'settings.get' }).then((answer) =>
        answer.ok ? answer.value : defaultSettings(),
      );
      return current;
    },
  };
}
