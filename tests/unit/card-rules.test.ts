import { describe, expect, it } from 'vitest';
import { boardNotInPipeline } from '../../utils/process/rules/board-not-in-pipeline';
import { cardStaleInProgress } from '../../utils/process/rules/card-stale-in-progress';
import { blockerLine, cardStuck } from '../../utils/process/rules/card-stuck';
import { defaultSettings } from '../../utils/process/settings';
import { board, card, comment, DAY, idAt, list, move, NOW } from '../fixtures/boards';

const settings = defaultSettings();
const run = (
  rule: typeof cardStaleInProgress,
  snapshot: ReturnType<typeof board>,
  now = NOW,
  s = settings,
) => rule.evaluate({ board: snapshot, settings: s, now });

describe('card.stale-in-progress', () => {
  const todo = list('Need to do');
  const doing = list(' in PROGRESS ');

  it('fires exactly at the threshold, from the move into the list', () => {
    const atLimit = card('At the limit', doing.id);
    const justUnder = card('Just under', doing.id);
    const snapshot = board([todo, doing], [atLimit, justUnder], {
      events: [
        move(atLimit.id, doing.id, NOW - 7 * DAY),
        move(justUnder.id, doing.id, NOW - 7 * DAY + 1),
      ],
    });
    const findings = run(cardStaleInProgress, snapshot);
    expect(findings.map((f) => f.subject)).toEqual([atLimit.shortLink]);
    expect(findings[0]).toMatchObject({
      rule: 'card.stale-in-progress',
      severity: 'warn',
      title: 'In progress for 7 days',
      anchor: { kind: 'card', board: 'LeRnAnTa', card: atLimit.shortLink },
    });
  });

  it('is not reset by a comment or a label edit (dateLastActivity), only by a move', () => {
    const c = card('Busy but not moving', doing.id, {
      dateLastActivity: new Date(NOW - DAY).toISOString(),
    });
    const snapshot = board([doing], [c], {
      events: [
        comment(c.id, 'still on it', NOW - DAY),
        move(c.id, doing.id, NOW - 10 * DAY),
        move(c.id, todo.id, NOW - 12 * DAY),
      ],
    });
    expect(run(cardStaleInProgress, snapshot)[0]?.title).toBe('In progress for 10 days');
  });

  it('counts from the newest move into the list (moved out and back in)', () => {
    const c = card('Back again', doing.id);
    const snapshot = board([doing], [c], {
      events: [
        move(c.id, doing.id, NOW - 2 * DAY),
        move(c.id, todo.id, NOW - 5 * DAY),
        move(c.id, doing.id, NOW - 20 * DAY),
      ],
    });
    expect(run(cardStaleInProgress, snapshot)).toEqual([]);
  });

  it('falls back to the creation time in the card id, and says so', () => {
    const c = card('No moves', doing.id, { id: idAt(NOW - 9 * DAY), dateLastActivity: null });
    const [finding] = run(cardStaleInProgress, board([doing], [c]));
    expect(finding?.title).toBe('In progress for 9 days');
    expect(finding?.message).toContain('counted from when the card was created');
  });

  it('ignores cards elsewhere, archived cards and archived "In progress" lists', () => {
    const archivedList = list('In progress', { closed: true });
    const snapshot = board(
      [todo, archivedList],
      [
        card('Elsewhere', todo.id, { id: idAt(NOW - 50 * DAY) }),
        card('In archived list', archivedList.id, { id: idAt(NOW - 50 * DAY) }),
      ],
    );
    expect(run(cardStaleInProgress, snapshot)).toEqual([]);
    const archived = card('Archived', doing.id, { id: idAt(NOW - 50 * DAY), closed: true });
    expect(run(cardStaleInProgress, board([doing], [archived]))).toEqual([]);
  });

  it('uses the threshold from settings', () => {
    const s = defaultSettings();
    s.process.staleInProgressDays = 2;
    const c = card('Two days', doing.id);
    expect(
      run(
        cardStaleInProgress,
        board([doing], [c], { events: [move(c.id, doing.id, NOW - 2 * DAY)] }),
        NOW,
        s,
      ),
    ).toHaveLength(1);
  });

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham'])(
    'counts whole days the same in the reader’s time zone %s, across a DST change',
    (zone) => {
      const saved = process.env.TZ;
      process.env.TZ = zone;
      try {
        const c = card('DST week', doing.id);
        // 2026-11-01: the US leaves daylight saving; 7 × 24 h is still 7 days.
        const now = Date.parse('2026-11-05T15:00:00Z');
        const snapshot = board([doing], [c], { events: [move(c.id, doing.id, now - 7 * DAY)] });
        expect(run(cardStaleInProgress, snapshot, now)[0]?.title).toBe('In progress for 7 days');
        const justUnder = board([doing], [c], {
          events: [move(c.id, doing.id, now - 7 * DAY + 1)],
        });
        expect(run(cardStaleInProgress, justUnder, now)).toEqual([]);
      } finally {
        process.env.TZ = saved;
      }
    },
  );
});

