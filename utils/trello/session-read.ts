/**
 * Trello reads with the signed-in session: Trello's own `/1/` endpoints on trello.com, read-only,
 * zero set-up (see docs/architecture.md, "Page runtime"). The background reads this way first
 * (its fetch carries the trello.com cookies, with the host permission), the content script only
 * when the background's read was refused. The token path is client.ts.
 */
import * as v from 'valibot';
import { type FetchLike, requestJson } from '../http';
import { ok, type Result } from '../result';
import { type RateLimiter, throughLimiter } from './rate-limit';
import { type BoardSnapshot, type GetJson, readSnapshot, type SnapshotOptions } from './snapshot';

/** Where the session's reads are sent from: the trello.com page itself, or the background. */
export type SessionSide = 'page' | 'background';

function sessionGet(
  fetchImpl: FetchLike,
  limiter?: RateLimiter,
  side: SessionSide = 'page',
): GetJson {
  // The page sends same-origin requests; the background names trello.com and asks for its cookies.
  const base = side === 'page' ? '' : 'https://trello.com';
  const credentials = side === 'page' ? 'same-origin' : 'include';
  return (path, schema) =>
    throughLimiter(limiter, () =>
      requestJson({ url: `${base}${path}`, credentials, service: 'Trello' }, schema, fetchImpl),
    );
}

export function readBoardWithSession(
  board: string,
  options: SnapshotOptions = {},
  fetchImpl: FetchLike = fetch,
  now = Date.now,
  limiter?: RateLimiter,
  side: SessionSide = 'page',
): Promise<Result<BoardSnapshot>> {
  return readSnapshot(sessionGet(fetchImpl, limiter, side), board, options, 'session', now);
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
