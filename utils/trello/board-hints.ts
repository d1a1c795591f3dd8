/**
 * The Trello adapter of the page runtime (see docs/architecture.md, "Page runtime"): the page is
 * the board on screen (also behind a card's dialog), read with the signed-in session first, checked
 * against the rules; then the review status of the pull requests its cards link. Trello-only: a
 * board Trello asked us to wait for is read again at that time, and one changed on the page is
 * read again once its data is 30 s old. Navigation is plain pushState on Trello, so
 * `wxt:locationchange` is enough.
 */

import { whenIdle } from '../dom/idle';
import type {
  ActionDone,
  PageRuntime,
  SettingsSource,
  SiteAdapter,
  SiteView,
} from '../dom/page-runtime';
import { send } from '../messaging';
import type { ChosenAction, Finding } from '../process/findings';
import { cardUrl } from '../process/links';
import { isListRole } from '../process/list-roles';
import { type CardPull, cardPullFindings } from '../process/rules/card-pull';
import { boardLoading } from '../process/rules/source-loading';
import type { Result } from '../result';
import { trelloAnchors, WATCHED } from './anchors';
import { type BoardViewData, boardView, sessionThenToken } from './board-view';
import { getBoardShortLink, getCardShortLink } from './pages';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { readBoardWithSession, readCardBoardWithSession } from './session-read';
import {
  type BoardSnapshot,
  SNAPSHOT_TTL_MS,
  type SnapshotOptions,
  splitSnapshot,
} from './snapshot';

/** Automatic re-reads after Trello asked us to wait, before the hint asks for a reload instead. */
const MAX_AUTO_RETRIES = 4;

type BoardView = SiteView & BoardViewData;

export function trelloAdapter(
  runtime: PageRuntime<string, BoardView>,
): SiteAdapter<string, BoardView> {
  const { ctx } = runtime;
  // Trello's limits count this page's session reads too (docs/architecture.md, "Data and caches").
  const limiter = createRateLimiter();
  let refreshing = false;
  let retryTimer: number | undefined;
  let autoRetries = 0;

  return {
    observed: () => document.body,
    watched: WATCHED,
    pageOf: (url, current) =>
      boardOf(url, current, async (card) => {
        const result = await readCardBoardWithSession(card, fetch, limiter);
        return result.ok ? result.value : undefined;
      }),
    anchors: () => trelloAnchors(document),
    loading: boardLoading,
    load: (board, { settings, fresh }) =>
      viewOf(board, { settings, limiter, fresh, mayRetry: autoRetries < MAX_AUTO_RETRIES }),
    moreFindings: (board, view) => pullFindings(board, view.pulls ?? []),
    entered: () => {
      autoRetries = 0;
    },
    shown: (board, view) => retryLater(board, view.retryAt),
    // Only changes that can move a hint (cards, lists, the header) re-read the board.
    pageChanged: () => void refreshIfOld(),
    perform: (finding, board, choice) =>
      choice ? performListChoice(board, choice) : performFix(finding, board),
    connection: {
      notConnected: 'One-click fixes need Trello connected.',
      advice: 'Connect Trello (API key and token) in the Process Lens options page.',
    },
    linkFor: (finding) =>
      finding.anchor.kind === 'card' && /^[A-Za-z0-9]{8}$/.test(finding.anchor.card)
        ? cardUrl(finding.anchor.card)
        : undefined,
  };

  /** One pending re-read at a time, for the board on screen. */
  function retryLater(board: string, retryAt: number | undefined): void {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
    if (retryAt === undefined) {
      autoRetries = 0;
      return;
    }
    autoRetries++;
    retryTimer = ctx.setTimeout(
      () => {
        retryTimer = undefined;
        void runtime.readAgain(board);
      },
      Math.max(retryAt - Date.now(), 0),
    );
  }

  /** The board changed on the page (cards moved, lists added): re-read once the data is 30 s old. */
  async function refreshIfOld(): Promise<void> {
    const board = runtime.page();
    const asOf = runtime.view().asOf;
    if (!board || refreshing || asOf === undefined || Date.now() - asOf < SNAPSHOT_TTL_MS) return;
    refreshing = true;
    try {
      await runtime.readAgain(board);
    } finally {
      refreshing = false;
    }
  }
}

