import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  PROCESS_LISTS,
  readSettings,
  validateSettings,
} from '../../utils/process/settings';
import { changedSettings, mergeImported } from '../../utils/process/settings-merge';

describe('settings defaults', () => {
  it('follow the written process', () => {
    const settings = defaultSettings();
    expect(settings.version).toBe(1);
    expect(settings.process.lists).toEqual([...PROCESS_LISTS]);
    expect(settings.process).toMatchObject({
      staleInProgressDays: 7,
      deadlineHorizonDays: 56,
      pipelineStaleDays: 31,
      requiredApprovals: 1,
      pushIntervalHours: 24,
      techCall: { weekday: 4, time: '07:00', timeZone: 'America/Los_Angeles' },
      devListAddress: '',
    });
    expect(settings.trello).toEqual({ apiKey: '', pipelineBoard: '', listRoles: {}, boards: [] });
    expect(settings.github).toEqual({ repos: [], boardForRepo: {}, closeLabel: '' });
  });

  it('fill missing nested fields and keep the given ones', () => {
    const result = validateSettings({
      process: { staleInProgressDays: 3, techCall: { weekday: 2 } },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.process.staleInProgressDays).toBe(3);
    expect(result.settings.process.techCall).toEqual({
      weekday: 2,
      time: '07:00',
      timeZone: 'America/Los_Angeles',
    });
    expect(result.settings.process.deadlineHorizonDays).toBe(56);
  });

  it('keep unknown fields at every level', () => {
    const result = validateSettings({
      futureTopLevel: { a: 1 },
      trello: { futureKey: 'x' },
      process: { techCall: { note: 'y' } },
    });
    expect(result.ok && result.settings).toMatchObject({
      futureTopLevel: { a: 1 },
      trello: { futureKey: 'x' },
      process: { techCall: { note: 'y' } },
    });
  });

  it('accept the contract example as it is', () => {
    const example = {
      version: 1,
      trello: { apiKey: '', pipelineBoard: 'AbCd1234', boards: ['EfGh5678'] },
      github: { repos: ['p2pu/lernanta'], boardForRepo: { 'p2pu/lernanta': 'EfGh5678' } },
      process: {
        lists: ['Unsorted', 'Would be nice', 'Need to do', 'Stuck', 'In progress', 'Done'],
        staleInProgressDays: 7,
        deadlineHorizonDays: 56,
        pipelineStaleDays: 31,
        requiredApprovals: 1,
        pushIntervalHours: 24,
        techCall: { weekday: 4, time: '07:00', timeZone: 'America/Los_Angeles' },
        devListAddress: '',
      },
    };
    const result = validateSettings(example);
    // Everything kept as given; fields added since (with defaults) come on top.
    expect(result.ok && result.settings).toMatchObject(example);
    expect(result.ok && result.settings.process.needsCard.score).toBe(3);
  });

  it('normalise full board URLs to short links', () => {
    const result = validateSettings({
      trello: {
        pipelineBoard: 'https://trello.com/b/PiPeLiNe/project-pipeline',
        boards: ['trello.com/b/LeRnAnTa', ' MeChMoOc '],
      },
      github: {
        boardForRepo: { 'p2pu/lernanta': 'https://trello.com/b/LeRnAnTa/lernanta?filter=x' },
      },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.trello.pipelineBoard).toBe('PiPeLiNe');
    expect(result.settings.trello.boards).toEqual(['LeRnAnTa', 'MeChMoOc']);
    expect(result.settings.github.boardForRepo).toEqual({ 'p2pu/lernanta': 'LeRnAnTa' });
  });

  it('refuse a 24-character board id: boards are compared by short link everywhere', () => {
    const result = validateSettings({ trello: { pipelineBoard: '5f1e2d3c4b5a69788796a5b4' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((e) => e.field)).toEqual(['trello.pipelineBoard']);
  });
});

describe('invalid settings', () => {
  it('are reported by field name when saving', () => {
    const result = validateSettings({
      trello: { boards: ['LeRnAnTa', 'not a board'] },
      github: { repos: ['p2pu'] },
      process: {
        staleInProgressDays: 0,
        techCall: { timeZone: 'Mars/Olympus', time: '7am' },
        devListAddress: 'nope',
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.issues.map((issue) => issue.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'trello.boards.1',
        'github.repos.0',
        'process.staleInProgressDays',
        'process.techCall.timeZone',
        'process.techCall.time',
        'process.devListAddress',
      ]),
    );
    const stale = result.issues.find((issue) => issue.field === 'process.staleInProgressDays');
    expect(stale?.message).toBe('must be at least 1');
  });

  it('fall back to their defaults when reading what is stored, each reported, nothing else lost', () => {
    const { settings, issues } = readSettings({
      trello: { apiKey: 'k', boards: ['LeRnAnTa', 42, 'MeChMoOc'] },
      process: { staleInProgressDays: 'seven', requiredApprovals: 2 },
      extra: true,
    });
    expect(issues.map((i) => i.field)).toEqual(['trello.boards.1', 'process.staleInProgressDays']);
    expect(settings.trello.boards).toEqual(['LeRnAnTa', 'MeChMoOc']);
    expect(settings.trello.apiKey).toBe('k');
    expect(settings.process.staleInProgressDays).toBe(7);
    expect(settings.process.requiredApprovals).toBe(2);
    expect((settings as Record<string, unknown>).extra).toBe(true);
  });

  it('that are not an object at all give the defaults and say so', () => {
    const { settings, issues } = readSettings('garbage');
    expect(settings).toEqual(defaultSettings());
    expect(issues).toHaveLength(1);
    expect(readSettings(undefined).issues).toEqual([]);
  });

  it('take the label for closed issues as text, trimmed, and refuse a label GitHub would not take', () => {
    const ok = validateSettings({ github: { closeLabel: ' moved to trello ' } });
    expect(ok.ok && ok.settings.github.closeLabel).toBe('moved to trello');
    const bad = validateSettings({ github: { closeLabel: 'x'.repeat(51) } });
    expect(bad.ok || bad.issues).toEqual([
      { field: 'github.closeLabel', message: 'must be at most 50 characters' },
    ]);
  });

  it('never accept an empty list of process lists', () => {
    const result = validateSettings({ process: { lists: [] } });
    expect(result.ok || result.issues.map((i) => i.field)).toEqual(['process.lists']);
  });
});

describe('importing settings over the current ones', () => {
  const current = () => {
    const result = validateSettings({
      trello: { apiKey: 'my-key', pipelineBoard: 'PiPeLiNe', boards: ['LeRnAnTa'] },
      github: { boardForRepo: { 'p2pu/lernanta': 'LeRnAnTa' } },
      process: { staleInProgressDays: 5 },
      mine: 'kept',
    });
    if (!result.ok) throw new Error('invalid fixture');
    return result.settings;
  };

  it('keeps everything the file does not set, the API key included', () => {
    const merged = validateSettings(
      mergeImported(current(), { process: { requiredApprovals: 2 }, teams: 'new' }),
    );
    expect(merged.ok && merged.settings).toMatchObject({
      trello: { apiKey: 'my-key', pipelineBoard: 'PiPeLiNe', boards: ['LeRnAnTa'] },
      github: { boardForRepo: { 'p2pu/lernanta': 'LeRnAnTa' } },
      process: { staleInProgressDays: 5, requiredApprovals: 2 },
      mine: 'kept',
      teams: 'new',
    });
  });

  it('lets the file win where it has a value: lists replaced whole, maps merged, a set key taken', () => {
    const merged = mergeImported(current(), {
      trello: { apiKey: 'team-key', boards: ['MeChMoOc'], pipelineBoard: null },
      github: { boardForRepo: { 'p2pu/badges': 'UnTiDyLs' } },
      process: { techCall: { time: '08:00' } },
    });
    expect(merged).toMatchObject({
      trello: { apiKey: 'team-key', boards: ['MeChMoOc'], pipelineBoard: 'PiPeLiNe' },
      github: { boardForRepo: { 'p2pu/lernanta': 'LeRnAnTa', 'p2pu/badges': 'UnTiDyLs' } },
      process: { techCall: { weekday: 4, time: '08:00' } },
    });
  });

  it('keeps the API key when an exported file carries an empty one', () => {
    expect(mergeImported(current(), { trello: { apiKey: '  ' } })).toMatchObject({
      trello: { apiKey: 'my-key' },
    });
  });

  it('leaves a file that is not an object for validation to refuse', () => {
    expect(validateSettings(mergeImported(current(), 'nope')).ok).toBe(false);
  });

  it('brings a team’s list roles in, per board and list, and refuses an invalid one by name', () => {
    const HACIENDO = '5e7288763b4e0786515c19df';
    const merged = validateSettings(
      mergeImported(current(), {
        trello: {
          listRoles: { JsAi2021: { [HACIENDO]: { role: 'In progress', name: 'HACIENDO' } } },
        },
      }),
    );
    expect(merged.ok && merged.settings.trello).toMatchObject({
      boards: ['LeRnAnTa'],
      listRoles: { JsAi2021: { [HACIENDO]: { role: 'In progress', name: 'HACIENDO' } } },
    });
    const invalid = validateSettings(
      mergeImported(current(), { trello: { listRoles: { JsAi2021: { [HACIENDO]: 'Doing' } } } }),
    );
    expect(invalid.ok || invalid.issues.map((i) => i.field)).toEqual([
      `trello.listRoles.JsAi2021.${HACIENDO}`,
    ]);
  });

  it('names what changed', () => {
    const before = current();
    const after = validateSettings(
      mergeImported(before, {
        trello: { boards: ['LeRnAnTa', 'MeChMoOc'] },
        process: { staleInProgressDays: 5, pushIntervalHours: 12 },
      }),
    );
    expect(after.ok && changedSettings(before, after.settings)).toEqual([
      'process.pushIntervalHours',
      'trello.boards',
    ]);
  });
});
