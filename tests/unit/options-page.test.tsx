import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OptionsPage } from '../../components/OptionsPage';
import { useSettingsStore } from '../../utils/settings-store';

beforeEach(() => {
  fakeBrowser.reset();
  useSettingsStore.setState({ status: 'loading', settings: null, secrets: null, storedIssues: [] });
});
afterEach(cleanup);

describe('options page', () => {
  it('loads the stored values and says which stored fields were invalid', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        trello: { apiKey: 'demo-key', boards: ['LeRnAnTa'] },
        process: { staleInProgressDays: -3 },
      },
      secrets: { trelloToken: 'tok', githubToken: '' },
    });
    render(<OptionsPage />);
    expect(await screen.findByLabelText('API key')).toHaveProperty('value', 'demo-key');
    expect(screen.getByLabelText('Watched project boards')).toHaveProperty('value', 'LeRnAnTa');
    expect(screen.getByRole('alert').textContent).toContain('process.staleInProgressDays');
  });

  it('saves settings and secrets apart, normalising board URLs', async () => {
    const user = userEvent.setup();
    render(<OptionsPage />);
    await user.type(await screen.findByLabelText('API key'), 'k1');
    await user.type(screen.getAllByLabelText('Token')[0] as HTMLElement, 'trello-secret');
    await user.type(
      screen.getByLabelText('Project Pipeline board'),
      'https://trello.com/b/PiPeLiNe/project-pipeline',
    );
    await user.type(screen.getByLabelText('Watched repositories'), 'p2pu/lernanta');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    const { settings, secrets } = await fakeBrowser.storage.local.get(['settings', 'secrets']);
    expect(settings).toMatchObject({
      trello: { apiKey: 'k1', pipelineBoard: 'PiPeLiNe' },
      github: { repos: ['p2pu/lernanta'] },
    });
    expect(JSON.stringify(settings)).not.toContain('trello-secret');
    expect(secrets).toEqual({ trelloToken: 'trello-secret', githubToken: '' });
  });

  it('refuses to save an invalid value and shows the message by its field', async () => {
    const user = userEvent.setup();
    render(<OptionsPage />);
    await user.type(
      await screen.findByLabelText('Watched project boards'),
      'LeRnAnTa\nnot a board',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText(/^must be a Trello board short link/);
    expect(error.getAttribute('data-field-error')).toBe('trello.boards');
    expect(screen.getByLabelText('Watched project boards').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect((await fakeBrowser.storage.local.get('settings')).settings).toBeUndefined();
  });

  it('shows who a connection belongs to, or exactly why it failed', async () => {
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) =>
      (message as { service: string }).service === 'trello'
        ? { ok: true, value: { service: 'trello', who: 'Demo Developer (@demo)' } }
        : {
            ok: false,
            error: {
              code: 'unauthorized',
              message: 'GitHub rejected the token (401 Bad credentials).',
            },
          },
    );
    const user = userEvent.setup();
    render(<OptionsPage />);
    const [trelloTest, githubTest] = await screen.findAllByRole('button', {
      name: 'Save and test connection',
    });
    await user.click(trelloTest as HTMLElement);
    await waitFor(() =>
      expect(screen.getByText('Connected to Trello as Demo Developer (@demo).')).toBeTruthy(),
    );
    await user.click(githubTest as HTMLElement);
    await waitFor(() =>
      expect(screen.getByText('GitHub rejected the token (401 Bad credentials).')).toBeTruthy(),
    );
  });
});

