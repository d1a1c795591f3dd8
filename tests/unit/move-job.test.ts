import { describe, expect, it } from 'vitest';
import { cardContent, TRELLO_TEXT_LIMIT } from '../../utils/jobs/card-content';
import {
  advance,
  backoffMs,
  MAX_ATTEMPTS,
  type MoveEffects,
  type MoveJob,
  type MoveRequest,
  newJob,
  SETTLE_MS,
} from '../../utils/jobs/move-job';
import { cardLinksTo, cardMarker } from '../../utils/process/links';
import { type ErrorCode, fail, ok, type Result } from '../../utils/result';

const ISSUE_URL = 'https://github.com/p2pu/lernanta/issues/44';
const request: MoveRequest = {
  kind: 'issue',
  owner: 'p2pu',
  repo: 'lernanta',
  number: 44,
  board: 'LeRnAnTa',
  list: 'list-unsorted',
  close: true,
  copyComments: true,
  closeLabel: 'wontfix',
};

type EffectName = Exclude<keyof MoveEffects, 'now' | 'save'>;

/** In-memory Trello and GitHub; `failures` fails the named effect (before or after doing it). */
function world(
  failures: { effect: EffectName; code: ErrorCode; times?: number; afterDoing?: boolean }[] = [],
) {
  let clock = 1_000_000;
  const cards: {
    id: string;
    shortLink: string;
    board: string;
    list: string;
    name: string;
    desc: string;
    attachments: string[];
    comments: string[];
    labels: string[];
  }[] = [];
  const issueComments: string[] = [];
  let closed = 0;
  const saved: MoveJob[] = [];
  const issue = {
    url: ISSUE_URL,
    title: 'Redesign the course creation flow',
    body: 'Creating a course takes too many steps.',
    author: 'carol',
    createdAt: '2026-11-19T10:00:00Z',
    comments: [1, 2, 3].map((n) => ({
      user: `u${n}`,
      body: `comment ${n}`,
      createdAt: '2026-11-20T10:00:00Z',
      url: `${ISSUE_URL}#issuecomment-${n}`,
    })),
    labels: ['Discussion', 'needs-triage'],
  };
  /** The target board's labels (matched by name, ignoring case) and the repository's. */
  const boardLabels = [
    { id: 'label-discussion', name: 'discussion' },
    { id: 'label-ux', name: 'ux' },
  ];
  const repoLabels = ['wontfix', 'discussion'];
  const issueLabels = [...issue.labels];
  const budget = new Map(failures.map((f) => [f.effect, { ...f, times: f.times ?? 1 }]));
  const guard =
    <A extends unknown[], T>(name: EffectName, work: (...args: A) => T) =>
    async (...args: A): Promise<Result<T>> => {
      const failure = budget.get(name);
      if (failure && failure.times > 0) {
        failure.times--;
        if (failure.afterDoing) work(...args);
        return fail(failure.code, `${name} failed (${failure.code})`);
      }
      return ok(work(...args));
    };
  const effects: MoveEffects = {
    now: () => clock,
    save: async (job) => {
      saved.push(structuredClone(job));
    },
    readIssue: guard('readIssue', () => structuredClone(issue)),
    findCardForIssue: guard('findCardForIssue', (board: string, url: string) => {
      const card = cards.find(
        (c) =>
          c.board === board &&
          cardLinksTo({ desc: c.desc, attachments: c.attachments.map((a) => ({ url: a })) }, url),
      );
      return card ? { id: card.id, shortLink: card.shortLink } : null;
    }),
    createCard: guard('createCard', (list: string, content, url: string, labels: string[]) => {
      const card = {
        id: `c${cards.length}`,
        shortLink: `CaRd000${cards.length}`,
        board: 'LeRnAnTa',
        list,
        name: content.name,
        desc: content.desc,
        attachments: [url],
        comments: [],
        labels,
      };
      cards.push(card);
      return { id: card.id, shortLink: card.shortLink };
    }),
    getCard: guard('getCard', (shortLink: string) => {
      const card = cards.find((c) => c.shortLink === shortLink);
      if (!card) throw new Error('no card');
      return { id: card.id, shortLink, attachments: card.attachments };
    }),
    attach: guard('attach', (id: string, url: string) =>
      cards.find((c) => c.id === id)?.attachments.push(url),
    ),
    matchLabels: guard('matchLabels', (board: string, names: string[]) =>
      board === 'LeRnAnTa'
        ? boardLabels
            .filter((l) => names.some((n) => n.toLowerCase() === l.name.toLowerCase()))
            .map((l) => l.id)
        : [],
    ),
    cardComments: guard('cardComments', (id: string) =>
      [...(cards.find((c) => c.id === id)?.comments ?? [])].reverse(),
    ),
    addCardComment: guard('addCardComment', (id: string, text: string) =>
      cards.find((c) => c.id === id)?.comments.push(text),
    ),
    issueComments: guard('issueComments', () => [...issueComments]),
    addIssueComment: guard('addIssueComment', (_r: MoveRequest, body: string) =>
      issueComments.push(body),
    ),
    addLabel: guard('addLabel', (_r: MoveRequest, name: string) => {
      if (issueLabels.includes(name)) return 'already' as const;
      if (!repoLabels.includes(name)) return 'missing' as const;
      issueLabels.push(name);
      return 'added' as const;
    }),
    closeIssue: guard('closeIssue', () => {
      closed++;
    }),
  };
  return {
    effects,
    cards,
    issueComments,
    saved,
    closedCount: () => closed,
    issueLabels,
    repoLabels,
    tick: (ms: number) => (clock += ms),
    issue,
  };
}

