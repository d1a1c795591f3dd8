// Part 1: the pure rules on synthetic boards of growing size (see index.ts for what the figures mean).

import { cardPulls } from '../../utils/process/rules/card-pull.ts';
import { evaluateBoard } from '../../utils/process/rules/index.ts';
import { parseSnapshot, snapshotJson, syntheticWorkspace } from './boards.ts';
import { BUDGETS } from './budgets.ts';
import { check, type Section } from './report.ts';
import { fmtMs, growthExponent, type Timing, table, timeIt } from './stats.ts';

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

export async function benchRules(log: (line: string) => void): Promise<Section> {
  const rows: Row[] = [
    { label: 'parse both answers (valibot)', budgeted: true, timings: [] },
    { label: 'evaluateBoard (project board + pipeline)', budgeted: true, timings: [] },
    { label: 'cardPulls (PR links on cards)', budgeted: true, timings: [] },
    { label: 'evaluateBoard, every action kept (stress)', budgeted: false, timings: [] },
  ];
  const sizes: SizeInfo[] = [];
  for (const cards of RULE_SIZES) {
    const workspace = syntheticWorkspace(cards);
    const json = await snapshotJson(workspace.state, workspace.project);
    const allJson = await snapshotJson(workspace.state, workspace.project, { allActions: true });
    const pipelineJson = await snapshotJson(workspace.state, workspace.pipeline, {
      attachments: true,
    });
    const board = parseSnapshot(json);
    const boardAll = parseSnapshot(allJson);
    const pipeline = parseSnapshot(pipelineJson);
    const input = { board, pipeline, settings: workspace.settings, now: workspace.state.now };
    const findings = evaluateBoard(input);
    sizes.push({
      cards,
      events: board.events.length,
      allEvents: boardAll.events.length,
      findings: findings.length,
    });
    const heavy = cards >= 20_000 ? { minRuns: 5, maxRuns: 10 } : {};
    rows[0]?.timings.push(timeIt(() => parseSnapshot(json), heavy));
    rows[1]?.timings.push(timeIt(() => evaluateBoard(input), heavy));
    rows[2]?.timings.push(timeIt(() => cardPulls(board), heavy));
    rows[3]?.timings.push(
      timeIt(() => evaluateBoard({ ...input, board: boardAll }), {
        warmup: 1,
        minRuns: 3,
        maxRuns: 5,
        minTotalMs: 0,
      }),
    );
    log(
      `  rules: ${cards} cards: evaluateBoard ${fmtMs(rows[1]?.timings.at(-1)?.medianMs)}, ` +
        `stress ${fmtMs(rows[3]?.timings.at(-1)?.medianMs)}`,
    );
  }

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
        check(`${row.label}, 5,000 cards`, ms[2] as number, BUDGETS.rules.ms5000, (n) => fmtMs(n)),
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
