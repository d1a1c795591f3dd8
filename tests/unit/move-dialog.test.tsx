import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type IssuePreview,
  type MoveIssueApi,
  MoveIssueDialog,
} from '../../components/MoveIssueDialog';
import type { MoveStart } from '../../utils/background/moves';
import { cardContent } from '../../utils/jobs/card-content';
import { type MoveJob, newJob } from '../../utils/jobs/move-job';
import { ok, type Result } from '../../utils/result';

afterEach(cleanup);

const ISSUE: IssuePreview = {
  title: 'Redesign the course creation flow',
  url: 'https://github.com/p2pu/lernanta/issues/44',
  body: 'Creating a course takes too many steps.\n\n- [ ] one',
  author: 'carol',
  createdAt: '2026-11-19T10:00:00Z',
  comments: 3,
};
const BOARDS = [
  { name: 'Badges', shortLink: 'UnTiDyLs' },
  { name: 'Lernanta', shortLink: 'LeRnAnTa' },
];

function api(overrides: Partial<MoveIssueApi> = {}): MoveIssueApi {
  return {
    boards: async () => ok(BOARDS),
    defaultBoard: async () => ok(null),
    lists: async () =>
      ok([
        { id: 'a'.repeat(24), name: 'Need to do', role: 'Need to do' },
        // The list that fills "Unsorted" (the background says which), whatever its name.
        { id: 'b'.repeat(24), name: 'Inbox', role: 'Unsorted' },
      ]),
    start: async (): Promise<Result<MoveStart>> => ok({ kind: 'job', job: job() }),
    status: async () => ok(null),
    retry: async () => ok(null),
    openOptions: () => {},
    finished: () => {},
    ...overrides,
  };
}

function job(extra: Partial<MoveJob> = {}): MoveJob {
  return {
    ...newJob(
      {
        kind: 'issue',
        owner: 'p2pu',
        repo: 'lernanta',
        number: 44,
        board: 'LeRnAnTa',
        list: 'b'.repeat(24),
        close: true,
        copyComments: true,
      },
      0,
    ),
    ...extra,
  };
}

const show = (a: MoveIssueApi, issue = ISSUE) =>
  render(<MoveIssueDialog issue={issue} api={a} onClose={() => {}} />);

describe('the move dialog', () => {
  it('previews the card exactly as the job writes it: name and description with its origin', async () => {
    const { container } = show(api());
    const preview = await screen.findByRole('region', { name: 'Card preview' });
    const expected = cardContent({ ...ISSUE, comments: [] });
    expect(preview.querySelector('strong')?.textContent).toBe(expected.name);
    expect(container.querySelector('[data-card-description]')?.textContent).toBe(expected.desc);
    expect(expected.desc).toContain(
      'Moved from https://github.com/p2pu/lernanta/issues/44 (opened by @carol on 2026-11-19)',
    );
    expect(preview.textContent).toContain('3 comments copied in order');
  });

  it('says when a long description continues in the card’s comments', async () => {
    const { container } = show(api(), { ...ISSUE, body: 'x'.repeat(20_000) });
    await screen.findByRole('region', { name: 'Card preview' });
    expect(container.querySelector('[data-card-description]')?.textContent).toContain(
      'The description continues in the comments below',
    );
    expect(screen.getByRole('region', { name: 'Card preview' }).textContent).toContain(
      'the rest of the description in the first comments',
    );
  });

  it('proposes the board the background proposes, and says where it comes from', async () => {
    const { container } = show(
      api({ defaultBoard: async () => ok({ board: 'LeRnAnTa', from: 'pipeline' }) }),
    );
    await waitFor(() =>
      expect((screen.getByLabelText('Board') as HTMLSelectElement).value).toBe('LeRnAnTa'),
    );
    expect(container.querySelector('[data-board-from="pipeline"]')?.textContent).toBe(
      'Proposed: the board of the pipeline card that mentions this repository.',
    );
    await waitFor(() =>
      expect((screen.getByLabelText('List') as HTMLSelectElement).value).toBe('b'.repeat(24)),
    );
  });

  it('without a proposal, offers the chooser with the first board', async () => {
    show(api());
    await waitFor(() =>
      expect((screen.getByLabelText('Board') as HTMLSelectElement).value).toBe('UnTiDyLs'),
    );
  });

  it('answers an issue already on a card with that card, and offers to open it', async () => {
    const finished = vi.fn();
    const user = userEvent.setup();
    show(api({ start: async () => ok({ kind: 'existing', card: 'CaRd0001' }), finished }));
    await user.click(await screen.findByRole('button', { name: 'Move to Trello' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Already on card CaRd0001: nothing new was created.',
    );
    expect(screen.getByRole('link', { name: 'Open the card' }).getAttribute('href')).toBe(
      'https://trello.com/c/CaRd0001',
    );
    expect(finished).toHaveBeenCalledOnce();
  });

  it('during a rate limit offers no “Retry now”: the job goes on by itself at its time', async () => {
    const waiting = job({
      status: 'waiting',
      retryAt: Date.parse('2026-11-25T10:42:00Z'),
      error: { step: 'card', code: 'rate-limited', message: 'Trello rate limit reached (429).' },
    });
    show(api({ status: async () => ok(waiting) }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(
      /^Trello rate limit reached \(429\)\. Retrying at .+ \(“Create the Trello card”\): it goes on by itself then\.$/,
    );
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
  });

  it('after another failure offers Retry now, and shows what the user should know', async () => {
    show(
      api({
        status: async () =>
          ok(
            job({
              status: 'waiting',
              retryAt: 0,
              error: { step: 'close', code: 'server', message: 'GitHub had a server error (500).' },
              notes: ['p2pu/lernanta has no label “wontfix”: the issue was closed without it.'],
            }),
          ),
      }),
    );
    expect(await screen.findByRole('button', { name: 'Retry now' })).toBeTruthy();
    expect(screen.getByText(/has no label “wontfix”/)).toBeTruthy();
  });
});
