/**
 * Where hints mount on Trello's page (docs/architecture.md, "Page runtime"). One array per anchor, newest first,
 * each entry dated with when it was last seen working; legacy entries stay beside new ones.
 * Nothing here reads facts from the page: the APIs are the truth.
 */
import type { ResolveAnchor } from '../dom/hint-layer';

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
export const CARD_LINK: readonly DatedSelector[] = [
  { selector: 'a[data-testid="card-name"][href^="/c/"]', seen: '2026-09' },
];
export const LIST: readonly DatedSelector[] = [
  { selector: '[data-testid="list"][data-card-drop-list-id]', seen: '2026-09' },
];
export const LIST_NAME: readonly DatedSelector[] = [
  { selector: 'h2[data-testid="list-name"]', seen: '2025-06-23' },
];

/** What the page observer watches: a hint can only move when one of these comes or goes. */
export const WATCHED = [BOARD_HEADER, CARD_LINK, LIST, LIST_NAME]
  .flat()
  .map(({ selector }) => selector)
  .join(', ');

function first(selectors: readonly DatedSelector[], root: ParentNode): Element | null {
  for (const { selector } of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

function all(selectors: readonly DatedSelector[], root: ParentNode): Element[] {
  return selectors.flatMap(({ selector }) => [...root.querySelectorAll(selector)]);
}

/** The short link a card link names (`/c/AbCd1234/…`), if it names one. */
function cardOfLink(link: Element): string | undefined {
  const shortLink = link.getAttribute('href')?.slice(3, 11);
  return shortLink && SHORT_LINK.test(shortLink) ? shortLink : undefined;
}
const SHORT_LINK = /^[A-Za-z0-9]{8}$/;

/**
 * A resolver over the page as it is now. Card links and lists are indexed once, on first need
 * (one query for all card links), so placing many card hints costs one scan, not one per card.
 * A board shows thousands of cards and a few hundred have a hint: the index keeps each card's
 * link, and only the cards asked for are looked up from their links (`closest`).
 */
export function trelloAnchors(root: ParentNode = document): ResolveAnchor {
  let links: Map<string, Element> | undefined;
  let lists: Map<string, Element> | undefined;

  const cardElement = (shortLink: string) => {
    if (!links) {
      links = new Map();
      for (const link of all(CARD_LINK, root)) {
        const card = cardOfLink(link);
        if (card && !links.has(card)) links.set(card, link);
      }
    }
    const cardOf = (link: Element) =>
      CARD.map(({ selector }) => link.closest(selector)).find(Boolean) ?? undefined;
    const first = links.get(shortLink);
    const card = first && cardOf(first);
    if (card || !first) return card;
    // Rare: its first link is outside a card (a dialog's); another link of it may be in one.
    for (const link of all(CARD_LINK, root))
      if (cardOfLink(link) === shortLink && cardOf(link)) return cardOf(link);
    return undefined;
  };
  const listIndex = () => {
    if (!lists) {
      lists = new Map();
      for (const list of all(LIST, root)) {
        const id = list.getAttribute('data-card-drop-list-id');
        const name = first(LIST_NAME, list);
        if (id && name) lists.set(id, name);
      }
    }
    return lists;
  };

  return (finding) => {
    const { anchor } = finding;
    switch (anchor.kind) {
      case 'board': {
        const header = first(BOARD_HEADER, root);
        return header ? { element: header, position: 'after' } : null;
      }
      case 'card': {
        const card = cardElement(anchor.card);
        // A board has thousands of cards: hints only on those the user scrolls to.
        return card ? { element: card, position: 'append', lazy: true } : null;
      }
      case 'list': {
        const name = listIndex().get(anchor.list);
        return name ? { element: name, position: 'after' } : null;
      }
      default:
        return null;
    }
  };
}
