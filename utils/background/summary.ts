/**
 * The popup's status summary and the toolbar badge: every watched board and the pipeline read
 * through the token path (cached snapshots), the rules run, the call agenda built. The last
 * summary is kept, so the popup works offline with the last known state.
 */
import { browser } from 'wxt/browser';
import { type Agenda, buildAgenda } from '../process/agenda';
import { nextCall, previousCall } from '../process/call-schedule';
import {
  type Finding,
  isProblem,
  SEVERITY_ORDER,
  type Severity,
  worstSeverity,
} from '../process/findings';
import type { MyDay } from '../process/my-day';
import { evaluateBoard } from '../process/rules';
import type { Settings } from '../process/settings';
import type { Result } from '../result';
import type { BoardSnapshot } from '../trello/snapshot';

export const LAST_SUMMARY_KEY = 'lastSummary';
export const REFRESH_ALARM = 'process-lens-refresh';
/** How often the badge refreshes by itself (issue 6: every 15 minutes, within the API budgets). */
export const REFRESH_MINUTES = 15;

/**
 * The periodic refresh alarm, created only when it is missing (or has another period): the
 * worker starts often, and re-creating the alarm each time would push the next refresh out.
 */
export async function ensureRefreshAlarm(): Promise<void> {
  const existing = await browser.alarms.get(REFRESH_ALARM);
  if (existing?.periodInMinutes === REFRESH_MINUTES) return;
  await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
}

export interface ProjectSummary {
  board: string;
  name: string;
  /** Findings that are warn or error, worst first (at most 5). */
  worst: { rule: string; severity: Severity; title: string; link: string }[];
  problems: number;
  error?: string;
}

export interface StatusSummary {
  asOf: number;
  /** Set when the summary cannot be made yet: what to set up. */
  setup?: 'connect-trello' | 'choose-boards';
  projects: ProjectSummary[];
  /** Warn and error findings by rule, over every project and the pipeline. */
  counts: Record<string, number>;
  problems: number;
  worst: Severity;
  nextCallAt: number;
  agenda?: Agenda;
  myDay?: MyDay;
  push?: Finding;
}

type ReadBoard = (board: string, attachments: boolean) => Promise<Result<BoardSnapshot>>;
/** Review status of the pull requests a board's cards link (empty without GitHub). */
type PullFindings = (snapshot: BoardSnapshot) => Promise<Finding[]>;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2, ok: 3 };

function linkFor(finding: Finding): string {
  return finding.anchor.kind === 'card'
    ? `https://trello.com/c/${finding.anchor.card}`
    : `https://trello.com/b/${finding.subject}`;
}

export async function computeSummary(
  settings: Settings,
  connected: boolean,
  read: ReadBoard,
  now: number,
  pullFindings: PullFindings = async () => [],
): Promise<StatusSummary> {
  const call = settings.process.techCall;
  const base = {
    asOf: now,
    projects: [],
    counts: {},
    problems: 0,
    worst: 'ok' as Severity,
    nextCallAt: nextCall(now, call),
  };
  if (!connected) return { ...base, setup: 'connect-trello' };
  const boards = [
    ...new Set([...settings.trello.boards, ...Object.values(settings.github.boardForRepo)]),
  ];
  const pipelineBoard = settings.trello.pipelineBoard;
  if (boards.length === 0 && !pipelineBoard) return { ...base, setup: 'choose-boards' };

  const pipeline = pipelineBoard ? await read(pipelineBoard, true) : undefined;
  const pipelineSnapshot = pipeline?.ok ? pipeline.value : undefined;
  const pipelineFindings = pipelineSnapshot
    ? evaluateBoard({ board: pipelineSnapshot, settings, now })
    : [];
  const projects: ProjectSummary[] = [];
  const agendaProjects: { board: BoardSnapshot; findings: Finding[] }[] = [];
  const all: Finding[] = [...pipelineFindings];
  for (const board of boards) {
    const snapshot = await read(board, false);
    if (!snapshot.ok) {
      projects.push({ board, name: board, worst: [], problems: 0, error: snapshot.error.message });
      continue;
    }
    const findings = [
      ...evaluateBoard({
        board: snapshot.value,
        pipeline: pipelineSnapshot,
        settings,
        now,
      }),
      ...(await pullFindings(snapshot.value)),
    ];
    all.push(...findings);
    agendaProjects.push({ board: snapshot.value, findings });
    projects.push(projectSummary(board, snapshot.value.name, findings));
  }
  if (pipelineBoard) {
    projects.unshift(
      pipeline?.ok
        ? projectSummary(pipelineBoard, pipeline.value.name, pipelineFindings)
        : {
            board: pipelineBoard,
            name: 'Project Pipeline',
            worst: [],
            problems: 0,
            error: pipeline?.error.message,
          },
    );
  }
  const problems = all.filter(isProblem);
  const counts: Record<string, number> = {};
  for (const finding of problems) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
  const callAt = nextCall(now, call);
  return {
    ...base,
    projects,
    counts,
    problems: problems.length,
    worst: worstSeverity(all),
    agenda: buildAgenda(
      agendaProjects,
      pipelineSnapshot && { board: pipelineSnapshot, findings: pipelineFindings },
      callAt,
      previousCall(now, call),
      call,
    ),
  };
}

function projectSummary(board: string, name: string, findings: readonly Finding[]): ProjectSummary {
  const problems = findings
    .filter(isProblem)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return {
    board,
    name,
    problems: problems.length,
    worst: problems
      .slice(0, 5)
      .map((f) => ({ rule: f.rule, severity: f.severity, title: f.title, link: linkFor(f) })),
  };
}

const BADGE_COLOURS: Record<Severity, string> = {
  ok: '#1f845a',
  info: '#0c66e4',
  warn: '#b38600',
  error: '#c9372c',
};

/** Adds "my day" and `push.overdue` (counted like any finding) to a summary. */
export function withMyDay(
  summary: StatusSummary,
  myDay: MyDay,
  push: Finding | undefined,
): StatusSummary {
  if (!push || !isProblem(push)) return { ...summary, myDay, push };
  return {
    ...summary,
    myDay,
    push,
    counts: { ...summary.counts, [push.rule]: (summary.counts[push.rule] ?? 0) + 1 },
    problems: summary.problems + 1,
    worst:
      SEVERITY_ORDER.indexOf(push.severity) > SEVERITY_ORDER.indexOf(summary.worst)
        ? push.severity
        : summary.worst,
  };
}

/** The toolbar badge: the count of warn and error findings, coloured by the worst. */
export async function showBadge(summary: StatusSummary): Promise<void> {
  const text = summary.setup
    ? ''
    : summary.problems > 999
      ? '999+'
      : summary.problems
        ? String(summary.problems)
        : '';
  await browser.action.setBadgeText({ text });
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOURS[summary.worst] });
}
