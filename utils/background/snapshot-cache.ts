/**
 * Board snapshots, at most one read per 30 s per board (docs/architecture.md, "Data and caches").
 * The token path's reads are kept in storage.session (survives service-worker restarts, cleared
 * with the browser session, not readable by content scripts). The session's reads are kept in
 * memory, with only their read time in storage.session (a read is good while both agree): they are
 * the big boards people open, and writing a 5,000-card read to storage cost the background some
 * 350 ms of CPU while the page was still loading.
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
  /** The session's reads (a worker stopped within their 30 s loses them: the board is read again). */
  const inMemory = new Map<string, BoardSnapshot>();
  const readTime = (name: string) => `${name}@`;
  const fresh = (snapshot: BoardSnapshot | undefined) =>
    snapshot && now() - snapshot.fetchedAt < SNAPSHOT_TTL_MS ? snapshot : undefined;
  const cache = {
    async get(
      board: string,
      attachments: boolean,
      source: SnapshotSource = 'token',
    ): Promise<BoardSnapshot | undefined> {
      const name = key(board, attachments, source);
      if (source === 'session') {
        const kept = inMemory.get(name);
        const at = (await browser.storage.session.get(readTime(name)))[readTime(name)];
        return kept && at === kept.fetchedAt ? fresh(kept) : undefined;
      }
      return fresh((await browser.storage.session.get(name))[name] as BoardSnapshot | undefined);
    },
    async put(board: string, attachments: boolean, snapshot: BoardSnapshot): Promise<void> {
      if (snapshot.source === 'session') {
        for (const [name, kept] of inMemory) if (!fresh(kept)) inMemory.delete(name);
        const name = key(board, attachments, 'session');
        inMemory.set(name, snapshot);
        await browser.storage.session.set({ [readTime(name)]: snapshot.fetchedAt });
        return;
      }
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
      const names = [false, true].flatMap((attachments) => [
        key(board, attachments, 'token'),
        readTime(key(board, attachments, 'session')),
      ]);
      for (const attachments of [false, true]) inMemory.delete(key(board, attachments, 'session'));
      await browser.storage.session.remove(names);
    },
  };
  return cache;
}
