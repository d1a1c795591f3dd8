// Small statistics and formatting helpers shared by the benchmark parts.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full garbage collection before each timed batch, so that one batch does not pay for the
// garbage of the previous one (the usual way to reach `gc` without restarting Node with a flag).
setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median of a field over runs, ignoring runs where it is missing. */
export function medianOf<T>(runs: readonly T[], pick: (run: T) => number | undefined): number {
  return median(runs.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v)));
}

export interface Timing {
  medianMs: number;
  minMs: number;
  runs: number;
  /** Every timed run (ms). */
  times: number[];
}

/**
 * Times `fn`: `warmup` untimed calls (JIT), then at least `minRuns` timed calls and until `minTotalMs`
 * is spent, at most `maxRuns`. The result of each call is kept alive so the work is not optimised away.
 */
export function timeIt(
  fn: () => unknown,
  { warmup = 3, minRuns = 7, maxRuns = 40, minTotalMs = 300, gc = true } = {},
): Timing {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn();
  if (gc) collectGarbage();
  const times: number[] = [];
  let total = 0;
  while (times.length < minRuns || (total < minTotalMs && times.length < maxRuns)) {
    const start = performance.now();
    sink = fn();
    const ms = performance.now() - start;
    times.push(ms);
    total += ms;
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return summarise(times);
}

export function summarise(times: number[]): Timing {
  return { medianMs: median(times), minMs: Math.min(...times), runs: times.length, times };
}

/** Growth exponent between two sizes: 1 = linear, 2 = quadratic (log-log slope). */
export function growthExponent(n1: number, t1: number, n2: number, t2: number): number {
  return Math.log(t2 / t1) / Math.log(n2 / n1);
}

export function fmtMs(ms: number | undefined, digits?: number): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const d = digits ?? (Math.abs(ms) < 10 ? 2 : Math.abs(ms) < 100 ? 1 : 0);
  return `${ms.toFixed(d)} ms`;
}

export function fmtBytes(bytes: number): string {
  if (Math.abs(bytes) < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (Math.abs(kb) < 1024) return `${kb.toFixed(1)} KiB`;
  return `${(kb / 1024).toFixed(2)} MiB`;
}

export function fmtRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–';
}

export function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

/** A Markdown table (also readable as plain text in a terminal). */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
