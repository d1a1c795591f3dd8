import type { TrelloCard } from '../../trello/snapshot';

const BOARD_LINK = /https?:\/\/(?:www\.)?trello\.com\/b\/([A-Za-z0-9]{8})(?=[/?#\s)\]>"'.,;]|$)/g;

/** The boards a pipeline card links to: attachments and trello.com/b/ URLs in its description. */
export function linkedBoards(card: Pick<TrelloCard, 'desc' | 'attachments'>): Set<string> {
  const found = new Set<string>();
  for (const text of [card.desc, ...card.attachments.map((a) => a.url)]) {
    for (const match of text.matchAll(BOARD_LINK)) found.add(match[1] as string);
  }
  return found;
}
