/**
 * Every Trello export in ../shared/real-data/trello/ (real boards other teams published), read at
 * run time through the extension's own schemas and rules. The expected findings were counted by
 * hand from each export's actions: a card's time in a list runs from its last move into it (or
 * its creation there), up to the export's newest action.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../utils/process/findings';
import { evaluateBoard } from '../../utils/process/rules';
import { PROCESS_LISTS, readSettings, type Settings } from '../../utils/process/settings';
import { CappedActionsSchema, CardSchema } from '../../utils/trello/snapshot';
import { readReal, realFiles, snapshotOfExport } from '../fixtures/real-data';

const BOARDS = {
  gocd: 'gocd-test-drive-board.json',
  jsai: 'jsai-2021-board.json',
  clipkit: 'clipkit-2015-board.json',
} as const;
const CARD_EXPORT = 'card-export-threeS-2026.json';

function settingsWith(input: unknown): Settings {
  const { settings, issues } = readSettings(input);
  expect(issues).toEqual([]);
  return settings;
}

function board(file: string, settings = settingsWith({})) {
  const { snapshot, now } = snapshotOfExport(readReal('trello', file));
  const findings = evaluateBoard({ board: snapshot, settings, now });
  const of = (rule: Finding['rule']) => findings.filter((f) => f.rule === rule);
  return { snapshot, now, findings, of };
}

/** [card short link, title] of a rule's findings, in board order. */
const cardsAndTitles = (findings: Finding[]) => findings.map((f) => [f.subject, f.title]);

