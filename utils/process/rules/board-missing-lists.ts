import type { BoardSnapshot } from '../../trello/snapshot';
import type { Finding, ListChoice } from '../findings';
import { type BoardRoles, boardRoles, missingRequired, roleNamed } from '../list-roles';
import { PROCESS_SENTENCES } from '../sentences';
import { boardFinding } from './finding-parts';
import type { BoardRule, RuleDocs } from './types';

/**
 * The process lists, by role (docs/architecture.md, "List roles"): the least change is proposed:
 * a list that fills a role under another name is renamed or kept, a role that one of the board's
 * other lists may fill is mapped, and only the rest is added.
 */
export const boardMissingLists: BoardRule = {
  id: 'board.missing-lists',
  shows: ['project-board'],
  summaryLabel: 'Missing lists',
  sentence: PROCESS_SENTENCES.boardLists,
  evaluate({ board, settings }) {
    const required = settings.process.lists;
    const roles = boardRoles(board, settings);
    const missing = missingRequired(required, roles, board.lists);
    const choices = listChoices(roles, required, missing);
    if (missing.length > 0) return [someMissing(board, missing, choices)];
    if (choices.length > 0) return [underOtherNames(board, choices)];
    return [allPresent(board, required.length)];
  },
};

/** Rename-or-keep for each list that fills a required role by a synonym; map for each missing role. */
function listChoices(roles: BoardRoles, required: readonly string[], missing: readonly string[]) {
  const requiredRoles = new Set(required.map(roleNamed));
  const synonyms: ListChoice[] = roles.fills
    .filter((fill) => fill.by === 'synonym' && requiredRoles.has(fill.role))
    .map(({ role, list }) => ({ kind: 'synonym', role, list: { id: list.id, name: list.name } }));
  const options = roles.unassigned.map(({ id, name }) => ({ id, name }));
  const maps: ListChoice[] =
    options.length === 0
      ? []
      : missing.flatMap((name) => {
          const role = roleNamed(name);
          return role ? [{ kind: 'map' as const, role, options }] : [];
        });
  return [...synonyms, ...maps];
}

function quotedOr(names: readonly string[]): string {
  const quoted = names.map((name) => `“${name}”`);
  return quoted.length > 1
    ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`
    : `${quoted[0]}`;
}

function someMissing(board: BoardSnapshot, missing: string[], choices: ListChoice[]): Finding {
  const count =
    missing.length === 1 ? '1 process list missing' : `${missing.length} process lists missing`;
  const mappable = choices.some((c) => c.kind === 'map');
  return boardFinding(boardMissingLists, board, {
    severity: 'warn',
    title: `${count}: ${missing.join(', ')}`,
    message: `This project board has no ${quotedOr(missing)} list. Every project board needs the process lists; extra lists are fine.`,
    advice: mappable
      ? 'Choose which of your lists fills each role, or add the missing lists to the board.'
      : 'Add the missing lists to the board.',
    action: 'add-missing-lists',
    ...(choices.length > 0 ? { choices } : {}),
  });
}

function underOtherNames(board: BoardSnapshot, choices: ListChoice[]): Finding {
  const names = choices.flatMap((c) => (c.kind === 'synonym' ? [`“${c.list.name}”`] : []));
  return boardFinding(boardMissingLists, board, {
    severity: 'info',
    title:
      names.length === 1
        ? 'Process lists complete, 1 under another name'
        : `Process lists complete, ${names.length} under other names`,
    message: `Every process list is here; ${names.join(', ')} ${names.length === 1 ? 'fills its role' : 'fill their roles'} under another name, so the rules read ${names.length === 1 ? 'it' : 'them'} by role.`,
    advice: 'Rename to the process names, so newcomers recognise them, or keep your names.',
    choices,
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
    'a process list is missing: no list fills its role by the team’s mapping, its name (trimmed, case-insensitive) or a synonym (extra lists are fine); info when a role is filled under another name; green when all are there. **One-click fixes:** "Rename" or "Keep the name" for a synonym, "Which list is your …?" to map a list, "Add the missing lists" for the rest',
  default: 'Unsorted, Would be nice, Need to do, Stuck, In progress, Done',
  changeIt: 'Options → Process rules → _Process lists_; Options → List roles',
};
