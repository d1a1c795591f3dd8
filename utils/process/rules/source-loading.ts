/** `source.loading`: the placeholder while a board, pull request or issue is read. */
import type { GitHubPage } from '../../github/pages';
import { subjectOf } from '../../github/snapshot';
import type { Finding } from '../findings';
import { moveAction } from './source-unavailable';
import type { Rule } from './types';

type NumberedPage = Extract<GitHubPage, { number: number }>;

export type LoadingInput =
  | { site: 'trello'; board: string }
  | { site: 'github'; page: NumberedPage };

export const sourceLoading: Rule<LoadingInput> = {
  id: 'source.loading',
  shows: ['project-board', 'pipeline-board', 'pull-request', 'issue'],
  docs: { shownOn: 'anywhere', firesWhen: 'a board, pull request or issue is being read (info)' },
  evaluate: (input) => [
    input.site === 'trello' ? boardLoading(input.board) : gitHubLoading(input.page),
  ],
};

/** A Trello board being read. */
export function boardLoading(board: string): Finding {
  return {
    rule: sourceLoading.id,
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
    rule: sourceLoading.id,
    severity: 'info',
    subject: subjectOf(page),
    anchor: { kind: 'header' },
    title: 'Checking against the process…',
    message: 'Process Lens is reading this page’s data from GitHub.',
  };
}
