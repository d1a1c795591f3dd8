/**
 * The weekly tech call's agenda, per project, in the Progress / Plans / Problems shape: what moved
 * to Done since the last call, what is in progress and next, and what holds the project up.
 * The first call of the month adds the Project Pipeline review. Pure.
 */
import type { BoardSnapshot } from '../trello/snapshot';
import { isFirstCallOfMonth, type TechCall } from './call-schedule';
import type { Finding } from './findings';
import { boardRoles, LIST_ROLES } from './list-roles';
import { blockerLine } from './rules/card-stuck';
import { commentsOn } from './rules/cards';
import type { RuleId } from './rules/ids';
import { linkedBoards } from './rules/pipeline-links';
import type { Settings } from './settings';

export interface AgendaProject {
  board: BoardSnapshot;
  findings: readonly Finding[];
}

export interface AgendaSection {
  /** The project board's short link. */
  board: string;
  title: string;
  progress: string[];
  plans: string[];
  problems: string[];
  /** Issues of its repositories that look too big for an issue: "To discuss". */
  discuss?: string[];
}

/** What the project's repositories bring to the call (utils/process/team-pulls.ts). */
export interface AgendaGitHub {
  /** Under Progress: "Merged: #76 Faster search (@bob)". */
  merged: string[];
  /** Under Problems: "Waiting for review: #77 Polar projection (@ada-l, 3 days)". */
  waiting: string[];
  /** Under To discuss: the issues that look too big for an issue. */
  discuss: string[];
}

/** A project's section with its repositories' pull requests and issues added. */
export function withGitHub(section: AgendaSection, github: AgendaGitHub): AgendaSection {
  return {
    ...section,
    progress: [...section.progress, ...github.merged],
    problems: [...section.problems, ...github.waiting],
    ...(github.discuss.length ? { discuss: [...(section.discuss ?? []), ...github.discuss] } : {}),
  };
}

export interface Agenda {
  callAt: number;
  pipelineReview?: string[];
  projects: AgendaSection[];
}

const PLANS_FROM_NEED_TO_DO = 3;
/** Pipeline findings about a project's deadline, raised in that project's Problems. */
const DEADLINE_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'pipeline.overdue',
  'pipeline.deadline-too-far',
]);

export function buildAgenda(
  projects: readonly AgendaProject[],
  pipeline: AgendaProject | undefined,
  callAt: number,
  previousCallAt: number,
  call: TechCall,
  settings: Settings,
): Agenda {
  const sections = projects.map(({ board, findings }) =>
    projectSection(board, findings, previousCallAt, pipeline, settings),
  );
  if (!isFirstCallOfMonth(callAt, call)) return { callAt, projects: sections };
  const pipelineProblems = (pipeline?.findings ?? []).filter(
    (f) => f.severity === 'warn' || f.severity === 'error',
  );
  return {
    callAt,
    pipelineReview: [
      'Review the Project Pipeline',
      ...pipelineProblems.map((f) => (pipeline ? cardItem(pipeline.board, f) : f.title)),
    ],
    projects: sections,
  };
}

/** "Card name: finding", or the finding alone when it is about the whole board. */
function cardItem(board: BoardSnapshot, finding: Finding): string {
  const name = board.cards.find((c) => c.shortLink === finding.subject)?.name;
  return name ? `${name}: ${finding.title}` : finding.title;
}

/** "Card name: Overdue by 4 days" for the pipeline cards that link to this board. */
function deadlineProblems(board: BoardSnapshot, pipeline: AgendaProject | undefined): string[] {
  if (!pipeline) return [];
  const linking = new Set(
    pipeline.board.cards
      .filter((card) => linkedBoards(card).has(board.shortLink))
      .map((card) => card.shortLink),
  );
  return pipeline.findings
    .filter((f) => DEADLINE_RULES.has(f.rule) && linking.has(f.subject))
    .map((f) => cardItem(pipeline.board, f));
}

function projectSection(
  board: BoardSnapshot,
  findings: readonly Finding[],
  since: number,
  pipeline: AgendaProject | undefined,
  settings: Settings,
): AgendaSection {
  const roles = boardRoles(board, settings);
  const done = roles.ids(LIST_ROLES.done);
  const inProgress = roles.ids(LIST_ROLES.inProgress);
  const stuck = roles.ids(LIST_ROLES.stuck);
  const needToDo = roles.ids(LIST_ROLES.needToDo);
  const byId = new Map(board.cards.map((card) => [card.id, card]));
  const movedToDone = new Set(
    board.events
      .filter(
        (e) =>
          (e.kind === 'move' || e.kind === 'create') && e.at >= since && e.list && done.has(e.list),
      )
      .map((e) => e.card),
  );
  const progress = [...movedToDone].flatMap((id) => {
    const card = byId.get(id);
    return card && done.has(card.idList) ? [card.name] : [];
  });
  const open = board.cards.filter((c) => !c.closed);
  const plans = [
    ...open.filter((c) => inProgress.has(c.idList)).map((c) => c.name),
    ...open
      .filter((c) => needToDo.has(c.idList))
      .slice(0, PLANS_FROM_NEED_TO_DO)
      .map((c) => `Next: ${c.name}`),
  ];
  const problems = [
    ...open
      .filter((c) => stuck.has(c.idList))
      .map((c) => {
        const blocker = blockerLine(c.desc, commentsOn(board.events, c.id)[0]?.text);
        return blocker
          ? `Stuck: ${c.name} — ${blocker}`
          : `Stuck: ${c.name} — nothing says what blocks it`;
      }),
    ...findings.filter((f) => f.rule === 'card.stale-in-progress').map((f) => cardItem(board, f)),
    ...findings
      .filter((f) => f.rule === 'pr.reviews' && f.severity === 'warn')
      .map((f) => `Waiting for review: ${f.title}`),
    ...deadlineProblems(board, pipeline),
  ];
  return { board: board.shortLink, title: board.name, progress, plans, problems };
}

function list(items: string[], bullet: string): string {
  return items.length ? items.map((item) => `${bullet}${item}`).join('\n') : `${bullet}(nothing)`;
}

/** The agenda as Markdown, for the call notes on the development list. */
export function agendaMarkdown(agenda: Agenda, heading: string): string {
  const parts = [`# ${heading}`];
  if (agenda.pipelineReview)
    parts.push(`## ${agenda.pipelineReview[0]}\n${list(agenda.pipelineReview.slice(1), '- ')}`);
  for (const p of agenda.projects) {
    const discuss = p.discuss?.length ? `\n\n**To discuss**\n${list(p.discuss, '- ')}` : '';
    parts.push(
      `## ${p.title}\n**Progress**\n${list(p.progress, '- ')}\n\n**Plans**\n${list(p.plans, '- ')}\n\n**Problems**\n${list(p.problems, '- ')}${discuss}`,
    );
  }
  return parts.join('\n\n');
}

/** The same agenda as plain text (for mail clients that do not render Markdown). */
export function agendaText(agenda: Agenda, heading: string): string {
  const parts = [heading.toUpperCase()];
  if (agenda.pipelineReview)
    parts.push(`${agenda.pipelineReview[0]}\n${list(agenda.pipelineReview.slice(1), '  * ')}`);
  for (const p of agenda.projects) {
    const discuss = p.discuss?.length ? `\n To discuss:\n${list(p.discuss, '  * ')}` : '';
    parts.push(
      `${p.title}\n Progress:\n${list(p.progress, '  * ')}\n Plans:\n${list(p.plans, '  * ')}\n Problems:\n${list(p.problems, '  * ')}${discuss}`,
    );
  }
  return parts.join('\n\n');
}
