/**
 * "My day" in the popup: my cards in "In progress" with their age, my open pull requests with
 * their review status, the reviews others wait on from me, and my last push to my forks
 * (`push.overdue`, in utils/process/rules/push-overdue.ts). Pure: the background gathers the data.
 */
import type { PullStatus } from '../github/snapshot';
import type { BoardSnapshot } from '../trello/snapshot';
import { cardUrl } from './links';
import { boardRoles, LIST_ROLES } from './list-roles';
import { enteredListAt } from './rules/cards';
import type { Settings } from './settings';
import { createdAtFromId, wholeDays } from './time';

export interface MyDay {
  cards: { name: string; link: string; board: string; days: number }[];
  pulls: { title: string; link: string; status: PullStatus }[];
  reviews: { title: string; link: string; author: string }[];
  /** The newest `pushed_at` of my forks of the watched repositories. */
  lastPushAt?: number;
  /** Set when GitHub could not be asked (no token, rate limit…): says why. */
  githubNote?: string;
}

export function myCardsInProgress(
  boards: readonly BoardSnapshot[],
  memberId: string,
  now: number,
  settings: Settings,
): MyDay['cards'] {
  return boards.flatMap((board) => {
    const inProgress = boardRoles(board, settings).ids(LIST_ROLES.inProgress);
    return board.cards
      .filter(
        (card) => !card.closed && inProgress.has(card.idList) && card.idMembers.includes(memberId),
      )
      .map((card) => {
        const since =
          enteredListAt(board.events, card.id, card.idList) ?? createdAtFromId(card.id) ?? now;
        return {
          name: card.name,
          link: cardUrl(card.shortLink),
          board: board.name,
          days: wholeDays(now - since),
        };
      });
  });
}
