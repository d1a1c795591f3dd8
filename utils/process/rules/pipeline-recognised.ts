import { PROCESS_SENTENCES } from '../sentences';
import { boardFinding } from './finding-parts';
import type { BoardRule, RuleDocs } from './types';

/** A board taken for the pipeline by its name only: offer to save it, so project boards can be checked against it. */
export const pipelineRecognised: BoardRule = {
  id: 'pipeline.recognised',
  shows: ['pipeline-board'],
  sentence: PROCESS_SENTENCES.pipeline,
  evaluate({ board, settings }) {
    if (settings.trello.pipelineBoard) return [];
    return [
      boardFinding(pipelineRecognised, board, {
        severity: 'info',
        title: 'Recognised as the Project Pipeline',
        message: `Process Lens takes “${board.name}” for the Project Pipeline by its name. Saved in the options, it also lets every project board be checked for a pipeline card (board.not-in-pipeline).`,
        advice: 'Click to open the options with this board filled in, then save.',
        action: 'save-pipeline-board',
      }),
    ];
  },
};

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen:
    'the pipeline was recognised by its name only (info). **One click:** "Save as the pipeline" opens the options with it filled in',
  changeIt: 'Options → Trello → _Project Pipeline board_',
};
