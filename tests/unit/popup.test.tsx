import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { countdown, Popup } from '../../components/Popup';
import type { StatusSummary } from '../../utils/background/summary';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const CALL = Date.parse('2026-11-26T15:00:00Z');

function summary(extra: Partial<StatusSummary> = {}): StatusSummary {
  return {
    asOf: NOW,
    projects: [
      {
        board: 'LeRnAnTa',
        name: 'Lernanta',
        problems: 1,
        worst: [
          {
            rule: 'board.missing-lists',
            severity: 'warn',
            title: '2 process lists missing',
            link: 'https://trello.com/b/LeRnAnTa',
          },
        ],
      },
    ],
    counts: { 'board.missing-lists': 1 },
    problems: 1,
    worst: 'warn',
    nextCallAt: CALL,
    agenda: {
      callAt: CALL,
      projects: [{ title: 'Lernanta', progress: [], plans: ['Fix login'], problems: [] }],
    },
    ...extra,
  };
}

/** The background's answer to `status.summary`, or a never-answering one (loading). */
function answer(value: unknown | 'never') {
  fakeBrowser.runtime.onMessage.addListener(() =>
    value === 'never' ? new Promise(() => {}) : Promise.resolve(value),
  );
}

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('popup', () => {
  it('loading: says it is reading the boards', async () => {
    answer('never');
    render(<Popup />);
    expect(await screen.findByText('Reading the team’s boards…')).toBeTruthy();
  });

  it('empty (first run): leads to the options', async () => {
    answer({
      ok: true,
      value: summary({
        setup: 'connect-trello',
        projects: [],
        counts: {},
        problems: 0,
        agenda: undefined,
      }),
    });
    render(<Popup />);
    expect(await screen.findByRole('button', { name: 'Connect Trello' })).toBeTruthy();
  });

  it('error with no data: shows the reason', async () => {
    answer({ ok: false, error: { code: 'network', message: 'Could not reach Trello.' } });
    render(<Popup />);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not reach Trello.');
  });

  it('error with the last known state: shows it, and says the refresh failed (offline)', async () => {
    await fakeBrowser.storage.local.set({ lastSummary: summary() });
    answer({ ok: false, error: { code: 'network', message: 'Could not reach Trello.' } });
    render(<Popup />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'could not refresh: Could not reach Trello.',
    );
    expect(screen.getByText('1 thing to look at')).toBeTruthy();
  });

  it('full: counts by rule, projects, the next call and the agenda', async () => {
    answer({ ok: true, value: summary() });
    const { container } = render(<Popup />);
    await screen.findByText('1 thing to look at');
    expect(container.querySelector('[data-process-count="board.missing-lists"]')?.textContent).toBe(
      '1',
    );
    expect(container.querySelector('[data-process-count="card.stuck"]')?.textContent).toBe('0');
    expect(container.querySelector('time[data-process-next-call]')?.getAttribute('datetime')).toBe(
      '2026-11-26T15:00:00.000Z',
    );
    expect(container.querySelector('[data-process-agenda]')?.textContent).toContain(
      '**Plans**\n- Fix login',
    );
    expect(screen.getByRole('link', { name: '2 process lists missing' }).getAttribute('href')).toBe(
      'https://trello.com/b/LeRnAnTa',
    );
  });
});

describe('countdown', () => {
  it('reads naturally', () => {
    expect(countdown(NOW, NOW + 30_000)).toBe('starting now');
    expect(countdown(NOW, NOW + 45 * 60_000)).toBe('in 45 minutes');
    expect(countdown(NOW, NOW + 27 * 3_600_000)).toBe('in 1 day 3 h');
  });
});
