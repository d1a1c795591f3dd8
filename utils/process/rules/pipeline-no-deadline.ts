import { PROCESS_SENTENCES } from '../sentences';
import { parseTime } from '../time';
import { perCard } from './pipeline-cards';
import type { RuleDocs } from './types';

export const pipelineNoDeadline = /* @__PURE__ */ perCard(
  {
    id: 'pipeline.no-deadline',
    shows: ['pipeline-card'],
    summaryLabel: 'No deadline',
    sentence: PROCESS_SENTENCES.deadline,
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

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = { firesWhen: 'a project card has no due date' };
