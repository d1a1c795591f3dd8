/** What card rules share: where a card finding goes, and what the board's events say about a card. */
import type { BoardEvent, BoardSnapshot, TrelloCard } from '../../trello/snapshot';
import type { Finding } from '../findings';

export function cardFinding(
  board: BoardSnapshot,
  card: TrelloCard,
  rest: Omit<Finding, 'subject' | 'anchor'>,
): Finding {
  return {
    ...rest,
    subject: card.shortLink,
    anchor: { kind: 'card', board: board.shortLink, card: card.shortLink },
  };
}

/**
 * The board's events grouped by card, built once per snapshot: rules look up one card at a time,
 * and scanning every event for every card grows with cards × events.
 */
const byCardCache = new WeakMap<readonly BoardEvent[], Map<string, BoardEvent[]>>();

function eventsOf(events: readonly BoardEvent[], card: string): readonly BoardEvent[] {
  let byCard = byCardCache.get(events);
  if (!byCard) {
    byCard = new Map();
    for (const event of events) {
      const list = byCard.get(event.card);
      if (list) list.push(event);
      else byCard.set(event.card, [event]);
    }
    byCardCache.set(events, byCard);
  }
  return byCard.get(card) ?? [];
}

/** When the card last entered this list (newest move into it, or its creation there). */
export function enteredListAt(
  events: readonly BoardEvent[],
  card: string,
  list: string,
): number | undefined {
  let newest: number | undefined;
  for (const event of eventsOf(events, card)) {
    if (event.list !== list || (event.kind !== 'move' && event.kind !== 'create')) continue;
    if (newest === undefined || event.at > newest) newest = event.at;
  }
  return newest;
}

/** The card's comments, newest first. */
export function commentsOn(events: readonly BoardEvent[], card: string): BoardEvent[] {
  return eventsOf(events, card)
    .filter((event) => event.kind === 'comment')
    .sort((a, b) => b.at - a.at);
}
