/** The finding shown when a board cannot be read: says what failed and what to do. */
import type { AppError } from '../result';
import type { Finding } from './findings';
import { clockTime } from './time';

export const SOURCE_UNAVAILABLE = 'source.unavailable';

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
    advice: adviceFor(error),
  };
}

function adviceFor(error: AppError): string {
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
