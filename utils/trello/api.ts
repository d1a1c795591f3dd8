/**
 * Trello reads, on either path:
 * - `session`: same-origin `/1/` on trello.com with the signed-in session (content script,
 *   read-only, zero set-up — DESIGN §2 exception);
 * - `token`: api.trello.com with key + token in the Authorization header (background only).
 */
import * as v from 'valibot';
import { type FetchLike, requestJson } from '../http';
import { fail, type Result } from '../result';
import {
  BoardResponseSchema,
  type BoardSnapshot,
  boardSnapshotPath,
  MemberSchema,
  type TrelloMember,
} from './snapshot';

export const TRELLO_API_ORIGIN = 'https://api.trello.com';

export interface TrelloCredentials {
  apiKey: string;
  token: string;
}

/** Keeps the token out of URLs (trello-api.md §1). */
export function authorizationHeader({ apiKey, token }: TrelloCredentials): string {
  return `OAuth oauth_consumer_key="${apiKey}", oauth_token="${token}"`;
}

export async function readBoardWithSession(
  board: string,
  fetchImpl: FetchLike = fetch,
  now = Date.now,
): Promise<Result<BoardSnapshot>> {
  const result = await requestJson(
    { url: boardSnapshotPath(board), credentials: 'same-origin', service: 'Trello' },
    BoardResponseSchema,
    fetchImpl,
  );
  return result.ok
    ? { ok: true, value: { ...result.value, fetchedAt: now(), source: 'session' } }
    : result;
}

export function createTrelloClient(credentials: TrelloCredentials, fetchImpl: FetchLike = fetch) {
  const request = <S extends Parameters<typeof requestJson>[1]>(path: string, schema: S) => {
    if (!credentials.apiKey || !credentials.token) {
      return Promise.resolve(
        fail(
          'not-connected',
          'Trello is not connected: add the API key and token in the options page.',
        ),
      );
    }
    return requestJson(
      {
        url: `${TRELLO_API_ORIGIN}${path}`,
        headers: { Authorization: authorizationHeader(credentials) },
        service: 'Trello',
      },
      schema,
      fetchImpl,
    );
  };

  return {
    async boardSnapshot(board: string, now = Date.now): Promise<Result<BoardSnapshot>> {
      const result = await request(boardSnapshotPath(board), BoardResponseSchema);
      return result.ok
        ? { ok: true, value: { ...result.value, fetchedAt: now(), source: 'token' } }
        : result;
    },
    me(): Promise<Result<TrelloMember>> {
      return request('/1/members/me?fields=username,fullName', MemberSchema);
    },
  };
}

export type TrelloClient = ReturnType<typeof createTrelloClient>;

/** The board a card belongs to (its short link), for pages opened directly on a card URL. */
export async function readCardBoardWithSession(
  card: string,
  fetchImpl: FetchLike = fetch,
): Promise<Result<string>> {
  const result = await requestJson(
    {
      url: `/1/cards/${encodeURIComponent(card)}/board?fields=shortLink`,
      credentials: 'same-origin',
      service: 'Trello',
    },
    v.object({ shortLink: v.string() }),
    fetchImpl,
  );
  return result.ok ? { ok: true, value: result.value.shortLink } : result;
}
