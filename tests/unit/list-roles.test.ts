import { describe, expect, it } from 'vitest';
import { buildAgenda } from '../../utils/process/agenda';
import { nextCall, previousCall } from '../../utils/process/call-schedule';
import { choiceQuestion } from '../../utils/process/findings';
import {
  type BoardList,
  listRoles,
  type RoleMappings,
  rolesSuggestedBy,
  synonymKey,
} from '../../utils/process/list-roles';
import { myCardsInProgress } from '../../utils/process/my-day';
import { evaluateBoard } from '../../utils/process/rules';
import { boardMissingLists } from '../../utils/process/rules/board-missing-lists';
import { cardStaleInProgress } from '../../utils/process/rules/card-stale-in-progress';
import { cardStuck } from '../../utils/process/rules/card-stuck';
import { defaultSettings, readSettings, type Settings } from '../../utils/process/settings';
import { board, card, DAY, list, move, NOW } from '../fixtures/boards';

/** The open lists of GoCD's "Test Drive" board (a real export, see real-trello-exports.test.ts). */
const GOCD_LISTS = [
  'Backlog/Future Work/Ideas',
  'To Do',
  'In Progress',
  'Ready to merge',
  'Ready for QA',
  'Done',
];

/** Which list (by name) fills each role, and how. */
function rolesOf(names: string[], mappings: RoleMappings = {}) {
  const lists: BoardList[] = names.map((name, i) => ({ id: `l${i}`, name, pos: i }));
  const roles = listRoles(lists, mappings);
  return {
    fills: Object.fromEntries(roles.fills.map((f) => [f.role, `${f.list.name} (${f.by})`])),
    unassigned: roles.unassigned.map((l) => l.name),
  };
}

/** Lists need Trello ids to be mapped in the settings. */
const hexId = (n: number) => n.toString(16).padStart(24, 'a');

function withMappings(board: string, mappings: Record<string, { role: string; name: string }>) {
  const { settings, issues } = readSettings({ trello: { listRoles: { [board]: mappings } } });
  expect(issues).toEqual([]);
  return settings;
}

describe('list roles', () => {
  it('fills roles by exact name (trimmed, case-insensitive) and by synonym', () => {
    expect(rolesOf([' to do', 'Doing', 'Blocked', 'DONE', 'Inbox', 'Icebox'])).toEqual({
      fills: {
        Unsorted: 'Inbox (synonym)',
        'Would be nice': 'Icebox (synonym)',
        'Need to do': ' to do (synonym)',
        Stuck: 'Blocked (synonym)',
        'In progress': 'Doing (synonym)',
        Done: 'DONE (name)',
      },
      unassigned: [],
    });
  });

  it('prefers the exact name over a synonym, and a synonym fills a role once', () => {
    expect(rolesOf(['Doing', 'In progress', 'WIP'])).toEqual({
      fills: { 'In progress': 'In progress (name)' },
      unassigned: ['Doing', 'WIP'],
    });
    expect(rolesOf(['Doing', 'WIP'])).toEqual({
      fills: { 'In progress': 'Doing (synonym)' },
      unassigned: ['WIP'],
    });
  });

  it('gives a name that fits two roles the one still free ("Backlog")', () => {
    expect(rolesOf(['Backlog', 'Doing']).fills).toEqual({
      'Need to do': 'Backlog (synonym)',
      'In progress': 'Doing (synonym)',
    });
    // "To Do" fits only "Need to do": it takes it first, wherever it is on the board.
    expect(rolesOf(['Backlog', 'To Do']).fills).toEqual({
      'Would be nice': 'Backlog (synonym)',
      'Need to do': 'To Do (synonym)',
    });
    expect(rolesOf(['Backlog', 'Need to do']).fills).toEqual({
      'Would be nice': 'Backlog (synonym)',
      'Need to do': 'Need to do (name)',
    });
  });

  it('reads the GoCD board: "Backlog/Future Work/Ideas" is the wish list, "To Do" the to-do', () => {
    expect(rolesSuggestedBy('Backlog/Future Work/Ideas')).toEqual(['Would be nice', 'Need to do']);
    expect(rolesOf(GOCD_LISTS)).toEqual({
      fills: {
        'Would be nice': 'Backlog/Future Work/Ideas (synonym)',
        'Need to do': 'To Do (synonym)',
        'In progress': 'In Progress (name)',
        Done: 'Done (name)',
      },
      unassigned: ['Ready to merge', 'Ready for QA'],
    });
  });

  it('lets a team mapping win over names and synonyms, and ignores invalid or stale entries', () => {
    const mapped = rolesOf(['HACIENDO', 'In progress', 'Blocked'], {
      l0: { role: 'In progress', name: 'HACIENDO' },
      l2: { role: 'Done' },
      gone: { role: 'Stuck' },
      l1: { role: 'Not a role' },
    });
    expect(mapped).toEqual({
      fills: { 'In progress': 'HACIENDO (mapping)', Done: 'Blocked (mapping)' },
      unassigned: ['In progress'],
    });
  });

  it('ignores archived lists', () => {
    const lists = [
      { id: 'a', name: 'Doing', closed: true },
      { id: 'b', name: 'Stuck', closed: true },
    ];
    expect(listRoles(lists).fills).toEqual([]);
  });

  it('compares synonyms by letters and digits only, in any script', () => {
    expect(synonymKey(' To-Do ✅ (max 5)')).toBe('to do');
    expect(synonymKey('作業中')).toBe('作業中');
    expect(rolesSuggestedBy('Done 🎉')).toEqual(['Done']);
    expect(rolesSuggestedBy('Ready to merge')).toEqual([]);
  });
});

