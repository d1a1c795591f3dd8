/** Counting approvals the way `pr.reviews` does it (docs/architecture.md, "Data and caches"). */
import type { Review } from '../github/snapshot';

export interface ReviewCount {
  approvals: string[];
  changesRequested: string[];
  /** Approvals given on an older commit than the head (they may not count when stale reviews are dismissed). */
  staleApprovals: string[];
}

/**
 * Reviews in chronological order → the latest deciding state per reviewer, the author's own
 * reviews dropped. A later comment-only (or pending) review does not cancel an approval; a
 * dismissal does.
 */
export function countReviews(
  reviews: readonly Review[],
  author: string,
  headSha?: string,
): ReviewCount {
  const latest = new Map<string, Review>();
  const ordered = [...reviews].sort((a, b) =>
    (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
  );
  for (const review of ordered) {
    if (review.user.toLowerCase() === author.toLowerCase()) continue;
    if (review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(review.user, review);
  }
  const approvals: string[] = [];
  const changesRequested: string[] = [];
  const staleApprovals: string[] = [];
  for (const [user, review] of latest) {
    if (review.state === 'APPROVED') {
      approvals.push(user);
      if (headSha && review.commitId && review.commitId !== headSha) staleApprovals.push(user);
    }
    if (review.state === 'CHANGES_REQUESTED') changesRequested.push(user);
  }
  return { approvals, changesRequested, staleApprovals };
}
