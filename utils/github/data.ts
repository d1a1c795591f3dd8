/**
 * GitHub reads for the rules, in the background: conditional requests with ETags kept in
 * storage.session, and no more than one request per resource per minute (DESIGN §5).
 */
import { browser } from 'wxt/browser';
import { fail, ok, type Result } from '../result';
import { type GitHubClient, gitHubError } from './client';
import type { Comment, IssueSnapshot, PullSnapshot, PullStatus, Review } from './snapshot';

/** Answers younger than this are used without asking GitHub at all. */
export const FRESH_MS = 60_000;

interface Cached {
  etag?: string;
  data: unknown;
  fetchedAt: number;
}

export interface Fetched<T> {
  data: T;
  fetchedAt: number;
}

/** GET `route` with `params`; 304 answers reuse the cached body. */
export async function cachedGet<T>(
  client: GitHubClient,
  route: string,
  params: Record<string, string | number>,
  now = Date.now,
): Promise<Result<Fetched<T>>> {
  const key = `gh:${route}:${JSON.stringify(params)}`;
  const cached = (await browser.storage.session.get(key))[key] as Cached | undefined;
  if (cached && now() - cached.fetchedAt < FRESH_MS)
    return ok({ data: cached.data as T, fetchedAt: cached.fetchedAt });
  try {
    const response = await client.request(route, {
      ...params,
      headers: cached?.etag ? { 'if-none-match': cached.etag } : {},
    });
    const entry: Cached = { etag: response.headers.etag, data: response.data, fetchedAt: now() };
    await browser.storage.session.set({ [key]: entry });
    return ok({ data: response.data as T, fetchedAt: entry.fetchedAt });
  } catch (error) {
    if ((error as { status?: number }).status === 304 && cached) {
      const entry: Cached = { ...cached, fetchedAt: now() };
      await browser.storage.session.set({ [key]: entry });
      return ok({ data: cached.data as T, fetchedAt: entry.fetchedAt });
    }
    return { ok: false, error: gitHubError(error, now()) };
  }
}

/** After a write: the next read of this resource asks GitHub again. */
export async function forgetCached(
  route: string,
  params: Record<string, string | number>,
): Promise<void> {
  await browser.storage.session.remove(`gh:${route}:${JSON.stringify(params)}`);
}

export const COMMENTS_ROUTE = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';

// The fields of GitHub's answers the rules read (a small, checked subset of the REST shapes).
interface ApiUser {
  login?: string;
}
interface ApiRepo {
  full_name?: string;
  fork?: boolean;
  default_branch?: string;
}
interface ApiPull {
  number?: number;
  title?: string;
  html_url?: string;
  state?: string;
  merged?: boolean;
  merged_at?: string | null;
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
}
interface ApiIssue {
  number?: number;
  title?: string;
  html_url?: string;
  state?: string;
  user?: ApiUser | null;
  body?: string | null;
  labels?: (string | { name?: string })[];
  created_at?: string;
  pull_request?: unknown;
}

const malformed = () => fail('malformed', 'GitHub sent an answer Process Lens cannot read.');
const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

function toComments(data: unknown): Comment[] | undefined {
  if (!isArray(data)) return undefined;
  return (data as ApiComment[]).map((c) => ({
    user: c.user?.login ?? 'ghost',
    body: c.body ?? '',
    createdAt: c.created_at ?? '',
  }));
}

function toReviews(data: unknown): Review[] | undefined {
  if (!isArray(data)) return undefined;
  return (data as ApiReview[]).map((r) => ({
    user: r.user?.login ?? 'ghost',
    state: r.state ?? 'COMMENTED',
    submittedAt: r.submitted_at ?? null,
    commitId: r.commit_id ?? null,
  }));
}

export interface Ref {
  owner: string;
  repo: string;
  number: number;
}

const PER_PAGE = 100;

function getPull(client: GitHubClient, { owner, repo, number }: Ref, now?: () => number) {
  return cachedGet<ApiPull>(
    client,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    { owner, repo, pull_number: number },
    now,
  );
}
function getReviews(client: GitHubClient, { owner, repo, number }: Ref, now?: () => number) {
  return cachedGet<unknown>(
    client,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    { owner, repo, pull_number: number, per_page: PER_PAGE },
    now,
  );
}
function getComments(client: GitHubClient, ref: Ref, now?: () => number) {
  return cachedGet<unknown>(client, COMMENTS_ROUTE, commentParams(ref), now);
}

export function commentParams({ owner, repo, number }: Ref) {
  return { owner, repo, issue_number: number, per_page: PER_PAGE };
}

