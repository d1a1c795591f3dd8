/**
 * The hints' scripts, added to a tab when its content script asks (`page.hints`): the content
 * scripts that run on every page stay a few KB, and only pages that can have hints load the rest
 * (docs/architecture.md, "Page runtime").
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { logWarning } from '../log';
import { fail, ok, type Result } from '../result';
import type { From } from './router';

/** Each site's hints script, by the origin of the page that asks. */
const HINTS_SCRIPTS: Readonly<Record<string, ScriptPublicPath>> = {
  'https://trello.com': '/trello-hints.js',
  'https://github.com': '/github-hints.js',
};

export async function addHintsScript(from: From | undefined): Promise<Result<null>> {
  const file = from && HINTS_SCRIPTS[from.origin];
  if (from?.kind !== 'content' || from.tabId === undefined || !file) {
    return fail('forbidden-sender', 'Only a trello.com or github.com page can ask for its hints.');
  }
  try {
    await browser.scripting.executeScript({
      // The asking document only, where the browser can name it (a tab that moved on since is not
      // reached; the script also checks its origin).
      target: from.documentId
        ? { tabId: from.tabId, documentIds: [from.documentId] }
        : { tabId: from.tabId, frameIds: [0] },
      files: [file],
      injectImmediately: true,
    });
    return ok(null);
  } catch (error) {
    logWarning('Could not add the hints to a page', { origin: from.origin, error: String(error) });
    return fail('internal', 'Process Lens could not start on this page: reload it.');
  }
}
