/**
 * The page's own read of a board, for when the background could not read it (a browser that does
 * not give the background the trello.com cookies, e.g. a tab in another cookie container) and no
 * token is connected: same-origin `/1/` with the page's session, then the token path. It travels
 * in a script of its own (entrypoints/trello-read.ts), added to a page only then: the rules and
 * the board's schemas are a quarter of the hints script (docs/architecture.md, "Page runtime").
 */
import { whenIdle } from '../dom/idle';
import type { SettingsSource } from '../dom/page-runtime';
import { send } from '../messaging';
import type { Result } from '../result';
import { type BoardViewData, boardView, sessionThenToken } from './board-view';
import type { RateLimiter } from './rate-limit';
import { readBoardWithSession } from './session-read';
import { type BoardSnapshot, type SnapshotOptions, splitSnapshot } from './snapshot';

export interface PageRead {
  settings: SettingsSource;
  /** The page's limiter: Trello's limits count this page's session reads too. */
  limiter: RateLimiter;
  fresh: boolean;
  mayRetry: boolean;
}

/** The board's view, read and checked on this page. */
export async function viewByPage(
  board: string,
  { settings, limiter, fresh, mayRetry }: PageRead,
): Promise<BoardViewData> {
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
