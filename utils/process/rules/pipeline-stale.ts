import { lastReviewAt } from '../pipeline-review';
import { PROCESS_SENTENCES } from '../sentences';
import { createdAtFromId, DAY_MS, parseTime, plural, wholeDays } from '../time';
import { perCard } from './pipeline-cards';
import type { RuleDocs } from './types';

export const pipelineStale = /* @__PURE__ */ perCard(
  {
    id: 'pipeline.stale',
    shows: ['pipeline-card'],
    summaryLabel: 'Not updated',
    sentence: PROCESS_SENTENCES.pipelineStatus,
  },
  (card, { board, settings, now }) => {
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
    };
  },
);

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen: 'not updated (nor confirmed by a pipeline review) for N days',
  default: '31 days',
  changeIt: 'Options → Process rules → _Pipeline card stale after_',
};
