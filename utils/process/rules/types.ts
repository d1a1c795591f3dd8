import type { IssueSnapshot, PullSnapshot } from '../../github/snapshot';
import type { BoardSnapshot } from '../../trello/snapshot';
import type { Finding } from '../findings';
import type { Settings } from '../settings';
import type { RuleId } from './ids';

/** Where a rule's findings show. The popup's counts are the rule's `summaryLabel`, not a surface. */
export type Surface =
  | 'project-board'
  | 'card'
  | 'pipeline-card'
  | 'pipeline-board'
  | 'pull-request'
  | 'pr-list'
  | 'issue'
  | 'popup'
  | 'badge';

/**
 * The rule's row of the README's rule table, exported as `docs` beside the rule in its file: only
 * `npm run docs:rules` reads it, so the content scripts do not carry it.
 */
export interface RuleDocs {
  /** The "Shown on" column when the surfaces alone do not say enough. */
  shownOn?: string;
  firesWhen: string;
  default?: string;
  changeIt?: string;
}

/**
 * One rule: its id, where it shows, what the popup calls its count, the sentence of the process
 * it enforces, and its evaluate function. Rules are pure: data + settings + now in, findings out
 * (see docs/architecture.md, "Rules").
 */
export interface Rule<Input> {
  id: RuleId;
  shows: readonly Surface[];
  /** The popup's name for its count of warn and error findings; none when the popup does not count it. */
  summaryLabel?: string;
  /** The sentence of the written process its hints quote (none for the `source.*` ids). */
  sentence?: string;
  evaluate(input: Input): Finding[];
}

/** Any rule of the registry, whatever it reads. */
export type AnyRule = Rule<never>;

export interface BoardRuleInput {
  board: BoardSnapshot;
  /** The Project Pipeline board, when one is configured and could be read (project boards only). */
  pipeline?: BoardSnapshot;
  settings: Settings;
  /** Epoch ms. */
  now: number;
}

export type BoardRule = Rule<BoardRuleInput>;

export interface PullRuleInput {
  pull: PullSnapshot;
  settings: Settings;
}

export type PullRule = Rule<PullRuleInput>;

export interface IssueRuleInput {
  issue: IssueSnapshot;
  settings: Settings;
  /** Epoch ms. */
  now: number;
}

export type IssueRule = Rule<IssueRuleInput>;
