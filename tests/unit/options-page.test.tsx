import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    await screen.findByText('Imported team.json: these settings are saved.');
    expect(screen.getByLabelText('Project Pipeline board')).toHaveProperty('value', 'PiPeLiNe');
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({
      process: { staleInProgressDays: 5 },
    });
  });

  it('exports the settings, without secrets', async () => {
    await fakeBrowser.storage.local.set({
      settings: { trello: { apiKey: 'k' } },
      secrets: { trelloToken: 'secret-token', githubToken: '' },
    });
    render(<OptionsPage />);
    const link = await screen.findByRole('link', { name: 'Export settings' });
    const json = decodeURIComponent((link.getAttribute('href') ?? '').split(',')[1] ?? '');
    expect(JSON.parse(json)).toMatchObject({ version: 1, trello: { apiKey: 'k' } });
    expect(json).not.toContain('secret-token');
  });
});
