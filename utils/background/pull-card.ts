/**
 * Pull requests on the repository's Trello board: which card has a pull request attached.
 * "Create card" itself runs as a move job (`utils/jobs`).
 */

import { LIST_ROLES, sameListName } from '../process/lists';
import { ok, type Result } from '../result';
import type { TrelloClient } from '../trello/api';

/** The card on the board's "In progress" list (or any process list) that has this PR attached. */
export async function findCardForPull(
  trello: TrelloClient,
  board: string,
  pullUrl: string,
): Promise<Result<string | null>> {
  const lists = await trello.openLists(board);
  if (!lists.ok) return lists;
  const candidates = lists.value.filter((l) =>
    [LIST_ROLES.inProgress, LIST_ROLES.stuck, LIST_ROLES.done].some((name) =>
      sameListName(l.name, name),
    ),
  );
  for (const list of candidates) {
    const cards = await trello.listCardsWithAttachments(list.id);
    if (!cards.ok) return cards;
    const card = cards.value.find((c) => c.attachments.some((a) => sameUrl(a.url, pullUrl)));
    if (card) return ok(card.shortLink);
  }
  return ok(null);
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}
