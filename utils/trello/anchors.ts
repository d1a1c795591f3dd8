/**
 * Where hints mount on Trello's page (dom-anchors.md §2). One array per anchor, newest first,
 * each entry dated with when it was last seen working; legacy entries stay beside new ones.
 * Nothing here reads facts from the page: the APIs are the truth.
 */
import type { AnchorTarget } from '../dom/hint-layer';
import type { Finding } from '../process/findings';

interface DatedSelector {
  selector: string;
  /** Last seen working on trello.com. */
  seen: string;
}

export const BOARD_HEADER: readonly DatedSelector[] = [
  { selector: 'h1[data-testid="board-name-display"]', seen: '2026-04-16' },
];

export const CARD: readonly DatedSelector[] = [
  { selector: '[data-testid="trello-card"]', seen: '2026-09' },
];

function first(selectors: readonly DatedSelector[], root: ParentNode): Element | null {
  for (const { selector } of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

/** The card's element, found by its `/c/<shortLink>/` link, never by its name. */
export function findCard(shortLink: string, root: ParentNode = document): Element | null {
  const link = root.querySelector(
    `a[data-testid="card-name"][href^="/c/${shortLink}/"], a[href="/c/${shortLink}"]`,
  );
  if (!link) return null;
  for (const { selector } of CARD) {
    const card = link.closest(selector);
    if (card) return card;
  }
  return null;
}

export function resolveTrelloAnchor(
  finding: Finding,
  root: ParentNode = document,
): AnchorTarget | null {
  const { anchor } = finding;
  switch (anchor.kind) {
    case 'board': {
      const header = first(BOARD_HEADER, root);
      return header ? { element: header, position: 'after' } : null;
    }
    case 'card': {
      const card = findCard(anchor.card, root);
      return card ? { element: card, position: 'append' } : null;
    }
    case 'list':
      return null; // List hints arrive with the list rules.
  }
}
