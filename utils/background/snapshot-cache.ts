/**
 * Board snapshots cached in storage.session (survives service-worker restarts, cleared with the
 * browser session, not readable by content scripts): at most one read per 30 s per board (DESIGN §5).
 */
import { browser } from 'wxt/browser';
import type { BoardSnapshot } from '../trello/snapshot';

export const SNAPSHOT_TTL_MS = 30_000;

export function createSnapshotCache(now = Date.now) {
  const key = (board: string) => `snapshot:${board}`;
  return {
    async get(board: string): Promise<BoardSnapshot | undefined> {
      const stored = (await browser.storage.session.get(key(board)))[key(board)] as
        | BoardSnapshot
        | undefined;
      return stored && now() - stored.fetchedAt < SNAPSHOT_TTL_MS ? stored : undefined;
    },
    async put(board: string, snapshot: BoardSnapshot): Promise<void> {
      await browser.storage.session.set({ [key(board)]: snapshot });
    },
    /** After a write to the board: every cached read of it is stale. */
    async forget(board: string): Promise<void> {
      await browser.storage.session.remove([key(board), key(`${board}+attachments`)]);
    },
  };
}
