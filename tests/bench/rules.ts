// Part 1: the pure rules on synthetic boards of growing size (see index.ts for what the figures mean).

import { cardPulls } from '../../utils/process/rules/card-pull.ts';
import { evaluateBoard } from '../../utils/process/rules/index.ts';
import { parseSnapshot, snapshotJson, syntheticWorkspace } from './boards.ts';
import { BUDGETS } from './budgets.ts';
import { check, type Section } from './report.ts';
import {
  collectGarbage,
  fmtMs,
  growthExponent,
  summarise,
  type Timing,
  table,
  timeIt,
} from './stats.ts';

export const RULE_SIZES = [100, 1_000, 5_000, 20_000] as const;

interface Row {
  label: string;
  /** Part of the budgets (the realistic path) or shown for information. */
  budgeted: boolean;
  timings: Timing[];
}

interface SizeInfo {
  cards: number;
  events: number;
  allEvents: number;
  findings: number;
}

/** Rounds over all sizes: a burst of load from elsewhere on the machine hits every size alike. */
const ROUNDS = 5;
const STRESS_ROUNDS = 3;

export async function benchRules(log: (line: string) => void): Promise<Section> {
  const t0 = Date.now();
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const rows: Row[] = [
    { label: 'parse both answers (valibot)', budgeted: true, timings: [] },
    { label: 'evaluateBoard (project board + pipeline)', budgeted: true, timings: [] },
    { label: 'cardPulls (PR links on cards)', budgeted: true, timings: [] },
    { label: 'evaluateBoard, every action kept (stress)', budgeted: false, timings: [] },
  ];
  const sizes: SizeInfo[] = [];
  const work: (() => unknown)[][] = [];
  for (const cards of RULE_SIZES) {
    const workspace = syntheticWorkspace(cards);
    const json = await snapshotJson(workspace.state, workspace.project);
    const pipelineJson = await snapshotJson(workspace.state, workspace.pipeline, {
      attachments: true,
    });
    const board = parseSnapshot(json);
    const pipeline = parseSnapshot(pipelineJson);
    const boardAll = parseSnapshot(
      await snapshotJson(workspace.state, workspace.project, { allActions: true }),
    );
    const input = { board, pipeline, settings: workspace.settings, now: workspace.state.now };
    sizes.push({
      cards,
      events: board.events.length,
      allEvents: boardAll.events.length,
      findings: evaluateBoard(input).length,
    });
    log(`  rules: ${cards} cards built (${since()})`);
    work.push([
      () => parseSnapshot(json),
      () => evaluateBoard(input),
      () => cardPulls(board),
      () => evaluateBoard({ ...input, board: boardAll }),
    ]);
  }
  const times = rows.map(() => RULE_SIZES.map(() => [] as number[]));
  for (let round = 0; round < ROUNDS; round++) {
    work.forEach((fns, size) => {
      collectGarbage();
      fns.forEach((fn, row) => {
        const stress = !rows[row]?.budgeted;
        if (stress && round >= STRESS_ROUNDS) return;
        const batch = stress
          ? timeIt(fn, { warmup: 0, minRuns: 1, maxRuns: 1, minTotalMs: 0, gc: false })
          : timeIt(fn, { warmup: round === 0 ? 3 : 1, minRuns: 3, minTotalMs: 60, gc: false });
        times[row]?.[size]?.push(...batch.times);
      });
    });
    log(`  rules: round ${round + 1}/${ROUNDS} (${since()})`);
  }
  rows.forEach((row, i) => {
    row.timings = (times[i] ?? []).map(summarise);
  });
  log(
    `  rules: evaluateBoard at ${RULE_SIZES.map((n, i) => `${n}: ${fmtMs(rows[1]?.timings[i]?.medianMs)}`).join(', ')}`,
  );

  const head = [
    '',
    ...RULE_SIZES.map((n) => `${n.toLocaleString('en')} cards`),
    'growth ×4 (5k→20k)',
    'ms / 1,000 cards at 20k',
  ];
  const body = rows.map((row) => {
    const ms = row.timings.map((t) => t.medianMs);
    const k = growthExponent(5_000, ms[2] as number, 20_000, ms[3] as number);
    const flag = k > BUDGETS.rules.maxGrowthExponent ? ' ⚠ worse than linear' : '';
    return [
      row.label,
      ...ms.map((m) => fmtMs(m)),
      `${((ms[3] as number) / (ms[2] as number)).toFixed(1)}× (n^${k.toFixed(2)})${flag}`,
      fmtMs((ms[3] as number) / 20),
    ];
  });
  const stepRows = rows.map((row) => {
    const ms = row.timings.map((t) => t.medianMs);
    return [
      row.label,
      ...RULE_SIZES.slice(1).map((n, i) => {
        const prev = RULE_SIZES[i] as number;
        const k = growthExponent(prev, ms[i] as number, n, ms[i + 1] as number);
        return `${((ms[i + 1] as number) / (ms[i] as number)).toFixed(1)}× (n^${k.toFixed(2)})`;
      }),
    ];
  });

  const checks = rows
    .filter((row) => row.budgeted)
    .flatMap((row) => {
      const ms = row.timings.map((t) => t.medianMs);
      const k = growthExponent(5_000, ms[2] as number, 20_000, ms[3] as number);
      return [
        check(
          `${row.label}, 5,000 cards`,
          ms[2] as number,
          BUDGETS.rules.ms5000[row.label] ?? 0,
          (n) => fmtMs(n),
        ),
        check(`${row.label}, growth 5k→20k (exponent)`, k, BUDGETS.rules.maxGrowthExponent, (n) =>
          n.toFixed(2),
        ),
      ];
    });

  const sizeTable = table(
    ['cards', 'events in snapshot (one page)', 'events, every action', 'findings'],
    sizes.map((s) => [
      s.cards.toLocaleString('en'),
      String(s.events),
      String(s.allEvents),
      String(s.findings),
    ]),
  );

  return {
    title: '1. Rules on synthetic boards',
    body: [
      'Median time per call after warm-up, in Node (`tsx`), on one project board of N cards with the',
      'six process lists, moves, comments, PR attachments and a 40-card Project Pipeline linking it.',
      'Growth exponent: log-log slope between sizes (1 = linear, 2 = quadratic); flagged above',
      `${BUDGETS.rules.maxGrowthExponent}.`,
      '',
      table(head, body),
      '',
      'Growth per step (time ratio and exponent):',
      '',
      table(['', '100→1k', '1k→5k', '5k→20k'], stepRows),
      '',
      sizeTable,
    ].join('\n'),
    checks,
  };
}
