/**
 * GitHub's REST answers as the plain data the rules and the move job read: a small, checked
 * subset of the REST shapes. Pure: no requests here.
 */
import { cardLinksIn, cardUrl, issueUrl, pullUrl } from '../process/links';
import type { Comment, IssueSnapshot, PullRef, PullSnapshot, Review } from './snapshot';

export const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

interface ApiUser {
  login?: string;
}
interface ApiRepo {
  full_name?: string;
  fork?: boolean;
  default_branch?: string;
}
export interface ApiPull {
  number?: number;
  title?: string;
  html_url?: string;
  state?: string;
  draft?: boolean;
  merged?: boolean;
  merged_at?: string | null;
  created_at?: string;
  updated_at?: string;
  user?: ApiUser | null;
  body?: string | null;
  head?: { ref?: string; sha?: string; repo?: ApiRepo | null };
  base?: { ref?: string; repo?: ApiRepo | null };
}
interface ApiReview {
  user?: ApiUser | null;
  state?: string;
  submitted_at?: string | null;
  commit_id?: string | null;
}
interface ApiComment {
  user?: ApiUser | null;
  body?: string | null;
  created_at?: string;
  html_url?: string;
}
/** GitHub lists an issue's labels as objects, or as bare names in older answers. */
type ApiLabel = string | { name?: string };
export interface ApiIssue {
  number?: number;
  title?: string;
  html_url?: string;
  state?: string;
  updated_at?: string;
  /** How many comments it has (in lists). */
  comments?: number;
  user?: ApiUser | null;
  body?: string | null;
  labels?: ApiLabel[];
  created_at?: string;
  pull_request?: unknown;
}