describe('rules by role', () => {
  const settings = defaultSettings();

  it('finds stale and stuck cards in "Doing" and "Blocked", naming the lists', () => {
    const doing = list('Doing');
    const blocked = list('Blocked');
    const old = card('Old work', doing.id);
    const stuckCard = card('Waiting for a reply', blocked.id);
    const snapshot = board([doing, blocked], [old, stuckCard], {
      events: [move(old.id, doing.id, NOW - 9 * DAY)],
    });
    expect(cardStaleInProgress.evaluate({ board: snapshot, settings, now: NOW })).toMatchObject([
      {
        subject: old.shortLink,
        title: 'In progress for 9 days',
        message: expect.stringContaining('in “Doing” (your “In progress”) for 9 days'),
      },
    ]);
    expect(cardStuck.evaluate({ board: snapshot, settings, now: NOW })).toMatchObject([
      {
        subject: stuckCard.shortLink,
        severity: 'warn',
        message: expect.stringContaining('in “Blocked” (your “Stuck”)'),
      },
    ]);
  });

  it('checks a list of another language once the team maps it, and not before', () => {
    const haciendo = list('HACIENDO', { id: hexId(1) });
    const old = card('Tarea vieja', haciendo.id, { idMembers: ['me'] });
    const snapshot = board([haciendo], [old], {
      events: [move(old.id, haciendo.id, NOW - 8 * DAY)],
    });
    const evaluate = (s: Settings) =>
      cardStaleInProgress.evaluate({ board: snapshot, settings: s, now: NOW });
    expect(evaluate(settings)).toEqual([]);
    const mapped = withMappings(snapshot.shortLink, {
      [haciendo.id]: { role: 'In progress', name: 'HACIENDO' },
    });
    expect(evaluate(mapped).map((f) => f.subject)).toEqual([old.shortLink]);
    expect(myCardsInProgress([snapshot], 'me', NOW, mapped).map((c) => c.days)).toEqual([8]);
    expect(myCardsInProgress([snapshot], 'me', NOW, settings)).toEqual([]);
  });

  it('builds the agenda by role', () => {
    const todo = list('To Do');
    const doing = list('Doing');
    const blocked = list('Blocked');
    const finished = list('Finished');
    const next = card('Next thing', todo.id);
    const working = card('Working on it', doing.id);
    const waiting = card('Waiting', blocked.id, { desc: 'Blocked by: the host' });
    const shipped = card('Shipped', finished.id);
    const snapshot = board([todo, doing, blocked, finished], [next, working, waiting, shipped], {
      events: [move(shipped.id, finished.id, NOW - DAY)],
    });
    const call = settings.process.techCall;
    const agenda = buildAgenda(
      [{ board: snapshot, findings: [] }],
      undefined,
      nextCall(NOW, call),
      previousCall(NOW, call),
      call,
      settings,
    );
    expect(agenda.projects[0]).toMatchObject({
      progress: ['Shipped'],
      plans: ['Working on it', 'Next: Next thing'],
      problems: ['Stuck: Waiting — the host'],
    });
  });
});

