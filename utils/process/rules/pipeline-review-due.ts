import { formatDayIn, isFirstCallOfMonth, nextCall, previousCall } from '../call-schedule';
import { lastReviewAt } from '../pipeline-review';
import { PROCESS_SENTENCES } from '../sentences';
import { DAY_MS, formatDay, plural } from '../time';
import { boardFinding } from './finding-parts';
import type { BoardRule, RuleDocs } from './types';

/** The monthly review: due at the first call of the month, or when the last one is too old. */
export const pipelineReviewDue: BoardRule = {
  id: 'pipeline.review-due',
  shows: ['pipeline-board'],
  summaryLabel: 'Pipeline review due',
  sentence: PROCESS_SENTENCES.monthlyReview,
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
    const callDay = formatDayIn(upcoming, call.timeZone);
    let next: string;
    if (monthlyCall)
      next = `The next call (${callDay}) is the first of the month: review the pipeline there.`;
    else if (tooOld) next = `That is more than ${plural(limit, 'day')} ago.`;
    else if (isFirstCallOfMonth(upcoming, call))
      next = `That covers the first call of the month (${callDay}).`;
    else next = 'The next review is at the first call of next month.';
    return [
      boardFinding(pipelineReviewDue, board, {
        severity: due ? 'warn' : 'ok',
        title: due ? 'Monthly pipeline review due' : `Pipeline reviewed ${formatDay(last ?? now)}`,
        message: `${lastText} ${next}`,
        advice:
          'After going through the pipeline at the call, click to record the review on the board.',
        action: 'mark-pipeline-reviewed',
      }),
    ];
  },
};

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen:
    'the monthly review is due: the next call is the first of its month and no review was recorded that month, or the last review is more than 31 days old. **One-click:** "Mark pipeline reviewed"',
  default: 'Thursday 07:00 America/Los_Angeles',
  changeIt: 'Options → The weekly call (`process.techCall`)',
};