/** The names of an issue's labels. */
export function labelNames(labels: readonly ApiLabel[] | undefined): string[] {
  return (labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
}

/** A comment with its page (a moved issue's card cites each comment's link). */
export interface LinkedComment extends Comment {
  url: string;
}

/** An issue with its comments' links, as the rules and the move job read it. */
export interface LinkedIssue extends IssueSnapshot {
  comments: LinkedComment[];
}

export function toComments(data: unknown): LinkedComment[] | undefined {
  if (!isArray(data)) return undefined;
  return (data as ApiComment[]).map((c) => ({
    user: c.user?.login ?? 'ghost',
    body: c.body ?? '',
    createdAt: c.created_at ?? '',
    url: c.html_url ?? '',
  }));
}

export function toReviews(data: unknown): Review[] | undefined {
  if (!isArray(data)) return undefined;
  return (data as ApiReview[]).map((r) => ({
    user: r.user?.login ?? 'ghost',
    state: r.state ?? 'COMMENTED',
    submittedAt: r.submitted_at ?? null,
    commitId: r.commit_id ?? null,
  }));
}

/** What every read of a pull request needs, or undefined when GitHub's answer lacks it. */
export function pullFields(pull: ApiPull) {
  const head = pull.head;
  const baseRepo = pull.base?.repo;
  if (!pull.user?.login || !head?.ref || !baseRepo?.full_name) return undefined;
  return {
    author: pull.user.login,
    merged: Boolean(pull.merged ?? pull.merged_at),
    state: pull.state === 'closed' ? ('closed' as const) : ('open' as const),
    draft: Boolean(pull.draft),
    head,
    baseRepo,
  };
}

/** A pull request with its reviews and comments, or undefined when an answer is malformed. */
export function toPull(
  ref: PullRef,
  pull: ApiPull,
  reviewData: unknown,
  commentData: unknown,
): Omit<PullSnapshot, 'fetchedAt'> | undefined {
  const fields = pullFields(pull);
  const reviews = toReviews(reviewData);
  const comments = toComments(commentData);
  if (!fields || !reviews || !comments) return undefined;
  const { head, baseRepo } = fields;
  return {
    ...ref,
    title: pull.title ?? '',
    url: pull.html_url ?? pullUrl(ref),
    state: fields.state,
    merged: fields.merged,
    draft: fields.draft,
    author: fields.author,
    body: pull.body ?? '',
    headSha: head.sha ?? '',
    head: {
      ref: head.ref as string,
      repo: head.repo?.full_name
        ? {
            fullName: head.repo.full_name,
            fork: Boolean(head.repo.fork),
            defaultBranch: head.repo.default_branch ?? '',
          }
        : null,
    },
    base: {
      ref: pull.base?.ref ?? '',
      repo: {
        fullName: baseRepo.full_name as string,
        defaultBranch: baseRepo.default_branch ?? '',
      },
    },
    reviews,
    comments,
  };
}

/** An issue with its comments, or undefined when an answer is malformed. */
export function toIssue(
  ref: PullRef,
  issue: ApiIssue,
  commentData: unknown,
): Omit<LinkedIssue, 'fetchedAt'> | undefined {
  const comments = toComments(commentData);
  if (!comments || typeof issue.title !== 'string') return undefined;
  return {
    ...ref,
    title: issue.title,
    url: issue.html_url ?? issueUrl(ref),
    state: issue.state === 'closed' ? 'closed' : 'open',
    // GitHub shows a deleted account as "ghost".
    author: issue.user?.login ?? 'ghost',
    body: issue.body ?? '',
    labels: labelNames(issue.labels),
    createdAt: issue.created_at ?? '',
    comments,
  };
}

/** What "my day" reads of a repository: is it a fork, and when was it last pushed to. */
export interface ApiRepoPush {
  fork?: boolean;
  pushed_at?: string | null;
}

/** A fork and its last push (epoch ms, undefined when GitHub gives none); undefined: not a fork. */
export function forkPush(repo: ApiRepoPush | null | undefined): { pushedAt?: number } | undefined {
  if (!repo?.fork) return undefined;
  const pushed = Date.parse(repo.pushed_at ?? '');
  return Number.isNaN(pushed) ? {} : { pushedAt: pushed };
}

const slimRepo = (repo: ApiRepo | null | undefined) =>
  repo && { full_name: repo.full_name, fork: repo.fork, default_branch: repo.default_branch };

/**
 * The fields of a PR list that Process Lens reads (PR lists, the team's pull requests, "my day").
 * The body is cut down to the card links it names: that is all the rules read in it.
 */
export function slimPulls(data: unknown): unknown {
  if (!isArray(data)) return data;
  return (data as (ApiPull & { requested_reviewers?: ApiUser[] })[]).map((pull) => ({
    number: pull.number,
    title: pull.title,
    html_url: pull.html_url,
    state: pull.state,
    draft: pull.draft,
    merged_at: pull.merged_at,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    body: cardLinksIn([pull.body ?? ''])
      .map(cardUrl)
      .join(' '),
    user: pull.user && { login: pull.user.login },
    requested_reviewers: pull.requested_reviewers?.map((r) => ({ login: r.login })),
    head: pull.head && { ref: pull.head.ref, sha: pull.head.sha, repo: slimRepo(pull.head.repo) },
    base: pull.base && { ref: pull.base.ref, repo: slimRepo(pull.base.repo) },
  }));
}

/**
 * The fields of an open-issues list the summary reads. GitHub lists pull requests there too: of
 * those only the number and the comment count are kept (a PR with no comment needs no comment read).
 */
export function slimIssues(data: unknown): unknown {
  if (!isArray(data)) return data;
  return (data as ApiIssue[]).map((issue) =>
    issue.pull_request
      ? { number: issue.number, pull_request: true, comments: issue.comments }
      : {
          number: issue.number,
          title: issue.title,
          html_url: issue.html_url,
          state: issue.state,
          user: issue.user && { login: issue.user.login },
          body: issue.body,
          labels: labelNames(issue.labels),
          comments: issue.comments,
          created_at: issue.created_at,
          updated_at: issue.updated_at,
        },
  );
}