describe('the real Trello exports', () => {
  it('has an expectation for every export in the folder', () => {
    expect(realFiles('trello')).toEqual([CARD_EXPORT, ...Object.values(BOARDS)].sort());
  });

  describe('GoCD "Test Drive" (English lists under their own names)', () => {
    const gocd = () => board(BOARDS.gocd);

    it('parses: open lists and their open cards, the actions up to the 1,000 cap', () => {
      const { snapshot, now } = gocd();
      expect(snapshot.shortLink).toBe('iq20ZNIV');
      expect(snapshot.cards).toHaveLength(112); // in open lists (archived cards kept as closed)
      expect(snapshot.cards.filter((c) => !c.closed)).toHaveLength(44);
      expect(snapshot.events).toHaveLength(380); // list moves, creations, comments, attachments
      expect(snapshot.actionsCapped).toBe(true);
      expect(new Date(now).toISOString()).toBe('2019-06-12T22:19:30.762Z');
    });

    it('asks to rename or keep "To Do" and "Backlog/Future Work/Ideas", never adds a second to-do', () => {
      const [hint, ...others] = gocd().of('board.missing-lists');
      expect(others).toEqual([]);
      const spare = [
        { id: '5ce5ab5d89a56a80d941e565', name: 'Ready to merge' },
        { id: '5cdae9e148fba0246b2b8a7e', name: 'Ready for QA' },
      ];
      expect(hint).toMatchObject({
        severity: 'warn',
        title: '2 process lists missing: Unsorted, Stuck',
        action: 'add-missing-lists',
        choices: [
          {
            kind: 'synonym',
            role: 'Would be nice',
            list: { id: '5ca52ff089ca8d6fe7bafc13', name: 'Backlog/Future Work/Ideas' },
          },
          {
            kind: 'synonym',
            role: 'Need to do',
            list: { id: '5cf6b4f1122e5264ae252e29', name: 'To Do' },
          },
          { kind: 'map', role: 'Unsorted', options: spare },
          { kind: 'map', role: 'Stuck', options: spare },
        ],
      });
    });

    it('finds the cards stale in "In Progress", counted from their last move into it', () => {
      // 7 open cards in "In Progress"; last moves in: 0, 8.08, 13, 30, 7.10, 6.10 and 0 days before.
      expect(cardsAndTitles(gocd().of('card.stale-in-progress'))).toEqual([
        ['0Vhv7YBh', 'In progress for 8 days'],
        ['HeiRIZ8x', 'In progress for 13 days'],
        ['ywa3z69V', 'In progress for 30 days'],
        ['tT44ZZGY', 'In progress for 7 days'],
      ]);
      expect(gocd().of('card.stuck')).toEqual([]); // no list fills "Stuck"
    });
  });

  describe('JSAI 2021 (Spanish lists)', () => {
    const lists = {
      hacer: '5e728720a006db34d9eca981',
      haciendo: '5e7288763b4e0786515c19df',
      bloqueo: '5e7288919c2499191e987066',
      finalizado: '602a7a241af2746005534a16',
    };
    const mapped = (staleInProgressDays = 7) =>
      settingsWith({
        process: { staleInProgressDays },
        trello: {
          listRoles: {
            sPZtzPal: {
              [lists.hacer]: { role: 'Need to do', name: 'COSAS POR HACER' },
              [lists.haciendo]: { role: 'In progress', name: 'HACIENDO' },
              [lists.bloqueo]: { role: 'Stuck', name: 'BLOQUEO' },
              [lists.finalizado]: { role: 'Done', name: 'Finalizado' },
            },
          },
        },
      });

    it('unmapped: six roles missing, the choice among its 7 open lists, no card checked', () => {
      const jsai = board(BOARDS.jsai);
      expect(jsai.snapshot.cards.filter((c) => !c.closed)).toHaveLength(39);
      const [hint] = jsai.of('board.missing-lists');
      expect(hint?.title).toBe(
        '6 process lists missing: Unsorted, Would be nice, Need to do, Stuck, In progress, Done',
      );
      const maps = hint?.choices?.filter((c) => c.kind === 'map') ?? [];
      expect(maps.map((c) => c.role)).toEqual([...PROCESS_LISTS]);
      expect(maps[0]?.kind === 'map' && maps[0].options.map((o) => o.name)).toEqual([
        'CONVENCIONES - DESCRIPCION',
        'COSAS POR HACER',
        'HACIENDO',
        'BLOQUEO',
        'PRUEBAS',
        'Visto Bueno Maria Ximena',
        'Finalizado',
      ]);
      expect(jsai.of('card.stale-in-progress')).toEqual([]);
      expect(jsai.of('card.stuck')).toEqual([]);
    });

    it('mapped: HACIENDO’s stale cards and BLOQUEO’s stuck card are checked', () => {
      const jsai = board(BOARDS.jsai, mapped());
      // 8 open cards in HACIENDO: last moves in 20, 17, 13, 3, 2, 2 and 0 days before; one
      // (a copied card) has no move on record and was created 6 days before.
      expect(cardsAndTitles(jsai.of('card.stale-in-progress'))).toEqual([
        ['qmSIWTVc', 'In progress for 20 days'],
        ['JDX4OuFc', 'In progress for 17 days'],
        ['S2eDAXeO', 'In progress for 13 days'],
      ]);
      expect(jsai.of('card.stale-in-progress')[0]?.message).toContain(
        'in “HACIENDO” (your “In progress”) for 20 days',
      );
      const [stuck, ...more] = jsai.of('card.stuck');
      expect(more).toEqual([]);
      // Its newest comment is pasted HTML: quoted as text, cut at 200 characters.
      expect(stuck).toMatchObject({ subject: 'UQBrkBT8', severity: 'info' });
      expect(stuck?.message).toMatch(/^Blocked by: <div style="margin-top:18\.0pt;/);
      expect(stuck?.message).toHaveLength('Blocked by: '.length + 200);
      expect(jsai.of('board.missing-lists')[0]?.title).toBe(
        '2 process lists missing: Unsorted, Would be nice',
      );
    });

    it('a card with no move among the last 1,000 actions falls back to its creation, and says so', () => {
      const jsai = board(BOARDS.jsai, mapped(5));
      expect(cardsAndTitles(jsai.of('card.stale-in-progress'))).toEqual([
        ['qmSIWTVc', 'In progress for 20 days'],
        ['jrlJ4OtC', 'In progress for 6 days'],
        ['JDX4OuFc', 'In progress for 17 days'],
        ['S2eDAXeO', 'In progress for 13 days'],
      ]);
      const copied = jsai.of('card.stale-in-progress').find((f) => f.subject === 'jrlJ4OtC');
      expect(copied?.message).toContain(
        'no move on record among the board’s last 1,000 actions, the most Trello gives: counted from when the card was created',
      );
    });
  });

  describe('Clipkit 2015 (Japanese lists, the old export shape)', () => {
    it('parses without dueComplete or top-level labels; not capped (264 actions)', () => {
      const { snapshot } = board(BOARDS.clipkit);
      expect(snapshot.cards).toHaveLength(67);
      expect(snapshot.cards.every((c) => c.dueComplete === false)).toBe(true);
      expect(snapshot.events).toHaveLength(142);
      expect(snapshot.actionsCapped).toBeUndefined();
    });

    it('asks which of its 4 open lists fills each role; once 作業中 is mapped, its stale cards', () => {
      const clipkit = board(BOARDS.clipkit);
      const [hint] = clipkit.of('board.missing-lists');
      const map = hint?.choices?.find((c) => c.kind === 'map' && c.role === 'In progress');
      expect(map?.kind === 'map' && map.options.map((o) => o.name)).toEqual([
        'やりたいこと',
        'やること',
        '作業中',
        'クローズ',
      ]);
      const mapped = board(
        BOARDS.clipkit,
        settingsWith({
          trello: {
            listRoles: {
              rwD5sDDk: { '54b0fda611251954936ace19': { role: 'In progress', name: '作業中' } },
            },
          },
        }),
      );
      // 7 open cards in 作業中: last moves in 7.77 (four of them), 3.15, and 1 day before.
      expect(cardsAndTitles(mapped.of('card.stale-in-progress'))).toEqual([
        ['CWGXZaXd', 'In progress for 7 days'],
        ['wL1yocPu', 'In progress for 7 days'],
        ['mu88dV5g', 'In progress for 7 days'],
        ['POpcFjGN', 'In progress for 7 days'],
      ]);
    });
  });

  it('parses the single-card export of 2026 (the newest card shape) and its actions', () => {
    const json = readReal('trello', CARD_EXPORT) as { actions: unknown };
    const card = v.parse(CardSchema, json);
    expect(card).toMatchObject({
      shortLink: 'UP3lOfOG',
      name: 'Stínování, barevnost',
      idList: '684dda583e6c2f10448d3fce',
      dueComplete: false,
      due: null,
      closed: false,
    });
    const { events, capped } = v.parse(CappedActionsSchema, json.actions);
    expect(capped).toBe(false);
    // Of 6 actions, the attachment and the creation matter; checklist edits do not.
    expect(events.map((e) => [e.kind, e.list ?? e.url?.slice(0, 40)])).toEqual([
      ['attach', 'https://trello.com/1/cards/69bd38bd3c10a'],
      ['create', '684dda583e6c2f10448d3fce'],
    ]);
  });
});
