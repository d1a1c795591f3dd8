/**
 * The popup's status summary, built from board reads without effects of its own: the rules run
 * over every watched board and the pipeline, the call agenda built, the last known state kept for
 * what could not be read (summary-refresh.ts reads, stores and shows it).
 * Over 250 lines: the summary's shape and the pure functions that fill it read best together.
 */
import { type Agenda, buildAgenda, withGitHub } from '../process/agenda';
import { projectContext } from '../process/boards';
import { nextCall, previousCall } from '../process/call-schedule';
import {
  type Finding,
  isProblem,
  SEVERITY_ORDER,
  type Severity,
  worstSeverity,
} from '../process/findings';
import { findingLink } from '../process/links';
import type { MyDay } from '../process/my-day';
import { evaluateBoard } from '../process/rules';
import { type CardPull, cardPulls } from '../process/rules/card-pull';
import type { Settings } from '../process/settings';
import type { TeamIssue } from '../process/team-issues';
import {
  agendaGitHub,
  countPulls,
  type MergedPull,
  outsideProjects,
  pullsOfRepos,
  type TeamPull,
} from '../process/team-pulls';
import { clockTime } from '../process/time';
import type { AppError, Result } from '../result';
import type { BoardSnapshot } from '../trello/snapshot';

export const LAST_SUMMARY_KEY = 'lastSummary';

export interface WorstFinding {
  rule: string;
  severity: Severity;
  title: string;
  /** Opens the card or board on Trello, or the pull request or issue on GitHub. */
  link: string;
}

export interface ProjectSummary {
  board: string;
  name: string;
  /** Findings that are warn or error, worst first (at most 5). */
  worst: WorstFinding[];
  problems: number;
  /** Warn and error findings by rule. */
  counts: Record<string, number>;
  /** The worst severity of all the project's findings. */
  severity: Severity;
  /** When this project's data was read. */
  asOf: number;
  /** The last refresh failed (why): what is shown is the last known state, as of `asOf`. */
  notRefreshed?: string;
  /** Nothing is known: the board could not be read, and was never read before. */
  error?: string;
  /** The project's card on the Project Pipeline, when one links the board. */
  pipelineCard?: { name: string; shortLink: string };
  /** The repositories whose work goes to this board (`github.boardForRepo`). */
  repos?: string[];
  /** The part of `counts` (and `problems`) that comes from its repositories' pull requests. */
  pullCounts?: Record<string, number>;
}

/** Every open pull request of the watched repositories (see utils/process/team-pulls.ts). */
export interface TeamSummary {
  pulls: TeamPull[];
  /** Open issues that `issue.needs-card` flags: to move to a card. */
  issues: TeamIssue[];
  /** Pull requests merged since the last call (seen open before, then merged). */
  merged: MergedPull[];
  /** Repositories that could not be read now, and why: their pull requests are the last known. */
  notRefreshed: { repo: string; reason: string }[];
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
  team?: TeamSummary;
}

/** The project boards: the watched ones and the repositories' boards, each once. */
export function watchedBoards(settings: Settings): string[] {
  return [...new Set([...settings.trello.boards, ...Object.values(settings.github.boardForRepo)])];
}

type ReadBoard = (board: string, attachments: boolean) => Promise<Result<BoardSnapshot>>;
/** Review status of the pull requests a board's cards link (empty without GitHub). */
type PullFindings = (snapshot: BoardSnapshot, links: readonly CardPull[]) => Promise<Finding[]>;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2, ok: 3 };

/** Why a board was not refreshed, and when asking again makes sense. */
function failedRead(error: AppError): string {
  const reason = error.message.replace(/\.$/, '');
  return error.retryAt ? `${reason}; try again after ${clockTime(error.retryAt, true)}` : reason;
}

const moreSevere = (a: Severity, b: Severity): Severity =>
  SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b;

/**
 * Runs the rules over the pipeline and every watched board. A board that cannot be read keeps
 * its last known state from `previous` (marked "not refreshed"), so a failed read never makes
 * the team look better than it is.
 */
