import { describe, expect, it } from 'vitest';
import { isFirstCallOfMonth, nextCall, previousCall } from '../../utils/process/call-schedule';
import { lastReviewAt, REVIEW_CARD_NAME } from '../../utils/process/pipeline-review';
import { PIPELINE_RULES } from '../../utils/process/rules';
import { pipelineDeadlineTooFar } from '../../utils/process/rules/pipeline-deadline-too-far';
import { pipelineNoBoard } from '../../utils/process/rules/pipeline-no-board';
import { pipelineNoDeadline } from '../../utils/process/rules/pipeline-no-deadline';
import { pipelineOverdue } from '../../utils/process/rules/pipeline-overdue';
import { pipelineReviewDue } from '../../utils/process/rules/pipeline-review-due';
import { pipelineStale } from '../../utils/process/rules/pipeline-stale';
import { defaultSettings } from '../../utils/process/settings';
import { board, card, comment, DAY, list, NOW } from '../fixtures/boards';

const settings = defaultSettings();
const upcoming = list('Upcoming');
const done = list('Done');
const iso = (ms: number) => new Date(ms).toISOString();
const linked = { desc: 'https://trello.com/b/LeRnAnTa/x', dateLastActivity: iso(NOW) };
const pipeline = (cards: ReturnType<typeof card>[], events = [] as ReturnType<typeof comment>[]) =>
  board([upcoming, done], cards, { name: 'Project Pipeline', shortLink: 'PiPeLiNe', events });
const titles = (rule: typeof pipelineStale, cards: ReturnType<typeof card>[], now = NOW) =>
  rule.evaluate({ board: pipeline(cards), settings, now }).map((f) => f.title);

describe('pipeline card rules', () => {
  it('pipeline.no-deadline fires without a due date, not on finished projects', () => {
    expect(titles(pipelineNoDeadline, [card('A', upcoming.id, linked)])).toEqual(['No deadline']);
    expect(titles(pipelineNoDeadline, [card('B', done.id, linked)])).toEqual([]);
  });

  it('pipeline.deadline-too-far fires past the horizon, exactly at it does not', () => {
    expect(
      titles(pipelineDeadlineTooFar, [card('At', upcoming.id, { due: iso(NOW + 56 * DAY) })]),
    ).toEqual([]);
    expect(
      titles(pipelineDeadlineTooFar, [card('Past', upcoming.id, { due: iso(NOW + 56 * DAY + 1) })]),
    ).toEqual(['Deadline in 56 days: too far']);
    const [finding] = pipelineDeadlineTooFar.evaluate({
      board: pipeline([card('Far', upcoming.id, { due: iso(NOW + 140 * DAY) })]),
      settings,
      now: NOW,
    });
    expect(finding?.advice).toContain('Divide it into smaller projects');
  });

  it('pipeline.overdue fires past due unless complete', () => {
    expect(
      titles(pipelineOverdue, [card('Late', upcoming.id, { due: iso(NOW - 3 * DAY - 1) })]),
    ).toEqual(['Overdue by 3 days']);
    expect(titles(pipelineOverdue, [card('Now', upcoming.id, { due: iso(NOW) })])).toEqual([]);
    expect(
      titles(pipelineOverdue, [
        card('Done', upcoming.id, { due: iso(NOW - DAY), dueComplete: true }),
      ]),
    ).toEqual([]);
    const [finding] = pipelineOverdue.evaluate({
      board: pipeline([card('L', upcoming.id, { due: iso(NOW - 2 * DAY) })]),
      settings,
      now: NOW,
    });
    expect(finding?.severity).toBe('error');
  });

  it('names the deadline’s day in the reader’s own time zone', () => {
    const due = '2026-11-20T03:00:00Z'; // Thursday evening in Los Angeles, Friday in Berlin
    const message = (zone: string) => {
      const saved = process.env.TZ;
      process.env.TZ = zone;
      try {
        return pipelineOverdue.evaluate({
          board: pipeline([card('L', upcoming.id, { due })]),
          settings,
          now: NOW,
        })[0]?.message;
      } finally {
        process.env.TZ = saved;
      }
    };
    expect(message('America/Los_Angeles')).toContain('Thu 19 Nov 2026');
    expect(message('Europe/Berlin')).toContain('Fri 20 Nov 2026');
  });

  it('pipeline.no-board needs an attachment or a trello.com/b/ link', () => {
    expect(
      titles(pipelineNoBoard, [
        card('None', upcoming.id, { desc: 'see https://trello.com/c/AbCd1234' }),
      ]),
    ).toEqual(['No project board']);
    expect(titles(pipelineNoBoard, [card('Desc', upcoming.id, linked)])).toEqual([]);
    expect(
      titles(pipelineNoBoard, [
        card('Att', upcoming.id, { attachments: [{ url: 'https://trello.com/b/AbCd1234/x' }] }),
      ]),
    ).toEqual([]);
  });

  it('pipeline.stale fires after the stale window; a recorded review counts as an update', () => {
    const old = card('Old', upcoming.id, { dateLastActivity: iso(NOW - 31 * DAY) });
    const recent = card('Recent', upcoming.id, { dateLastActivity: iso(NOW - 31 * DAY + 1) });
    expect(titles(pipelineStale, [old, recent])).toEqual(['Not updated for 31 days']);
    const reviewCard = card(REVIEW_CARD_NAME, upcoming.id);
    const reviewed = pipeline(
      [old, reviewCard],
      [comment(reviewCard.id, 'Pipeline reviewed', NOW - 2 * DAY)],
    );
    expect(pipelineStale.evaluate({ board: reviewed, settings, now: NOW })).toEqual([]);
  });

  it('null dateLastActivity falls back to the card’s creation time', () => {
    expect(titles(pipelineStale, [card('Null', upcoming.id, { dateLastActivity: null })])).toEqual([
      'Not updated for 100 days',
    ]);
  });

  it('never judges the review card itself', () => {
    const all = PIPELINE_RULES.flatMap((rule) =>
      rule.evaluate({ board: pipeline([card(REVIEW_CARD_NAME, upcoming.id)]), settings, now: NOW }),
    );
    expect(all.map((f) => f.rule)).toEqual(['pipeline.recognised', 'pipeline.review-due']);
  });
});