describe('the missing-lists hint proposes the least change', () => {
  const evaluate = (names: string[], settings = defaultSettings()) => {
    const snapshot = board(names.map((name, i) => list(name, { id: hexId(i + 1) })));
    const [finding] = boardMissingLists.evaluate({ board: snapshot, settings, now: NOW });
    return { snapshot, finding };
  };

  it('offers Rename / Keep the name for each list under another name (info, nothing missing)', () => {
    const { snapshot, finding } = evaluate([
      'Unsorted',
      'Would be nice',
      'To Do',
      'Blocked',
      'Doing',
      'Done',
    ]);
    const [, , todo, blocked, doing] = snapshot.lists;
    expect(finding).toMatchObject({
      severity: 'info',
      title: 'Process lists complete, 3 under other names',
      choices: [
        { kind: 'synonym', role: 'Need to do', list: { id: todo?.id, name: 'To Do' } },
        { kind: 'synonym', role: 'Stuck', list: { id: blocked?.id, name: 'Blocked' } },
        { kind: 'synonym', role: 'In progress', list: { id: doing?.id, name: 'Doing' } },
      ],
    });
    expect(finding?.action).toBeUndefined();
    expect(choiceQuestion(finding?.choices?.[0] as never)).toBe(
      '“To Do” looks like “Need to do”: rename it, or keep it',
    );
  });

  it('on the GoCD lists: never proposes a second to-do list; asks which list fills the rest', () => {
    const { snapshot, finding } = evaluate(GOCD_LISTS);
    const spare = snapshot.lists
      .filter((l) => l.name.startsWith('Ready'))
      .map(({ id, name }) => ({ id, name }));
    expect(finding).toMatchObject({
      severity: 'warn',
      title: '2 process lists missing: Unsorted, Stuck',
      action: 'add-missing-lists',
      choices: [
        { kind: 'synonym', role: 'Would be nice' },
        { kind: 'synonym', role: 'Need to do' },
        { kind: 'map', role: 'Unsorted', options: spare },
        { kind: 'map', role: 'Stuck', options: spare },
      ],
    });
    expect(finding?.title).not.toContain('Need to do');
  });

  it('asks a board in another language which list is which, then is complete once mapped', () => {
    const names = ['COSAS POR HACER', 'HACIENDO', 'BLOQUEO', 'Finalizado'];
    const { snapshot, finding } = evaluate(names);
    expect(finding?.title).toBe(
      '6 process lists missing: Unsorted, Would be nice, Need to do, Stuck, In progress, Done',
    );
    expect(finding?.choices?.map((c) => (c.kind === 'map' ? choiceQuestion(c) : ''))).toContain(
      'Which list is your “In progress”?',
    );
    const [hacer, haciendo, bloqueo, finalizado] = snapshot.lists.map((l) => l.id) as string[];
    const settings = withMappings(snapshot.shortLink, {
      [hacer as string]: { role: 'Need to do', name: 'COSAS POR HACER' },
      [haciendo as string]: { role: 'In progress', name: 'HACIENDO' },
      [bloqueo as string]: { role: 'Stuck', name: 'BLOQUEO' },
      [finalizado as string]: { role: 'Done', name: 'Finalizado' },
    });
    const [after] = boardMissingLists.evaluate({ board: snapshot, settings, now: NOW });
    expect(after).toMatchObject({
      severity: 'warn',
      title: '2 process lists missing: Unsorted, Would be nice',
    });
    // No list is left to choose from: only "Add the missing lists".
    expect(after?.choices).toBeUndefined();
    expect(evaluateBoard({ board: snapshot, settings, now: NOW }).map((f) => f.rule)).toContain(
      'board.missing-lists',
    );
  });

  it('keeps custom required names matched by name only', () => {
    const settings = readSettings({ process: { lists: ['Doing', 'Review'] } }).settings;
    const { finding } = evaluate(['Doing', 'Code review'], settings);
    expect(finding).toMatchObject({ severity: 'warn', title: '1 process list missing: Review' });
  });
});

describe('trello.listRoles in the settings', () => {
  it('reports an invalid entry by its dotted name and keeps the rest', () => {
    const good = { role: 'In progress', name: 'HACIENDO' };
    const { settings, issues } = readSettings({
      trello: {
        listRoles: {
          JsAi2021: {
            '5e7288763b4e0786515c19df': good,
            '5e7288919c2499191e987066': { role: 'Blocked', name: 'BLOQUEO' },
          },
          'not a board': {},
        },
      },
    });
    expect(issues.map((i) => i.field).sort()).toEqual([
      'trello.listRoles.JsAi2021.5e7288919c2499191e987066',
      'trello.listRoles.not a board',
    ]);
    expect(issues.find((i) => i.field.endsWith('066'))?.message).toContain(
      'must be {"role": one of Unsorted, Would be nice, Need to do, Stuck, In progress, Done',
    );
    expect(settings.trello.listRoles).toEqual({
      JsAi2021: { '5e7288763b4e0786515c19df': good },
    });
  });

  it('refuses a list id that is not a Trello id', () => {
    const { issues } = readSettings({
      trello: { listRoles: { JsAi2021: { '<img src=x>': { role: 'Done' } } } },
    });
    expect(issues).toEqual([
      { field: 'trello.listRoles.JsAi2021.<img src=x>', message: 'must be a Trello list id' },
    ]);
  });
});
