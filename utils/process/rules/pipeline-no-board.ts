import { PROCESS_SENTENCES } from '../sentences';
import { perCard } from './pipeline-cards';
import { linkedBoards } from './pipeline-links';
import type { RuleDocs } from './types';

export const pipelineNoBoard = /* @__PURE__ */ perCard(
  {
    id: 'pipeline.no-board',
    shows: ['pipeline-card'],
    summaryLabel: 'No project board',
    sentence: PROCESS_SENTENCES.projectBoard,
  },
  (card) =>
    linkedBoards(card).size > 0
      ? undefined
      : {
          severity: 'warn',
          title: 'No project board',
          message:
            'This project card links to no Trello board (no board attachment, no trello.com/b/ link in the description).',
          advice: 'Attach the project’s board to the card, or paste its link into the description.',
        },
);

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen: 'no board attachment and no `trello.com/b/` link in the description',
};
