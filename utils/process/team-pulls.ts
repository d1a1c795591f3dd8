/**
 * The team's pull requests: every open pull request of the watched repositories, evaluated by the
 * same pull-request rules as the PR page (see docs/architecture.md, "Rules"), and counted once for
 * the popup, the badge and the agenda. Pure: the background reads (utils/background/team-pulls.ts).
 */
import type { PullSnapshot, PullStatus } from '../github/snapshot';
import type { AgendaGitHub } from './agenda';
import { isProblem } from './findings';
import { countReviews } from './reviews';
import { evaluatePull } from './rules';
import type { RuleId } from './rules/ids';
import { pullCard } from './rules/pr-on-card';
import type { Settings } from './settings';
import type { TeamIssue } from './team-issues';
import { plural, wholeDays } from './time';

/** One open pull request of a watched repository, as the summary keeps it. */
export interface TeamPull {
  owner: string;
  repo: string;
  number: number;
  title: string;
  url: string;
  author: string;
  draft: boolean;
  /** When it was opened (epoch ms): a pull request waits for review from then. */
  createdAt: number;
  /** The card that links it (short link), if any. */
  card?: string;
  /** Who GitHub says is asked to review it. */
  requestedReviewers: string[];
  /** Its review status, as a Trello card and "my day" show it. */
  status: PullStatus;
  /** The rules that found a problem (warn or error) with it. */
  problems: RuleId[];
}

/** A pull request merged since the last call (the agenda's Progress). */
export interface MergedPull {
  owner: string;
  repo: string;
  number: number;
  title: string;
  author: string;
  mergedAt: number;
}

/** `github.repos` and the repositories of `github.boardForRepo`, each once (case-insensitive). */
export function watchedRepos(settings: Settings): string[] {
  const seen = new Map<string, string>();
  for (const repo of [...settings.github.repos, ...Object.keys(settings.github.boardForRepo)])
    if (!seen.has(repo.toLowerCase())) seen.set(repo.toLowerCase(), repo);
  return [...seen.values()];
}

export const isWatchedRepo = (settings: Settings, owner: string, repo: string) =>
  watchedRepos(settings).some((r) => r.toLowerCase() === `${owner}/${repo}`.toLowerCase());

/**
 * An open pull request through the pull-request rules: one decision per rule, the same as on its
 * page (the header findings; `pr.reviews` also places one at the merge box, the same decision).
 */
export function teamPull(
  pull: PullSnapshot,
  createdAt: number,
  requestedReviewers: readonly string[],
  settings: Settings,
): TeamPull {
  const findings = evaluatePull(pull, settings).filter((f) => f.anchor.kind === 'header');
  const { approvals, changesRequested } = countReviews(pull.reviews, pull.author, pull.headSha);
  const card = pullCard(pull);
  return {
    owner: pull.owner,
    repo: pull.repo,
    number: pull.number,
    title: pull.title,
    url: pull.url,
    author: pull.author,
    draft: Boolean(pull.draft),
    createdAt,
    ...(card ? { card } : {}),
    requestedReviewers: [...requestedReviewers],
    status: {
      owner: pull.owner,
      repo: pull.repo,
      number: pull.number,
      state: 'open',
      ...(pull.draft ? { draft: true } : {}),
      approvals,
      changesRequested,
      required: settings.process.requiredApprovals,
      fetchedAt: pull.fetchedAt,
    },
    problems: [...new Set(findings.filter(isProblem).map((f) => f.rule))],
  };
}

/**
 * Problems by rule over these pull requests. A draft is work in progress: none of its findings
 * count until it is marked ready for review.
 */
export function countPulls(pulls: readonly TeamPull[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const pull of pulls) {
    if (pull.draft) continue;
    for (const rule of pull.problems) counts[rule] = (counts[rule] ?? 0) + 1;
  }
  return counts;
}

/** The pull requests (or issues) of these repositories ("owner/repo", case-insensitive). */
export function pullsOfRepos<T extends { owner: string; repo: string }>(
  items: readonly T[],
  repos: readonly string[],
): T[] {
  const wanted = new Set(repos.map((r) => r.toLowerCase()));
  return items.filter((p) => wanted.has(`${p.owner}/${p.repo}`.toLowerCase()));
}

/** The pull requests (or issues) of repositories mapped to none of these projects. */
export function outsideProjects<T extends { owner: string; repo: string }>(
  items: readonly T[],
  projects: readonly { repos?: string[] }[],
): T[] {
  const inProjects = new Set(projects.flatMap((p) => p.repos ?? []).map((r) => r.toLowerCase()));
  return items.filter((p) => !inProjects.has(`${p.owner}/${p.repo}`.toLowerCase()));
}

const oldestFirst = (a: TeamPull, b: TeamPull) => a.createdAt - b.createdAt;

/** Open, non-draft pull requests short of their approvals, oldest first. */
export function waitingForReview(pulls: readonly TeamPull[]): TeamPull[] {
  return pulls.filter((p) => !p.draft && p.problems.includes('pr.reviews')).sort(oldestFirst);
}

/** Open, non-draft pull requests no card links, oldest first. */
export function withoutCard(pulls: readonly TeamPull[]): TeamPull[] {
  return pulls.filter((p) => !p.draft && p.problems.includes('pr.no-card')).sort(oldestFirst);
}

export function drafts(pulls: readonly TeamPull[]): TeamPull[] {
  return pulls.filter((p) => p.draft).sort(oldestFirst);
}

/** "waiting 3 days" (under a day: "waiting since today"). */
export function waitingFor(pull: Pick<TeamPull, 'createdAt'>, now: number): string {
  const days = wholeDays(now - pull.createdAt);
  return days < 1 ? 'waiting since today' : `waiting ${plural(days, 'day')}`;
}

/** "#77 Polar projection (@ada-l, 3 days)": a pull request as the agenda names it. */
export function agendaPullItem(pull: TeamPull, now: number): string {
  const days = Math.max(0, wholeDays(now - pull.createdAt));
  return `#${pull.number} ${pull.title} (@${pull.author}, ${plural(days, 'day')})`;
}

/** "Merged: #76 Faster search (@bob)": a merged pull request as the agenda names it. */
export function agendaMergedItem(pull: MergedPull): string {
  return `Merged: #${pull.number} ${pull.title} (@${pull.author})`;
}

/** What these repositories bring to the call: merged, waiting for review, issues to discuss. */
export function agendaGitHub(
  team: { pulls: readonly TeamPull[]; merged: readonly MergedPull[]; issues: readonly TeamIssue[] },
  repos: readonly string[],
  now: number,
): AgendaGitHub {
  return {
    merged: pullsOfRepos(team.merged, repos)
      .sort((a, b) => a.mergedAt - b.mergedAt)
      .map(agendaMergedItem),
    waiting: waitingForReview(pullsOfRepos(team.pulls, repos)).map(
      (pull) => `Waiting for review: ${agendaPullItem(pull, now)}`,
    ),
    discuss: pullsOfRepos(team.issues, repos).map(
      (issue) => `#${issue.number} ${issue.title}: ${issue.why.toLowerCase()}`,
    ),
  };
}
