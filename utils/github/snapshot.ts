/** Plain data the GitHub rules read: a pull request or an issue with what the rules need. */

/**
 * A pull request or an issue on GitHub. Both are numbered in one sequence per repository
 * (`/issues/42` and `/pull/42` are the same item), so one reference serves both.
 */
export interface PullRef {
  owner: string;
  repo: string;
  number: number;
}

export interface Review {
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING' | string;
  submittedAt: string | null;
  commitId: string | null;
}

export interface Comment {
  user: string;
  body: string;
  createdAt: string;
}

export interface PullSnapshot extends PullRef {
  title: string;
  url: string;
  state: 'open' | 'closed';
  merged: boolean;
  /** A draft is work in progress: not waiting for review (see docs/architecture.md, "Rules"). */
  draft?: boolean;
  author: string;
  body: string;
  headSha: string;
  head: { ref: string; repo: { fullName: string; fork: boolean; defaultBranch: string } | null };
  base: { ref: string; repo: { fullName: string; defaultBranch: string } };
  reviews: Review[];
  comments: Comment[];
  /** A card on the repo's board with this PR attached: its short link; null when none; undefined when unknown. */
  boardCard?: string | null;
  /** The board mapped to the repository, where "Create card" writes (name empty when unread). */
  cardBoard?: { shortLink: string; name: string };
  fetchedAt: number;
}

export interface IssueSnapshot extends PullRef {
  title: string;
  url: string;
  state: 'open' | 'closed';
  author: string;
  body: string;
  labels: string[];
  createdAt: string;
  comments: Comment[];
  fetchedAt: number;
}

/** What a Trello card shows about a pull request it links. */
export interface PullStatus extends PullRef {
  state: 'open' | 'closed' | 'merged';
  draft?: boolean;
  approvals: string[];
  changesRequested: string[];
  required: number;
  fetchedAt: number;
}

export const subjectOf = (item: PullRef) => `${item.owner}/${item.repo}#${item.number}`;
