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

/** When the card last entered this list (newest move into it, or its creation there). */
export function enteredListAt(
  events: readonly BoardEvent[],
  card: string,
  list: string,
): number | undefined {
  let newest: number | undefined;
  for (const event of events) {
    if (
      event.card !== card ||
      event.list !== list ||
      (event.kind !== 'move' && event.kind !== 'create')
    )
      continue;
    if (newest === undefined || event.at > newest) newest = event.at;
  }
  return newest;
}

/** The card's comments, newest first. */
export function commentsOn(events: readonly BoardEvent[], card: string): BoardEvent[] {
  return events
    .filter((event) => event.kind === 'comment' && event.card === card)
    .sort((a, b) => b.at - a.at);
}
