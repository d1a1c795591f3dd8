/**
 * `source.unavailable`: the data could not be read (rate limit, 401, 404, offline). Says what
 * failed and what to do. Every such finding, Trello's and GitHub's, is built here.
 */
import type { GitHubPage } from '../../github/pages';
import { subjectOf } from '../../github/snapshot';
import type { AppError } from '../../result';
import type { Finding } from '../findings';
import { clockTime } from '../time';
import type { Rule, RuleDocs } from './types';

export type SourceInput =
  | { site: 'trello'; board: string; error: AppError }
  | { site: 'github'; page: GitHubPage; error: AppError };

/** The id, as a plain constant: a finding that names it does not pull in the other site's texts. */
export const SOURCE_UNAVAILABLE = 'source.unavailable';

export const sourceUnavailable: Rule<SourceInput> = {
  id: SOURCE_UNAVAILABLE,
  shows: ['project-board', 'pipeline-board', 'pull-request', 'pr-list', 'issue'],
  evaluate: (input) => [
    input.site === 'trello'
      ? boardUnavailable(input.board, input.error)
      : gitHubUnavailable(input.page, input.error),
  ],
};

/** A Trello board that cannot be read. */
export function boardUnavailable(board: string, error: AppError): Finding {
  return {
    rule: SOURCE_UNAVAILABLE,
    // A rate limit is a wait, not a failure.
    severity: error.code === 'rate-limited' ? 'warn' : 'error',
    subject: board,
    anchor: { kind: 'board', board },
    title:
      error.code === 'rate-limited'
        ? 'Waiting for Trello (rate limit)'
        : 'Process Lens cannot read this board',
    message: error.message,
    advice: trelloAdvice(error),
  };
}

function trelloAdvice(error: AppError): string {
  switch (error.code) {
    case 'unauthorized':
    case 'not-connected':
      return 'Sign in to Trello, or connect Trello in the Process Lens options page.';
    case 'forbidden':
    case 'not-found':
      return 'Check the board address, or ask a board admin to add you; if the board is private, connect Trello in the options page.';
    case 'rate-limited':
      return error.retryAt
        ? `Trello asked us to slow down; Process Lens tries again at ${clockTime(error.retryAt, true)}.`
        : 'Trello asked us to slow down; reload the page in a minute.';
    case 'network':
    case 'timeout':
      return 'Check your connection, then reload the page.';
    case 'server':
      return 'Trello is having trouble; reload the page in a few minutes.';
    default:
      return 'Reload the page; if this keeps happening, report it with this message.';
  }
}

/** On an issue page the move button is always there, also on the loading and failure hints. */
export const moveAction = (page: GitHubPage) =>
  page.kind === 'issue' ? { action: 'move-issue-to-card' as const } : {};

/** A GitHub pull request, issue or pull-request list that cannot be read. */
export function gitHubUnavailable(page: GitHubPage, error: AppError): Finding {
  const number = 'number' in page ? page.number : 0;
  return {
    ...moveAction(page),
    rule: SOURCE_UNAVAILABLE,
    severity: 'error',
    subject: number ? subjectOf({ ...page, number }) : `${page.owner}/${page.repo}`,
    anchor: { kind: 'header' },
    title:
      error.code === 'rate-limited'
        ? 'GitHub rate limit reached'
        : 'Process Lens cannot read this from GitHub',
    message: error.message,
    advice:
      error.code === 'rate-limited'
        ? 'Reload the page after that time.'
        : error.code === 'not-found'
          ? 'If the repository is private, Process Lens needs a GitHub token that can see it (options page).'
          : error.code === 'unauthorized'
            ? 'Paste a new GitHub token in the Process Lens options page.'
            : 'Reload the page; if it keeps happening, check your connection.',
  };
}

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  shownOn: 'anywhere',
  firesWhen:
    'a board, pull request or issue cannot be read (error; warn while Trello asks us to wait)',
};
