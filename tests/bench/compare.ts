// The with/without-extension comparison shared by the browser parts: alternating loads of one page
// in the two browsers, and tables of baseline, with extension, difference and ratio of the medians.

import type { BrowserContext } from 'playwright-core';
import { type LoadOptions, measureLoad, type PageRun } from './page.ts';
import { fmtBytes, fmtMs, fmtRatio, medianOf, signed, table } from './stats.ts';

export type Runs = { ext: PageRun[]; base: PageRun[] };

/**
 * One untimed load in each browser first (disk cache, code cache), then `reps` loads each, the two
 * browsers alternating so that load from other work on the machine falls on both sides alike.
 * `ext` options apply to the extension's browser (e.g. wait for a finding), `base` to the other.
 * `url` may differ per repetition (-1: the untimed one), e.g. one board per load so that each load
 * reads its board afresh instead of from the background's cache.
 */
export async function alternateLoads(
  browsers: { ext: BrowserContext; plain: BrowserContext },
  url: string | ((rep: number) => string),
  reps: number,
  options: { ext: LoadOptions; base: LoadOptions },
  onRep?: (runs: Runs, rep: number) => void,
): Promise<Runs> {
  const urlOf = typeof url === 'string' ? () => url : url;
  await measureLoad(browsers.ext, urlOf(-1), options.ext);
  await measureLoad(browsers.plain, urlOf(-1), options.base);
  const runs: Runs = { ext: [], base: [] };
  for (let i = 0; i < reps; i++) {
    runs.ext.push(await measureLoad(browsers.ext, urlOf(i), options.ext));
    runs.base.push(await measureLoad(browsers.plain, urlOf(i), options.base));
    onRep?.(runs, i);
  }
  return runs;
}

export interface Metric {
  label: string;
  pick: (run: PageRun) => number | undefined;
  fmt: (n: number) => string;
}

export const ms = (n: number) => fmtMs(n, 0);
export const mib = (n: number) => fmtBytes(n);
export const count = (n: number) => Math.round(n).toLocaleString('en');

export function tableHead(reps: number): string[] {
  return [
    `median of ${reps}`,
    'baseline (no extension)',
    'with extension',
    'extension − baseline',
    'ratio',
  ];
}

export function rows(runs: Runs, metrics: Metric[]): string[][] {
  return metrics.map(({ label, pick, fmt }) => {
    const ext = medianOf(runs.ext, pick);
    const base = medianOf(runs.base, pick);
    const hasBase = Number.isFinite(base);
    return [
      label,
      hasBase ? fmt(base) : '–',
      Number.isFinite(ext) ? fmt(ext) : '–',
      hasBase ? signed(fmt(ext - base), ext - base) : '–',
      hasBase && base !== 0 ? fmtRatio(ext / base) : '–',
    ];
  });
}

/** Extension − baseline of the medians. */
export function extra(runs: Runs, pick: (run: PageRun) => number | undefined): number {
  return medianOf(runs.ext, pick) - medianOf(runs.base, pick);
}

/** Extension ÷ baseline of the medians. */
export function ratio(runs: Runs, pick: (run: PageRun) => number | undefined): number {
  return medianOf(runs.ext, pick) / medianOf(runs.base, pick);
}

/** The extension's CPU time per load by function (or file), summed over the runs, largest first. */
export function profileTable(
  runs: readonly PageRun[],
  by: 'byFunction' | 'bySource',
  top: number,
  phase: 'extension' | 'scrollExtension' = 'extension',
): string {
  const total = new Map<string, number>();
  for (const run of runs)
    for (const [key, t] of run[phase]?.[by] ?? []) total.set(key, (total.get(key) ?? 0) + t);
  const all = [...total.values()].reduce((a, b) => a + b, 0);
  const n = runs.length || 1;
  return table(
    [
      by === 'byFunction' ? 'function  source:line' : 'source',
      phase === 'extension' ? 'ms per load' : 'ms per scroll',
      'share',
    ],
    [...total]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, t]) => [`\`${key}\``, fmtMs(t / n, 1), `${((100 * t) / all).toFixed(1)} %`]),
  );
}
