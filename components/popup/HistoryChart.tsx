import type { HistoryRecord } from '../../utils/process/history';
import { SUMMARY_RULES } from '../../utils/process/rules';
import { formatDay } from '../../utils/process/time';

/** How many weekly calls the chart shows. */
const WEEKS_SHOWN = 12;
const BAR = 14;
const GAP = 6;
const HEIGHT = 48;

/**
 * Process health over the last weekly calls: one bar per call, its height the problems going into
 * that call; each bar's title says the counts by rule. Drawn in the text colour (themes apply).
 */
export function HistoryChart({ history }: { history: readonly HistoryRecord[] }) {
  const shown = history.slice(-WEEKS_SHOWN);
  if (shown.length === 0) return null;
  const highest = Math.max(1, ...shown.map((r) => r.problems));
  const width = shown.length * (BAR + GAP);
  const first = shown[0];
  const last = shown.at(-1);
  const trend =
    first && last && shown.length > 1
      ? `${first.problems} going into the call of ${formatDay(first.callAt)}, ${last.problems} going into the call of ${formatDay(last.callAt)}.`
      : `${last?.problems ?? 0} going into the call of ${formatDay(last?.callAt ?? 0)}.`;
  return (
    <section aria-label="Process health" data-process-history="">
      <h2>Process health, per weekly call</h2>
      <svg
        role="img"
        aria-label={`Things to look at per weekly call: ${trend}`}
        width={width}
        height={HEIGHT + 2}
        viewBox={`0 0 ${width} ${HEIGHT + 2}`}
      >
        {shown.map((record, i) => {
          const height = Math.max(1, Math.round((record.problems / highest) * HEIGHT));
          return (
            <rect
              key={record.callAt}
              data-call={new Date(record.callAt).toISOString()}
              data-problems={record.problems}
              x={i * (BAR + GAP)}
              y={HEIGHT + 1 - height}
              width={BAR}
              height={height}
              fill="currentColor"
            >
              <title>{barTitle(record)}</title>
            </rect>
          );
        })}
      </svg>
      <p className="asof">{trend}</p>
    </section>
  );
}

/** "Thu 3 Dec 2026: 5 to look at (PRs waiting for review 2, Stuck cards 3)". */
function barTitle(record: HistoryRecord): string {
  const parts = SUMMARY_RULES.flatMap(({ rule, name }) =>
    record.counts[rule] ? [`${name} ${record.counts[rule]}`] : [],
  );
  return `${formatDay(record.callAt)}: ${record.problems} to look at${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
