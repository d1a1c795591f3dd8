/**
 * Where the monthly pipeline review is recorded, so the whole team sees it: a dedicated card on
 * the Project Pipeline board, with one comment per review. The newest comment is the last review.
 */
import type { BoardSnapshot } from '../trello/snapshot';
import { sameListName } from './list-roles';

export const REVIEW_CARD_NAME = 'Pipeline reviews (Process Lens)';

export const REVIEW_CARD_DESC =
  'Process Lens records each monthly review of the Project Pipeline as a comment on this card ' +
  '("Mark pipeline reviewed" on the pipeline board). Keep the card open: the newest comment is ' +
  'the date of the last review.';

export function reviewComment(day: string, who: string): string {
  return `Pipeline reviewed on ${day} by @${who}.`;
}

export function isReviewCard(card: { name: string }): boolean {
  return sameListName(card.name, REVIEW_CARD_NAME);
}

/** Epoch ms of the last recorded review, or undefined when none was ever recorded. */
export function lastReviewAt(pipeline: BoardSnapshot): number | undefined {
  const card = pipeline.cards.find((c) => !c.closed && isReviewCard(c));
  if (!card) return undefined;
  let newest: number | undefined;
  for (const event of pipeline.events) {
    if (
      event.kind === 'comment' &&
      event.card === card.id &&
      (newest === undefined || event.at > newest)
    ) {
      newest = event.at;
    }
  }
  return newest;
}
