/**
 * `pr.reviews`: approvals from others against the required count. One decision (`reviewDecision`)
 * for every place it shows: the pull request page, the PR list rows and the Trello cards.
 */
import type { PullStatus } from '../../github/snapshot';
import { subjectOf } from '../../github/snapshot';
import type { Finding, Severity } from '../findings';
import { countReviews } from '../reviews';
import { PROCESS_SENTENCES } from '../sentences';
import { plural } from '../time';
import type { PullRule, RuleDocs } from './types';

type ReviewState = Pick<
  PullStatus,
  'state' | 'draft' | 'approvals' | 'changesRequested' | 'required'
>;

/**
 * Approvals met, and the severity: an open PR is `ok` when met, `warn` when not; a merged one is
 * `ok` (too late to ask), a closed unmerged one `info` (nothing to review any more), an open
 * draft `info` (work in progress, not waiting for review).
 */
export function reviewDecision(status: ReviewState): { met: boolean; severity: Severity } {
  const met = status.approvals.length >= status.required && status.changesRequested.length === 0;
  const severity =
    status.state === 'merged'
      ? 'ok'
      : status.state === 'closed' || status.draft
        ? 'info'
        : met
          ? 'ok'
          : 'warn';
  return { met, severity };
}

export const mentions = (users: readonly string[]) => users.map((u) => `@${u}`).join(', ');

/** Placed near the title and again at the merge box. */
export const prReviews: PullRule = {
  id: 'pr.reviews',
  shows: ['pull-request', 'pr-list', 'card'],
  summaryLabel: 'PRs waiting for review',
  sentence: PROCESS_SENTENCES.review,
  evaluate({ pull, settings }) {
    const required = settings.process.requiredApprovals;
    const { approvals, changesRequested, staleApprovals } = countReviews(
      pull.reviews,
      pull.author,
      pull.headSha,
    );
    const state = pull.merged ? 'merged' : pull.state;
    const draft = pull.draft && state === 'open';
    const { met, severity } = reviewDecision({
      state,
      draft,
      approvals,
      changesRequested,
      required,
    });
    const parts = [
      approvals.length
        ? `Approved by ${mentions(approvals)}.`
        : 'No approval from anyone but the author yet.',
      changesRequested.length ? `Changes requested by ${mentions(changesRequested)}.` : '',
      staleApprovals.length ? `${mentions(staleApprovals)} approved an older commit.` : '',
      `The team asks for ${plural(required, 'approval')} from someone other than the author (the author’s own reviews and dismissed reviews do not count).`,
    ].filter(Boolean);
    const title = pull.merged
      ? `Merged with ${approvals.length} of ${required} approvals`
      : draft
        ? `Draft: ${approvals.length} of ${required} approvals, not waiting for review`
        : `Approvals from others: ${approvals.length} of ${required}`;
    const base = {
      rule: prReviews.id,
      severity,
      subject: subjectOf(pull),
      title,
      message: parts.join(' '),
      sentence: prReviews.sentence,
    } as const;
    return [
      { ...base, anchor: { kind: 'header' } },
      {
        ...base,
        anchor: { kind: 'merge-box' },
        ...(met || pull.merged || draft
          ? {}
          : {
              title: `Do not merge yet: ${approvals.length} of ${required} approvals from others`,
            }),
        ...(met
          ? {}
          : {
              advice: draft
                ? 'When it is ready, mark it ready for review and ask someone else on the team.'
                : 'Ask someone else on the team to review before merging.',
            }),
      },
    ];
  },
};

/** The badge on a row of the pull-request list: k of N approvals. */
export function pullRowFinding(
  owner: string,
  repo: string,
  number: number,
  status: PullStatus,
): Finding {
  const { approvals, changesRequested, required } = status;
  return {
    rule: prReviews.id,
    severity: reviewDecision(status).severity,
    subject: subjectOf({ owner, repo, number }),
    anchor: { kind: 'pr-row', number },
    title: `${status.draft ? 'Draft · ' : ''}Approvals: ${approvals.length} of ${required}`,
    message: `Approvals from others: ${approvals.length} of ${required}${approvals.length ? ` (${mentions(approvals)})` : ''}.${changesRequested.length ? ` Changes requested by ${mentions(changesRequested)}.` : ''}`,
  };
}

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  shownOn:
    "pull request (at the title and again right after the merge box's Reviews section), each row of the PR list, and on every Trello card that links the PR",
  firesWhen:
    'always: approvals from people other than the author, latest deciding review per reviewer (a later comment-only review does not cancel an approval; a dismissal does), against the required count: `ok` when met, `warn` when not ("Do not merge yet" at the merge box); merged `ok`, closed unmerged `info`',
  default: '1 approval',
  changeIt: '`process.requiredApprovals` in the settings',
};