export async function computeSummary(
  settings: Settings,
  connected: boolean,
  read: ReadBoard,
  now: number,
  pullFindings: PullFindings = async () => [],
  previous?: StatusSummary,
  team?: TeamSummary,
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
  const boards = watchedBoards(settings);
  const pipelineBoard = settings.trello.pipelineBoard;
  if (boards.length === 0 && !pipelineBoard) return { ...base, setup: 'choose-boards' };

  /** The board's summary from the last refresh that read it, marked with why this one failed. */
  const lastKnown = (board: string, reason: string, name: string): ProjectSummary => {
    const found = previous?.projects.find((p) => p.board === board && !p.error);
    const kept = found && withoutPulls(found);
    return kept
      ? {
          ...kept,
          // A summary stored by an older version may lack these.
          counts: kept.counts ?? {},
          severity: kept.severity ?? 'ok',
          asOf: kept.asOf ?? previous?.asOf ?? now,
          notRefreshed: reason,
        }
      : {
          board,
          name,
          worst: [],
          problems: 0,
          counts: {},
          severity: 'ok',
          asOf: now,
          error: reason,
        };
  };

  const pipeline = pipelineBoard ? await read(pipelineBoard, true) : undefined;
  const pipelineSnapshot = pipeline?.ok ? pipeline.value : undefined;
  const pipelineFindings = pipelineSnapshot
    ? evaluateBoard({ board: pipelineSnapshot, settings, now })
    : [];
  const projects: ProjectSummary[] = [];
  if (pipelineBoard) {
    projects.push(
      pipeline?.ok
        ? projectSummary(pipeline.value, pipelineFindings, now)
        : lastKnown(pipelineBoard, pipeline ? failedRead(pipeline.error) : '', 'Project Pipeline'),
    );
  }
  const agendaProjects: { board: BoardSnapshot; findings: Finding[] }[] = [];
  for (const board of boards) {
    const snapshot = await read(board, false);
    if (!snapshot.ok) {
      projects.push(lastKnown(board, failedRead(snapshot.error), board));
      continue;
    }
    const links = cardPulls(snapshot.value);
    const findings = [
      ...evaluateBoard({
        board: snapshot.value,
        pipeline: pipelineSnapshot,
        settings,
        now,
      }),
      ...(await pullFindings(snapshot.value, links)),
    ];
    agendaProjects.push({ board: snapshot.value, findings });
    projects.push(projectSummary(snapshot.value, findings, now, links));
  }
  // Each project board with its pipeline card and repositories (pipeline card → board → repo).
  // Without a fresh pipeline, a board keeps the card its last known state had.
  for (const [i, project] of projects.entries()) {
    if (project.board === pipelineBoard) continue;
    const { pipelineCard, repos } = projectContext(project.board, pipelineSnapshot, settings);
    const { pipelineCard: known, ...rest } = project;
    const card = pipelineSnapshot ? pipelineCard : known;
    const pulls = pullsOfRepos(team?.pulls ?? [], repos);
    projects[i] = withPulls(
      { ...rest, repos, ...(card ? { pipelineCard: card } : {}) },
      countPulls(pulls),
    );
  }
  // The pull requests of watched repositories mapped to no project board count for the team.
  const otherCounts = countPulls(outsideProjects(team?.pulls ?? [], projects));
  const counts: Record<string, number> = {};
  for (const source of [...projects.map((p) => p.counts), otherCounts]) {
    for (const [rule, n] of Object.entries(source)) counts[rule] = (counts[rule] ?? 0) + n;
  }
  const otherProblems = sum(otherCounts);
  const callAt = nextCall(now, call);
  const fresh = buildAgenda(
    agendaProjects,
    pipelineSnapshot && { board: pipelineSnapshot, findings: pipelineFindings },
    callAt,
    previousCall(now, call),
    call,
    settings,
  );
  // The agenda keeps the last known section of a board that could not be read; a fresh one gets
  // its repositories' pull requests and issues.
  const keptSections = previous?.agenda?.projects ?? [];
  const sections = boards.flatMap((board) => {
    const section = fresh.projects.find((s) => s.board === board);
    if (section && team) {
      const repos = projects.find((p) => p.board === board)?.repos ?? [];
      return [withGitHub(section, agendaGitHub(team, repos, now))];
    }
    const kept = section ?? keptSections.find((s) => s.board === board);
    return kept ? [kept] : [];
  });
  const others = team && agendaGitHub(team, outsideRepos(team, projects), now);
  if (others && (others.merged.length || others.waiting.length || others.discuss.length))
    sections.push(
      withGitHub(
        { board: '', title: 'Other watched repositories', progress: [], plans: [], problems: [] },
        others,
      ),
    );
  const pipelineReview =
    pipelineSnapshot || previous?.agenda?.callAt !== callAt
      ? fresh.pipelineReview
      : previous.agenda.pipelineReview;
  return {
    ...base,
    projects,
    counts,
    problems: projects.reduce((total, p) => total + p.problems, otherProblems),
    worst: projects.reduce<Severity>(
      (worst, p) => moreSevere(p.severity, worst),
      otherProblems ? 'warn' : 'ok',
    ),
    agenda: { ...fresh, projects: sections, ...(pipelineReview ? { pipelineReview } : {}) },
    ...(team ? { team } : {}),
  };
}

