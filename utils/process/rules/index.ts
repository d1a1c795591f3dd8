/**
 * The rule registry: every rule, one file each, in the order the popup and the README list them
 * (see docs/architecture.md, "Rules").
 *
 * To add a rule:
 * 1. Write `utils/process/rules/<rule-id>.ts` exporting its definition (`BoardRule`, `PullRule`,
 *    `IssueRule` or `Rule<Input>`): id, where it shows, its popup label if the popup counts it,
 *    its process sentence (from ../sentences.ts), its README row and its evaluate function; and
 *    its test in tests/unit/.
 * 2. Add its id to `RULE_IDS` (./ids.ts) and its definition to `RULES` below, at the same place,
 *    and to the list that evaluates it (`PROJECT_BOARD_RULES`, `PIPELINE_RULES`, `PULL_RULES` or
 *    `ISSUE_RULES`).
 * 3. Run `npm run docs:rules` to write its row into the README's rule table.
 * Its hints, its popup count (`SUMMARY_RULES`) and the README table then come from here.
 */

import type { IssueSnapshot, PullSnapshot } from '../../github/snapshot';
import { isPipelineBoard, isProjectBoard } from '../boards';
import type { Finding } from '../findings';
import type { Settings } from '../settings';
import { boardMissingLists } from './board-missing-lists';
import { boardNotInPipeline } from './board-not-in-pipeline';
import { cardStaleInProgress } from './card-stale-in-progress';
import { cardStuck } from './card-stuck';
import type { RuleId } from './ids';
import { issueNeedsCard } from './issue-needs-card';
import { issueOnCard } from './issue-on-card';
import { pipelineDeadlineTooFar } from './pipeline-deadline-too-far';
import { pipelineNoBoard } from './pipeline-no-board';
import { pipelineNoDeadline } from './pipeline-no-deadline';
import { pipelineOverdue } from './pipeline-overdue';
import { pipelineRecognised } from './pipeline-recognised';
import { pipelineReviewDue } from './pipeline-review-due';
import { pipelineStale } from './pipeline-stale';
import { prDefaultBranch } from './pr-default-branch';
import { prNoCard } from './pr-no-card';
import { prNotFromFork } from './pr-not-from-fork';
import { prOnCard } from './pr-on-card';
import { prReviews } from './pr-reviews';
import { pushOverdue } from './push-overdue';
import { sourceLoading } from './source-loading';
import { sourceUnavailable } from './source-unavailable';
import type { AnyRule, BoardRule, BoardRuleInput, IssueRule, PullRule } from './types';

export type { RuleId } from './ids';

/** Every rule, in the order of the popup's counts and the README's tables. */
export const RULES: readonly AnyRule[] = [
  boardMissingLists,
  boardNotInPipeline,
  cardStaleInProgress,
  cardStuck,
  pipelineNoDeadline,
  pipelineDeadlineTooFar,
  pipelineOverdue,
  pipelineNoBoard,
  pipelineStale,
  pipelineRecognised,
  pipelineReviewDue,
  prReviews,
  prNotFromFork,
  prDefaultBranch,
  prNoCard,
  prOnCard,
  issueNeedsCard,
  issueOnCard,
  pushOverdue,
  sourceLoading,
  sourceUnavailable,
];

export function ruleById(id: RuleId): AnyRule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`No rule ${id} in the registry`);
  return rule;
}

/**
 * The popup's counts: every rule with a summary label, in registry order. Marked pure so that a
 * content script, which never reads it, bundles only the rules it evaluates.
 */
export const SUMMARY_RULES: readonly { rule: RuleId; name: string }[] =
  /* @__PURE__ */ RULES.flatMap((rule) =>
    rule.summaryLabel ? [{ rule: rule.id, name: rule.summaryLabel }] : [],
  );

// The order each group runs in is the order of its findings (hints, the popup's worst findings).

/** Rules for project boards (the six-list boards of each project). */
export const PROJECT_BOARD_RULES: readonly BoardRule[] = [
  boardMissingLists,
  boardNotInPipeline,
  cardStaleInProgress,
  cardStuck,
];

/** Rules for the Project Pipeline board: one card per project, with a short deadline and a board. */
export const PIPELINE_RULES: readonly BoardRule[] = [
  pipelineRecognised,
  pipelineReviewDue,
  pipelineNoDeadline,
  pipelineDeadlineTooFar,
  pipelineOverdue,
  pipelineNoBoard,
  pipelineStale,
];

export const PULL_RULES: readonly PullRule[] = [
  prReviews,
  prNotFromFork,
  prDefaultBranch,
  prOnCard,
  prNoCard,
];

/** `issue.on-card` when a card links the issue; otherwise `issue.needs-card`. */
export const ISSUE_RULES: readonly IssueRule[] = [issueOnCard, issueNeedsCard];

export function evaluateBoard(input: BoardRuleInput): Finding[] {
  const rules = isPipelineBoard(input.board, input.settings)
    ? PIPELINE_RULES
    : isProjectBoard(input.board, input.settings)
      ? PROJECT_BOARD_RULES
      : [];
  return rules.flatMap((rule) => rule.evaluate(input));
}

export function evaluatePull(pull: PullSnapshot, settings: Settings): Finding[] {
  return PULL_RULES.flatMap((rule) => rule.evaluate({ pull, settings }));
}

export function evaluateIssue(issue: IssueSnapshot, settings: Settings, now: number): Finding[] {
  return ISSUE_RULES.flatMap((rule) => rule.evaluate({ issue, settings, now }));
}
