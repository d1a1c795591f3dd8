/** `source.loading`: the placeholder while a board, pull request or issue is read. */
import type { GitHubPage } from '../../github/pages';
import { subjectOf } from '../../github/snapshot';
import type { Finding } from '../findings';
import { moveAction } from './source-unavailable';
import type { Rule, RuleDocs } from './types';

type NumberedPage = Extract<GitHubPage, { number: number }>;

export type LoadingInput =
  | { site: 'trello'; board: string }
  | { site: 'github'; page: NumberedPage };

/** The id, as a plain constant (see SOURCE_UNAVAILABLE). */
const SOURCE_LOADING = 'source.loading';

export const sourceLoading: Rule<LoadingInput> = {
  id: SOURCE_LOADING,
  shows: ['project-board', 'pipeline-board', 'pull-request', 'issue'],
  evaluate: (input) => [
    input.site === 'trello' ? boardLoading(input.board) : gitHubLoading(input.page),
  ],
};

/** A Trello board being read. */
export function boardLoading(board: string): Finding {
  return {
    rule: SOURCE_LOADING,
    severity: 'info',
    subject: board,
    anchor: { kind: 'board', board },
    title: 'Checking this board against the process…',
    message: 'Process Lens is reading this board.',
  };
}

/** A GitHub pull request or issue being read. */
export function gitHubLoading(page: NumberedPage): Finding {
  return {
    ...moveAction(page),
    rule: SOURCE_LOADING,
    severity: 'info',
    subject: subjectOf(page),
    anchor: { kind: 'header' },
    title: 'Checking against the process…',
    message: 'Process Lens is reading this page’s data from GitHub.',
  };
}

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  shownOn: 'anywhere',
  firesWhen: 'a board, pull request or issue is being read (info)',
};
