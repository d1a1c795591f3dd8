/** A finding: one place where the work drifts from the written process. */
import type { RuleId } from './rules/ids';

export type Severity = 'ok' | 'info' | 'warn' | 'error';

export const SEVERITY_ORDER: readonly Severity[] = ['ok', 'info', 'warn', 'error'];

/** Where a finding belongs on the page. The page is only a place to mount (see docs/architecture.md, "Page runtime"). */
export type FindingAnchor =
  | { kind: 'board'; board: string }
  | { kind: 'list'; board: string; list: string }
  | { kind: 'card'; board: string; card: string }
  // GitHub: the page's header actions, the merge box, a row of the pull-request list.
  | { kind: 'header' }
  | { kind: 'merge-box' }
  | { kind: 'pr-row'; number: number };

export type ActionId =
  | 'add-missing-lists'
  | 'move-issue-to-card'
  | 'create-card-for-pr'
  | 'mark-pipeline-reviewed'
  // Opens the options with a recognised pipeline board filled in, for the user to save.
  | 'save-pipeline-board'
  // The missing-lists hint's choices (docs/architecture.md, "List roles").
  | ListChoiceAction;

/** What a choice on the missing-lists hint does to one of the board's lists. */
export type ListChoiceAction = 'rename-list' | 'keep-list-name' | 'map-list';

/**
 * A choice about the board's lists, beside the finding's one action: a list that fills a role
 * under another name (rename it, or keep the name), or a role to be filled by one of the lists
 * that fill none (`map-list`, one option per list).
 */
export type ListChoice =
  | { kind: 'synonym'; role: string; list: { id: string; name: string } }
  | { kind: 'map'; role: string; options: { id: string; name: string }[] };

/** "“To Do” looks like “Need to do”: rename it, or keep it" (the hint's words for a choice). */
export function choiceQuestion(choice: ListChoice): string {
  return choice.kind === 'synonym'
    ? `“${choice.list.name}” looks like “${choice.role}”: rename it, or keep it`
    : `Which list is your “${choice.role}”?`;
}

/** The choice the user made: which action, on which list, for which role. */
export interface ChosenAction {
  action: ListChoiceAction;
  list: string;
  role: string;
}

export interface Finding {
  /** Rule id (or `source.unavailable` when the data could not be read); see docs/architecture.md, "Rules". */
  rule: RuleId;
  severity: Severity;
  /** Board or card short link on Trello, `owner/repo#number` on GitHub. */
  subject: string;
  anchor: FindingAnchor;
  /** One line, shown on the badge. */
  title: string;
  /** The full explanation, shown on hover/focus and in the panel. */
  message: string;
  /** The sentence of the written process this finding enforces. */
  sentence?: string;
  /** What the user can do about it, in words ("Connect Trello in the options page"). */
  advice?: string;
  /** The page it is about (a card), shown as a link: https on trello.com or github.com only. */
  link?: string;
  action?: ActionId;
  /** The action button's label when it must say more than the action's usual name. */
  actionLabel?: string;
  /** Further choices, each with its own buttons (the missing-lists hint). */
  choices?: ListChoice[];
}

export function worstSeverity(findings: readonly Finding[]): Severity {
  let worst = 0;
  for (const f of findings) worst = Math.max(worst, SEVERITY_ORDER.indexOf(f.severity));
  return SEVERITY_ORDER[worst] ?? 'ok';
}

/** Findings counted by the popup and the badge. */
export function isProblem(finding: Finding): boolean {
  return finding.severity === 'warn' || finding.severity === 'error';
}