function existingCard() {
  return {
    id: 'x1',
    shortLink: 'ExIsTiNg',
    board: 'LeRnAnTa',
    list: 'list-need-to-do',
    name: 'Existing',
    desc: '',
    attachments: [] as string[],
    comments: [] as string[],
    labels: [] as string[],
  };
}

/** Runs the job like the background does: again whenever it is waiting (the alarm fired). */
async function runToEnd(
  w: ReturnType<typeof world>,
  job = newJob(request, w.effects.now()),
): Promise<MoveJob> {
  let current = await advance(job, w.effects);
  for (let i = 0; i < 10 && current.status === 'waiting'; i++) {
    w.tick((current.retryAt ?? 0) - w.effects.now());
    current = await advance(current, w.effects);
  }
  return current;
}

function expectMovedOnce(w: ReturnType<typeof world>): void {
  expect(w.cards).toHaveLength(1);
  const [card] = w.cards;
  expect(card?.attachments).toEqual([ISSUE_URL]);
  expect(card?.comments.map((c) => c.split('\n')[0])).toEqual(
    [1, 2, 3].map((n) => `@u${n} commented on 2026-11-20 (${ISSUE_URL}#issuecomment-${n})`),
  );
  expect(w.issueComments).toEqual([
    `Moved to Trello: https://trello.com/c/${card?.shortLink}\n\n${cardMarker(card?.shortLink ?? '')}`,
  ]);
  expect(w.closedCount()).toBeGreaterThanOrEqual(1);
  // The issue's labels that the board has, matched by name; the close label added once.
  expect(card?.labels).toEqual(['label-discussion']);
  expect(w.issueLabels.filter((l) => l === 'wontfix')).toEqual(['wontfix']);
}

