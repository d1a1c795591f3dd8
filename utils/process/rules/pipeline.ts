/** Rules for the Project Pipeline board: one card per project, with a short deadline and a board. */
import type { BoardSnapshot, TrelloCard } from '../../trello/snapshot';
import { isFirstCallOfMonth, nextCall, previousCall } from '../call-schedule';
import type { Finding } from '../findings';
import { LIST_ROLES, listIdsNamed } from '../lists';
import { isReviewCard, lastReviewAt } from '../pipeline-review';
import { PROCESS_SENTENCES } from '../sentences';
import { createdAtFromId, DAY_MS, formatDay, parseTime, plural, wholeDays } from '../time';
import { cardFinding } from './cards';
import { linkedBoards } from './pipeline-links';
import { pipelineRecognised } from './pipeline-recognised';
import type { BoardRule, BoardRuleInput } from './types';

/** Project cards: open, not the review card, not in a "Done" list (finished projects). */
function projectCards(board: BoardSnapshot): TrelloCard[] {
  const done = listIdsNamed(board.lists, LIST_ROLES.done);
  return board.cards.filter(
    (card) => !card.closed && !done.has(card.idList) && !isReviewCard(card),
  );
}

function perCard(
  id: string,
  check: (
    card: TrelloCard,
    input: BoardRuleInput,
  ) => Omit<Finding, 'subject' | 'anchor' | 'rule'> | undefined,
): BoardRule {
  return {
    id,
    evaluate(input) {
      return projectCards(input.board).flatMap((card) => {
        const found = check(card, input);
        return found ? [cardFinding(input.board, card, { rule: id, ...found })] : [];
      });
    },
  };
}

export const pipelineNoDeadline = perCard('pipeline.no-deadline', (card) =>
  parseTime(card.due) !== undefined
    ? undefined
    : {
        severity: 'warn',
        title: 'No deadline',
        message: 'This project has no due date.',
        advice: 'Give the card a due date, preferably a short one.',
        sentence: PROCESS_SENTENCES.deadline,
      },
);

export const pipelineDeadlineTooFar = perCard(
  'pipeline.deadline-too-far',
  (card, { settings, now }) => {
    const due = parseTime(card.due);
    const horizon = settings.process.deadlineHorizonDays;
    if (due === undefined || card.dueComplete || due - now <= horizon * DAY_MS) return undefined;
    return {
      severity: 'warn',
      title: `Deadline in ${plural(wholeDays(due - now), 'day')}: too far`,
      message: `The deadline (${formatDay(due)}) is more than ${plural(horizon, 'day')} away.`,
      advice: 'Divide it into smaller projects, each with its own short deadline.',
      sentence: PROCESS_SENTENCES.deadline,
    };
  },
);

export const pipelineOverdue = perCard('pipeline.overdue', (card, { now }) => {
  const due = parseTime(card.due);
  if (due === undefined || card.dueComplete || due >= now) return undefined;
  const late = wholeDays(now - due);
  return {
    severity: 'error',
    title: late === 0 ? 'Overdue since today' : `Overdue by ${plural(late, 'day')}`,
    message: `The deadline was ${formatDay(due)} and the project is not marked complete.`,
    advice:
      'Mark the due date complete if it is done, or agree a new deadline (and update the card).',
    sentence: PROCESS_SENTENCES.pipelineStatus,
  };
});

export const pipelineNoBoard = perCard('pipeline.no-board', (card) =>
  linkedBoards(card).size > 0
    ? undefined
    : {
        severity: 'warn',
        title: 'No project board',
        message:
          'This project card links to no Trello board (no board attachment, no trello.com/b/ link in the description).',
        advice: 'Attach the project’s board to the card, or paste its link into the description.',
        sentence: PROCESS_SENTENCES.projectBoard,
      },
);

export const pipelineStale = perCard('pipeline.stale', (card, { board, settings, now }) => {
  // A recorded review confirms every card as it stands.
  const touched = Math.max(
    parseTime(card.dateLastActivity) ?? createdAtFromId(card.id) ?? 0,
    lastReviewAt(board) ?? 0,
  );
  const limit = settings.process.pipelineStaleDays;
  if (now - touched < limit * DAY_MS) return undefined;
  return {
    severity: 'warn',
    title: `Not updated for ${plural(wholeDays(now - touched), 'day')}`,
    message: `Nothing on this project card changed in the last ${plural(limit, 'day')}, and no pipeline review since.`,
    advice: 'Update the card at the next monthly pipeline review so it reflects the status quo.',
    sentence: PROCESS_SENTENCES.pipelineStatus,
  };
});

/** The monthly review: due at the first call of the month, or when the last one is too old. */
export const pipelineReviewDue: BoardRule = {
  id: 'pipeline.review-due',
  evaluate({ board, settings, now }) {
    const call = settings.process.techCall;
    const last = lastReviewAt(board);
    const upcoming = nextCall(now, call);
    const limit = settings.process.pipelineStaleDays;
    const tooOld = last === undefined || now - last > limit * DAY_MS;
    // A review recorded since the last call counts for the upcoming first call of the month.
    const monthlyCall = isFirstCallOfMonth(upcoming, call) && (last ?? 0) < previousCall(now, call);
    const due = tooOld || monthlyCall;
    const lastText =
      last === undefined
        ? 'No pipeline review is recorded yet.'
        : `Last review: ${formatDay(last)}.`;
    const callDay = formatDay(upcoming, call.timeZone);
    let next: string;
    if (monthlyCall)
      next = `The next call (${callDay}) is the first of the month: review the pipeline there.`;
    else if (tooOld) next = `That is more than ${plural(limit, 'day')} ago.`;
    else if (isFirstCallOfMonth(upcoming, call))
      next = `That covers the first call of the month (${callDay}).`;
    else next = 'The next review is at the first call of next month.';
    return [
      {
        rule: 'pipeline.review-due',
        severity: due ? 'warn' : 'ok',
        subject: board.shortLink,
        anchor: { kind: 'board', board: board.shortLink },
        title: due ? 'Monthly pipeline review due' : `Pipeline reviewed ${formatDay(last ?? now)}`,
        message: `${lastText} ${next}`,
        advice:
          'After going through the pipeline at the call, click to record the review on the board.',
        sentence: PROCESS_SENTENCES.monthlyReview,
        action: 'mark-pipeline-reviewed',
      },
    ];
  },
};

export const PIPELINE_RULES: readonly BoardRule[] = [
  pipelineRecognised,
  pipelineReviewDue,
  pipelineNoDeadline,
  pipelineDeadlineTooFar,
  pipelineOverdue,
  pipelineNoBoard,
  pipelineStale,
];
