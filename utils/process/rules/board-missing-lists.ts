import type { BoardSnapshot } from '../../trello/snapshot';
import type { Finding } from '../findings';
import { missingListNames } from '../lists';
import { PROCESS_SENTENCES } from '../sentences';
import { boardFinding } from './finding-parts';
import type { BoardRule, RuleDocs } from './types';

export const boardMissingLists: BoardRule = {
  id: 'board.missing-lists',
  shows: ['project-board'],
  summaryLabel: 'Missing lists',
  sentence: PROCESS_SENTENCES.boardLists,
  evaluate({ board, settings }) {
    const required = settings.process.lists;
    const missing = missingListNames(required, board.lists);
    return [
      missing.length === 0 ? allPresent(board, required.length) : someMissing(board, missing),
    ];
  },
};

function someMissing(board: BoardSnapshot, missing: string[]): Finding {
  const quoted = missing.map((name) => `“${name}”`);
  const names =
    quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted[0];
  const count =
    missing.length === 1 ? '1 process list missing' : `${missing.length} process lists missing`;
  return boardFinding(boardMissingLists, board, {
    severity: 'warn',
    title: `${count}: ${missing.join(', ')}`,
    message: `This project board has no ${names} list. Every project board needs the process lists; extra lists are fine.`,
    advice: 'Add the missing lists to the board.',
    action: 'add-missing-lists',
  });
}

function allPresent(board: BoardSnapshot, count: number): Finding {
  return boardFinding(boardMissingLists, board, {
    severity: 'ok',
    title: 'Process lists complete',
    message: `This board has all ${count} lists the process asks for.`,
  });
}

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen:
    'a process list is missing (names compared trimmed and case-insensitive; extra lists are fine); green when all are there. **One-click fix:** "Add the missing lists"',
  default: 'Unsorted, Would be nice, Need to do, Stuck, In progress, Done',
  changeIt: 'Options → Process rules → _Process lists_',
};
