/**
 * What runs on every trello.com and github.com page: about 1 KB gzip that watches the URL and,
 * once the page on screen is one that can have hints, asks the background to add the hints' script
 * to this tab, once per document (docs/architecture.md, "Page runtime"). Pages with nothing to
 * show pay for nothing more: not even WXT's content script context (the hints' script has its
 * own), nor the extension's API, looked up only to send. A script that starts with the document
 * asks for the hints once the page is parsed (evaluating them meanwhile made the page's own
 * longest task longer); what can start earlier (`readEarly`: a board's read, in the background)
 * starts at once.
 */
import { send } from '../messaging';
import { whenParsed } from './idle';

/** The Navigation API's `navigate` event, as far as it is used here (not in TypeScript's DOM types). */
interface NavigateEvent extends Event {
  destination: { url: string };
}

/** Where a browser has no Navigation API (older Firefox versions), `location` is read this often. */
export const LOCATION_POLL_MS = 1_000;

/**
 * Calls `onNavigate` with the URL of every navigation of this document: from the Navigation API's
 * `navigate` event (as a navigation starts, before `location` changes: its URL is the new one),
 * else by reading `location` every second.
 */
export function watchNavigations(onNavigate: (url: string) => void): () => void {
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    const listener = (event: Event) => onNavigate((event as NavigateEvent).destination.url);
    navigation.addEventListener('navigate', listener);
    return () => navigation.removeEventListener('navigate', listener);
  }
  let last = location.href;
  const timer = setInterval(() => {
    if (location.href === last) return;
    last = location.href;
    onNavigate(last);
  }, LOCATION_POLL_MS);
  return () => clearInterval(timer);
}

/** Starts watching this document; returns what stops it. */
export function startHintsWhenNeeded(
  mayHaveHints: (url: string) => boolean,
  readEarly?: (url: string) => void,
): () => void {
  let asked = false;
  const check = async (url: string) => {
    if (asked || !mayHaveHints(url)) return;
    asked = true;
    readEarly?.(url);
    await whenParsed();
    const started = await send({ type: 'page.hints' });
    // Not started (the worker was restarting, or the extension was updated): the next navigation
    // asks again.
    if (!started.ok) asked = false;
  };
  const stop = watchNavigations((url) => void check(url));
  void check(location.href);
  return stop;
}
