/**
 * The Trello content script's work: follow the page's board, read it, run the rules, place the
 * findings. Navigation is plain pushState on Trello, so `wxt:locationchange` is enough.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createHintLayer, observePage } from '../dom/hint-layer';
import { send } from '../messaging';
import type { Finding } from '../process/findings';
import { evaluateBoard } from '../process/rules';
import { defaultSettings, type Settings } from '../process/settings';
import { boardUnavailable } from '../process/unavailable';
import type { Result } from '../result';
import { resolveTrelloAnchor } from './anchors';
import { readBoardWithSession, readCardBoardWithSession } from './api';
import { getBoardShortLink, getCardShortLink } from './pages';
import type { BoardSnapshot } from './snapshot';

const SNAPSHOT_TTL_MS = 30_000;
const ORPHAN_CHECK_MS = 2_000;

export function startTrelloHints(ctx: ContentScriptContext): void {
  const layer = createHintLayer((finding) => resolveTrelloAnchor(finding));
  const snapshots = new Map<string, BoardSnapshot>();
  let currentBoard: string | undefined;
  let settings: Promise<Settings> | undefined;
  /** Finding a card's board takes a request: only the latest navigation may decide the board. */
  let latestLookup = 0;

  const stopObserving = observePage(document.body, () => layer.reconcile());
  ctx.onInvalidated(() => {
    stopObserving();
    layer.destroy();
  });
  // After an update or reload nothing tells this old script it is orphaned; WXT notices when
  // its wrapped timers run (`runtime.id` is gone), and then our hints are removed.
  ctx.setInterval(() => {}, ORPHAN_CHECK_MS);
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void follow(newUrl.href));
  void follow(location.href);

  async function follow(url: string): Promise<void> {
    const lookup = ++latestLookup;
    const board = await boardOf(url);
    if (lookup !== latestLookup || board === currentBoard) return;
    currentBoard = board;
    if (!board) return layer.show([]);
    layer.show([loadingFinding(board)]);
    const findings = await findingsFor(board);
    if (currentBoard === board && !ctx.isInvalid) layer.show(findings);
  }

  /** On a card URL the board stays behind the card dialog: keep it, or ask Trello which it is. */
  async function boardOf(url: string): Promise<string | undefined> {
    const board = getBoardShortLink(url);
    if (board) return board;
    const card = getCardShortLink(url);
    if (!card) return undefined;
    if (currentBoard) return currentBoard;
    const result = await readCardBoardWithSession(card);
    return result.ok ? result.value : undefined;
  }

  async function findingsFor(board: string): Promise<Finding[]> {
    const [snapshot, currentSettings] = await Promise.all([readBoard(board), loadSettings()]);
    if (!snapshot.ok) return [boardUnavailable(board, snapshot.error)];
    return evaluateBoard({ board: snapshot.value, settings: currentSettings, now: Date.now() });
  }

  /** Signed-in session first (zero set-up); the background's token path when the session cannot see it. */
  async function readBoard(board: string): Promise<Result<BoardSnapshot>> {
    const cached = snapshots.get(board);
    if (cached && Date.now() - cached.fetchedAt < SNAPSHOT_TTL_MS)
      return { ok: true, value: cached };
    let result = await readBoardWithSession(board);
    if (!result.ok && ['unauthorized', 'forbidden', 'not-found'].includes(result.error.code)) {
      const viaToken = await send({ type: 'board.snapshot', board });
      // Without a token the session's answer says more ("sign in or connect").
      if (viaToken.ok || viaToken.error.code !== 'not-connected') result = viaToken;
    }
    if (result.ok) snapshots.set(board, result.value);
    return result;
  }

  function loadSettings(): Promise<Settings> {
    settings ??= send({ type: 'settings.get' }).then((answer) =>
      answer.ok ? answer.value : defaultSettings(),
    );
    return settings;
  }
}

function loadingFinding(board: string): Finding {
  return {
    rule: 'source.loading',
    severity: 'info',
    subject: board,
    anchor: { kind: 'board', board },
    title: 'Checking this board against the process…',
    message: 'Process Lens is reading this board.',
  };
}
