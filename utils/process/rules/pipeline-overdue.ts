import { PROCESS_SENTENCES } from '../sentences';
import { formatDay, parseTime, plural, wholeDays } from '../time';
import { perCard } from './pipeline-cards';
import type { RuleDocs } from './types';

export const pipelineOverdue = /* @__PURE__ */ perCard(
  {
    id: 'pipeline.overdue',
    shows: ['pipeline-card'],
    summaryLabel: 'Overdue',
    sentence: PROCESS_SENTENCES.pipelineStatus,
  },
  (card, { now }) => {
    const due = parseTime(card.due);
    if (due === undefined || card.dueComplete || due >= now) return undefined;
    const late = wholeDays(now - due);
    return {
      severity: 'error',
      title: late === 0 ? 'Overdue since today' : `Overdue by ${plural(late, 'day')}`,
      message: `The deadline was ${formatDay(due)} and the project is not marked complete.`,
      advice:
        'Mark the due date complete if it is done, or agree a new deadline (and update the card).',
    };
  },
);

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = { firesWhen: 'past due and not marked complete (error)' };
