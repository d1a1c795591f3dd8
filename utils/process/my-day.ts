/**
 * "My day" in the popup: my cards in "In progress" with their age, my open pull requests with
 * their review status, the reviews others wait on from me, and my last push to my forks
 * (`push.overdue`). Pure: the background gathers the data.
 */
import type { PullStatus } from '../github/snapshot';
import type { BoardSnapshot } from '../trello/snapshot';
import type { Finding } from './findings';
import { cardUrl } from './links';
import { LIST_ROLES, listIdsNamed } from './lists';
import { enteredListAt } from './rules/cards';
import { PROCESS_SENTENCES } from './sentences';
import type { Settings } from './settings';
import { createdAtFromId, plural, wholeDays } from './time';

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
): MyDay['cards'] {
  return boards.flatMap((board) => {
    const inProgress = listIdsNamed(board.lists, LIST_ROLES.inProgress);
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

/** `push.overdue`: no push to my forks for N hours ("push at least once a day"). */
export function pushOverdue(
  lastPushAt: number | undefined,
  forks: number,
  settings: Settings,
  now: number,
  login: string,
): Finding {
  const limit = settings.process.pushIntervalHours;
  const base = {
    rule: 'push.overdue',
    subject: login,
    anchor: { kind: 'header' as const },
    sentence: PROCESS_SENTENCES.push,
  };
  if (lastPushAt === undefined) {
    return {
      ...base,
      severity: 'info',
      title: forks ? 'No push found on your forks' : 'No fork of the watched repositories found',
      message: `Process Lens looks for your forks (@${login}/<repo>) of the watched repositories and their last push.`,
      advice: 'Fork the project into your personal account and push your branches there.',
    };
  }
  const hours = Math.floor((now - lastPushAt) / 3_600_000);
  const overdue = now - lastPushAt > limit * 3_600_000;
  return {
    ...base,
    severity: overdue ? 'warn' : 'ok',
    title: overdue
      ? `Last push ${plural(hours, 'hour')} ago`
      : `Pushed ${plural(hours, 'hour')} ago`,
    message: `Your last push to your forks was ${plural(hours, 'hour')} ago; the process asks for one at least every ${plural(limit, 'hour')}.`,
    ...(overdue
      ? {
          advice:
            'Push your work in progress to your fork, so nothing is lost and others can help.',
        }
      : {}),
  };
}
