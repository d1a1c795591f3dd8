/**
 * GitHub reads for the rules, in the background: conditional requests with ETags kept in
 * storage.session, and no more than one request per resource per minute (DESIGN §5).
 */
import { browser } from 'wxt/browser';
import { fail, ok, type Result } from '../result';
import { type GitHubClient, gitHubError } from './client';
import type { Comment, IssueSnapshot, PullSnapshot, PullStatus, Review } from './snapshot';

const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

/** Answers younger than this are used without asking GitHub at all. */
export const FRESH_MS = 60_000;

interface Cached {
  etag?: string;
  data: unknown;
  fetchedAt: number;
  /** The list had more than one page: only the first page's ETag is kept. */
  morePages?: boolean;
}

export interface Fetched<T> {
  data: T;
  fetchedAt: number;
}

type Params = Record<string, string | number>;

const hasNextPage = (link: string | undefined) => /rel="next"/.test(link ?? '');

/**
 * GET `route` with `params`, at most once a minute; after that a conditional request whose 304
 * reuses the cached body. With `allPages`, a list is read to its last page (octokit's paginate);
 * the ETag is the first page's, so when a longer list's first page is unchanged the pages after
 * it are read again (new items land at the end).
 */
export async function cachedGet<T>(
  client: GitHubClient,
  route: string,
  params: Params,
  now = Date.now,
  {
    allPages = false,
    keep = (data) => data,
  }: {
    allPages?: boolean;
    /** What of the answer to keep (storage.session holds 10 MB; a list of 100 PRs is ~2 MB). */
    keep?: (data: unknown) => unknown;
  } = {},
): Promise<Result<Fetched<T>>> {
  const key = `gh:${route}:${JSON.stringify(params)}`;
  const cached = (await browser.storage.session.get(key))[key] as Cached | undefined;
  if (cached && now() - cached.fetchedAt < FRESH_MS)
    return ok({ data: cached.data as T, fetchedAt: cached.fetchedAt });
  const laterPages = async () =>
    keep(await client.paginate(route, { ...params, page: 2 })) as unknown[];
  const save = async (entry: Cached) => {
    await browser.storage.session.set({ [key]: entry });
    return ok({ data: entry.data as T, fetchedAt: entry.fetchedAt });
  };
  try {
    const response = await client.request(route, {
      ...params,
      headers: cached?.etag ? { 'if-none-match': cached.etag } : {},
    });
    const morePages = allPages && isArray(response.data) && hasNextPage(response.headers.link);
    const data = morePages
      ? [...(keep(response.data) as unknown[]), ...(await laterPages())]
      : keep(response.data);
    return await save({ etag: response.headers.etag, data, fetchedAt: now(), morePages });
  } catch (error) {
    if ((error as { status?: number }).status !== 304 || !cached)
      return { ok: false, error: gitHubError(error, now()) };
    try {
      const data =
        cached.morePages && isArray(cached.data)
          ? [...cached.data.slice(0, Number(params.per_page)), ...(await laterPages())]
          : cached.data;
      return await save({ ...cached, data, fetchedAt: now() });
    } catch (later) {
      return { ok: false, error: gitHubError(later, now()) };
    }
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
    { allPages: true },
  );
}
function getComments(client: GitHubClient, ref: Ref, now?: () => number) {
  return cachedGet<unknown>(client, COMMENTS_ROUTE, commentParams(ref), now, { allPages: true });
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

const slimRepo = (repo: ApiRepo | null | undefined) =>
  repo && { full_name: repo.full_name, fork: repo.fork, default_branch: repo.default_branch };

/** The fields of a PR list that Process Lens reads (here and in the popup's "my day"). */
function slimPulls(data: unknown): unknown {
  if (!isArray(data)) return data;
  return (data as (ApiPull & { requested_reviewers?: ApiUser[] })[]).map((pull) => ({
    number: pull.number,
    title: pull.title,
    html_url: pull.html_url,
    state: pull.state,
    merged_at: pull.merged_at,
    user: pull.user && { login: pull.user.login },
    requested_reviewers: pull.requested_reviewers?.map((r) => ({ login: r.login })),
    head: pull.head && { ref: pull.head.ref, sha: pull.head.sha, repo: slimRepo(pull.head.repo) },
    base: pull.base && { ref: pull.base.ref, repo: slimRepo(pull.base.repo) },
  }));
}

/**
 * The repository's open pull requests (first page, newest first), kept slim: one conditional
 * request serves every row of a PR list and the popup's "my day".
 */
export function readOpenPulls(
  client: GitHubClient,
  { owner, repo }: { owner: string; repo: string },
  now: () => number,
): Promise<Result<Fetched<unknown>>> {
  return cachedGet<unknown>(
    client,
    'GET /repos/{owner}/{repo}/pulls',
    { owner, repo, state: 'open', per_page: PER_PAGE },
    now,
    { keep: slimPulls },
  );
}

/** A pull request from its repository's open list, instead of one request per PR. */
async function listedPull(
  client: GitHubClient,
  { owner, repo, number }: Ref,
  now: () => number,
): Promise<Result<Fetched<ApiPull> | undefined>> {
  const list = await readOpenPulls(client, { owner, repo }, now);
  if (!list.ok) return list;
  const pulls = isArray(list.value.data) ? (list.value.data as ApiPull[]) : [];
  const pull = pulls.find((p) => p.number === number);
  return ok(pull ? { data: pull, fetchedAt: list.value.fetchedAt } : undefined);
}

/**
 * The review status of a pull request, for a PR list row or a Trello card: the PR from the open
 * list (or, when not in it, on its own), then its reviews.
 */
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
  const listed = await listedPull(client, ref, now);
  if (!listed.ok && listed.error.code === 'rate-limited') return listed;
  const pull = listed.ok && listed.value ? ok(listed.value) : await getPull(client, ref, now);
  if (!pull.ok) return pull;
  const reviews = await getReviews(client, ref, now);
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

/**
 * Several pull requests' review status, one at a time so a page cannot burst GitHub's secondary
 * limits. The first rate-limited answer stops it: the remaining ones get the same answer.
 */
export async function readPullStatuses(
  client: GitHubClient,
  refs: readonly Ref[],
  required: number,
  count: Parameters<typeof readPullStatus>[3],
  now = Date.now,
): Promise<Result<PullStatus>[]> {
  const answers: Result<PullStatus>[] = [];
  let limited: Result<PullStatus> | undefined;
  for (const ref of refs) {
    const answer = limited ?? (await readPullStatus(client, ref, required, count, now));
    if (!answer.ok && answer.error.code === 'rate-limited') limited = answer;
    answers.push(answer);
  }
  return answers;
}
