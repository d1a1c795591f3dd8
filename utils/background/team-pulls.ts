/**
 * Reads every open pull request of the watched repositories for the summary, within the API
 * budgets (see docs/architecture.md, "Data and caches"): one conditional list request per
 * repository; a pull request's reviews (and, when nothing else links a card, its comments) are
 * read again only when its `updated_at` changed, so a refresh in which nothing changed costs no
 * rate-limited request.
 */
import { browser } from 'wxt/browser';
import type { GitHubClient } from '../github/client';
import { readCommentCards, readOpenPulls, readReviews } from '../github/data';
import { type ApiPull, isArray, toPull } from '../github/mapping';
import { type Review, subjectOf } from '../github/snapshot';
import type { Settings } from '../process/settings';
import { type TeamPull, teamPull, watchedRepos } from '../process/team-pulls';
import { parseTime } from '../process/time';
import type { AppError } from '../result';

/** What was read of one pull request, kept while its `updated_at` stays the same. */
interface PullDetails {
  updatedAt: string;
  reviews: Review[];
  /** The cards its comments link; absent when they were not needed (a card was found first). */
  commentCards?: string[];
}

const detailsKey = (subject: string) => `team-pull:${subject}`;

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
  now: () => number;
  /** The last summary's pull requests: kept for a repository (or PR) that cannot be read now. */
  previous?: readonly TeamPull[];
}

export async function readTeamPulls({
  client,
  settings,
  boardCard,
  boardsRead,
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
        : await pullDetails(client, ref, item.updated_at ?? '', !linkedOnBoard && !base.body, now);
      if (!details || 'error' in details) {
        if (details?.error.code === 'rate-limited') limited = details.error;
        pulls.push(...lastKnown(owner, repo, item.number));
        continue;
      }
      const snapshot = {
        ...base,
        reviews: details.reviews,
        // A card linked from the comments counts like one on the board (as on the PR page).
        boardCard: linkedOnBoard ?? details.commentCards?.[0] ?? (boardsRead ? null : undefined),
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
 * Reviews (and comment cards when `needComments`) of one pull request: reused while its
 * `updated_at` is unchanged (a review or a comment changes it), else read now.
 */
async function pullDetails(
  client: GitHubClient,
  ref: { owner: string; repo: string; number: number },
  updatedAt: string,
  needComments: boolean,
  now: () => number,
): Promise<PullDetails | { error: AppError }> {
  const key = detailsKey(subjectOf(ref));
  const cached = (await browser.storage.session.get(key))[key] as PullDetails | undefined;
  const same = Boolean(updatedAt) && cached?.updatedAt === updatedAt;
  let reviews = same ? cached?.reviews : undefined;
  if (!reviews) {
    const read = await readReviews(client, ref, now, { fresh: true });
    if (!read.ok) return { error: read.error };
    reviews = read.value;
  }
  let commentCards = same ? cached?.commentCards : undefined;
  if (needComments && !commentCards) {
    const read = await readCommentCards(client, ref, now, { fresh: true });
    if (!read.ok) return { error: read.error };
    commentCards = read.value;
  }
  const details: PullDetails = { updatedAt, reviews, ...(commentCards ? { commentCards } : {}) };
  if (!same || details.commentCards !== cached?.commentCards)
    await browser.storage.session.set({ [key]: details });
  return details;
}