describe('pipeline.recognised', () => {
  it('offers to save a pipeline recognised by name, and is gone once one is configured', () => {
    const [finding] =
      PIPELINE_RULES[0]?.evaluate({ board: pipeline([]), settings, now: NOW }) ?? [];
    expect(finding).toMatchObject({
      rule: 'pipeline.recognised',
      severity: 'info',
      action: 'save-pipeline-board',
    });
    const configured = defaultSettings();
    configured.trello.pipelineBoard = 'PiPeLiNe';
    expect(
      PIPELINE_RULES[0]?.evaluate({ board: pipeline([]), settings: configured, now: NOW }),
    ).toEqual([]);
  });
});

describe('pipeline.review-due', () => {
  const reviewCard = card(REVIEW_CARD_NAME, upcoming.id);
  const evaluate = (lastReview: number | undefined, now: number) =>
    pipelineReviewDue.evaluate({
      board: pipeline(
        [reviewCard],
        lastReview === undefined ? [] : [comment(reviewCard.id, 'Pipeline reviewed', lastReview)],
      ),
      settings,
      now,
    })[0];

  it('is due when no review was ever recorded, with the mark-reviewed action', () => {
    expect(evaluate(undefined, NOW)).toMatchObject({
      severity: 'warn',
      action: 'mark-pipeline-reviewed',
      subject: 'PiPeLiNe',
    });
  });

  it('is due more than 31 days after the last review, not at exactly 31', () => {
    const mid = Date.parse('2026-11-12T12:00:00Z'); // next call 19 Nov: not the first of a month
    expect(evaluate(mid - 31 * DAY, mid)?.severity).toBe('ok');
    expect(evaluate(mid - 31 * DAY - 1, mid)?.severity).toBe('warn');
  });

  it('is due before the first call of the month until reviewed that month', () => {
    const beforeFirstCall = Date.parse('2026-11-30T12:00:00Z'); // next call: Thu 3 Dec 2026
    expect(evaluate(beforeFirstCall - 5 * DAY, beforeFirstCall)?.severity).toBe('warn');
    const reviewedInDecember = Date.parse('2026-12-03T15:30:00Z');
    expect(evaluate(reviewedInDecember, reviewedInDecember + 1000)?.severity).toBe('ok');
  });

  it('counts a review recorded since the last call for the coming first call of the month', () => {
    const beforeFirstCall = Date.parse('2026-11-30T12:00:00Z'); // last call Thu 26 Nov 15:00 UTC
    expect(evaluate(Date.parse('2026-11-26T15:00:00Z'), beforeFirstCall)?.severity).toBe('ok');
    expect(evaluate(Date.parse('2026-11-26T14:59:00Z'), beforeFirstCall)?.severity).toBe('warn');
    expect(evaluate(beforeFirstCall - 1000, beforeFirstCall)?.message).toContain(
      'That covers the first call of the month',
    );
  });

  it('reads the last review from the newest comment on the review card', () => {
    const snapshot = pipeline(
      [reviewCard],
      [comment(reviewCard.id, 'a', NOW - 5 * DAY), comment(reviewCard.id, 'b', NOW - DAY)],
    );
    expect(lastReviewAt(snapshot)).toBe(NOW - DAY);
    expect(lastReviewAt(pipeline([]))).toBeUndefined();
  });
});

