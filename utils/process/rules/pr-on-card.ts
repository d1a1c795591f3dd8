import type { PullSnapshot } from '../../github/snapshot';
import { cardLinksIn } from '../links';
import { PROCESS_SENTENCES } from '../sentences';
import { onCardFinding } from './finding-parts';
import type { PullRule, RuleDocs } from './types';

/** The card linked from the PR's description or comments, else the board's card that links the PR. */
export function pullCard(pull: PullSnapshot): string | undefined {
  return (
    cardLinksIn([pull.body, ...pull.comments.map((c) => c.body)])[0] ?? pull.boardCard ?? undefined
  );
}

/** The pull request is linked to a card: show the card (as `issue.on-card` does). */
export const prOnCard: PullRule = {
  id: 'pr.on-card',
  shows: ['pull-request'],
  sentence: PROCESS_SENTENCES.needsCard,
  evaluate({ pull }) {
    const card = pullCard(pull);
    if (!card) return [];
    return [onCardFinding(prOnCard, pull, card, 'pull request')];
  },
};

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen: 'a card is linked (as for `pr.no-card`): shows the card as a link',
};
