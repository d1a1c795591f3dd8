import type { IssueSnapshot } from '../../github/snapshot';
import { cardLinksIn } from '../links';
import { PROCESS_SENTENCES } from '../sentences';
import { onCardFinding } from './finding-parts';
import type { IssueRule, RuleDocs } from './types';

/** The cards the issue's description or comments link (card URL or our marker). */
export function issueCards(issue: IssueSnapshot): string[] {
  return cardLinksIn([issue.body, ...issue.comments.map((c) => c.body)]);
}

/** A card links the issue: show the card. Replaces `issue.needs-card`. */
export const issueOnCard: IssueRule = {
  id: 'issue.on-card',
  shows: ['issue'],
  sentence: PROCESS_SENTENCES.needsCard,
  evaluate({ issue }) {
    const [card] = issueCards(issue);
    if (!card) return [];
    // The move button is always on the issue page: e.g. to close it now.
    return [onCardFinding(issueOnCard, issue, card, 'issue', { action: 'move-issue-to-card' })];
  },
};

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen:
    'a card is already linked (card URL or marker): shows the card as a link; the "Move to a Trello card" button stays (it is on every issue page, also while loading and after a failed read)',
};
