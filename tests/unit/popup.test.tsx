import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Popup } from '../../components/Popup';
import { countdown } from '../../components/popup/NextCall';
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
        problems: 2,
        counts: { 'board.missing-lists': 1, 'pr.reviews': 1 },
        severity: 'warn',
        asOf: NOW,
        worst: [
          {
            rule: 'board.missing-lists',
            severity: 'warn',
            title: '2 process lists missing',
            link: 'https://trello.com/b/LeRnAnTa',
          },
          {
            rule: 'pr.reviews',
            severity: 'warn',
            title: 'PR #42: 0 of 1 approvals',
            link: 'https://github.com/p2pu/lernanta/pull/42',
          },
        ],
      },
    ],
    counts: { 'board.missing-lists': 1, 'pr.reviews': 1 },
    problems: 2,
    worst: 'warn',
    nextCallAt: CALL,
    agenda: {
      callAt: CALL,
      projects: [
        { board: 'LeRnAnTa', title: 'Lernanta', progress: [], plans: ['Fix login'], problems: [] },
      ],
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
    expect(screen.getByText('2 things to look at')).toBeTruthy();
  });

  it('offline: a board that could not be refreshed shows its last known state, and since when', async () => {
    const last = summary();
    const [lernanta] = last.projects;
    if (!lernanta) throw new Error('no project');
    const asOf = new Date(2026, 10, 25, 8, 40).getTime(); // 08:40 in the reader's zone
    answer({
      ok: true,
      value: summary({
        projects: [
          {
            ...lernanta,
            asOf,
            notRefreshed: 'Could not reach Trello: the network is down or the site is unreachable.',
          },
        ],
      }),
    });
    const { container } = render(<Popup />);
    const note = await screen.findByText(/not refreshed: Could not reach Trello/);
    expect(note.textContent).toBe(
      ' (not refreshed: Could not reach Trello: the network is down or the site is unreachable, as of 08:40)',
    );
    expect(container.querySelector('[data-not-refreshed="LeRnAnTa"]')).toBe(note);
    // The last known problems still count.
    expect(screen.getByText('2 to look at')).toBeTruthy();
    expect(container.querySelector('[data-process-count="pr.reviews"]')?.textContent).toBe('1');
  });

  it('full: counts by rule, projects, my day, the next call and the agenda', async () => {
    answer({
      ok: true,
      value: summary({
        myDay: {
          cards: [
            {
              name: 'Migrate to Django 1.4',
              link: 'https://trello.com/c/CaRd0001',
              board: 'Lernanta',
              days: 12,
            },
          ],
          pulls: [
            {
              title: 'Fix typo in the sign-up form',
              link: 'https://github.com/p2pu/lernanta/pull/42',
              status: {
                owner: 'p2pu',
                repo: 'lernanta',
                number: 42,
                state: 'open',
                approvals: [],
                changesRequested: [],
                required: 1,
                fetchedAt: NOW,
              },
            },
          ],
          reviews: [
            {
              title: 'Add badges to the profile page',
              link: 'https://github.com/p2pu/lernanta/pull/41',
              author: 'alice',
            },
          ],
          lastPushAt: NOW - 30 * 3_600_000,
        },
        push: {
          rule: 'push.overdue',
          severity: 'warn',
          subject: 'demo-dev',
          anchor: { kind: 'header' },
          title: 'Last push 30 hours ago',
          message: '',
          advice: 'Push your work in progress to your fork.',
        },
      }),
    });
    const { container } = render(<Popup />);
    await screen.findByText('2 things to look at');
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
    // A finding about a pull request opens it on GitHub.
    expect(
      screen.getByRole('link', { name: 'PR #42: 0 of 1 approvals' }).getAttribute('href'),
    ).toBe('https://github.com/p2pu/lernanta/pull/42');
    // My day.
    const myDay = screen.getByRole('region', { name: 'My day' });
    // Its severity is a shape and a name, not only a colour.
    expect(container.querySelector('[data-my-push]')?.textContent).toBe(
      '⚠ Last push 30 hours ago — Push your work in progress to your fork.',
    );
    expect(container.querySelector('[data-my-push] [role="img"]')?.getAttribute('aria-label')).toBe(
      'Warning:',
    );
    expect(container.querySelector('[data-my-cards]')?.textContent).toBe(
      'Migrate to Django 1.4 (Lernanta, 12 days)',
    );
    expect(container.querySelector('[data-my-pulls]')?.textContent).toBe(
      'Fix typo in the sign-up form (0 of 1 approvals)',
    );
    expect(container.querySelector('[data-my-reviews]')?.textContent).toBe(
      'Add badges to the profile page by @alice',
    );
    expect(
      myDay.querySelector('a[href="https://github.com/p2pu/lernanta/pull/41"]')?.textContent,
    ).toBe('Add badges to the profile page');
  });
});

describe('countdown', () => {
  it('reads naturally', () => {
    expect(countdown(NOW, NOW + 30_000)).toBe('starting now');
    expect(countdown(NOW, NOW + 45 * 60_000)).toBe('in 45 minutes');
    expect(countdown(NOW, NOW + 27 * 3_600_000)).toBe('in 1 day 3 h');
  });
});
