import { boardRoles, LIST_ROLES, listInRole } from '../list-roles';
import { PROCESS_SENTENCES } from '../sentences';
import { cardFinding, commentsOn } from './cards';
import type { BoardRule, RuleDocs } from './types';

/**
 * A card in "Stuck" is raised at the weekly call; warn when nothing on it (description or a
 * comment) says what blocks it.
 */
export const cardStuck: BoardRule = {
  id: 'card.stuck',
  shows: ['card'],
  summaryLabel: 'Stuck cards',
  sentence: PROCESS_SENTENCES.callBlockers,
  evaluate({ board, settings }) {
    const stuck = boardRoles(board, settings).ids(LIST_ROLES.stuck);
    return board.cards.flatMap((card) => {
      if (card.closed || !stuck.has(card.idList)) return [];
      const blocker = blockerLine(card.desc, commentsOn(board.events, card.id)[0]?.text);
      return [
        cardFinding(board, card, {
          rule: cardStuck.id,
          severity: blocker ? 'info' : 'warn',
          title: blocker ? 'Stuck: raise it at the weekly call' : 'Stuck, and nothing says why',
          message: blocker
            ? `Blocked by: ${blocker}`
            : `This card is in ${listInRole(board.lists, card.idList, LIST_ROLES.stuck)}, but neither its description nor a comment says what blocks it.`,
          advice: blocker
            ? 'It goes on the agenda of the weekly tech call.'
            : 'Add a comment saying what blocks it, so the weekly call can deal with it.',
          sentence: cardStuck.sentence,
        }),
      ];
    });
  },
};

/** The line that says what blocks a card: the newest comment, else the description's first line. */
export function blockerLine(desc: string, newestComment: string | undefined): string | undefined {
  const firstLine = (text: string | undefined) =>
    text
      ?.split('\n')
      .map((line) => line.trim())
      .find(Boolean);
  // "Blocked by: X" reads as "Blocked by: Blocked by: X" in the hint: keep only X.
  const line = (firstLine(newestComment) ?? firstLine(desc))?.replace(
    /^(blocked by|blocker|waiting for)\s*:\s*/i,
    '',
  );
  return line && line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen:
    'the card is in the list that fills "Stuck" (by name, synonym or mapping): info with its blocker line (newest comment, else the description); warn when nothing says what blocks it',
};
