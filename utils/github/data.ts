/**
 * GitHub reads for the rules, the PR lists, "my day" and the move job, in the background: each
 * resource through the ETag cache (etag-cache.ts), each answer mapped once (mapping.ts).
 */
import { cardLinksIn, cardUrl } from '../process/links';
import { fail, ok, type Result } from '../result';
import type { GitHubClient } from './client';
import { cachedGet, type Fetched } from './etag-cache';
import {
  type ApiIssue,
  type ApiPull,
  isArray,
  type LinkedComment,
  type LinkedIssue,
  labelNames,
  pullFields,
  slimIssues,
  slimPulls,
  toComments,
  toIssue,
  toPull,
  toReviews,
} from './mapping';
import type { Comment, PullRef, PullSnapshot, PullStatus, Review } from './snapshot';

export const ISSUE_ROUTE = 'GET /repos/{owner}/{repo}/issues/{issue_number}';
export const COMMENTS_ROUTE = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';

const PER_PAGE = 100;

/** Ask GitHub now, not the minute-old answer: the move job copies and writes what it reads. */
export interface ReadOptions {
  fresh?: boolean;
}
export const FRESH: ReadOptions = { fresh: true };

export function issueParams({ owner, repo, number }: PullRef) {
  return { owner, repo, issue_number: number };
}

export function commentParams(ref: PullRef) {
  return { ...issueParams(ref), per_page: PER_PAGE };
}

const malformed = () => fail('malformed', 'GitHub sent an answer Process Lens cannot read.');

function getPull(client: GitHubClient, { owner, repo, number }: PullRef, now?: () => number) {
  return cachedGet<ApiPull>(
    client,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    { owner, repo, pull_number: number },
    now,
  );
}
function getReviews(
  client: GitHubClient,
  { owner, repo, number }: PullRef,
  now?: () => number,
  options?: ReadOptions,
) {
  return cachedGet<unknown>(
    client,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    { owner, repo, pull_number: number, per_page: PER_PAGE },
    now,
    { allPages: true, ...options },
  );
}
function getComments(
  client: GitHubClient,
  ref: PullRef,
  now?: () => number,
  options?: ReadOptions,
) {
  return cachedGet<unknown>(client, COMMENTS_ROUTE, commentParams(ref), now, {
    allPages: true,
    ...options,
  });
}
function getIssue(client: GitHubClient, ref: PullRef, now?: () => number, options?: ReadOptions) {
  return cachedGet<ApiIssue | null>(client, ISSUE_ROUTE, issueParams(ref), now, options);
}

export async function readPull(
  client: GitHubClient,
  ref: PullRef,
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
  const snapshot = toPull(ref, pull.value.data, reviews.value.data, comments.value.data);
  if (!snapshot) return malformed();
  const fetchedAt = Math.min(
    pull.value.fetchedAt,
    reviews.value.fetchedAt,
    comments.value.fetchedAt,
  );
  return ok({ ...snapshot, fetchedAt });
}

/** When a pull request was merged (epoch ms), or undefined when it was closed unmerged. */
export async function readMergedAt(
  client: GitHubClient,
  ref: PullRef,
  now: () => number,
): Promise<Result<number | undefined>> {
  const pull = await getPull(client, ref, now);
  if (!pull.ok) return pull;
  const at = Date.parse(pull.value.data.merged_at ?? '');
  return ok(Number.isNaN(at) ? undefined : at);
}

/** A pull request's reviews (to the last page); `fresh` asks GitHub now (still conditional). */
export async function readReviews(
  client: GitHubClient,
  ref: PullRef,
  now: () => number,
  options: ReadOptions = {},
): Promise<Result<Review[]>> {
  const reviews = await getReviews(client, ref, now, options);
  if (!reviews.ok) return reviews;
  const list = toReviews(reviews.value.data);
  return list ? ok(list) : malformed();
}

/**
 * An item's comments as the summary keeps them: who wrote each, and only the card links in its
 * text (all the rules read in a comment's body).
 */
export async function readSlimComments(
  client: GitHubClient,
  ref: PullRef,
  now: () => number,
  options: ReadOptions = {},
): Promise<Result<Comment[]>> {
  const list = await readComments(client, ref, now, options);
  if (!list.ok) return list;
  return ok(
    list.value.map((c) => ({
      user: c.user,
      body: cardLinksIn([c.body]).map(cardUrl).join(' '),
      createdAt: c.createdAt,
    })),
  );
}

/**
 * The repository's open issues (first page, newest first; GitHub lists pull requests among them,
 * left out here), kept slim: the summary's `issue.needs-card` reads them.
 */
export function readOpenIssues(
  client: GitHubClient,
  { owner, repo }: { owner: string; repo: string },
  now: () => number,
): Promise<Result<Fetched<unknown>>> {
  return cachedGet<unknown>(
    client,
    'GET /repos/{owner}/{repo}/issues',
    { owner, repo, state: 'open', per_page: PER_PAGE },
    now,
    { keep: slimIssues },
  );
}

/** An issue and its comments: for the issue page's rules, and (fresh) for the move job. */
export async function readIssue(
  client: GitHubClient,
  ref: PullRef,
  now = Date.now,
  options: ReadOptions = {},
): Promise<Result<LinkedIssue>> {
  const [issue, comments] = await Promise.all([
    getIssue(client, ref, now, options),
    getComments(client, ref, now, options),
  ]);
  if (!issue.ok) return issue;
  if (!comments.ok) return comments;
  const snapshot = issue.value.data && toIssue(ref, issue.value.data, comments.value.data);
  if (!snapshot) return malformed();
  return ok({ ...snapshot, fetchedAt: Math.min(issue.value.fetchedAt, comments.value.fetchedAt) });
}

/** An issue's comments as GitHub has them now (the move job looks for its marker in them). */
export async function readFreshComments(
  client: GitHubClient,
  ref: PullRef,
): Promise<Result<LinkedComment[]>> {
  return readComments(client, ref, Date.now, FRESH);
}

/** An item's comments, every page of them, mapped once. */
async function readComments(
  client: GitHubClient,
  ref: PullRef,
  now: () => number,
  options: ReadOptions,
): Promise<Result<LinkedComment[]>> {
  const comments = await getComments(client, ref, now, options);
  if (!comments.ok) return comments;
  const list = toComments(comments.value.data);
  return list ? ok(list) : malformed();
}

/** An issue's label names as GitHub has them now (before the move job adds one). */
export async function readFreshLabels(
  client: GitHubClient,
  ref: PullRef,
): Promise<Result<string[]>> {
  const issue = await getIssue(client, ref, Date.now, FRESH);
  return issue.ok ? ok(labelNames(issue.value.data?.labels)) : issue;
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
  { owner, repo, number }: PullRef,
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
  ref: PullRef,
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
  const fields = pullFields(pull.value.data);
  const reviewList = toReviews(reviews.value.data);
  if (!fields || !reviewList) return malformed();
  const { approvals, changesRequested } = count(reviewList, fields.author, fields.head.sha ?? '');
  return ok({
    ...ref,
    state: fields.merged ? 'merged' : fields.state,
    ...(fields.draft ? { draft: true } : {}),
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
  refs: readonly PullRef[],
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
