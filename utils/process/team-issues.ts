/**
 * The watched repositories' open issues that `issue.needs-card` flags: the popup lists them "to
 * move to a card", the agenda raises them "to discuss". Pure: the background reads them.
 */
import type { IssueSnapshot } from '../github/snapshot';
import { evaluateIssue } from './rules';
import type { Settings } from './settings';

export interface TeamIssue {
  owner: string;
  repo: string;
  number: number;
  title: string;
  url: string;
  /** Which signals fired: "Looks too big for an issue (body, comments)". */
  why: string;
}

/** The issue when the rule says it looks too big for an issue (and no card has it), else undefined. */
export function teamIssue(
  issue: IssueSnapshot,
  settings: Settings,
  now: number,
): TeamIssue | undefined {
  const finding = evaluateIssue(issue, settings, now).find(
    (f) => f.rule === 'issue.needs-card' && f.severity === 'warn',
  );
  if (!finding) return undefined;
  const { owner, repo, number, title, url } = issue;
  return { owner, repo, number, title, url, why: finding.title };
}