describe('options page: process rules', () => {
  it('saves the thresholds and names an invalid one by its field', async () => {
    const user = userEvent.setup();
    render(<OptionsPage />);
    const stale = await screen.findByLabelText('Days in “In progress” before a card is stale');
    expect(stale).toHaveProperty('value', '7');
    await user.clear(stale);
    await user.type(stale, '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('must be at least 1');
    expect(error.getAttribute('data-field-error')).toBe('process.staleInProgressDays');
    await user.clear(stale);
    await user.type(stale, '10');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    const { settings } = await fakeBrowser.storage.local.get('settings');
    expect(settings).toMatchObject({
      process: { staleInProgressDays: 10, deadlineHorizonDays: 56 },
    });
  });
});

describe('options page: a pipeline offered from its board', () => {
  it('fills in the pipeline board and saves it when the user saves', async () => {
    window.history.replaceState(null, '', '/options.html?pipelineBoard=PiPeLiNe');
    const user = userEvent.setup();
    render(<OptionsPage />);
    expect(await screen.findByLabelText('Project Pipeline board')).toHaveProperty(
      'value',
      'PiPeLiNe',
    );
    expect(screen.getByText(/as the Project Pipeline/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({
      trello: { pipelineBoard: 'PiPeLiNe' },
    });
    window.history.replaceState(null, '', '/options.html');
  });
});

describe('options page: the call, reviews and sharing', () => {
  it('saves the call, the repo → board mapping and the review count, naming an invalid time zone', async () => {
    const user = userEvent.setup();
    render(<OptionsPage />);
    const zone = await screen.findByLabelText('The call’s time zone');
    await user.clear(zone);
    await user.type(zone, 'Mars/Olympus');
    await user.type(
      screen.getByLabelText('Repository → board'),
      'p2pu/lernanta https://trello.com/b/LeRnAnTa/lernanta',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('must be an IANA time zone such as America/Los_Angeles');
    expect(error.getAttribute('data-field-error')).toBe('process.techCall.timeZone');
    await user.clear(zone);
    await user.type(zone, 'Europe/Berlin');
    await user.selectOptions(screen.getByLabelText('Day'), 'Tuesday');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    const { settings } = await fakeBrowser.storage.local.get('settings');
    expect(settings).toMatchObject({
      github: { boardForRepo: { 'p2pu/lernanta': 'LeRnAnTa' } },
      process: {
        techCall: { weekday: 2, time: '07:00', timeZone: 'Europe/Berlin' },
        requiredApprovals: 1,
      },
    });
  });

  it('imports a team’s settings file, and refuses an invalid one by field, saving nothing', async () => {
    const user = userEvent.setup();
    render(<OptionsPage />);
    const input = (await screen.findByLabelText('Import settings…')) as HTMLInputElement;
    const bad = new File([JSON.stringify({ process: { staleInProgressDays: 0 } })], 'bad.json', {
      type: 'application/json',
    });
    await user.upload(input, bad);
    expect((await screen.findByRole('alert')).textContent).toContain('process.staleInProgressDays');
    expect((await fakeBrowser.storage.local.get('settings')).settings).toBeUndefined();
    const good = new File(
      [
        JSON.stringify({
          trello: { pipelineBoard: 'PiPeLiNe' },
          process: { staleInProgressDays: 5 },
        }),
      ],
      'team.json',
      {
        type: 'application/json',
      },
    );
    await user.upload(input, good);
    await screen.findByText('Imported team.json: 2 settings changed and saved.');
    expect(screen.getByLabelText('Project Pipeline board')).toHaveProperty('value', 'PiPeLiNe');
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({
      process: { staleInProgressDays: 5 },
    });
  });

  it('exports the settings, without secrets', async () => {
    await fakeBrowser.storage.local.set({
      settings: { trello: { apiKey: 'k' } },
      secrets: { trelloToken: 'secret-token', githubToken: 'ghp_secret-github-token' },
    });
    render(<OptionsPage />);
    const link = await screen.findByRole('link', { name: 'Export settings' });
    const json = decodeURIComponent((link.getAttribute('href') ?? '').split(',')[1] ?? '');
    expect(JSON.parse(json)).toMatchObject({ version: 1, trello: { apiKey: 'k' } });
    expect(json).not.toContain('secret-token');
    expect(json).not.toContain('ghp_secret-github-token');
  });
});

describe('options page: states', () => {
  it('loading: says it is loading while the settings are read', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockReturnValue(new Promise(() => {}));
    render(<OptionsPage />);
    expect(await screen.findByText('Loading settings…')).toBeTruthy();
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
  });

  it('error: the settings cannot be read, and it says what to do', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage is broken'));
    render(<OptionsPage />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Process Lens could not read its settings. Reload this page.',
    );
  });

  it('empty (first run): the process defaults, and where to start', async () => {
    const { container } = render(<OptionsPage />);
    expect(
      (await screen.findByLabelText('Process lists of a project board')) as HTMLTextAreaElement,
    ).toHaveProperty('value', 'Unsorted\nWould be nice\nNeed to do\nStuck\nIn progress\nDone');
    expect(container.querySelector('[data-first-run]')?.textContent).toContain('Start with Trello');
    expect(screen.getByLabelText('Day')).toHaveProperty('value', '4');
    expect(
      screen.getByLabelText('Hours without a push to your forks before it is overdue'),
    ).toHaveProperty('value', '24');
    expect(screen.getByLabelText('Label for issues closed by a move')).toHaveProperty('value', '');
  });

  it('full: every stored setting in its field, the token scopes named, no first-run note', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        trello: { apiKey: 'demo-key', pipelineBoard: 'PiPeLiNe', boards: ['LeRnAnTa', 'MeChMoOc'] },
        github: {
          repos: ['p2pu/lernanta'],
          boardForRepo: { 'p2pu/lernanta': 'LeRnAnTa' },
          closeLabel: 'moved-to-trello',
        },
        process: {
          staleInProgressDays: 5,
          deadlineHorizonDays: 42,
          pipelineStaleDays: 30,
          requiredApprovals: 2,
          pushIntervalHours: 12,
          needsCard: { score: 4, labels: ['discussion', 'ux'] },
          techCall: { weekday: 2, time: '16:30', timeZone: 'Europe/Berlin' },
          devListAddress: 'dev@lists.p2pu.org',
        },
      },
      secrets: { trelloToken: 'tok', githubToken: 'ghp' },
    });
    const { container } = render(<OptionsPage />);
    const value = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
    await screen.findByDisplayValue('demo-key');
    expect(value('Project Pipeline board')).toBe('PiPeLiNe');
    expect(value('Watched project boards')).toBe('LeRnAnTa\nMeChMoOc');
    expect(value('Watched repositories')).toBe('p2pu/lernanta');
    expect(value('Repository → board')).toBe('p2pu/lernanta LeRnAnTa');
    expect(value('Label for issues closed by a move')).toBe('moved-to-trello');
    expect(value('Days in “In progress” before a card is stale')).toBe('5');
    expect(value('Deadline horizon (days)')).toBe('42');
    expect(value('Pipeline card stale after (days)')).toBe('30');
    expect(value('Approvals needed from others before merging')).toBe('2');
    expect(value('Hours without a push to your forks before it is overdue')).toBe('12');
    expect(value('Score at which an issue needs a card')).toBe('4');
    expect(value('Labels that count towards it')).toBe('discussion, ux');
    expect(value('Day')).toBe('2');
    expect(value('Time (24-hour, in the call’s time zone)')).toBe('16:30');
    expect(value('The call’s time zone')).toBe('Europe/Berlin');
    expect(value('Development list address')).toBe('dev@lists.p2pu.org');
    const githubToken = screen.getAllByLabelText('Token')[1] as HTMLElement;
    const help = document.getElementById(githubToken.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).toContain('Issues read & write, Pull requests read, Metadata read');
    expect(help?.textContent).toContain('Contents read (to load the team');
    expect(container.querySelector('[data-first-run]')).toBeNull();
  });
});

