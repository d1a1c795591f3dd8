// The options form is driven by one field table: every field in it is a labelled control whose
// value goes through save into storage and comes back into the control.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OptionsPage } from '../../components/OptionsPage';
import { draftFrom, secretsFrom, settingsFrom } from '../../components/options/draft';
import { type FieldName, OPTION_FIELDS } from '../../components/options/fields';
import { defaultSettings, validateSettings } from '../../utils/process/settings';
import { useSettingsStore } from '../../utils/settings-store';

/** What is typed (or chosen) in each field, what is stored, and what the control shows again. */
const SAMPLES: Record<FieldName, { typed: string; stored: unknown; shown?: string }> = {
  'trello.apiKey': { typed: 'key-1', stored: 'key-1' },
  'secrets.trelloToken': { typed: 'trello-token', stored: 'trello-token' },
  'trello.pipelineBoard': {
    typed: 'https://trello.com/b/PiPeLiNe/project-pipeline',
    stored: 'PiPeLiNe',
    shown: 'PiPeLiNe',
  },
  'trello.boards': {
    typed: 'LeRnAnTa\nhttps://trello.com/b/MeChMoOc/x',
    stored: ['LeRnAnTa', 'MeChMoOc'],
    shown: 'LeRnAnTa\nMeChMoOc',
  },
  'secrets.githubToken': { typed: 'ghp_token', stored: 'ghp_token' },
  'github.repos': { typed: 'p2pu/lernanta\np2pu/badges', stored: ['p2pu/lernanta', 'p2pu/badges'] },
  'process.lists': { typed: 'To do\nDoing\nDone', stored: ['To do', 'Doing', 'Done'] },
  'process.staleInProgressDays': { typed: '9', stored: 9 },
  'process.deadlineHorizonDays': { typed: '40', stored: 40 },
  'process.pipelineStaleDays': { typed: '20', stored: 20 },
  'process.pushIntervalHours': { typed: '12', stored: 12 },
  'process.requiredApprovals': { typed: '2', stored: 2 },
  'github.boardForRepo': {
    typed: 'p2pu/lernanta LeRnAnTa',
    stored: { 'p2pu/lernanta': 'LeRnAnTa' },
  },
  'github.closeLabel': { typed: 'moved-to-trello', stored: 'moved-to-trello' },
  'process.needsCard.score': { typed: '5', stored: 5 },
  'process.needsCard.labels': {
    typed: 'ux,  design',
    stored: ['ux', 'design'],
    shown: 'ux, design',
  },
  'process.techCall.weekday': { typed: 'Tuesday', stored: 2, shown: '2' },
  'process.techCall.time': { typed: '16:30', stored: '16:30' },
  'process.techCall.timeZone': {
    typed: ' Europe/Berlin ',
    stored: 'Europe/Berlin',
    shown: 'Europe/Berlin',
  },
  'process.devListAddress': { typed: 'dev@lists.p2pu.org', stored: 'dev@lists.p2pu.org' },
};

const valueAt = (root: unknown, path: string) =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], root);

function controlOf(name: string): HTMLInputElement {
  const control = document.querySelector(`[name="${name}"]`) as HTMLInputElement | null;
  if (!control) throw new Error(`no control for ${name}`);
  return control;
}

async function renderLoaded() {
  useSettingsStore.setState({ status: 'loading', settings: null, secrets: null, storedIssues: [] });
  render(<OptionsPage />);
  await screen.findByLabelText('API key');
}

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('options field table', () => {
  it('has a sample for every field (so the round trip below covers it)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(OPTION_FIELDS.map((field) => field.name).sort());
  });

  it('renders every field as a control labelled by its label, its help linked to it', async () => {
    await renderLoaded();
    for (const field of OPTION_FIELDS) {
      const control = controlOf(field.name);
      expect(screen.getAllByLabelText(field.label), field.name).toContain(control);
      const described = control.getAttribute('aria-describedby');
      if (field.help) expect(document.getElementById(`${described}`)?.textContent).toBe(field.help);
      else expect(described, field.name).toBeNull();
    }
  });

  it('round-trips a value of every field through save and back into its control', async () => {
    const user = userEvent.setup();
    await renderLoaded();
    for (const field of OPTION_FIELDS) {
      const control = controlOf(field.name);
      const { typed } = SAMPLES[field.name];
      if (field.kind === 'choice') {
        await user.selectOptions(control, typed);
        continue;
      }
      await user.clear(control);
      await user.click(control);
      await user.paste(typed);
    }
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');

    const stored = await fakeBrowser.storage.local.get(['settings', 'secrets']);
    for (const field of OPTION_FIELDS) {
      const path = field.name.startsWith('secrets.') ? field.name : `settings.${field.name}`;
      expect(valueAt(stored, path), field.name).toEqual(SAMPLES[field.name].stored);
    }

    cleanup();
    await renderLoaded();
    for (const field of OPTION_FIELDS) {
      const { typed, shown = typed } = SAMPLES[field.name];
      expect(controlOf(field.name).value, field.name).toBe(shown);
    }
  });

  it('turns the default settings into a draft and back unchanged, keeping fields it does not show', () => {
    const settings = { ...defaultSettings(), team: { note: 'kept' } };
    const secrets = { trelloToken: 't', githubToken: 'g' };
    const draft = draftFrom(settings, secrets);
    expect(validateSettings(settingsFrom(settings, draft))).toEqual({ ok: true, settings });
    expect(secretsFrom(draft)).toEqual(secrets);
  });
});
