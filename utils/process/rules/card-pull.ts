/** Back on Trello: a card that links a pull request shows that PR's review status (`pr.reviews`). */
import type { PullRef, PullStatus } from '../../github/snapshot';
import type { AppError, Result } from '../../result';
import type { BoardSnapshot } from '../../trello/snapshot';
import type { Finding } from '../findings';
import { eachCardGitHubLinks } from '../links';
import { clockTime } from '../time';
import { mentions, prReviews, reviewDecision } from './pr-reviews';

/** A card (short link) and the pull request it links. */
export interface CardPull {
  card: string;
  pull: PullRef;
}

/** Every open card's first linked pull request (description or attachments), at most `limit`. */
export function cardPulls(board: BoardSnapshot, limit = 50): CardPull[] {
  const out: CardPull[] = [];
  for (const { card, links } of eachCardGitHubLinks(board)) {
    const pull = links.find((link) => link.kind === 'pull');
    if (pull)
      out.push({
        card: card.shortLink,
        pull: { owner: pull.owner, repo: pull.repo, number: pull.number },
      });
    if (out.length >= limit) break;
  }
  return out;
}

export function cardPullFinding(board: string, card: string, status: PullStatus): Finding {
  const { approvals, changesRequested, required, state, number } = status;
  const title =
    state === 'merged'
      ? `PR #${number} merged`
      : state === 'closed'
        ? `PR #${number} closed`
        : `PR #${number}${status.draft ? ' (draft)' : ''}: ${approvals.length} of ${required} approvals`;
  return {
    rule: prReviews.id,
    severity: reviewDecision(status).severity,
    subject: card,
    anchor: { kind: 'card', board, card },
    title,
    message: `${status.owner}/${status.repo}#${number}: ${
      approvals.length ? `approved by ${mentions(approvals)}` : 'no approval from others yet'
    }${changesRequested.length ? `; changes requested by ${mentions(changesRequested)}` : ''}.`,
    sentence: prReviews.sentence,
  };
}

/** A card whose pull request's status could not be read: says so, and why (info: not a drift). */
export function cardPullUnread(
  board: string,
  card: string,
  pull: PullRef,
  error: AppError,
): Finding {
  const limited = error.code === 'rate-limited';
  return {
    rule: prReviews.id,
    severity: 'info',
    subject: card,
    anchor: { kind: 'card', board, card },
    title: limited
      ? `PR #${pull.number}: not read, GitHub rate limit${error.retryAt ? ` until ${clockTime(error.retryAt)}` : ''}`
      : `PR #${pull.number}: review status not read`,
    message: `Process Lens could not read the review status of ${pull.owner}/${pull.repo}#${pull.number}: ${error.message}`,
    advice: limited
      ? 'It reads again when the board is next loaded after that time.'
      : 'Reload the board to try again.',
    sentence: prReviews.sentence,
  };
}

/** A finding per card that links a pull request (statuses in the order of `links`). */
export function cardPullFindings(
  board: string,
  links: readonly { card: string; pull: PullRef }[],
  statuses: readonly Result<PullStatus>[],
): Finding[] {
  return statuses.flatMap((status, i) => {
    const link = links[i];
    if (!link) return [];
    return [
      status.ok
        ? cardPullFinding(board, link.card, status.value)
        : cardPullUnread(board, link.card, link.pull, status.error),
    ];
  });
}
