/**
 * The Trello content script's work: follow the page's board, read it, run the rules, place the
 * findings, run the one-click fixes. Navigation is plain pushState on Trello, so
 * `wxt:locationchange` is enough.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ActionState, HintUi } from '../../components/hint-ui';
import { createHintLayer, findingKey, observePage } from '../dom/hint-layer';
import { send } from '../messaging';
import { isPipelineBoard, isProjectBoard } from '../process/boards';
import type { Finding } from '../process/findings';
import { evaluateBoard } from '../process/rules';
import { cardPullFindings, cardPulls } from '../process/rules/card-pull';
import { boardLoading } from '../process/rules/source-loading';
import { boardUnavailable } from '../process/rules/source-unavailable';
import type { AppError, Result } from '../result';
import { createSettingsSource } from '../settings/content-source';
import { trelloAnchors, WATCHED } from './anchors';
import { getBoardShortLink, getCardShortLink } from './pages';
import { createRateLimiter } from './rate-limit';
import { readBoardWithSession, readCardBoardWithSession } from './session-read';
import type { BoardSnapshot, SnapshotOptions } from './snapshot';

/** At most one read of a board per 30 s (DESIGN §5). */
const SNAPSHOT_TTL_MS = 30_000;
const ORPHAN_CHECK_MS = 2_000;

/** Automatic re-reads after Trello asked us to wait, before the hint asks for a reload instead. */
const MAX_AUTO_RETRIES = 4;

interface BoardView {
  findings: Finding[];
  asOf?: number;
  snapshot?: BoardSnapshot;
  /** Trello asked us to wait until then (429): the board is read again at that time. */
  retryAt?: number;
}

