/**
 * Trello page detection: pure functions of the URL (docs/architecture.md, "API facts").
 * Each detector lists example URLs in its comment; tests check every example against every
 * other detector.
 */

const TRELLO_HOST = 'trello.com';

function trelloPath(url: string | URL): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.hostname !== TRELLO_HOST) return undefined;
    return parsed.pathname;
  } catch {
    return undefined;
  }
}

/** https://trello.com/b/AbCd1234/project-board, https://trello.com/b/AbCd1234 */
export function isBoard(url: string | URL): boolean {
  return getBoardShortLink(url) !== undefined;
}

/** https://trello.com/c/AbCd1234/12-fix-login, https://trello.com/c/AbCd1234 */
export function isCard(url: string | URL): boolean {
  return getCardShortLink(url) !== undefined;
}

/** https://trello.com/, https://trello.com/u/someone/boards, https://trello.com/w/workspace/home */
export function isTrelloHome(url: string | URL): boolean {
  const path = trelloPath(url);
  return path !== undefined && (/^\/?$/.test(path) || /^\/(u|w)\/[^/]+(\/|$)/.test(path));
}

export function getBoardShortLink(url: string | URL): string | undefined {
  const match = trelloPath(url)?.match(/^\/b\/([A-Za-z0-9]{8})(?:\/|$)/);
  return match?.[1];
}

export function getCardShortLink(url: string | URL): string | undefined {
  const match = trelloPath(url)?.match(/^\/c\/([A-Za-z0-9]{8})(?:\/|$)/);
  return match?.[1];
}

/**
 * A board as the user may type it in settings: a short link, or any board URL
 * (`https://trello.com/b/AbCd1234/name`, `trello.com/b/AbCd1234`). Anything else is returned
 * unchanged so validation can report it.
 */
export function normaliseBoardRef(input: string): string {
  const trimmed = input.trim();
  const match = trimmed.match(
    /^(?:https?:\/\/)?(?:www\.)?trello\.com\/b\/([A-Za-z0-9]{8})(?:[/?#]|$)/,
  );
  return match?.[1] ?? trimmed;
}