describe('the weekly call', () => {
  const call = settings.process.techCall; // Thursday 07:00 America/Los_Angeles

  it('is Thursday 07:00 Pacific: 15:00 UTC in winter (PST), 14:00 UTC in summer (PDT)', () => {
    expect(new Date(nextCall(Date.parse('2026-11-25T12:00:00Z'), call)).toISOString()).toBe(
      '2026-11-26T15:00:00.000Z',
    );
    expect(new Date(nextCall(Date.parse('2026-07-01T12:00:00Z'), call)).toISOString()).toBe(
      '2026-07-02T14:00:00.000Z',
    );
  });

  it('crosses the daylight-saving changes (8 Mar and 1 Nov 2026) at 07:00 local', () => {
    expect(new Date(nextCall(Date.parse('2026-03-06T00:00:00Z'), call)).toISOString()).toBe(
      '2026-03-12T14:00:00.000Z',
    );
    expect(new Date(nextCall(Date.parse('2026-10-30T00:00:00Z'), call)).toISOString()).toBe(
      '2026-11-05T15:00:00.000Z',
    );
  });

  it('counts the call starting right now as the next one, and a week back as the previous', () => {
    const at = Date.parse('2026-11-26T15:00:00Z');
    expect(nextCall(at, call)).toBe(at);
    expect(new Date(nextCall(at + 1, call)).toISOString()).toBe('2026-12-03T15:00:00.000Z');
    expect(new Date(previousCall(at + 1, call)).toISOString()).toBe('2026-11-26T15:00:00.000Z');
  });

  it('knows the first call of a month in the call’s own time zone', () => {
    // Thu 3 Dec 07:00 Pacific is the first call of December.
    expect(isFirstCallOfMonth(Date.parse('2026-12-03T15:00:00Z'), call)).toBe(true);
    expect(isFirstCallOfMonth(Date.parse('2026-12-10T15:00:00Z'), call)).toBe(false);
    // 1 Oct 2026 is a Thursday; 00:30 UTC on 1 Oct is still 30 Sep in Los Angeles.
    expect(isFirstCallOfMonth(Date.parse('2026-10-01T00:30:00Z'), call)).toBe(false);
  });
});

describe('the weekly call in the reader’s own time zone', () => {
  const call = defaultSettings().process.techCall;
  const inBerlin = (ms: number) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(ms);

  it('moves for a Berlin reader while only one side has changed its clocks', () => {
    // Europe leaves summer time on 25 Oct 2026, the US on 1 Nov: for one week the gap is 8 hours, not 9.
    expect(inBerlin(nextCall(Date.parse('2026-10-20T00:00:00Z'), call))).toBe('Thu 16:00');
    expect(inBerlin(nextCall(Date.parse('2026-10-27T00:00:00Z'), call))).toBe('Thu 15:00');
    expect(inBerlin(nextCall(Date.parse('2026-11-03T00:00:00Z'), call))).toBe('Thu 16:00');
  });

  it('follows a call set in another zone', () => {
    const berlinCall = { weekday: 2, time: '09:30', timeZone: 'Europe/Berlin' };
    expect(new Date(nextCall(Date.parse('2026-07-01T00:00:00Z'), berlinCall)).toISOString()).toBe(
      '2026-07-07T07:30:00.000Z',
    );
    expect(new Date(nextCall(Date.parse('2026-12-01T00:00:00Z'), berlinCall)).toISOString()).toBe(
      '2026-12-01T08:30:00.000Z',
    );
  });
});