/** On a card URL the board stays behind the card dialog: keep it, or ask Trello which it is. */
export async function boardOf(
  url: string,
  current: string | undefined,
  boardOfCard: (card: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  const board = getBoardShortLink(url);
  if (board) return board;
  const card = getCardShortLink(url);
  if (!card) return undefined;
  if (current) return current;
  return boardOfCard(card);
}

async function pullFindings(board: string, links: CardPull[]): Promise<Finding[]> {
  if (links.length === 0) return [];
  const answer = await send({
    type: 'github.pullStatuses',
    pulls: links.map((link) => link.pull),
  });
  return answer.ok ? cardPullFindings(board, links, answer.value) : [];
}

interface BoardRead {
  settings: SettingsSource;
  limiter: RateLimiter;
  fresh: boolean;
  mayRetry: boolean;
}

/**
 * The background makes the view off this page's thread, from the read it started while the page
 * loaded. The page reads the board itself only when the background could not.
 */
async function viewOf(
  board: string,
  { settings, limiter, fresh, mayRetry }: BoardRead,
): Promise<BoardView> {
  const made = await send({ type: 'board.view', board, fresh, mayRetry });
  if (made.ok) return made.value;
  return boardView(board, {
    settings: await settings.get(),
    read: (which, options, freshRead) => readBoard(which, options, freshRead, limiter),
    fresh,
    mayRetry,
  });
}

/** Signed-in session first (zero set-up); the background's token path when the session cannot see it. */
async function readBoard(
  board: string,
  options: SnapshotOptions,
  fresh: boolean,
  limiter: RateLimiter,
): Promise<Result<BoardSnapshot>> {
  const attachments = options.attachments ?? false;
  if (!fresh) {
    // A read of the last 30 s, by this page, a reload of it, or another tab.
    const cached = await send({ type: 'board.cached', board, attachments });
    if (cached.ok && cached.value) return { ok: true, value: cached.value };
  }
  return sessionThenToken(
    async () => {
      const read = await readBoardWithSession(board, options, fetch, Date.now, limiter);
      if (read.ok) {
        const snapshot = { ...read.value, source: 'session' as const };
        // Sharing the read (other tabs, a reload) copies the whole board across to the background:
        // once the page is idle, after its hints are shown, and in parts of a few ms each.
        whenIdle(() => void remember(snapshot, attachments));
      }
      return read;
    },
    () => send({ type: 'board.snapshot', board, attachments: options.attachments, fresh }),
  );
}

/** Cards per `board.remember` message: about 200 KB, a few ms of the page's time each. */
const CARDS_PER_MESSAGE = 500;

/** Hands a session read to the background for other tabs and reloads, a part per idle turn. */
async function remember(
  snapshot: BoardSnapshot & { source: 'session' },
  attachments: boolean,
): Promise<void> {
  const parts = splitSnapshot(snapshot, CARDS_PER_MESSAGE);
  for (const [index, part] of parts.entries()) {
    if (index > 0) await new Promise<void>((resolve) => whenIdle(resolve));
    const sent = await send({
      type: 'board.remember',
      snapshot: part,
      attachments,
      part: { index, count: parts.length },
    });
    if (!sent.ok) return;
  }
}

/**
 * The missing-lists hint's choices (docs/architecture.md, "List roles"): rename a list to its
 * role's name, or save which role a list fills. The background checks the board and decides.
 */
export async function performListChoice(
  board: string,
  { action, list, role }: ChosenAction,
): Promise<Result<ActionDone>> {
  const done = (message: string): Result<ActionDone> => ({
    ok: true,
    value: { message, readAgain: 'in-place' },
  });
  if (action === 'rename-list') {
    const answer = await send({ type: 'board.renameList', board, list });
    if (!answer.ok) return answer;
    const { from, to, renamed } = answer.value;
    return done(
      renamed
        ? `Renamed “${from}” to “${to}”. To take it back, rename the list in Trello.`
        : `“${to}” already has its process name.`,
    );
  }
  if (!isListRole(role))
    return { ok: false, error: { code: 'internal', message: `“${role}” is not a process list.` } };
  const answer = await send({ type: 'board.mapList', board, list, role });
  if (!answer.ok) return answer;
  return done(
    `“${answer.value.name}” is your “${role}” list now (saved in the settings; Options → List roles to change it).`,
  );
}

/** The one-click fixes. After a write the board is read again; the options page changes nothing. */
export async function performFix(finding: Finding, board: string): Promise<Result<ActionDone>> {
  const done = (message: string): Result<ActionDone> => ({
    ok: true,
    value: { message, readAgain: 'in-place' },
  });
  if (finding.action === 'add-missing-lists') {
    const answer = await send({ type: 'board.addMissingLists', board });
    if (!answer.ok) return answer;
    const { created, undo } = answer.value;
    const message = created.length
      ? `Added: ${created.join(', ')}.`
      : 'The lists were already there.';
    return { ok: true, value: { message, readAgain: 'in-place', ...(undo ? { undo } : {}) } };
  }
  if (finding.action === 'save-pipeline-board') {
    const answer = await send({ type: 'options.open', pipelineBoard: board });
    return answer.ok
      ? {
          ok: true,
          value: { message: 'Save it in the options page that just opened.', readAgain: 'none' },
        }
      : answer;
  }
  if (finding.action === 'mark-pipeline-reviewed') {
    const answer = await send({ type: 'pipeline.markReviewed', board });
    if (!answer.ok) return answer;
    return done(
      answer.value.alreadyRecorded ? 'Already recorded today.' : 'Review recorded on the board.',
    );
  }
  return { ok: false, error: { code: 'internal', message: 'This fix is not available here.' } };
}
