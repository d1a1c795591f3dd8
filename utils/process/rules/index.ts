/** The rule registry: every rule of DESIGN §1 that is built, by the page it applies to. */
import type { Finding } from '../findings';
import { boardMissingLists } from './board-missing-lists';
import type { BoardRule, BoardRuleInput } from './types';

export const BOARD_RULES: readonly BoardRule[] = [boardMissingLists];

export function evaluateBoard(input: BoardRuleInput): Finding[] {
  return BOARD_RULES.flatMap((rule) => rule.evaluate(input));
}