describe('card.stuck', () => {
  const stuck = list('Stuck');
  it('is info with the blocker line when the description or a comment says what blocks it', () => {
    const byDesc = card('By description', stuck.id, {
      desc: '\nWaiting for the mail provider to unblock us.\nMore.',
    });
    const byComment = card('By comment', stuck.id, { desc: 'Old text' });
    const snapshot = board([stuck], [byDesc, byComment], {
      events: [
        comment(byComment.id, 'Blocked on the API key', NOW - DAY),
        comment(byComment.id, 'older', NOW - 3 * DAY),
      ],
    });
    const findings = run(cardStuck, snapshot);
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['info', 'Blocked by: Waiting for the mail provider to unblock us.'],
      ['info', 'Blocked by: Blocked on the API key'],
    ]);
  });

  it('warns when nothing on the card says what blocks it', () => {
    const [finding] = run(cardStuck, board([stuck], [card('Silent', stuck.id, { desc: '   ' })]));
    expect(finding).toMatchObject({ severity: 'warn', title: 'Stuck, and nothing says why' });
  });

  it('drops a "Blocked by:" prefix so the hint does not repeat it', () => {
    expect(blockerLine('Blocked by: the mail provider', undefined)).toBe('the mail provider');
  });

  it('shortens a very long blocker line', () => {
    expect(blockerLine('x'.repeat(500), undefined)).toHaveLength(200);
  });
});

describe('board.not-in-pipeline', () => {
  const withPipeline = defaultSettings();
  withPipeline.trello.pipelineBoard = 'PiPeLiNe';
  const pipelineWith = (cards: ReturnType<typeof card>[]) =>
    board([list('In progress')], cards, { shortLink: 'PiPeLiNe', name: 'Project Pipeline' });
  const evaluate = (pipeline: ReturnType<typeof board> | undefined, s = withPipeline) =>
    boardNotInPipeline.evaluate({ board: board([]), pipeline, settings: s, now: NOW });

  it('warns when no pipeline card links to the board', () => {
    const [finding] = evaluate(
      pipelineWith([card('Other', 'l', { desc: 'https://trello.com/b/OtHeRbRd/x' })]),
    );
    expect(finding).toMatchObject({
      rule: 'board.not-in-pipeline',
      severity: 'warn',
      subject: 'LeRnAnTa',
    });
  });

  it('accepts a link in the description or an attachment', () => {
    expect(
      evaluate(
        pipelineWith([card('P', 'l', { desc: 'Board: https://trello.com/b/LeRnAnTa/lernanta.' })]),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        pipelineWith([card('P', 'l', { attachments: [{ url: 'https://trello.com/b/LeRnAnTa' }] })]),
      ),
    ).toEqual([]);
  });

  it('needs a configured and readable pipeline', () => {
    expect(evaluate(undefined)).toEqual([]);
    expect(evaluate(pipelineWith([]), defaultSettings())).toEqual([]);
  });
});