describe('options page: push interval, close label and the call’s day', () => {
  it('saves the push interval and the close label, naming an invalid interval by its field', async () => {
    const user = userEvent.setup();
    render(<OptionsPage />);
    const hours = await screen.findByLabelText(
      'Hours without a push to your forks before it is overdue',
    );
    await user.clear(hours);
    await user.type(hours, '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('must be at least 1');
    expect(error.getAttribute('data-field-error')).toBe('process.pushIntervalHours');
    await user.clear(hours);
    await user.type(hours, '48');
    await user.type(screen.getByLabelText('Label for issues closed by a move'), 'moved-to-trello');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({
      github: { closeLabel: 'moved-to-trello' },
      process: { pushIntervalHours: 48 },
    });
  });

  it('shows a validation message on the weekday select', async () => {
    const user = userEvent.setup();
    render(<OptionsPage />);
    const day = await screen.findByLabelText('Day');
    // The select offers only valid days; an invalid one can still come back from validation.
    const { save } = useSettingsStore.getState();
    useSettingsStore.setState({
      save: async () => [{ field: 'process.techCall.weekday', message: 'must be at most 6' }],
    });
    onTestFinished(() => useSettingsStore.setState({ save }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('must be at most 6');
    expect(error.getAttribute('data-field-error')).toBe('process.techCall.weekday');
    expect(day.getAttribute('aria-invalid')).toBe('true');
    expect(day.getAttribute('aria-describedby')).toBe(error.id);
  });
});

describe('options page: importing over the current settings', () => {
  it('keeps what the file does not set (API key, boards), and says what changed', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        trello: { apiKey: 'my-key', pipelineBoard: 'PiPeLiNe', boards: ['LeRnAnTa'] },
        process: { staleInProgressDays: 7 },
      },
    });
    const user = userEvent.setup();
    const { container } = render(<OptionsPage />);
    const input = (await screen.findByLabelText('Import settings…')) as HTMLInputElement;
    const file = new File(
      [
        JSON.stringify({
          trello: { apiKey: '' },
          github: { repos: ['p2pu/lernanta'] },
          process: { staleInProgressDays: 10, techCall: { timeZone: 'Europe/Berlin' } },
        }),
      ],
      'team.json',
      { type: 'application/json' },
    );
    await user.upload(input, file);
    await screen.findByText('Imported team.json: 3 settings changed and saved.');
    expect(
      [...container.querySelectorAll('[data-import-changed] li')].map((li) => li.textContent),
    ).toEqual(['github.repos', 'process.staleInProgressDays', 'process.techCall.timeZone']);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({
      trello: { apiKey: 'my-key', pipelineBoard: 'PiPeLiNe', boards: ['LeRnAnTa'] },
      github: { repos: ['p2pu/lernanta'] },
      process: { staleInProgressDays: 10, techCall: { weekday: 4, timeZone: 'Europe/Berlin' } },
    });
    expect(screen.getByLabelText('API key')).toHaveProperty('value', 'my-key');
  });
});

