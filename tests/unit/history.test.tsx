// Process health over time: one record per weekly call, a year at most, malformed storage ignored.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HistoryChart } from '../../components/popup/HistoryChart';
import { HISTORY_MAX, readHistory, recordCall } from '../../utils/process/history';

const WEEK = 7 * 24 * 60 * 60 * 1000;
const CALL = Date.parse('2026-12-03T15:00:00Z');
const record = (week: number, problems: number) => ({
  callAt: CALL + week * WEEK,
  counts: { 'pr.reviews': problems },
  problems,
});

describe('the process history', () => {
  it('keeps one record per call: a later refresh before the same call replaces it', () => {
    let history = recordCall([], record(0, 5));
    history = recordCall(history, record(0, 3));
    history = recordCall(history, record(1, 4));
    expect(history).toEqual([record(0, 3), record(1, 4)]);
  });

  it('keeps at most a year of calls, the newest', () => {
    let history = [] as ReturnType<typeof recordCall>;
    for (let week = 0; week < HISTORY_MAX + 5; week++)
      history = recordCall(history, record(week, week));
    expect(history).toHaveLength(HISTORY_MAX);
    expect(history[0]?.callAt).toBe(CALL + 5 * WEEK);
    expect(history.at(-1)?.problems).toBe(HISTORY_MAX + 4);
  });

  it('ignores what storage holds when it is not a list of records', () => {
    expect(readHistory(undefined)).toEqual([]);
    expect(readHistory({ callAt: 1 })).toEqual([]);
    expect(readHistory([record(0, 2), { callAt: 'x', problems: 1, counts: {} }, null])).toEqual([
      record(0, 2),
    ]);
  });

  it('draws one bar per call, as tall as its problems, with the counts by rule in its title', () => {
    const { container } = render(
      <HistoryChart history={[record(0, 2), record(1, 4), record(2, 1)]} />,
    );
    const bars = [...container.querySelectorAll('[data-process-history] svg rect')];
    expect(bars.map((b) => b.getAttribute('data-problems'))).toEqual(['2', '4', '1']);
    expect(bars.map((b) => Number(b.getAttribute('height')))).toEqual([24, 48, 12]);
    expect(bars[1]?.querySelector('title')?.textContent).toBe(
      'Thu 10 Dec 2026: 4 to look at (PRs waiting for review 4)',
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain(
      '2 going into the call of Thu 3 Dec 2026, 1 going into the call of Thu 17 Dec 2026',
    );
  });
});
