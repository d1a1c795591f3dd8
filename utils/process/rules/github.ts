/** Rules for GitHub pull requests and issues: pure, from REST data (github-api.md). */
import type { IssueSnapshot, PullSnapshot } from '../../github/snapshot';
import { subjectOf } from '../../github/snapshot';
import type { Finding } from '../findings';
import { cardLinksIn, cardUrl } from '../links';
import { countReviews } from '../reviews';
import { PROCESS_SENTENCES } from '../sentences';
import type { Settings } from '../settings';
import { plural, wholeDays } from '../time';

const names = (users: readonly string[]) => users.map((u) => `@${u}`).join(', ');

/** `pr.reviews`, placed near the title and again at the merge box. */
export function prReviews(pull: PullSnapshot, settings: Settings): Finding[] {
  const required = settings.process.requiredApprovals;
  const { approvals, changesRequested, staleApprovals } = countReviews(
    pull.reviews,
    pull.author,
    pull.headSha,
  );
  const met = approvals.length >= required && changesRequested.length === 0;
  const parts = [
    approvals.length
      ? `Approved by ${names(approvals)}.`
      : 'No approval from anyone but the author yet.',
    changesRequested.length ? `Changes requested by ${names(changesRequested)}.` : '',
    staleApprovals.length ? `${names(staleApprovals)} approved an older commit.` : '',
    `The team asks for ${plural(required, 'approval')} from someone other than the author (the author’s own reviews and dismissed reviews do not count).`,
  ].filter(Boolean);
  const title = pull.merged
    ? `Merged with ${approvals.length} of ${required} approvals`
    : `Approvals from others: ${approvals.length} of ${required}`;
  const severity = met ? 'ok' : pull.state === 'closed' && !pull.merged ? 'info' : 'warn';
  const base = {
    rule: 'pr.reviews',
    severity,
    subject: subjectOf(pull),
    title,
    message: parts.join(' '),
    sentence: PROCESS_SENTENCES.review,
  } as const;
  return [
    { ...base, anchor: { kind: 'header' } },
    {
      ...base,
      anchor: { kind: 'merge-box' },
      ...(met || pull.merged
        ? {}
        : { title: `Do not merge yet: ${approvals.length} of ${required} approvals from others` }),
      ...(met ? {} : { advice: 'Ask someone else on the team to review before merging.' }),
    },
  ];
}

/** `pr.not-from-fork` and `pr.default-branch`: work in your fork, on a feature branch. */
export function prBranchRules(pull: PullSnapshot): Finding[] {
  const headRepo = pull.head.repo;
  if (!headRepo) return []; // the fork was deleted: nothing to say
  const findings: Finding[] = [];
  const subject = subjectOf(pull);
  if (headRepo.fullName.toLowerCase() === pull.base.repo.fullName.toLowerCase()) {
    findings.push({
      rule: 'pr.not-from-fork',
      severity: 'warn',
      subject,
      anchor: { kind: 'header' },
      title: 'Branch in the main repository, not a fork',
      message: `The branch “${pull.head.ref}” lives in ${pull.base.repo.fullName} itself.`,
      advice:
        'Fork the project into your personal account, push the branch there and open the pull request from the fork.',
      sentence:
        'When working on a project, fork the project into your personal github repository. From there you can create branches for features and send pull requests once things are done.',
    });
  }
  if (pull.head.ref === headRepo.defaultBranch) {
    findings.push({
      rule: 'pr.default-branch',
      severity: 'warn',
      subject,
      anchor: { kind: 'header' },
      title: `From the default branch “${pull.head.ref}”`,
      message: `This pull request comes from ${headRepo.fullName}’s default branch, not from a feature branch.`,
      advice: 'Create a branch per feature in your fork, and open pull requests from it.',
      sentence:
        'From there you can create branches for features and send pull requests once things are done.',
    });
  }
  return findings;
}

/** The card linked from the PR's description or comments, else the board's card that links the PR. */
function pullCard(pull: PullSnapshot): string | undefined {
  return (
    cardLinksIn([pull.body, ...pull.comments.map((c) => c.body)])[0] ?? pull.boardCard ?? undefined
  );
}

/** `pr.on-card`: the pull request is linked to a card: show the card (as `issue.on-card` does). */
export function prOnCard(pull: PullSnapshot): Finding[] {
  const card = pullCard(pull);
  if (!card) return [];
  return [
    {
      rule: 'pr.on-card',
      severity: 'ok',
      subject: subjectOf(pull),
      anchor: { kind: 'header' },
      title: `On Trello card ${card}`,
      message: 'This pull request is linked to the Trello card:',
      link: cardUrl(card),
      sentence: PROCESS_SENTENCES.needsCard,
    },
  ];
}