describe('options page: list roles', () => {
  const HACIENDO = '5e7288763b4e0786515c19df';
  const BLOQUEO = '5e7288919c2499191e987066';
  const mappings = {
    JsAi2021: {
      [HACIENDO]: { role: 'In progress', name: 'HACIENDO' },
      [BLOQUEO]: { role: 'Stuck', name: 'BLOQUEO <b>x</b>' },
    },
  };
  const stored = async () =>
    (
      (await fakeBrowser.storage.local.get('settings')).settings as {
        trello: { listRoles: unknown };
      }
    ).trello.listRoles;

  beforeEach(async () => {
    await fakeBrowser.storage.local.set({
      settings: { trello: { boards: ['JsAi2021'], listRoles: mappings } },
    });
  });

  it('shows each board’s mapped lists with their roles, names as text', async () => {
    render(<OptionsPage />);
    const role = (await screen.findByLabelText('Role of “HACIENDO”')) as HTMLSelectElement;
    expect(role.value).toBe('In progress');
    expect(screen.getByText('BLOQUEO <b>x</b>')).toBeTruthy();
    expect(document.querySelector('[data-list-roles] b')).toBeNull();
  });

  it('changes a role and removes a mapping, saved at once', async () => {
    const user = userEvent.setup();
    render(<OptionsPage />);
    await user.selectOptions(await screen.findByLabelText('Role of “HACIENDO”'), 'Done');
    await screen.findByText('Saved: “HACIENDO” is your “Done” list.');
    expect(await stored()).toEqual({
      JsAi2021: { ...mappings.JsAi2021, [HACIENDO]: { role: 'Done', name: 'HACIENDO' } },
    });
    await user.click(screen.getByRole('button', { name: 'Remove the role of “BLOQUEO <b>x</b>”' }));
    await screen.findByText('Removed the role of “BLOQUEO <b>x</b>”.');
    await user.click(screen.getByRole('button', { name: 'Remove the role of “HACIENDO”' }));
    await screen.findByText('No list mapped yet.');
    expect(await stored()).toEqual({});
  });

  it('saving the form keeps a mapping the board saved while the page was open', async () => {
    const user = userEvent.setup();
    render(<OptionsPage />);
    await screen.findByLabelText('Role of “HACIENDO”');
    const later = { ...mappings, OtHeRbRd: { [BLOQUEO]: { role: 'Done', name: 'Finalizado' } } };
    await fakeBrowser.storage.local.set({
      settings: { trello: { boards: ['JsAi2021'], listRoles: later } },
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(await stored()).toEqual(later);
  });
});
