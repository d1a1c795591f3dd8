/**
 * What runs on every trello.com and github.com page: a few KB that watch the URL and, once the
 * page on screen is one that can have hints, ask the background to add the hints' script to this
 * tab, once per document (docs/architecture.md, "Page runtime"). Pages with nothing to show pay
 * for nothing more. A script that starts with the document asks for the hints once the page is
 * parsed (evaluating them meanwhile made the page's own longest task longer); what can start
 * earlier (`readEarly`: a board's read, in the background) starts at once.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { send } from '../messaging';
import { whenParsed } from './idle';

export function startHintsWhenNeeded(
  ctx: ContentScriptContext,
  mayHaveHints: (url: string) => boolean,
  readEarly?: (url: string) => void,
): void {
  let asked = false;
  const check = async (url: string) => {
    if (asked || ctx.isInvalid || !mayHaveHints(url)) return;
    asked = true;
    readEarly?.(url);
    await whenParsed();
    const started = await send({ type: 'page.hints' });
    // Not started (the worker was restarting): the next navigation asks again.
    if (!started.ok) asked = false;
  };
  // The event comes as a navigation starts, before `location` changes: its URL is the new one.
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void check(newUrl.href));
  void check(location.href);
}
