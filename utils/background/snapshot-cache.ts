/**
 * Board snapshots cached in storage.session (survives service-worker restarts, cleared with the
 * browser session, not readable by content scripts): at most one read per 30 s per board
 * (docs/architecture.md, "Data and caches").
 */
import { browser } from 'wxt/browser';
import { logWarning } from '../log';
import { type BoardSnapshot, SNAPSHOT_TTL_MS } from '../trello/snapshot';

export { SNAPSHOT_TTL_MS }; // defined with the snapshot: the pages use it too

/** Where a snapshot came from: the token path, or a content script's signed-in session. */
export type SnapshotSource = BoardSnapshot['source'];

export function createSnapshotCache(now = Date.now) {
  const key = (board: string, attachments: boolean, source: SnapshotSource) =>
    `snapshot:${source === 'session' ? 'session:' : ''}${board}${attachments ? '+attachments' : ''}`;
  return {
    async get(
      board: string,
      attachments: boolean,
      source: SnapshotSource = 'token',
    ): Promise<BoardSnapshot | undefined> {
      const name = key(board, attachments, source);
      const stored = (await browser.storage.session.get(name))[name] as BoardSnapshot | undefined;
      return stored && now() - stored.fetchedAt < SNAPSHOT_TTL_MS ? stored : undefined;
    },
    async put(board: string, attachments: boolean, snapshot: BoardSnapshot): Promise<void> {
      try {
        await browser.storage.session.set({ [key(board, attachments, snapshot.source)]: snapshot });
      } catch (error) {
        // storage.session is small (10 MB): a cache that cannot keep a big board just reads again.
        logWarning('Could not cache a board snapshot', { board, error: String(error) });
      }
    },
    /** After a write to the board: every cached read of it is stale. */
    async forget(board: string): Promise<void> {
      await browser.storage.session.remove(
        (['token', 'session'] as const).flatMap((source) => [
          key(board, false, source),
          key(board, true, source),
        ]),
      );
    },
  };
}
