import { describe, expect, it } from 'vitest';
import { listRoles, missingRequired, normaliseListName } from '../../utils/process/list-roles';
import { evaluateBoard } from '../../utils/process/rules';
import { boardMissingLists } from '../../utils/process/rules/board-missing-lists';
import { PROCESS_SENTENCES } from '../../utils/process/sentences';
import { defaultSettings } from '../../utils/process/settings';
import type { BoardSnapshot } from '../../utils/trello/snapshot';
import { boardWithLists, NOW } from '../fixtures/boards';

const board = boardWithLists;

const evaluate = (snapshot: BoardSnapshot, settings = defaultSettings()) =>
  boardMissingLists.evaluate({ board: snapshot, settings, now: NOW });

/** The required names no open list fills, by role or (for other names) by name. */
function missingListNames(required: string[], named: { name: string; closed?: boolean }[]) {
  const lists = named.map((l, i) => ({ id: `list${i}`, ...l }));
  return missingRequired(required, listRoles(lists), lists);
}

describe('list name matching', () => {
  it('is trimmed, case-insensitive and collapses inner spaces', () => {
    expect(normaliseListName('  In   PROGRESS ')).toBe('in progress');
    expect(
      missingListNames(['In progress', 'Done'], [{ name: ' in progress' }, { name: 'DONE ' }]),
    ).toEqual([]);
  });

  it('ignores archived lists', () => {
    expect(missingListNames(['Done'], [{ name: 'Done', closed: true }])).toEqual(['Done']);
  });
});

describe('board.missing-lists', () => {
  it('warns with the missing names in process order, whatever the board order', () => {
    const [finding] = evaluate(board(['Done', 'In progress', 'Unsorted', 'Need to do']));
    expect(finding).toMatchObject({
      rule: 'board.missing-lists',
      severity: 'warn',
      subject: 'LeRnAnTa',
      anchor: { kind: 'board', board: 'LeRnAnTa' },
      title: '2 process lists missing: Would be nice, Stuck',
      action: 'add-missing-lists',
      sentence: PROCESS_SENTENCES.boardLists,
    });
    expect(finding?.message).toContain('has no “Would be nice” or “Stuck” list.');
  });

  it('is ok when every list is there, with extra lists and odd spacing or case', () => {
    const [finding] = evaluate(
      board([
        'Backlog',
        ' unsorted',
        'WOULD BE NICE',
        'Need to do',
        'Stuck',
        'In progress ',
        'Done',
        'Archive',
      ]),
    );
    expect(finding).toMatchObject({ severity: 'ok', title: 'Process lists complete' });
    expect(finding?.action).toBeUndefined();
  });

  it('names a single missing list in the singular', () => {
    const [finding] = evaluate(
      board(['Unsorted', 'Would be nice', 'Need to do', 'Stuck', 'In progress']),
    );
    expect(finding?.title).toBe('1 process list missing: Done');
  });

  it('reports all six on an empty board', () => {
    const [finding] = evaluate(board([]));
    expect(finding?.title).toBe(
      '6 process lists missing: Unsorted, Would be nice, Need to do, Stuck, In progress, Done',
    );
  });

  it('counts an archived list as missing', () => {
    const snapshot = board([
      'Unsorted',
      'Would be nice',
      'Need to do',
      'Stuck',
      'In progress',
      'Done',
    ]);
    (snapshot.lists[5] as { closed: boolean }).closed = true;
    expect(evaluate(snapshot)[0]?.title).toBe('1 process list missing: Done');
  });

  it('uses the lists from settings', () => {
    const settings = defaultSettings();
    settings.process.lists = ['Todo', 'Doing'];
    expect(evaluate(board(['todo']), settings)[0]?.title).toBe('1 process list missing: Doing');
  });

  it('keeps names with HTML as plain strings (rendering is text-only)', () => {
    const settings = defaultSettings();
    settings.process.lists = ['Test <img src=0 onerror=alert(1)> Test'];
    const [finding] = evaluate(board([]), settings);
    expect(finding?.title).toBe('1 process list missing: Test <img src=0 onerror=alert(1)> Test');
  });

  it('is part of the board rule registry', () => {
    expect(
      evaluateBoard({ board: board([]), settings: defaultSettings(), now: NOW }).map((f) => f.rule),
    ).toContain('board.missing-lists');
  });
});

describe('which boards are project boards', () => {
  it('leaves the Project Pipeline alone, recognised by name or by settings', () => {
    const rulesOn = (snapshot: BoardSnapshot, settings = defaultSettings()) =>
      evaluateBoard({ board: snapshot, settings, now: NOW }).map((f) => f.rule);
    const pipeline = board([], { name: ' Project Pipeline ', shortLink: 'PiPeLiNe' });
    expect(rulesOn(pipeline)).not.toContain('board.missing-lists');
    expect(rulesOn(pipeline)).toContain('pipeline.review-due');
    const settings = defaultSettings();
    settings.trello.pipelineBoard = 'PiPeLiNe';
    const renamed = board([], { name: 'Roadmap', shortLink: 'PiPeLiNe' });
    expect(rulesOn(renamed, settings)).not.toContain('board.missing-lists');
  });

  it('checks every other board when no boards are configured, only the watched ones otherwise', () => {
    const other = board([], { shortLink: 'OtHeRbRd', name: 'Personal' });
    expect(evaluateBoard({ board: other, settings: defaultSettings(), now: NOW })).toHaveLength(1);
    const settings = defaultSettings();
    settings.trello.boards = ['LeRnAnTa'];
    expect(evaluateBoard({ board: other, settings, now: NOW })).toEqual([]);
    expect(evaluateBoard({ board: board([]), settings, now: NOW })).toHaveLength(1);
    settings.trello.boards = [];
    settings.github.boardForRepo = { 'p2pu/lernanta': 'OtHeRbRd' };
    expect(evaluateBoard({ board: other, settings, now: NOW })).toHaveLength(1);
  });
});
