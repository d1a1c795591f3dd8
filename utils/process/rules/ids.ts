/**
 * Every rule id in use, in the registry's order (utils/process/rules/index.ts). A registry test
 * checks that this list and the registry agree; see docs/architecture.md, "Rules".
 */
export const RULE_IDS = [
  'board.missing-lists',
  'board.not-in-pipeline',
  'card.stale-in-progress',
  'card.stuck',
  'pipeline.no-deadline',
  'pipeline.deadline-too-far',
  'pipeline.overdue',
  'pipeline.no-board',
  'pipeline.stale',
  'pipeline.recognised',
  'pipeline.review-due',
  'pr.reviews',
  'pr.not-from-fork',
  'pr.default-branch',
  'pr.no-card',
  'pr.on-card',
  'issue.needs-card',
  'issue.on-card',
  'push.overdue',
  // Not drifts from the process: the data itself, while it is read or when it cannot be.
  'source.loading',
  'source.unavailable',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
