/**
 * Process health over time: one record of the counts per rule for each weekly call, at most a
 * year of them, kept in storage and never sent anywhere. The record of a call is the last state
 * seen before it, so it says how the team stood going into that call. Pure.
 */

export const HISTORY_KEY = 'processHistory';
/** A year of weekly calls. */
export const HISTORY_MAX = 53;

export interface HistoryRecord {
  /** The call this record leads into (epoch ms). */
  callAt: number;
  /** Warn and error findings by rule. */
  counts: Record<string, number>;
  problems: number;
}

/** The history with this call's record written (replacing an earlier one for the same call). */
export function recordCall(
  history: readonly HistoryRecord[],
  record: HistoryRecord,
): HistoryRecord[] {
  const others = history.filter((r) => r.callAt !== record.callAt);
  return [...others, record].sort((a, b) => a.callAt - b.callAt).slice(-HISTORY_MAX);
}

/** What storage holds under `HISTORY_KEY`, checked: anything malformed is left out. */
export function readHistory(stored: unknown): HistoryRecord[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (r): r is HistoryRecord =>
      typeof r === 'object' &&
      r !== null &&
      Number.isFinite((r as HistoryRecord).callAt) &&
      Number.isFinite((r as HistoryRecord).problems) &&
      typeof (r as HistoryRecord).counts === 'object' &&
      (r as HistoryRecord).counts !== null,
  );
}