function pullFields(ref: Ref, pull: ApiPull) {
  const head = pull.head;
  const baseRepo = pull.base?.repo;
  if (!pull.user?.login || !head?.ref || !baseRepo?.full_name) return undefined;
  return {
    author: pull.user.login,
    merged: Boolean(pull.merged ?? pull.merged_at),
    state: pull.state === 'closed' ? ('closed' as const) : ('open' as const),
    head,
    baseRepo,
    ref,
  };
}

export async function readPull(
  client: GitHubClient,
  ref: Ref,
  now = Date.now,
): Promise<Result<PullSnapshot>> {
  const [pull, reviews, comments] = await Promise.all([
    getPull(client, ref, now),
    getReviews(client, ref, now),
    getComments(client, ref, now),
  ]);
  if (!pull.ok) return pull;
  if (!reviews.ok) return reviews;
  if (!comments.ok) return comments;
  const fields = pullFields(ref, pull.value.data);
  const reviewList = toReviews(reviews.value.data);
  const commentList = toComments(comments.value.data);
  if (!fields || !reviewList || !commentList) return malformed();
  const { head, baseRepo } = fields;
  return ok({
    ...ref,
    title: pull.value.data.title ?? '',
    url:
      pull.value.data.html_url ?? `https://github.com/${ref.owner}/${ref.repo}/pull/${ref.number}`,
    state: fields.state,
    merged: fields.merged,
    author: fields.author,
    body: pull.value.data.body ?? '',
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
      ref: pull.value.data.base?.ref ?? '',
      repo: {
        fullName: baseRepo.full_name as string,
        defaultBranch: baseRepo.default_branch ?? '',
      },
    },
    reviews: reviewList,
    comments: commentList,
    fetchedAt: Math.min(pull.value.fetchedAt, reviews.value.fetchedAt, comments.value.fetchedAt),
  });
}

export async function readIssue(
  client: GitHubClient,
  ref: Ref,
  now = Date.now,
): Promise<Result<IssueSnapshot>> {
  const [issue, comments] = await Promise.all([
    cachedGet<ApiIssue>(
      client,
      'GET /repos/{owner}/{repo}/issues/{issue_number}',
      { owner: ref.owner, repo: ref.repo, issue_number: ref.number },
      now,
    ),
    getComments(client, ref, now),
  ]);
  if (!issue.ok) return issue;
  if (!comments.ok) return comments;
  const data = issue.value.data;
  const commentList = toComments(comments.value.data);
  if (!data.user?.login || !commentList || typeof data.title !== 'string') return malformed();
  return ok({
    ...ref,
    title: data.title,
    url: data.html_url ?? `https://github.com/${ref.owner}/${ref.repo}/issues/${ref.number}`,
    state: data.state === 'closed' ? 'closed' : 'open',
    author: data.user.login,
    body: data.body ?? '',
    labels: (data.labels ?? [])
      .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
      .filter(Boolean),
    createdAt: data.created_at ?? '',
    comments: commentList,
    fetchedAt: Math.min(issue.value.fetchedAt, comments.value.fetchedAt),
  });
}

/** The review status of a pull request, for a PR list row or a Trello card. */
export async function readPullStatus(
  client: GitHubClient,
  ref: Ref,
  required: number,
  count: (
    reviews: Review[],
    author: string,
    headSha: string,
  ) => { approvals: string[]; changesRequested: string[] },
  now = Date.now,
): Promise<Result<PullStatus>> {
  const [pull, reviews] = await Promise.all([
    getPull(client, ref, now),
    getReviews(client, ref, now),
  ]);
  if (!pull.ok) return pull;
  if (!reviews.ok) return reviews;
  const fields = pullFields(ref, pull.value.data);
  const reviewList = toReviews(reviews.value.data);
  if (!fields || !reviewList) return malformed();
  const { approvals, changesRequested } = count(reviewList, fields.author, fields.head.sha ?? '');
  return ok({
    ...ref,
    state: fields.merged ? 'merged' : fields.state,
    approvals,
    changesRequested,
    required,
    fetchedAt: Math.min(pull.value.fetchedAt, reviews.value.fetchedAt),
  });
}

/** Several pull requests' review status, one at a time so a page cannot burst GitHub's secondary limits. */
export async function readPullStatuses(
  client: GitHubClient,
  refs: readonly Ref[],
  required: number,
  count: Parameters<typeof readPullStatus>[3],
  now = Date.now,
): Promise<Result<PullStatus>[]> {
  const answers: Result<PullStatus>[] = [];
  for (const ref of refs) answers.push(await readPullStatus(client, ref, required, count, now));
  return answers;
}
