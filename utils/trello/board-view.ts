/**
 * What a board's hints are made of, wherever the board is read: its findings, when its data was
 * read, and the pull requests its cards link. The background makes it first, off the page's
 * thread; the page makes it itself only when the background could not read the board
 * (docs/architecture.md, "Page runtime").
 */
import { isPipelineBoard, isProjectBoard } from '../process/boards';
import type { Finding } from '../process/findings';
import { evaluateBoard } from '../process/rules';
import { type CardPull, cardPulls } from '../process/rules/card-pull';
import { boardUnavailable } from '../process/rules/source-unavailable';
import type { Settings } from '../process/settings';
import type { Result } from '../result';
import type { BoardSnapshot, SnapshotOptions } from './snapshot';

export interface BoardViewData {
  findings: Finding[];
  /** When the board's data was read (epoch ms). */
  asOf?: number;
  /** The pull requests its cards link: all a view keeps of the board (a big one is megabytes). */
  pulls?: CardPull[];
  /** Trello asked us to wait until then (429): the board is read again at that time. */
  retryAt?: number;
}

/** One way of reading a board: the page's, or the background's. */
export type ReadBoard = (
  board: string,
  options: SnapshotOptions,
  fresh: boolean,
) => Promise<Result<BoardSnapshot>>;

/** The session's answers after which the token path is tried. */
const SESSION_REFUSALS: readonly string[] = ['unauthorized', 'forbidden', 'not-found'];

/**
 * One read of a board in the order both sides keep: the signed-in session first (zero set-up),
 * the token path when the session cannot see the board. Without a token the session's answer is
 * kept: it says more ("sign in or connect").
 */
export async function sessionThenToken(
  session: () => Promise<Result<BoardSnapshot>>,
  token: () => Promise<Result<BoardSnapshot>>,
): Promise<Result<BoardSnapshot>> {
  const bySession = await session();
  if (bySession.ok || !SESSION_REFUSALS.includes(bySession.error.code)) return bySession;
  const byToken = await token();
  return byToken.ok || byToken.error.code !== 'not-connected' ? byToken : bySession;
}

export async function boardView(
  board: string,
  {
    settings,
    read,
    fresh,
    mayRetry,
    now = Date.now,
  }: { settings: Settings; read: ReadBoard; fresh: boolean; mayRetry: boolean; now?: () => number },
): Promise<BoardViewData> {
  const configuredPipeline = settings.trello.pipelineBoard;
  let snapshot = await read(board, { attachments: board === configuredPipeline }, fresh);
  // A pipeline recognised by its name: read it again with the card attachments (board links).
  if (snapshot.ok && !configuredPipeline && isPipelineBoard(snapshot.value, settings)) {
    snapshot = await read(board, { attachments: true }, fresh);
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
  if (configuredPipeline && isProjectBoard(snapshot.value, settings)) {
    const pipelineRead = await read(configuredPipeline, { attachments: true }, false);
    pipeline = pipelineRead.ok ? pipelineRead.value : undefined; // unreadable: no board.not-in-pipeline
  }
  const findings = evaluateBoard({ board: snapshot.value, pipeline, settings, now: now() });
  return { findings, asOf: snapshot.value.fetchedAt, pulls: cardPulls(snapshot.value) };
}
