/**
 * "Create Trello card / GitHub issue from selection": turn a user's report on any page (the support
 * site, a mailing list archive) into tracked work, prefilled with the text and the page's address.
 */

const TITLE_LIMIT = 100;
/** Browsers and servers cut long URLs: the text beyond this is left for the user to paste. */
const BODY_LIMIT = 4000;

export const MENU_TRELLO = 'process-lens-selection-to-card';
export const MENU_GITHUB = 'process-lens-selection-to-issue';

function titleOf(selection: string): string {
  const first = selection.trim().split('\n', 1)[0]?.trim() ?? '';
  return first.length > TITLE_LIMIT ? `${first.slice(0, TITLE_LIMIT - 1)}…` : first;
}

function bodyOf(selection: string, pageUrl: string | undefined): string {
  const text = selection.trim();
  const clipped =
    text.length > BODY_LIMIT
      ? `${text.slice(0, BODY_LIMIT)}\n\n(The selection was longer; the rest is on the page.)`
      : text;
  return pageUrl ? `${clipped}\n\nFrom ${pageUrl}` : clipped;
}

/** Only http(s) pages are linked back (no `file:`, `chrome:` or `javascript:` addresses). */
function safePageUrl(pageUrl: string | undefined): string | undefined {
  try {
    const url = new URL(pageUrl ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Trello's own "add card" form, prefilled: the user picks the board and list there. */
export function trelloCardFromSelection(selection: string, pageUrl?: string): string {
  const page = safePageUrl(pageUrl);
  const query = new URLSearchParams({
    mode: 'popup',
    name: titleOf(selection),
    desc: bodyOf(selection, page),
  });
  if (page) query.set('url', page);
  return `https://trello.com/add-card?${query}`;
}

/** GitHub's new-issue form of the first watched repository, prefilled; undefined when none is set. */
export function gitHubIssueFromSelection(
  selection: string,
  pageUrl: string | undefined,
  repos: readonly string[],
): string | undefined {
  const repo = repos[0];
  if (!repo || !/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/.test(repo)) return undefined;
  const query = new URLSearchParams({
    title: titleOf(selection),
    body: bodyOf(selection, safePageUrl(pageUrl)),
  });
  return `https://github.com/${repo}/issues/new?${query}`;
}
