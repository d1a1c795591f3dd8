/**
 * What the background's message handlers share: the clock, the move jobs, the board snapshot
 * cache, and the API clients with the stored credentials. Secrets are read here and never leave:
 * answers carry data and identities, never tokens. See docs/architecture.md, "Background services".
 */
import { createGitHubClient, type GitHubClient } from '../github/client';
import type { Settings } from '../process/settings';
import { ok, type Result } from '../result';
import { loadSecrets, loadSettings } from '../storage';
import type { TrelloClient } from '../trello/client';
import type { BoardSnapshot } from '../trello/snapshot';
import { trelloClient } from './clients';
import type { MoveService } from './moves';
import { createSnapshotCache } from './snapshot-cache';

export interface BoardRead {
  attachments: boolean;
  /** Skip the cache (the read is still kept for the next one). */
  fresh?: boolean;
  /** The Trello client to read with, when the caller already has one. */
  client?: TrelloClient;
}

export interface Services {
  now: () => number;
  moves: MoveService;
  snapshots: ReturnType<typeof createSnapshotCache>;
  /** The settings, with a Trello client holding the stored key and token (connected: both set). */
  trello(): Promise<{ settings: Settings; client: TrelloClient; connected: boolean }>;
  /** The settings, with a GitHub client holding the stored token (connected: one is set). */
  github(): Promise<{ settings: Settings; client: GitHubClient; connected: boolean }>;
  /** A board snapshot through the token path, at most one read per 30 s per board. */
  readBoard(board: string, read: BoardRead): Promise<Result<BoardSnapshot>>;
}

export function createServices(moves: MoveService, now = Date.now): Services {
  const snapshots = createSnapshotCache(now);
  const credentials = () => Promise.all([loadSettings(), loadSecrets()]);
  const services: Services = {
    now,
    moves,
    snapshots,
    async trello() {
      const [{ settings }, { trelloToken }] = await credentials();
      const { apiKey } = settings.trello;
      const connected = Boolean(apiKey && trelloToken);
      return { settings, client: trelloClient(apiKey, trelloToken), connected };
    },
    async github() {
      const [{ settings }, { githubToken }] = await credentials();
      const connected = Boolean(githubToken);
      return { settings, client: createGitHubClient(githubToken), connected };
    },
    async readBoard(board, { attachments, fresh = false, client }) {
      const cached = fresh ? undefined : await snapshots.get(board, attachments);
      if (cached) return ok(cached);
      const reader = client ?? (await services.trello()).client;
      const result = await reader.boardSnapshot(board, { attachments }, now);
      if (result.ok) await snapshots.put(board, attachments, result.value);
      return result;
    },
  };
  return services;
}
