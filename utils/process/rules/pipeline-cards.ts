/** What the pipeline card rules share: which cards are projects, and one finding per such card. */
import type { BoardSnapshot, TrelloCard } from '../../trello/snapshot';
import type { Finding } from '../findings';
import { boardRoles, LIST_ROLES } from '../list-roles';
import { isReviewCard } from '../pipeline-review';
import type { Settings } from '../settings';
import { cardFinding } from './cards';
import type { BoardRule, BoardRuleInput } from './types';

/** Project cards: open, not the review card, not in a "Done" list (finished projects). */
function projectCards(board: BoardSnapshot, settings: Settings): TrelloCard[] {
  const done = boardRoles(board, settings).ids(LIST_ROLES.done);
  return board.cards.filter(
    (card) => !card.closed && !done.has(card.idList) && !isReviewCard(card),
  );
}

type CardCheck = (
  card: TrelloCard,
  input: BoardRuleInput,
) => Omit<Finding, 'subject' | 'anchor' | 'rule' | 'sentence'> | undefined;

/** A pipeline card rule: `check` says what is wrong with one project card, if anything. */
export function perCard(rule: Omit<BoardRule, 'evaluate'>, check: CardCheck): BoardRule {
  return {
    ...rule,
    evaluate(input) {
      return projectCards(input.board, input.settings).flatMap((card) => {
        const found = check(card, input);
        return found
          ? [cardFinding(input.board, card, { rule: rule.id, sentence: rule.sentence, ...found })]
          : [];
      });
    },
  };
}
