/**
 * Trello calls, on either path:
 * - `session`: same-origin `/1/` on trello.com with the signed-in session (content script,
 *   read-only, zero set-up — DESIGN §2 exception);
 * - `token`: api.trello.com with key + token in the Authorization header (background only;
 *   the only path that writes).
 */
import * as v from 'valibot';
import { type FetchLike, requestJson } from '../http';
import { fail, ok, type Result } from '../result';
import type { RateLimiter } from './rate-limit';
import {
  ActionsResponseSchema,
  BoardResponseSchema,
  type BoardSnapshot,
  boardActionsPath,
  boardSnapshotPath,
  MemberSchema,
  type SnapshotOptions,
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

type GetJson = <S extends v.GenericSchema>(
  path: string,
  schema: S,
) => Promise<Result<v.InferOutput<S>>>;

/** The board snapshot: the nested board request and the actions request, side by side. */
async function readSnapshot(
  get: GetJson,
  board: string,
  options: SnapshotOptions,
  source: BoardSnapshot['source'],
  now: () => number,
): Promise<Result<BoardSnapshot>> {
  const [response, events] = await Promise.all([
    get(boardSnapshotPath(board, options), BoardResponseSchema),
    get(boardActionsPath(board), ActionsResponseSchema),
  ]);
  if (!response.ok) return response;
  if (!events.ok) return events;
  return ok({ ...response.value, events: events.value, fetchedAt: now(), source });
}

/** One request through the limiter: refused while Trello has us paused; a 429 starts a pause. */
async function limited<T>(
  limiter: RateLimiter | undefined,
  send: () => Promise<Result<T>>,
): Promise<Result<T>> {
  if (!limiter) return send();
  const slot = await limiter.acquire('Trello');
  if (!slot.ok) return slot;
  const result = await send();
  const pause = await limiter.settle(result.ok ? 200 : (result.error.status ?? 0), slot.value);
  return pause && !result.ok
    ? { ...result, error: { ...result.error, retryAt: pause.until } }
    : result;
}

function sessionGet(fetchImpl: FetchLike, limiter?: RateLimiter): GetJson {
  return (path, schema) =>
    limited(limiter, () =>
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

const ListSchema = v.object({
  id: v.string(),
  name: v.string(),
  pos: v.number(),
  closed: v.optional(v.boolean(), false),
});
const CardRefSchema = v.object({
  id: v.string(),
  name: v.string(),
  shortLink: v.string(),
  idList: v.string(),
});
const CommentSchema = v.object({
  id: v.string(),
  date: v.string(),
  data: v.object({ text: v.optional(v.string(), '') }),
});
const CardWithAttachmentsSchema = v.object({
  ...CardRefSchema.entries,
  attachments: v.optional(v.array(v.object({ url: v.optional(v.string(), '') })), []),
});
const CardWithLinksSchema = v.object({
  ...CardWithAttachmentsSchema.entries,
  desc: v.optional(v.string(), ''),
});
export type TrelloListRef = v.InferOutput<typeof ListSchema>;
export type TrelloCardRef = v.InferOutput<typeof CardRefSchema>;

export function createTrelloClient(
  credentials: TrelloCredentials,
  fetchImpl: FetchLike = fetch,
  limiter?: RateLimiter,
) {
  const call = <S extends v.GenericSchema>(
    path: string,
    schema: S,
    write?: { method: 'POST' | 'PUT'; body: Record<string, string> },
  ): Promise<Result<v.InferOutput<S>>> => {
    if (!credentials.apiKey || !credentials.token) {
      return Promise.resolve(
        fail(
          'not-connected',
          'Trello is not connected: add the API key and token in the Process Lens options page.',
        ),
      );
    }
    return limited(limiter, () =>
      requestJson(
        {
          url: `${TRELLO_API_ORIGIN}${path}`,
          headers: { Authorization: authorizationHeader(credentials) },
          service: 'Trello',
          ...write,
        },
        schema,
        fetchImpl,
      ),
    );
  };
  const get: GetJson = (path, schema) => call(path, schema);
  const board = (id: string) => `/1/boards/${encodeURIComponent(id)}`;

  return {
    boardSnapshot(
      id: string,
      options: SnapshotOptions = {},
      now = Date.now,
    ): Promise<Result<BoardSnapshot>> {
      return readSnapshot(get, id, options, 'token', now);
    },
    me(): Promise<Result<TrelloMember>> {
      return get('/1/members/me?fields=username,fullName', MemberSchema);
    },
    /** Fresh (uncached) open lists, read before every write that depends on them. */
    openLists(id: string): Promise<Result<TrelloListRef[]>> {
      return get(`${board(id)}/lists?filter=open&fields=name,pos,closed`, v.array(ListSchema));
    },
    openCards(id: string): Promise<Result<TrelloCardRef[]>> {
      return get(
        `${board(id)}/cards?filter=open&fields=name,shortLink,idList`,
        v.array(CardRefSchema),
      );
    },
    boardId(id: string): Promise<Result<string>> {
      return call(`${board(id)}?fields=id`, v.object({ id: v.string() })).then((r) =>
        r.ok ? ok(r.value.id) : r,
      );
    },
    createList(
      idBoard: string,
      name: string,
      pos: number | 'top' | 'bottom',
    ): Promise<Result<TrelloListRef>> {
      return call('/1/lists', ListSchema, {
        method: 'POST',
        body: { name, idBoard, pos: String(pos) },
      });
    },
    createCard(
      idList: string,
      name: string,
      desc: string,
      urlSource?: string,
      idLabels: string[] = [],
    ): Promise<Result<TrelloCardRef>> {
      const body = {
        idList,
        name,
        desc,
        pos: 'top',
        ...(urlSource ? { urlSource } : {}),
        ...(idLabels.length ? { idLabels: idLabels.join(',') } : {}),
      };
      return call('/1/cards', CardRefSchema, { method: 'POST', body });
    },
    /** A card by short link, with its attachment URLs. */
    cardWithAttachments(
      card: string,
    ): Promise<Result<v.InferOutput<typeof CardWithAttachmentsSchema>>> {
      return get(
        `/1/cards/${encodeURIComponent(card)}?fields=name,shortLink,idList&attachments=true&attachment_fields=url`,
        CardWithAttachmentsSchema,
      );
    },
    attach(card: string, url: string): Promise<Result<unknown>> {
      return call(`/1/cards/${encodeURIComponent(card)}/attachments`, v.unknown(), {
        method: 'POST',
        body: { url },
      });
    },
    /** Every comment on a card (newest first), to tell which copies are already there. */
    allComments(card: string): Promise<Result<string[]>> {
      return get(
        `/1/cards/${encodeURIComponent(card)}/actions?filter=commentCard&limit=1000`,
        v.array(CommentSchema),
      ).then((r) => (r.ok ? ok(r.value.map((c) => c.data.text)) : r));
    },
    boardLabels(id: string): Promise<Result<{ id: string; name: string }[]>> {
      return get(
        `${board(id)}/labels?fields=name&limit=1000`,
        v.array(v.object({ id: v.string(), name: v.optional(v.string(), '') })),
      );
    },
    myBoards(): Promise<Result<{ id: string; name: string; shortLink: string }[]>> {
      return get(
        '/1/members/me/boards?filter=open&fields=name,shortLink',
        v.array(v.object({ id: v.string(), name: v.string(), shortLink: v.string() })),
      );
    },
    /** One list's cards with their attachment URLs (per list, never board-wide: trello-api.md §3). */
    listCardsWithAttachments(
      idList: string,
    ): Promise<Result<v.InferOutput<typeof CardWithAttachmentsSchema>[]>> {
      return get(
        `/1/lists/${encodeURIComponent(idList)}/cards?attachments=true&attachment_fields=url&fields=name,shortLink,idList`,
        v.array(CardWithAttachmentsSchema),
      );
    },
    /**
     * A board's open cards with their descriptions and attachment URLs: the one look, before a
     * move creates a card, for the card the issue already has (a write path, never polled).
     */
    openCardsWithLinks(id: string): Promise<Result<v.InferOutput<typeof CardWithLinksSchema>[]>> {
      return get(
        `${board(id)}/cards?filter=open&fields=name,shortLink,idList,desc&attachments=true&attachment_fields=url`,
        v.array(CardWithLinksSchema),
      );
    },
    recentComments(card: string): Promise<Result<v.InferOutput<typeof CommentSchema>[]>> {
      return get(
        `/1/cards/${encodeURIComponent(card)}/actions?filter=commentCard&limit=20`,
        v.array(CommentSchema),
      );
    },
    addComment(card: string, text: string): Promise<Result<unknown>> {
      return call(`/1/cards/${encodeURIComponent(card)}/actions/comments`, v.unknown(), {
        method: 'POST',
        body: { text },
      });
    },
  };
}

export type TrelloClient = ReturnType<typeof createTrelloClient>;
