// The popup's "Create card" offers Undo for 10 seconds: it sends the write's token, then says what
// was taken back and offers Create card again.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ProjectPulls } from '../../components/popup/ProjectPulls';
import type { TeamPull } from '../../utils/process/team-pulls';

const TOKEN = '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b';
const pull: TeamPull = {
  owner: 'p2pu',
  repo: 'lernanta',
  number: 77,
  title: 'Polar projection',
  url: 'https://github.com/p2pu/lernanta/pull/77',
  author: 'carol',
  draft: false,
  createdAt: 0,
  requestedReviewers: [],
  status: {
    owner: 'p2pu',
    repo: 'lernanta',
    number: 77,
    state: 'open',
    approvals: [],
    changesRequested: [],
    required: 1,
    fetchedAt: 0,
  },
  problems: ['pr.no-card'],
};

/** What the background received, and its answers by message type. */
let sent: { type: string }[];
function background(answers: Record<string, unknown>) {
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const { type } = message as { type: string };
    sent.push(message as { type: string });
    return Promise.resolve(answers[type]);
  });
}

const renderPulls = () =>
  render(<ProjectPulls pulls={[pull]} now={0} canCreateCard={() => true} marker="LeRnAnTa" />);

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the popup’s Undo after Create card', () => {
  it('sends the token, says what was taken back and offers Create card again', async () => {
    background({
      'github.createCardForPull': { ok: true, value: { shortLink: 'CaRd0001', undo: TOKEN } },
      'undo.take': {
        ok: true,
        value: { taken: true, message: 'Taken back: the card is archived.' },
      },
    });
    renderPulls();
    fireEvent.click(screen.getByText('Create card'));
    const undo = await screen.findByText('Undo');
    expect(undo.getAttribute('data-process-action')).toBe('undo');
    fireEvent.click(undo);
    expect(await screen.findByText(/Taken back: the card is archived\./)).toBeTruthy();
    expect(sent.at(-1)).toEqual({ type: 'undo.take', id: TOKEN });
    expect(screen.getByText('Create card')).toBeTruthy();
  });

  it('withdraws Undo after 10 seconds; the card link stays', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    background({
      'github.createCardForPull': { ok: true, value: { shortLink: 'CaRd0001', undo: TOKEN } },
    });
    renderPulls();
    await act(async () => fireEvent.click(screen.getByText('Create card')));
    await act(async () => {});
    expect(screen.queryByText('Undo')).toBeTruthy();
    await act(async () => vi.advanceTimersByTime(10_500));
    expect(screen.queryByText('Undo')).toBeNull();
    expect(screen.getByText('https://trello.com/c/CaRd0001')).toBeTruthy();
  });

  it('offers no Undo when the card was there already', async () => {
    background({ 'github.createCardForPull': { ok: true, value: { shortLink: 'CaRd0001' } } });
    renderPulls();
    fireEvent.click(screen.getByText('Create card'));
    await screen.findByText('https://trello.com/c/CaRd0001');
    expect(screen.queryByText('Undo')).toBeNull();
  });
});
