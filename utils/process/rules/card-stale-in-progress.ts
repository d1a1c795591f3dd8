import { boardRoles, LIST_ROLES, listInRole } from '../list-roles';
import { PROCESS_SENTENCES } from '../sentences';
import { createdAtFromId, plural, wholeDays } from '../time';
import { cardFinding, enteredListAt } from './cards';
import type { BoardRule, RuleDocs } from './types';

/**
 * A card that has sat in "In progress" for N days. Time in list comes from the card's move
 * actions (a label edit or a comment does not reset it), not from `dateLastActivity`.
 */
export const cardStaleInProgress: BoardRule = {
  id: 'card.stale-in-progress',
  shows: ['card'],
  summaryLabel: 'Stale in progress',
  sentence: PROCESS_SENTENCES.callBlockers,
  evaluate({ board, settings, now }) {
    const inProgress = boardRoles(board, settings).ids(LIST_ROLES.inProgress);
    const limitDays = settings.process.staleInProgressDays;
    return board.cards.flatMap((card) => {
      if (card.closed || !inProgress.has(card.idList)) return [];
      const moved = enteredListAt(board.events, card.id, card.idList);
      const since = moved ?? createdAtFromId(card.id);
      if (since === undefined) return [];
      const days = wholeDays(now - since);
      if (days < limitDays) return [];
      const basis = moved === undefined ? noMoveBasis(board.actionsCapped) : '';
      return [
        cardFinding(board, card, {
          rule: cardStaleInProgress.id,
          severity: 'warn',
          title: `In progress for ${plural(days, 'day')}`,
          message: `This card has been in ${listInRole(board.lists, card.idList, LIST_ROLES.inProgress)} for ${plural(days, 'day')}${basis}; the limit is ${plural(limitDays, 'day')}. Is it still being worked on, or is it stuck?`,
          advice:
            'Move it to “Stuck” and raise it at the weekly call, or split it into smaller cards.',
          sentence: cardStaleInProgress.sentence,
        }),
      ];
    });
  },
};

/** Why the time is counted from the card's creation (see docs/architecture.md, "Data and caches"). */
export function noMoveBasis(actionsCapped: boolean | undefined): string {
  return actionsCapped
    ? ' (no move on record among the board’s last 1,000 actions, the most Trello gives: counted from when the card was created)'
    : ' (no move found: counted from when the card was created)';
}

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen:
    'the card has been in the list that fills "In progress" (by name, synonym or mapping) for N days, counted from its move into the list (a comment or label edit does not reset it; with no move on record, from its creation time, and the hint says so, also when the board has more than the 1,000 actions Trello returns)',
  default: '7 days',
  changeIt: 'Options → Process rules → _Days in "In progress"…_',
};
