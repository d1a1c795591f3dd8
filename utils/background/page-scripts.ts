/**
 * The page scripts the background adds to a tab when its content script asks: the hints' scripts
 * (`page.hints`), and Trello's own board read (`page.boardRead`) when the background could not
 * read the board. The content scripts that run on every page stay small, and only pages that need
 * more load it (docs/architecture.md, "Page runtime").
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

/** The page's own read of a Trello board (utils/trello/page-read.ts). */
const BOARD_READ_SCRIPTS: Readonly<Record<string, ScriptPublicPath>> = {
  'https://trello.com': '/trello-read.js',
};

export function addHintsScript(from: From | undefined): Promise<Result<null>> {
  return addPageScript(from, HINTS_SCRIPTS, 'a trello.com or github.com page');
}

export function addBoardReadScript(from: From | undefined): Promise<Result<null>> {
  return addPageScript(from, BOARD_READ_SCRIPTS, 'a trello.com page');
}

async function addPageScript(
  from: From | undefined,
  scripts: Readonly<Record<string, ScriptPublicPath>>,
  who: string,
): Promise<Result<null>> {
  const file = from && scripts[from.origin];
  if (from?.kind !== 'content' || from.tabId === undefined || !file) {
    return fail('forbidden-sender', `Only ${who} can ask for this.`);
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
    logWarning('Could not add a script to a page', {
      origin: from.origin,
      file,
      error: String(error),
    });
    return fail('internal', 'Process Lens could not start on this page: reload it.');
  }
}