/** The watched repositories with pull requests or issues that no project's board is mapped to. */
function outsideRepos(team: TeamSummary, projects: readonly ProjectSummary[]): string[] {
  const items = [...team.pulls, ...team.merged, ...team.issues];
  return [...new Set(outsideProjects(items, projects).map((i) => `${i.owner}/${i.repo}`))];
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** A project with its repositories' pull-request problems added to its counts. */
function withPulls(project: ProjectSummary, pullCounts: Record<string, number>): ProjectSummary {
  const added = sum(pullCounts);
  if (added === 0) return project;
  const counts = { ...project.counts };
  for (const [rule, n] of Object.entries(pullCounts)) counts[rule] = (counts[rule] ?? 0) + n;
  return {
    ...project,
    counts,
    pullCounts,
    problems: project.problems + added,
    severity: moreSevere(project.severity, 'warn'),
  };
}

/** A project as its board alone had it: its last known state, before this refresh's pulls. */
function withoutPulls(project: ProjectSummary): ProjectSummary {
  const { pullCounts = {}, ...rest } = project;
  const counts = { ...(rest.counts ?? {}) };
  for (const [rule, n] of Object.entries(pullCounts)) {
    counts[rule] = (counts[rule] ?? 0) - n;
    if (counts[rule] <= 0) delete counts[rule];
  }
  return { ...rest, counts, problems: rest.problems - sum(pullCounts) };
}

function projectSummary(
  snapshot: BoardSnapshot,
  findings: readonly Finding[],
  now: number,
  links: readonly CardPull[] = [],
): ProjectSummary {
  const problems = findings
    .filter(isProblem)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const counts: Record<string, number> = {};
  for (const finding of problems) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
  const pulls = new Map(links.map(({ card, pull }) => [card, pull]));
  return {
    board: snapshot.shortLink,
    name: snapshot.name,
    problems: problems.length,
    counts,
    severity: worstSeverity(findings),
    asOf: snapshot.fetchedAt ?? now,
    worst: problems.slice(0, 5).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      link: findingLink(f, pulls.get(f.subject)),
    })),
  };
}

/**
 * Adds "my day" and `push.overdue` (counted like any finding) to a summary. What could not be
 * read keeps its last known state from `previous`: my cards on boards that were not refreshed,
 * and, when GitHub could not be asked (`githubFailed`), my pull requests, reviews and last push.
 */
export function withMyDay(
  summary: StatusSummary,
  fresh: MyDay,
  freshPush: Finding | undefined,
  previous?: StatusSummary,
  githubFailed = false,
): StatusSummary {
  const last = previous?.myDay;
  const notRefreshed = new Set(summary.projects.filter((p) => p.notRefreshed).map((p) => p.name));
  const keepGitHub = githubFailed && last !== undefined;
  const myDay: MyDay = {
    ...fresh,
    cards: [...fresh.cards, ...(last?.cards ?? []).filter((c) => notRefreshed.has(c.board))],
    ...(keepGitHub
      ? {
          pulls: last.pulls,
          reviews: last.reviews,
          lastPushAt: last.lastPushAt,
          githubNote: `Not refreshed (${fresh.githubNote ?? 'GitHub could not be read'}): the last known state.`,
        }
      : {}),
  };
  const push = freshPush ?? (githubFailed ? previous?.push : undefined);
  if (!push || !isProblem(push)) return { ...summary, myDay, push };
  return {
    ...summary,
    myDay,
    push,
    counts: { ...summary.counts, [push.rule]: (summary.counts[push.rule] ?? 0) + 1 },
    problems: summary.problems + 1,
    worst: moreSevere(push.severity, summary.worst),
  };
}
