/**
 * Trello reads in a content script with the signed-in session: same-origin `/1/` on trello.com,
 * read-only, zero set-up (see docs/architecture.md, "Page runtime"). The token path is client.ts.
 */
import * as v from 'valibot';
import { type FetchLike, requestJson } from '../http';
import { ok, type Result } from '../result';
import { type RateLimiter, throughLimiter } from './rate-limit';
import { type BoardSnapshot, type GetJson, readSnapshot, type SnapshotOptions } from './snapshot';

function sessionGet(fetchImpl: FetchLike, limiter?: RateLimiter): GetJson {
  return (path, schema) =>
    throughLimiter(limiter, () =>
      requestJson({ url: path, credentials: 'same-origin', service: 'Trello' }, schema, fetchImpl),
    );
}

export function readBoardWithSession(
  board: string,
  options: SnapshotOptions = {},
  fetchImpl: FetchLike = fetch,
  now = Date.now,
  limiter?: RateLimiter,
): Promise<Result<BoardSnapshot>> {
  return readSnapshot(sessionGet(fetchImpl, limiter), board, options, 'session', now);
}

/** The board a card belongs to (its short link), for pages opened directly on a card URL. */
export async function readCardBoardWithSession(
  card: string,
  fetchImpl: FetchLike = fetch,
  limiter?: RateLimiter,
): Promise<Result<string>> {
  const result = await sessionGet(fetchImpl, limiter)(
    `/1/cards/${encodeURIComponent(card)}/board?fields=shortLink`,
    v.object({ shortLink: v.string() }),
  );
  return result.ok ? ok(result.value.shortLink) : result;
}