describe('the move-issue job', () => {
  it('moves an issue: one card with the body and every comment, one linking comment, the issue closed', async () => {
    const w = world();
    const job = await runToEnd(w);
    expect(job).toMatchObject({ status: 'done', step: 'done', card: { shortLink: 'CaRd0000' } });
    expectMovedOnce(w);
    expect(w.cards[0]?.name).toBe('Redesign the course creation flow');
    expect(w.cards[0]?.desc).toContain(`Moved from ${ISSUE_URL} (opened by @carol on 2026-11-19)`);
    // The journal is written before every side effect (inFlight) and after every step, in order.
    expect(w.saved.map((s) => `${s.step}${s.inFlight ? ' (write sent)' : ''}`)).toEqual([
      'card',
      'card (write sent)',
      'card-comments',
      'card-comments (write sent)',
      'card-comments (write sent)',
      'card-comments (write sent)',
      'github-comment',
      'github-comment (write sent)',
      'close',
      'done',
      'done',
    ]);
  });

  const steps: { effect: EffectName; afterDoing?: boolean }[] = [
    { effect: 'readIssue' },
    { effect: 'findCardForIssue' },
    { effect: 'matchLabels' },
    { effect: 'createCard' },
    { effect: 'createCard', afterDoing: true },
    { effect: 'cardComments' },
    { effect: 'addCardComment' },
    { effect: 'addCardComment', afterDoing: true },
    { effect: 'issueComments' },
    { effect: 'addIssueComment' },
    { effect: 'addIssueComment', afterDoing: true },
    { effect: 'addLabel' },
    { effect: 'addLabel', afterDoing: true },
    { effect: 'closeIssue' },
    { effect: 'closeIssue', afterDoing: true },
  ];
  for (const code of ['server', 'timeout', 'rate-limited'] as const) {
    for (const { effect, afterDoing } of steps) {
      it(`a ${code} on ${effect}${afterDoing ? ' that did happen' : ''} waits, resumes, and ends with one card and one comment`, async () => {
        const w = world([{ effect, code, afterDoing }]);
        const first = await advance(newJob(request, w.effects.now()), w.effects);
        expect(first.status).toBe('waiting');
        expect(first.error?.code).toBe(code);
        expect(first.retryAt).toBe(w.effects.now() + backoffMs(1));
        const job = await runToEnd(w, first);
        expect(job.status).toBe('done');
        expectMovedOnce(w);
      });
    }
  }

  // Linking an existing card instead: the card is read, and the issue URL attached once.
  const linkSteps: { effect: EffectName; afterDoing?: boolean }[] = [
    { effect: 'getCard' },
    { effect: 'attach' },
    { effect: 'attach', afterDoing: true },
  ];
  for (const code of ['server', 'timeout', 'rate-limited'] as const) {
    for (const { effect, afterDoing } of linkSteps) {
      it(`linking a card: a ${code} on ${effect}${afterDoing ? ' that did happen' : ''} waits, resumes, and attaches the issue once`, async () => {
        const w = world([{ effect, code, afterDoing }]);
        w.cards.push(existingCard());
        const first = await advance(
          newJob({ ...request, linkCard: 'ExIsTiNg' }, w.effects.now()),
          w.effects,
        );
        expect(first).toMatchObject({ status: 'waiting', error: { step: 'card', code } });
        const job = await runToEnd(w, first);
        expect(job).toMatchObject({ status: 'done', card: { shortLink: 'ExIsTiNg' } });
        expect(w.cards).toHaveLength(1);
        expect(w.cards[0]?.attachments).toEqual([ISSUE_URL]);
        expect(w.issueComments).toEqual([
          `Moved to Trello: https://trello.com/c/ExIsTiNg\n\n${cardMarker('ExIsTiNg')}`,
        ]);
      });
    }
  }

  it('finds the card on another list of the board (moved since, or an earlier move): no second card', async () => {
    const w = world();
    w.cards.push({ ...existingCard(), list: 'list-in-progress', attachments: [ISSUE_URL] });
    const job = await runToEnd(w);
    expect(job).toMatchObject({ status: 'done', card: { shortLink: 'ExIsTiNg' } });
    expect(w.cards).toHaveLength(1);
    expect(w.issueComments[0]).toContain(cardMarker('ExIsTiNg'));
  });

  it('finds a card that links the issue only in its description, but not one that links another issue', async () => {
    const w = world();
    w.cards.push({ ...existingCard(), shortLink: 'OtHeRiSs', desc: `See ${ISSUE_URL}4 too.` });
    w.cards.push({ ...existingCard(), desc: `Discussed in ${ISSUE_URL}.` });
    const job = await runToEnd(w);
    expect(job.card?.shortLink).toBe('ExIsTiNg');
    expect(w.cards).toHaveLength(2);
  });

  it('does not look on other boards: a card elsewhere is not this move’s card', async () => {
    const w = world();
    w.cards.push({ ...existingCard(), board: 'OtHeRbRd', attachments: [ISSUE_URL] });
    const job = await runToEnd(w);
    expect(job.card?.shortLink).toBe('CaRd0001');
  });

  it('closes without the label when the repository lacks it, creates none, and says so', async () => {
    const w = world();
    w.repoLabels.splice(w.repoLabels.indexOf('wontfix'), 1);
    const job = await runToEnd(w);
    expect(job.status).toBe('done');
    expect(w.closedCount()).toBe(1);
    expect(w.issueLabels).not.toContain('wontfix');
    expect(job.notes).toEqual([
      'p2pu/lernanta has no label “wontfix”: the issue was closed without it. Create the label in the repository, or change it in the Process Lens options.',
    ]);
  });

  it('adds no label when none is configured, or when the issue stays open', async () => {
    for (const extra of [{ closeLabel: undefined }, { close: false }]) {
      const w = world();
      await runToEnd(w, newJob({ ...request, ...extra }, w.effects.now()));
      expect(w.issueLabels).not.toContain('wontfix');
    }
  });

  it('after the worker died with a write in flight, waits for it to settle, then finds it: nothing twice', async () => {
    const w = world();
    await runToEnd(w);
    // Replay from each journal entry written just before a write, as a new worker would.
    for (const entry of w.saved.filter((saved) => saved.inFlight)) {
      const replay = world();
      // The world as it was when that write was sent, and the write landing after all.
      await runToEnd(replay);
      const resumed = await advance(entry, replay.effects);
      expect(resumed).toMatchObject({
        status: 'waiting',
        retryAt: (entry.inFlight?.since ?? 0) + SETTLE_MS,
      });
      replay.tick(SETTLE_MS);
      expect((await runToEnd(replay, resumed)).status).toBe('done');
      expectMovedOnce(replay);
    }
  });

  it('fails at once, naming the step, on a rejected token, and writes nothing to GitHub', async () => {
    const w = world([{ effect: 'findCardForIssue', code: 'unauthorized' }]);
    const job = await advance(newJob(request, w.effects.now()), w.effects);
    expect(job).toMatchObject({ status: 'failed', error: { step: 'card', code: 'unauthorized' } });
    expect(w.issueComments).toEqual([]);
    expect(w.closedCount()).toBe(0);
    // Retry (after reconnecting) finishes the job.
    const retried = await runToEnd(w, job);
    expect(retried.status).toBe('done');
    expectMovedOnce(w);
  });

  it('gives up after the maximum number of attempts, and says which step', async () => {
    const w = world([{ effect: 'closeIssue', code: 'server', times: 99 }]);
    const job = await runToEnd(w);
    expect(job).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      error: { step: 'close' },
    });
    expect(w.cards).toHaveLength(1);
  });

  it('honours a later retry time given by the error (rate limit reset)', async () => {
    const w = world();
    const late = w.effects.now() + 3_600_000;
    w.effects.closeIssue = async () => fail('rate-limited', 'GitHub rate limit', { retryAt: late });
    const job = await advance(newJob(request, w.effects.now()), w.effects);
    expect(job.retryAt).toBe(late);
  });

  it('links an existing card instead of creating one', async () => {
    const w = world();
    await runToEnd(w);
    const other = world();
    other.cards.push({
      id: 'x1',
      shortLink: 'ExIsTiNg',
      board: 'LeRnAnTa',
      list: 'l',
      name: 'Existing',
      desc: '',
      attachments: [],
      comments: [],
      labels: [],
    });
    const job = await runToEnd(
      other,
      newJob({ ...request, linkCard: 'ExIsTiNg' }, other.effects.now()),
    );
    expect(job).toMatchObject({ status: 'done', card: { shortLink: 'ExIsTiNg' } });
    expect(other.cards).toHaveLength(1);
    expect(other.cards[0]?.attachments).toEqual([ISSUE_URL]);
    expect(other.issueComments[0]).toContain(cardMarker('ExIsTiNg'));
  });

  it('serves "create card for this pull request": no comment copy, no close', async () => {
    const w = world();
    const job = await runToEnd(
      w,
      newJob({ ...request, kind: 'pull', close: false, copyComments: false }, w.effects.now()),
    );
    expect(job.status).toBe('done');
    expect(w.cards[0]?.comments).toEqual([]);
    expect(w.closedCount()).toBe(0);
    expect(w.issueComments[0]).toMatch(/^Trello card: /);
  });
});

