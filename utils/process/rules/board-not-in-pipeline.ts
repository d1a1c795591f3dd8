import { PROCESS_SENTENCES } from '../sentences';
import { boardFinding } from './finding-parts';
import { linkedBoards } from './pipeline-links';
import type { BoardRule, RuleDocs } from './types';

/** A project board that no card of the Project Pipeline links to. Needs a pipeline board in settings. */
export const boardNotInPipeline: BoardRule = {
  id: 'board.not-in-pipeline',
  shows: ['project-board'],
  summaryLabel: 'Board not in pipeline',
  sentence: PROCESS_SENTENCES.pipeline,
  evaluate({ board, pipeline, settings }) {
    if (!settings.trello.pipelineBoard || !pipeline) return [];
    const linked = pipeline.cards.some((card) => linkedBoards(card).has(board.shortLink));
    if (linked) return [];
    return [
      boardFinding(boardNotInPipeline, board, {
        severity: 'warn',
        title: 'Not on the Project Pipeline',
        message: `No card of the Project Pipeline board (“${pipeline.name}”) links to this board.`,
        advice:
          'Add a card for this project to the Project Pipeline, with this board attached or its link in the description.',
      }),
    ];
  },
};

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen: 'no card of the Project Pipeline links to this board',
  default: 'needs a pipeline board',
  changeIt: 'Options → Trello → _Project Pipeline board_',
};
