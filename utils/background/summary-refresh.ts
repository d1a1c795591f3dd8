/**
 * Refreshing the popup's status summary and the toolbar badge: every watched board and the
 * pipeline read through the token path (cached snapshots), "my day" gathered, the result stored
 * (the popup works offline with the last known state) and shown on the badge, every 15 minutes.
 */
import { browser } from 'wxt/browser';
import type { GitHubClient } from '../github/client';
import { readPullStatuses } from '../github/data';
import { subjectOf } from '../github/snapshot';
import type { ResponseMap } from '../messages';
import { previousCall } from '../process/call-schedule';
import type { Severity } from '../process/findings';
import { HISTORY_KEY, readHistory, recordCall } from '../process/history';
import { countReviews } from '../process/reviews';
import { type CardPull, cardPullFindings, cardPulls } from '../process/rules/card-pull';
import type { Settings } from '../process/settings';
import { isWatchedRepo, watchedRepos } from '../process/team-pulls';
import { ok, type Result } from '../result';
import type { TrelloClient } from '../trello/client';
import type { BoardSnapshot, TrelloMember } from '../trello/snapshot';
import { gatherMyDay } from './my-day';
import type { Services } from './services';
import {
  computeSummary,
  LAST_SUMMARY_KEY,
  type StatusSummary,
  type TeamSummary,
  watchedBoards,
  withMyDay,
} from './summary';
import { readTeamIssues } from './team-issues';
import { mergedSince, readTeamPulls } from './team-pulls';

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

/** Reads everything, stores the summary as the last known state and shows it on the badge. */
export async function refreshSummary(services: Services): Promise<ResponseMap['status.summary']> {
  const [trello, github] = await Promise.all([services.trello(), services.github()]);
  const { settings, client } = trello;
  // Each board once per refresh: the summary and "my day" share the reads, failed ones too. A
  // repository's board is read with its attachments: a card links its PR there (as on the PR page).
  const repoBoards = new Set(Object.values(settings.github.boardForRepo));
  const reads = new Map<string, Promise<Result<BoardSnapshot>>>();
  const read = (board: string, asked: boolean) => {
    const attachments = asked || repoBoards.has(board);
    const key = `${board}${attachments ? '+attachments' : ''}`;
    const pending = reads.get(key) ?? services.readBoard(board, { attachments, client });
    reads.set(key, pending);
    return pending;
  };
  // The pull requests of the watched repositories are read once, for every count
  // (docs/architecture.md, "Background services"); a card's PR elsewhere is read on its own.
  const pullFindings = async (snapshot: BoardSnapshot, all: readonly CardPull[]) => {
    const required = settings.process.requiredApprovals;
    const links = all.filter(({ pull }) => !isWatchedRepo(settings, pull.owner, pull.repo));
    const pulls = links.map((link) => link.pull);
    const statuses = await readPullStatuses(
      github.client,
      pulls,
      required,
      countReviews,
      services.now,
    );
    return cardPullFindings(snapshot.shortLink, links, statuses);
  };
  const previous = (await browser.storage.local.get(LAST_SUMMARY_KEY))[LAST_SUMMARY_KEY] as
    | StatusSummary
    | undefined;
  const now = services.now();
  const team =
    trello.connected && watchedRepos(settings).length > 0
      ? await teamPulls(github.client, settings, read, services.now, previous)
      : undefined;
  let summary = await computeSummary(
    settings,
    trello.connected,
    read,
    now,
    pullFindings,
    previous,
    team,
  );
  if (!summary.setup) {
    const boards = (await Promise.all(watchedBoards(settings).map((b) => read(b, false)))).flatMap(
      (r) => (r.ok ? [r.value] : []),
    );
    const { myDay, push } = await gatherMyDay({
      settings,
      boards,
      trelloMe: await trelloMe(client),
      github: github.connected ? github.client : undefined,
      teamPulls: team?.pulls,
      now: services.now(),
    });
    // With a token, GitHub always says when the user last pushed, unless it could not be read.
    const githubFailed = github.connected && push === undefined;
    summary = withMyDay(summary, myDay, push, previous, githubFailed);
  }
  await browser.storage.local.set({ [LAST_SUMMARY_KEY]: summary });
  if (!summary.setup) await recordHistory(summary);
  await showBadge(summary);
  return ok(summary);
}

/**
 * Every open pull request of the watched repositories, with the cards of the watched boards, and
 * their open issues that look too big for an issue.
 */
async function teamPulls(
  client: GitHubClient,
  settings: Settings,
  read: (board: string, attachments: boolean) => Promise<Result<BoardSnapshot>>,
  now: () => number,
  previous: StatusSummary | undefined,
): Promise<TeamSummary> {
  // In the summary's order, one at a time (the pipeline, then each board): a rate limit met on one
  // board leaves the same boards unread as the summary alone would.
  const { pipelineBoard } = settings.trello;
  if (pipelineBoard) await read(pipelineBoard, true);
  const boards: Result<BoardSnapshot>[] = [];
  for (const board of watchedBoards(settings)) boards.push(await read(board, false));
  const cards = new Map<string, string>();
  for (const board of boards) {
    if (!board.ok) continue;
    for (const { card, pull } of cardPulls(board.value, Number.POSITIVE_INFINITY))
      cards.set(subjectOf(pull).toLowerCase(), card);
  }
  // The issues list first: it also says how many comments each pull request has.
  const { issues, pullComments } = await readTeamIssues(
    client,
    settings,
    now,
    previous?.team?.issues,
  );
  const { pulls, failed } = await readTeamPulls({
    client,
    settings,
    boardCard: (subject) => cards.get(subject),
    boardsRead: boards.every((b) => b.ok),
    commentCount: (subject) => pullComments.get(subject),
    now,
    previous: previous?.team?.pulls,
  });
  const merged = await mergedSince(client, {
    before: previous?.team?.pulls ?? [],
    open: pulls,
    failedRepos: failed.map((f) => f.repo),
    merged: previous?.team?.merged ?? [],
    since: previousCall(now(), settings.process.techCall),
    now,
  });
  return {
    pulls,
    issues,
    merged,
    notRefreshed: failed.map(({ repo, error }) => ({ repo, reason: error.message })),
  };
}

/** The counts going into the next call, as its record in the process history. */
async function recordHistory(summary: StatusSummary): Promise<void> {
  const stored = (await browser.storage.local.get(HISTORY_KEY))[HISTORY_KEY];
  const history = recordCall(readHistory(stored), {
    callAt: summary.nextCallAt,
    counts: summary.counts,
    problems: summary.problems,
  });
  await browser.storage.local.set({ [HISTORY_KEY]: history });
}

/** Who the Trello token is: asked once per browser session (members routes have a tight limit). */
async function trelloMe(client: TrelloClient): Promise<Result<TrelloMember>> {
  const cached = (await browser.storage.session.get('trello:me'))['trello:me'] as
    | TrelloMember
    | undefined;
  if (cached) return ok(cached);
  const me = await client.me();
  if (me.ok) await browser.storage.session.set({ 'trello:me': me.value });
  return me;
}

const BADGE_COLOURS: Record<Severity, string> = {
  ok: '#1f845a',
  info: '#0c66e4',
  warn: '#b38600',
  error: '#c9372c',
};

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
