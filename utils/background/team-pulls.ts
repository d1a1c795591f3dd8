/**
 * Reads every open pull request of the watched repositories for the summary, within the API
 * budgets (see docs/architecture.md, "Data and caches"): one conditional list request per
 * repository; a pull request's reviews (and, when nothing else links a card, its comments) are
 * read again only when its `updated_at` changed, so a refresh in which nothing changed costs no
 * rate-limited request.
 */
import { browser } from 'wxt/browser';
import type { GitHubClient } from '../github/client';
import { FRESH, readMergedAt, readOpenPulls, readReviews, readSlimComments } from '../github/data';
import { type ApiPull, isArray, toPull } from '../github/mapping';
import { type PullRef, type Review, subjectOf } from '../github/snapshot';
import { cardLinksIn } from '../process/links';
import type { Settings } from '../process/settings';
import { type MergedPull, type TeamPull, teamPull, watchedRepos } from '../process/team-pulls';
import { parseTime } from '../process/time';
import { type AppError, ok, type Result } from '../result';

export interface TeamPullsRead {
  pulls: TeamPull[];
  /** The repositories that could not be read, and why (their pulls are the last known ones). */
  failed: { repo: string; error: AppError }[];
}

export interface TeamPullsInputs {
  client: GitHubClient;
  settings: Settings;
  /** The card of a watched board that links this pull request (`owner/repo#n`, lower case). */
  boardCard: (subject: string) => string | undefined;
  /** Whether every watched board was read (else a missing card is unknown, not absent). */
  boardsRead: boolean;
  /** How many comments a PR has (`owner/repo#n`, lower case), when the issues list said. */
  commentCount?: (subject: string) => number | undefined;
  now: () => number;
  /** The last summary's pull requests: kept for a repository (or PR) that cannot be read now. */
  previous?: readonly TeamPull[];
}

export async function readTeamPulls({
  client,
  settings,
  boardCard,
  boardsRead,
  commentCount = () => undefined,
  now,
  previous = [],
}: TeamPullsInputs): Promise<TeamPullsRead> {
  const pulls: TeamPull[] = [];
  const failed: TeamPullsRead['failed'] = [];
  const lastKnown = (owner: string, repo: string, number?: number) =>
    previous.filter(
      (p) =>
        `${p.owner}/${p.repo}`.toLowerCase() === `${owner}/${repo}`.toLowerCase() &&
        (number === undefined || p.number === number),
    );
  let limited: AppError | undefined;
  for (const fullName of watchedRepos(settings)) {
    const [owner = '', repo = ''] = fullName.split('/');
    const list = limited ? undefined : await readOpenPulls(client, { owner, repo }, now);
    if (!list?.ok || !isArray(list.value.data)) {
      const error = list && !list.ok ? list.error : limited;
      if (error?.code === 'rate-limited') limited = error;
      failed.push({
        repo: fullName,
        error: error ?? { code: 'malformed', message: 'GitHub sent a list it cannot read.' },
      });
      pulls.push(...lastKnown(owner, repo));
      continue;
    }
    for (const item of list.value.data as (ApiPull & {
      requested_reviewers?: { login?: string }[];
    })[]) {
      if (typeof item.number !== 'number' || item.state === 'closed') continue;
      const ref = { owner, repo, number: item.number };
      const base = toPull(ref, item, [], []);
      if (!base) continue;
      const subject = subjectOf(ref);
      const linkedOnBoard = boardCard(subject.toLowerCase());
      const details = limited
        ? undefined
        : await pullDetails(
            client,
            ref,
            item.updated_at ?? '',
            // Its comments can name a card only when nothing else did and it has some.
            !linkedOnBoard && !base.body && commentCount(subject.toLowerCase()) !== 0,
            now,
          );
      if (!details?.ok) {
        if (details?.error.code === 'rate-limited') limited = details.error;
        pulls.push(...lastKnown(owner, repo, item.number));
        continue;
      }
      const snapshot = {
        ...base,
        reviews: details.value.reviews,
        // A card linked from the comments counts like one on the board (as on the PR page).
        boardCard:
          linkedOnBoard ?? details.value.commentCards?.[0] ?? (boardsRead ? null : undefined),
        fetchedAt: list.value.fetchedAt,
      };
      const requested = (item.requested_reviewers ?? []).flatMap((r) => (r.login ? [r.login] : []));
      const createdAt = parseTime(item.created_at) ?? list.value.fetchedAt;
      pulls.push(teamPull(snapshot, createdAt, requested, settings));
    }
  }
  return { pulls, failed };
}

/**
 * `read()`'s answer, reused while the item's `updated_at` is unchanged (a review, a comment or an
 * edit changes it); read again (conditionally) when it changed.
 */
export async function whileUnchanged<T>(
  key: string,
  updatedAt: string,
  read: () => Promise<Result<T>>,
): Promise<Result<T>> {
  const name = `unchanged:${key}`;
  const cached = (await browser.storage.session.get(name))[name] as
    | { updatedAt: string; value: T }
    | undefined;
  if (updatedAt && cached?.updatedAt === updatedAt) return ok(cached.value);
  const answer = await read();
  if (answer.ok) await browser.storage.session.set({ [name]: { updatedAt, value: answer.value } });
  return answer;
}

/** Reviews (and the cards its comments link, when `needComments`) of one pull request. */
async function pullDetails(
  client: GitHubClient,
  ref: PullRef,
  updatedAt: string,
  needComments: boolean,
  now: () => number,
): Promise<Result<{ reviews: Review[]; commentCards?: string[] }>> {
  const subject = subjectOf(ref);
  const reviews = await whileUnchanged(`reviews:${subject}`, updatedAt, () =>
    readReviews(client, ref, now, FRESH),
  );
  if (!reviews.ok || !needComments) return reviews.ok ? ok({ reviews: reviews.value }) : reviews;
  const comments = await whileUnchanged(`comments:${subject}`, updatedAt, () =>
    readSlimComments(client, ref, now, FRESH),
  );
  const commentCards = comments.ok ? ok(cardLinksIn(comments.value.map((c) => c.body))) : comments;
  return commentCards.ok
    ? ok({ reviews: reviews.value, commentCards: commentCards.value })
    : commentCards;
}

/**
 * The pull requests merged since `since`: those kept from before, and those that were open at the
 * last refresh and are no longer (one request each, only when a pull request left the list).
 */
export async function mergedSince(
  client: GitHubClient,
  {
    before,
    open,
    failedRepos,
    merged,
    since,
    now,
  }: {
    before: readonly TeamPull[];
    open: readonly TeamPull[];
    failedRepos: readonly string[];
    merged: readonly MergedPull[];
    since: number;
    now: () => number;
  },
): Promise<MergedPull[]> {
  const key = (p: { owner: string; repo: string; number: number }) => subjectOf(p).toLowerCase();
  const stillOpen = new Set(open.map(key));
  const failed = new Set(failedRepos.map((r) => r.toLowerCase()));
  const known = new Set(merged.map(key));
  const found: MergedPull[] = [];
  for (const pull of before) {
    if (stillOpen.has(key(pull)) || known.has(key(pull))) continue;
    if (failed.has(`${pull.owner}/${pull.repo}`.toLowerCase())) continue;
    const at = await readMergedAt(client, pull, now);
    if (!at.ok) continue;
    if (at.value !== undefined)
      found.push({
        owner: pull.owner,
        repo: pull.repo,
        number: pull.number,
        title: pull.title,
        author: pull.author,
        mergedAt: at.value,
      });
  }
  return [...merged, ...found].filter((p) => p.mergedAt >= since);
}
