import { PROCESS_SENTENCES } from '../sentences';
import { parseTime } from '../time';
import { perCard } from './pipeline-cards';

export const pipelineNoDeadline = perCard(
  {
    id: 'pipeline.no-deadline',
    shows: ['pipeline-card'],
    summaryLabel: 'No deadline',
    sentence: PROCESS_SENTENCES.deadline,
    docs: { firesWhen: 'a project card has no due date' },
  },
  (card) =>
    parseTime(card.due) !== undefined
      ? undefined
      : {
          severity: 'warn',
          title: 'No deadline',
          message: 'This project has no due date.',
          advice: 'Give the card a due date, preferably a short one.',
        },
);
