import { PROCESS_SENTENCES } from '../sentences';
import { formatDay, parseTime, plural, wholeDays } from '../time';
import { perCard } from './pipeline-cards';

export const pipelineOverdue = perCard(
  {
    id: 'pipeline.overdue',
    shows: ['pipeline-card'],
    summaryLabel: 'Overdue',
    sentence: PROCESS_SENTENCES.pipelineStatus,
    docs: { firesWhen: 'past due and not marked complete (error)' },
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
