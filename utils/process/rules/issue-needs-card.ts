import type { IssueSnapshot } from '../../github/snapshot';
import { PROCESS_SENTENCES } from '../sentences';
import type { Settings } from '../settings';
import { plural, wholeDays, withThousands } from '../time';
import { headerFinding } from './finding-parts';
import { issueCards } from './issue-on-card';
import type { IssueRule, RuleDocs } from './types';

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
      value: `${withThousands(issue.body.length)} characters`,
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
 * An issue on no card: is it too big for an issue, by its score? Carries the "move issue to card"
 * button, whatever the score.
 */
export const issueNeedsCard: IssueRule = {
  id: 'issue.needs-card',
  shows: ['issue'],
  sentence: PROCESS_SENTENCES.issues,
  evaluate({ issue, settings, now }) {
    if (issueCards(issue).length > 0) return []; // `issue.on-card` instead
    const signals = needsCardSignals(issue, settings, now);
    const score = signals.reduce((sum, s) => sum + s.points, 0);
    const threshold = settings.process.needsCard.score;
    const fired = signals.filter((s) => s.points > 0);
    const detail = signals
      .map((s) => `${s.name}: ${s.value}${s.points ? ` (+${s.points})` : ''}`)
      .join('; ');
    const needsCard = score >= threshold;
    return [
      headerFinding(issueNeedsCard, issue, {
        severity: needsCard ? 'warn' : 'ok',
        title: needsCard
          ? `Looks too big for an issue (${fired.map((s) => s.name).join(', ')})`
          : 'Simple enough for an issue',
        message: `Score ${score} (a card from ${threshold}). ${detail}.`,
        advice: needsCard
          ? 'Anything that needs discussion belongs on a Trello card: move it there.'
          : undefined,
        // Always offered while the issue is on no card (the flow itself: a later issue).
        action: 'move-issue-to-card',
      }),
    ];
  },
};

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen:
    'a transparent score reaches the threshold: body length (≥ 600 chars +1, ≥ 1,500 +2), comments (≥ 4 +1, ≥ 10 +2), distinct participants (≥ 3 +1, ≥ 4 +2), a counted label (+2), a task list of ≥ 3 items (+1), open for > 30 days (+1). The hint lists every signal with its value. Carries the "Move to a Trello card" button (below)',
  default: 'score 3; labels discussion, feature, enhancement, design, ux, question, proposal',
  changeIt: '`process.needsCard.score`, `process.needsCard.labels`',
};
