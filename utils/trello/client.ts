/**
 * Trello through api.trello.com with key + token in the Authorization header: background only,
 * and the only path that writes. The session read path is session-read.ts.
 */
import * as v from 'valibot';
import { type FetchLike, requestJson } from '../http';
import { fail, ok, type Result } from '../result';
import { type RateLimiter, throughLimiter } from './rate-limit';
import {
  AttachmentsSchema,
  type BoardSnapshot,
  type GetJson,
  ListSchema,
  MemberSchema,
  readSnapshot,
  type SnapshotOptions,
  type TrelloList,
  type TrelloMember,
} from './snapshot';

export const TRELLO_API_ORIGIN = 'https://api.trello.com';

export interface TrelloCredentials {
  apiKey: string;
  token: string;
}

/** Keeps the token out of URLs (see docs/architecture.md, "Background services"). */
export function authorizationHeader({ apiKey, token }: TrelloCredentials): string {
  return `OAuth oauth_consumer_key="${apiKey}", oauth_token="${token}"`;
}

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
  attachments: AttachmentsSchema,
});
const CardWithLinksSchema = v.object({
  ...CardWithAttachmentsSchema.entries,
  desc: v.optional(v.string(), ''),
});
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
    return throughLimiter(limiter, () =>
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
    openLists(id: string): Promise<Result<TrelloList[]>> {
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
    ): Promise<Result<TrelloList>> {
      return call('/1/lists', ListSchema, {
        method: 'POST',
        body: { name, idBoard, pos: String(pos) },
      });
    },
    /** Renames a list (PUT /1/lists/{id}); the answer is the list as Trello now has it. */
    renameList(id: string, name: string): Promise<Result<TrelloList>> {
      return call(`/1/lists/${encodeURIComponent(id)}`, ListSchema, {
        method: 'PUT',
        body: { name },
      });
    },
    /** Archives a list (Undo of a list we created); archiving it twice changes nothing. */
    archiveList(id: string): Promise<Result<TrelloList>> {
      return call(`/1/lists/${encodeURIComponent(id)}`, ListSchema, {
        method: 'PUT',
        body: { closed: 'true' },
      });
    },
    /** Archives a card (Undo of a card we created); archiving it twice changes nothing. */
    archiveCard(id: string): Promise<Result<TrelloCardRef>> {
      return call(`/1/cards/${encodeURIComponent(id)}`, CardRefSchema, {
        method: 'PUT',
        body: { closed: 'true' },
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
    /**
     * One list's cards with their attachment URLs (per list, never board-wide: see
     * docs/architecture.md, "Data and caches").
     */
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
