/** The rule registry: every rule of DESIGN §1 that is built, by the board it applies to. */
import { isPipelineBoard, isProjectBoard } from '../boards';
import type { Finding } from '../findings';
import { boardMissingLists } from './board-missing-lists';
import { boardNotInPipeline } from './board-not-in-pipeline';
import { cardStaleInProgress } from './card-stale-in-progress';
import { cardStuck } from './card-stuck';
import { PIPELINE_RULES } from './pipeline';
import type { BoardRule, BoardRuleInput } from './types';

/** Rules for project boards (the six-list boards of each project). */
export const PROJECT_BOARD_RULES: readonly BoardRule[] = [
  boardMissingLists,
  boardNotInPipeline,
  cardStaleInProgress,
  cardStuck,
];

export { PIPELINE_RULES };

export function evaluateBoard(input: BoardRuleInput): Finding[] {
  const rules = isPipelineBoard(input.board, input.settings)
    ? PIPELINE_RULES
    : isProjectBoard(input.board, input.settings)
      ? PROJECT_BOARD_RULES
      : [];
  return rules.flatMap((rule) => rule.evaluate(input));
}