/** `pr.no-card`: "if you are spending time on something, there needs to be a trello card for it". */
export function prNoCard(pull: PullSnapshot): Finding[] {
  if (pullCard(pull)) return [];
  const unknownBoard = pull.boardCard === undefined;
  const board = pull.cardBoard && `“${pull.cardBoard.name || pull.cardBoard.shortLink}”`;
  return [
    {
      rule: 'pr.no-card',
      severity: 'warn',
      subject: subjectOf(pull),
      anchor: { kind: 'header' },
      title: 'No Trello card',
      message: `No Trello card links to this pull request: no card link in its description or comments${
        unknownBoard ? '' : ', and no card on the repository’s board has it attached'
      }.`,
      // One click writes, with no confirmation step (security-reliability.md §1 item 4 asks for
      // one): the button and its details say exactly what it writes, and where.
      advice: board
        ? `One click writes two things: a card “${pull.title}” in the list “In progress” of the Trello board ${board}, with this pull request attached; and a comment on this pull request linking the card.${unknownBoard ? ' Needs Trello connected (options page).' : ''}`
        : 'Create an “In progress” card for it (needs Trello connected and the repository mapped to a board in the options).',
      sentence: PROCESS_SENTENCES.needsCard,
      action: 'create-card-for-pr',
      ...(board ? { actionLabel: `Create card in ${board}` } : {}),
    },
  ];
}

export function evaluatePull(pull: PullSnapshot, settings: Settings): Finding[] {
  return [
    ...prReviews(pull, settings),
    ...prBranchRules(pull),
    ...prOnCard(pull),
    ...prNoCard(pull),
  ];
}

/** One signal of the needs-card score, with its value, so a person can disagree. */
export interface Signal {
  name: string;
  value: string;
  points: number;
}

const TASK_ITEM = /^\s*[-*+]\s+\[[ xX]\]\s+/gm;

export function needsCardSignals(issue: IssueSnapshot, settings: Settings, now: number): Signal[] {
  const { labels: countedLabels } = settings.process.needsCard;
  const participants = new Set(
    [issue.author, ...issue.comments.map((c) => c.user)].map((u) => u.toLowerCase()),
  );
  const matchedLabels = issue.labels.filter((l) =>
    countedLabels.some((c) => c.toLowerCase() === l.toLowerCase()),
  );
  const tasks = issue.body.match(TASK_ITEM)?.length ?? 0;
  const ageDays = wholeDays(now - Date.parse(issue.createdAt));
  const signals: Signal[] = [
    {
      name: 'body',
      value: `${issue.body.length.toLocaleString('en')} characters`,
      points: issue.body.length >= 1500 ? 2 : issue.body.length >= 600 ? 1 : 0,
    },
    {
      name: 'comments',
      value: String(issue.comments.length),
      points: issue.comments.length >= 10 ? 2 : issue.comments.length >= 4 ? 1 : 0,
    },
    {
      name: 'participants',
      value: String(participants.size),
      points: participants.size >= 4 ? 2 : participants.size >= 3 ? 1 : 0,
    },
    {
      name: 'labels',
      value: matchedLabels.join(', ') || 'none that count',
      points: matchedLabels.length ? 2 : 0,
    },
    { name: 'task list', value: plural(tasks, 'item'), points: tasks >= 3 ? 1 : 0 },
    {
      name: 'age',
      value: Number.isNaN(ageDays) ? 'unknown' : plural(ageDays, 'day'),
      points: issue.state === 'open' && ageDays > 30 ? 1 : 0,
    },
  ];
  return signals;
}

/**
 * `issue.on-card` when a card links the issue; otherwise `issue.needs-card` from its score. Either
 * carries the "move issue to card" button, whatever the score.
 */
export function evaluateIssue(issue: IssueSnapshot, settings: Settings, now: number): Finding[] {
  const subject = subjectOf(issue);
  const cards = cardLinksIn([issue.body, ...issue.comments.map((c) => c.body)]);
  if (cards.length > 0) {
    return [
      {
        rule: 'issue.on-card',
        severity: 'ok',
        subject,
        anchor: { kind: 'header' },
        title: `On Trello card ${cards[0]}`,
        message: 'This issue is linked to the Trello card:',
        link: cardUrl(cards[0] as string),
        sentence: PROCESS_SENTENCES.needsCard,
        // The move button is always on the issue page (DESIGN §4): e.g. to close it now.
        action: 'move-issue-to-card',
      },
    ];
  }
  const signals = needsCardSignals(issue, settings, now);
  const score = signals.reduce((sum, s) => sum + s.points, 0);
  const threshold = settings.process.needsCard.score;
  const fired = signals.filter((s) => s.points > 0);
  const detail = signals
    .map((s) => `${s.name}: ${s.value}${s.points ? ` (+${s.points})` : ''}`)
    .join('; ');
  const needsCard = score >= threshold;
  return [
    {
      rule: 'issue.needs-card',
      severity: needsCard ? 'warn' : 'ok',
      subject,
      anchor: { kind: 'header' },
      title: needsCard
        ? `Looks too big for an issue (${fired.map((s) => s.name).join(', ')})`
        : 'Simple enough for an issue',
      message: `Score ${score} (a card from ${threshold}). ${detail}.`,
      advice: needsCard
        ? 'Anything that needs discussion belongs on a Trello card: move it there.'
        : undefined,
      sentence: PROCESS_SENTENCES.issues,
      // Always offered while the issue is on no card (the flow itself: a later issue).
      action: 'move-issue-to-card',
    },
  ];
}
