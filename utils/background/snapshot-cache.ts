/**
 * Board snapshots cached in storage.session (survives service-worker restarts, cleared with the
 * browser session, not readable by content scripts): at most one read per 30 s per board
 * (docs/architecture.md, "Data and caches").
 */
import { browser } from 'wxt/browser';
import { logWarning } from '../log';
import { type BoardSnapshot, joinSnapshotParts, SNAPSHOT_TTL_MS } from '../trello/snapshot';

export { SNAPSHOT_TTL_MS }; // defined with the snapshot: the pages use it too

/** Where a snapshot came from: the token path, or a content script's signed-in session. */
export type SnapshotSource = BoardSnapshot['source'];

/** Which part of a session read a message carries (`splitSnapshot`). */
export interface SnapshotPart {
  index: number;
  count: number;
}

export function createSnapshotCache(now = Date.now) {
  const key = (board: string, attachments: boolean, source: SnapshotSource) =>
    `snapshot:${source === 'session' ? 'session:' : ''}${board}${attachments ? '+attachments' : ''}`;
  // The parts of session reads still arriving, by read. In memory only: they arrive within a
  // second, and a worker stopped in between loses a cache entry, nothing else (the next page
  // reads the board itself).
  const arriving = new Map<string, (BoardSnapshot | undefined)[]>();
  const cache = {
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
    /** Keeps a read that came in parts once its last part is in. */
    async putPart(
      attachments: boolean,
      snapshot: BoardSnapshot,
      { index, count }: SnapshotPart,
    ): Promise<void> {
      const read = `${key(snapshot.shortLink, attachments, snapshot.source)}@${snapshot.fetchedAt}`;
      for (const [other, parts] of arriving) {
        const started = parts.find((part) => part !== undefined)?.fetchedAt ?? 0;
        if (now() - started >= SNAPSHOT_TTL_MS) arriving.delete(other);
      }
      const parts = arriving.get(read) ?? Array.from({ length: count }, () => undefined);
      if (parts.length !== count || index >= count) {
        arriving.delete(read); // parts that disagree: keep none of them
        return;
      }
      parts[index] = snapshot;
      arriving.set(read, parts);
      if (parts.some((part) => part === undefined)) return;
      arriving.delete(read);
      const whole = joinSnapshotParts(parts as BoardSnapshot[]);
      if (whole) await cache.put(snapshot.shortLink, attachments, whole);
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
  return cache;
}
