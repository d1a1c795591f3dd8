/**
 * The Trello adapter of the page runtime (see docs/architecture.md, "Page runtime"): the page is
 * the board on screen (also behind a card's dialog), whose findings the background makes (or, when
 * it cannot read the board, the page's own read); then the review status of the pull requests its
 * cards link. Trello-only: a board Trello asked us to wait for is read again at that time, and one
 * changed on the page is read again once its data is 30 s old. Navigation is plain pushState on
 * Trello, so `wxt:locationchange` is enough.
 */

import type { ActionDone, PageRuntime, SiteAdapter, SiteView } from '../dom/page-runtime';
import { send } from '../messaging';
import type { ChosenAction, Finding } from '../process/findings';
import { cardUrl } from '../process/links';
import { isListRole } from '../process/list-roles';
import { type CardPull, cardPullFindings } from '../process/rules/card-pull';
import { boardLoading } from '../process/rules/source-loading';
import { boardUnavailable } from '../process/rules/source-unavailable';
import { fail, type Result } from '../result';
import { trelloAnchors, WATCHED } from './anchors';
import type { BoardViewData } from './board-view';
import type { PageRead } from './page-read';
import { offeredPageRead, type ViewByPage } from './page-read-bridge';
import { getBoardShortLink, getCardShortLink } from './pages';
import { createRateLimiter } from './rate-limit';
import { readCardBoardWithSession } from './session-read';
import { SNAPSHOT_TTL_MS } from './snapshot';

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

/**
 * The background makes the view off this page's thread, from the read it started while the page
 * loaded. The page reads the board itself only when the background could not.
 */
async function viewOf(board: string, read: PageRead): Promise<BoardView> {
  const { fresh, mayRetry } = read;
  const made = await send({ type: 'board.view', board, fresh, mayRetry });
  if (made.ok) return made.value;
  const byPage = await pageRead();
  if (!byPage.ok) return { findings: [boardUnavailable(board, byPage.error)] };
  return byPage.value(board, read);
}

/** The page's own read (utils/trello/page-read.ts): its script is added the first time it is needed. */
async function pageRead(): Promise<Result<ViewByPage>> {
  const offered = offeredPageRead();
  if (offered) return { ok: true, value: offered };
  const added = await send({ type: 'page.boardRead' });
  if (!added.ok) return added;
  const read = offeredPageRead();
  return read
    ? { ok: true, value: read }
    : fail('internal', 'Process Lens could not start on this page: reload it.');
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
