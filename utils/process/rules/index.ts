/** The rule registry: every rule of DESIGN §1 that is built, by the page it applies to. */
import { isProjectBoard } from '../boards';
import type { Finding } from '../findings';
import { boardMissingLists } from './board-missing-lists';
import type { BoardRule, BoardRuleInput } from './types';

/** Rules for project boards (the six-list boards of each project). */
export const PROJECT_BOARD_RULES: readonly BoardRule[] = [boardMissingLists];

export function evaluateBoard(input: BoardRuleInput): Finding[] {
  if (!isProjectBoard(input.board, input.settings)) return [];
  return PROJECT_BOARD_RULES.flatMap((rule) => rule.evaluate(input));
}
