/** The board snapshot: plain data from one nested Trello request (DESIGN §5, trello-api.md §3). */
import * as v from 'valibot';

const nullableText = v.optional(v.nullable(v.string()), null);

const ListSchema = v.object({
  id: v.string(),
  name: v.string(),
  pos: v.optional(v.number(), 0),
  closed: v.optional(v.boolean(), false),
});

const CardSchema = v.object({
  id: v.string(),
  name: v.string(),
  idList: v.string(),
  shortLink: v.string(),
  url: v.optional(v.string(), ''),
  desc: v.optional(v.string(), ''),
  due: nullableText,
  dueComplete: v.optional(v.boolean(), false),
  idMembers: v.optional(v.array(v.string()), []),
  labels: v.optional(
    v.array(v.object({ id: v.string(), name: v.optional(v.string(), ''), color: nullableText })),
    [],
  ),
  dateLastActivity: nullableText,
  closed: v.optional(v.boolean(), false),
});

export const BoardResponseSchema = v.object({
  id: v.string(),
  name: v.string(),
  shortLink: v.string(),
  url: v.optional(v.string(), ''),
  closed: v.optional(v.boolean(), false),
  lists: v.optional(v.array(ListSchema), []),
  cards: v.optional(v.array(CardSchema), []),
});

export type BoardResponse = v.InferOutput<typeof BoardResponseSchema>;
export type TrelloList = v.InferOutput<typeof ListSchema>;
export type TrelloCard = v.InferOutput<typeof CardSchema>;

export interface BoardSnapshot extends BoardResponse {
  /** Epoch ms when the data was read. */
  fetchedAt: number;
  /** Which read path produced it. */
  source: 'session' | 'token';
}

export const MemberSchema = v.object({
  id: v.string(),
  username: v.string(),
  fullName: v.optional(v.string(), ''),
});
export type TrelloMember = v.InferOutput<typeof MemberSchema>;

const CARD_FIELDS = [
  'name',
  'idList',
  'shortLink',
  'url',
  'desc',
  'due',
  'dueComplete',
  'idMembers',
  'labels',
  'dateLastActivity',
  'closed',
];

/** The one nested request for a board: board fields, open lists, open cards, narrow fields. */
export function boardSnapshotPath(board: string): string {
  const query = new URLSearchParams({
    fields: 'name,shortLink,url,closed',
    lists: 'open',
    list_fields: 'name,pos,closed',
    cards: 'open',
    card_fields: CARD_FIELDS.join(','),
  });
  return `/1/boards/${encodeURIComponent(board)}?${query}`;
}