export function startTrelloHints(ctx: ContentScriptContext): void {
  const layer = createHintLayer(() => trelloAnchors(document));
  // Trello's limits count this page's session reads too (trello-api.md §2).
  const limiter = createRateLimiter();
  const actions = new Map<string, ActionState>();
  let currentBoard: string | undefined;
  let view: BoardView = { findings: [] };
  // Settings saved in the options apply at once (the snapshots are cached: no new read).
  const settings = createSettingsSource(ctx, () => {
    if (currentBoard) void load(currentBoard);
  });
  /** Finding a card's board takes a request: only the latest navigation may decide the board. */
  let latestLookup = 0;
  let refreshing = false;
  let retryTimer: number | undefined;
  let autoRetries = 0;

  const ui: HintUi = {
    actionState: (finding) => actions.get(findingKey(finding)) ?? { state: 'idle' },
    runAction: (finding) => void runAction(finding),
    openOptions: () => void send({ type: 'options.open' }),
    linkFor: (finding) =>
      finding.anchor.kind === 'card' && /^[A-Za-z0-9]{8}$/.test(finding.anchor.card)
        ? `https://trello.com/c/${finding.anchor.card}`
        : undefined,
  };
  const render = () => layer.show(view.findings, { ...ui, asOf: view.asOf });

  // Only changes that can move a hint (cards, lists, the header) re-place them or re-read the board.
  const stopObserving = observePage(document.body, WATCHED, () => {
    layer.reconcile();
    void refreshIfOld();
  });
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
    actions.clear();
    autoRetries = 0;
    if (!board) {
      view = { findings: [] };
      return render();
    }
    view = { findings: [boardLoading(board)] };
    render();
    await load(board);
  }

  async function load(board: string, fresh = false): Promise<void> {
    const next = await viewOf(board, fresh, autoRetries < MAX_AUTO_RETRIES);
    if (currentBoard !== board || ctx.isInvalid) return;
    view = next;
    render();
    retryLater(board, next.retryAt);
    // Then, without holding up the board's own hints: the review status of linked pull requests.
    const withPulls = await pullFindings(board, next.snapshot);
    if (withPulls.length === 0 || currentBoard !== board || view !== next || ctx.isInvalid) return;
    view = { ...next, findings: [...next.findings, ...withPulls] };
    render();
  }

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
        if (currentBoard === board) void load(board);
      },
      Math.max(retryAt - Date.now(), 0),
    );
  }

  async function pullFindings(
    board: string,
    snapshot: BoardSnapshot | undefined,
  ): Promise<Finding[]> {
    const links = snapshot ? cardPulls(snapshot) : [];
    if (links.length === 0) return [];
    const answer = await send({
      type: 'github.pullStatuses',
      pulls: links.map((link) => link.pull),
    });
    return answer.ok ? cardPullFindings(board, links, answer.value) : [];
  }

  /** The board changed on the page (cards moved, lists added): re-read once the data is 30 s old. */
  async function refreshIfOld(): Promise<void> {
    const board = currentBoard;
    const asOf = view.asOf;
    if (!board || refreshing || asOf === undefined || Date.now() - asOf < SNAPSHOT_TTL_MS) return;
    refreshing = true;
    try {
      await load(board);
    } finally {
      refreshing = false;
    }
  }

  /** On a card URL the board stays behind the card dialog: keep it, or ask Trello which it is. */
  async function boardOf(url: string): Promise<string | undefined> {
    const board = getBoardShortLink(url);
    if (board) return board;
    const card = getCardShortLink(url);
    if (!card) return undefined;
    if (currentBoard) return currentBoard;
    const result = await readCardBoardWithSession(card, fetch, limiter);
    return result.ok ? result.value : undefined;
  }

  async function viewOf(board: string, fresh: boolean, mayRetry: boolean): Promise<BoardView> {
    const currentSettings = await settings.get();
    const configuredPipeline = currentSettings.trello.pipelineBoard;
    let snapshot = await readBoard(board, { attachments: board === configuredPipeline }, fresh);
    // A pipeline recognised by its name: read it again with the card attachments (board links).
    if (snapshot.ok && !configuredPipeline && isPipelineBoard(snapshot.value, currentSettings)) {
      snapshot = await readBoard(board, { attachments: true }, fresh);
    }
    if (!snapshot.ok) {
      const { retryAt } = snapshot.error;
      const error = mayRetry ? snapshot.error : { ...snapshot.error, retryAt: undefined };
      return {
        findings: [boardUnavailable(board, error)],
        ...(mayRetry && retryAt ? { retryAt } : {}),
      };
    }
    let pipeline: BoardSnapshot | undefined;
    if (configuredPipeline && isProjectBoard(snapshot.value, currentSettings)) {
      const read = await readBoard(configuredPipeline, { attachments: true }, false);
      pipeline = read.ok ? read.value : undefined; // unreadable pipeline: no board.not-in-pipeline
    }
    const findings = evaluateBoard({
      board: snapshot.value,
      pipeline,
      settings: currentSettings,
      now: Date.now(),
    });
    return { findings, asOf: snapshot.value.fetchedAt, snapshot: snapshot.value };
  }

  /** Signed-in session first (zero set-up); the background's token path when the session cannot see it. */
  async function readBoard(
    board: string,
    options: SnapshotOptions,
    fresh: boolean,
  ): Promise<Result<BoardSnapshot>> {
    const attachments = options.attachments ?? false;
    if (!fresh) {
      // A read of the last 30 s, by this page, a reload of it, or another tab.
      const cached = await send({ type: 'board.cached', board, attachments });
      if (cached.ok && cached.value) return { ok: true, value: cached.value };
    }
    let result = await readBoardWithSession(board, options, fetch, Date.now, limiter);
    if (result.ok) {
      const snapshot = { ...result.value, source: 'session' as const };
      void send({ type: 'board.remember', snapshot, attachments });
    }
    if (!result.ok && ['unauthorized', 'forbidden', 'not-found'].includes(result.error.code)) {
      const viaToken = await send({
        type: 'board.snapshot',
        board,
        attachments: options.attachments,
        fresh,
      });
      // Without a token the session's answer says more ("sign in or connect").
      if (viaToken.ok || viaToken.error.code !== 'not-connected') result = viaToken;
    }
    return result;
  }

  async function runAction(finding: Finding): Promise<void> {
    const key = findingKey(finding);
    const board = currentBoard;
    if (!board || actions.get(key)?.state === 'running') return;
    actions.set(key, { state: 'running' });
    render();
    const outcome = await perform(finding, board);
    if (currentBoard !== board) return;
    actions.set(
      key,
      outcome.ok ? { state: 'done', message: outcome.value } : failedState(outcome.error),
    );
    // After a write the board is read again; opening the options changes nothing yet.
    if (outcome.ok && finding.action !== 'save-pipeline-board') await load(board, true);
    else render();
  }

  async function perform(finding: Finding, board: string): Promise<Result<string>> {
    if (finding.action === 'add-missing-lists') {
      const answer = await send({ type: 'board.addMissingLists', board });
      if (!answer.ok) return answer;
      const { created } = answer.value;
      return {
        ok: true,
        value: created.length ? `Added: ${created.join(', ')}.` : 'The lists were already there.',
      };
    }
    if (finding.action === 'save-pipeline-board') {
      const answer = await send({ type: 'options.open', pipelineBoard: board });
      return answer.ok
        ? { ok: true, value: 'Save it in the options page that just opened.' }
        : answer;
    }
    if (finding.action === 'mark-pipeline-reviewed') {
      const answer = await send({ type: 'pipeline.markReviewed', board });
      if (!answer.ok) return answer;
      return {
        ok: true,
        value: answer.value.alreadyRecorded
          ? 'Already recorded today.'
          : 'Review recorded on the board.',
      };
    }
    return { ok: false, error: { code: 'internal', message: 'This fix is not available here.' } };
  }
}

function failedState(error: AppError): ActionState {
  const needsConnection = error.code === 'not-connected' || error.code === 'unauthorized';
  return {
    state: 'failed',
    message:
      error.code === 'not-connected' ? 'One-click fixes need Trello connected.' : error.message,
    advice: needsConnection
      ? 'Connect Trello (API key and token) in the Process Lens options page.'
      : 'Try again.',
    needsConnection,
  };
}