describe('card content', () => {
  it('keeps a body over Trello’s limit whole: the rest continues in comments, and the card says so', () => {
    const body = 'x'.repeat(40_000);
    const content = cardContent({
      url: ISSUE_URL,
      title: 'T',
      body,
      author: 'a',
      createdAt: '2026-11-01T00:00:00Z',
      comments: [],
    });
    expect(content.desc.length).toBeLessThanOrEqual(TRELLO_TEXT_LIMIT);
    expect(content.desc).toContain('The description continues in the comments below');
    const restored =
      content.desc.split('\n\n(The description')[0] +
      content.comments.map((c) => c.split('\n\n').slice(1).join('\n\n')).join('');
    expect(restored).toBe(body);
    expect(content.comments[0]?.split('\n')[0]).toBe(
      `Description, part 2 of ${content.comments.length + 1} (${ISSUE_URL})`,
    );
    for (const comment of content.comments)
      expect(comment.length).toBeLessThanOrEqual(TRELLO_TEXT_LIMIT);
  });

  it('splits a very long comment into numbered parts', () => {
    const content = cardContent({
      url: ISSUE_URL,
      title: 'T',
      body: 'b',
      author: 'a',
      createdAt: '2026-11-01T00:00:00Z',
      comments: [
        {
          user: 'u',
          body: 'y'.repeat(20_000),
          createdAt: '2026-11-02T00:00:00Z',
          url: `${ISSUE_URL}#issuecomment-9`,
        },
      ],
    });
    expect(content.comments.map((c) => c.split('\n')[0])).toEqual([
      `@u commented on 2026-11-02 (${ISSUE_URL}#issuecomment-9), part 1 of 2`,
      `@u commented on 2026-11-02 (${ISSUE_URL}#issuecomment-9), part 2 of 2`,
    ]);
  });
});
