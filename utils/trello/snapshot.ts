/**
 * The board snapshot: plain data from one nested Trello request, and the read shared by the
 * session and token paths (see docs/architecture.md, "Data and caches").
 */
import * as v from 'valibot';
import { fail, ok, type Result } from '../result';
import { yieldTurn } from '../turns';

/** At most one read of a board per 30 s: how long a snapshot is fresh (background and pages). */
export const SNAPSHOT_TTL_MS = 30_000;

const nullableText = v.optional(v.nullable(v.string()), null);

export const ListSchema = v.object({
  id: v.string(),
  name: v.string(),
  pos: v.optional(v.number(), 0),
  closed: v.optional(v.boolean(), false),
});

/** A card's attachment URLs (asked for only where cards link pull requests or boards). */
export const AttachmentsSchema = v.optional(
  v.array(v.object({ url: v.optional(v.string(), '') })),
  [],
);

export const CardSchema = v.object({
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
  /** Only on pipeline reads (board links); never asked for on project boards. */
  attachments: AttachmentsSchema,
});

const BoardFieldsSchema = v.object({
  id: v.string(),
  name: v.string(),
  shortLink: v.string(),
  url: v.optional(v.string(), ''),
  closed: v.optional(v.boolean(), false),
  lists: v.optional(v.array(ListSchema), []),
  cards: v.optional(v.array(CardSchema), []),
});

/**
 * Trello's `cards=open` still returns the open cards of archived lists; nobody sees those on the
 * board, so no rule should count them.
 */
function onOpenLists<B extends v.InferOutput<typeof BoardFieldsSchema>>(board: B): B {
  const openLists = new Set(board.lists.filter((l) => !l.closed).map((l) => l.id));
  return { ...board, cards: board.cards.filter((c) => openLists.has(c.idList)) };
}

export const BoardResponseSchema = v.pipe(BoardFieldsSchema, v.transform(onOpenLists));

export type BoardResponse = v.InferOutput<typeof BoardResponseSchema>;

/** The board answer with its cards not yet checked: `readSnapshot` checks them in slices. */
const BoardShapeSchema = v.object({
  ...BoardFieldsSchema.entries,
  cards: v.optional(v.array(v.unknown()), []),
});

/** Cards checked per turn of the thread: a 5,000-card board is some 30 ms of checking in all. */
const CARDS_PER_TURN = 500;

/** Every card checked against the schema, a slice per turn, so no one task checks them all. */
async function checkCards(cards: readonly unknown[]): Promise<Result<TrelloCard[]>> {
  const checked: TrelloCard[] = [];
  for (let start = 0; start < cards.length; start += CARDS_PER_TURN) {
    if (start > 0) await yieldTurn();
    const slice = v.safeParse(v.array(CardSchema), cards.slice(start, start + CARDS_PER_TURN));
    if (!slice.success) {
      const [index, ...rest] = v.getDotPath(slice.issues[0])?.split('.') ?? [];
      const where = ['cards', start + Number(index ?? 0), ...rest].join('.');
      return fail('malformed', `Trello sent an answer Process Lens cannot read (${where}).`);
    }
    checked.push(...slice.output);
  }
  return ok(checked);
}

/**
 * A board action, reduced to what the rules need: card moves and creations (time in list) and
 * comments (blockers, pipeline reviews). Kept small: a busy board has 1,000 of them.
 */
export interface BoardEvent {
  kind: 'move' | 'create' | 'comment' | 'attach';
  card: string;
  /** The list the card entered (move) or was created in (create). */
  list?: string;
  /** Epoch ms. */
  at: number;
  /** Comment text. */
  text?: string;
  /** Attachment URL. */
  url?: string;
  member?: string;
}

const ActionSchema = v.object({
  type: v.string(),
  date: v.string(),
  data: v.optional(
    v.looseObject({
      card: v.optional(v.looseObject({ id: v.optional(v.string()) })),
      listAfter: v.optional(v.looseObject({ id: v.optional(v.string()) })),
      list: v.optional(v.looseObject({ id: v.optional(v.string()) })),
      text: v.optional(v.string()),
      attachment: v.optional(v.looseObject({ url: v.optional(v.string()) })),
    }),
    {},
  ),
  memberCreator: v.optional(v.nullable(v.looseObject({ username: v.optional(v.string()) })), null),
});

/** The most actions Trello returns in one answer (and a board export holds). */
export const ACTIONS_LIMIT = 1000;

export const ActionsResponseSchema = v.pipe(
  v.array(ActionSchema),
  v.transform((actions) => actions.map(toEvent).filter((event) => event !== undefined)),
);

/**
 * The events of one answer of actions, and whether it stopped at Trello's limit: then a card with
 * no move on record may have moved before the oldest action, and the hints say so.
 */
export const CappedActionsSchema = v.pipe(
  v.array(ActionSchema),
  v.transform((actions) => ({
    events: actions.map(toEvent).filter((event) => event !== undefined),
    capped: actions.length >= ACTIONS_LIMIT,
  })),
);

function toEvent(action: v.InferOutput<typeof ActionSchema>): BoardEvent | undefined {
  const card = action.data.card?.id;
  const at = Date.parse(action.date);
  if (!card || Number.isNaN(at)) return undefined;
  const member = action.memberCreator?.username;
  const base = { card, at, ...(member ? { member } : {}) };
  if (action.type === 'updateCard' && action.data.listAfter?.id) {
    return { kind: 'move', list: action.data.listAfter.id, ...base };
  }
  if (action.type === 'createCard') return { kind: 'create', list: action.data.list?.id, ...base };
  if (action.type === 'commentCard')
    return { kind: 'comment', text: action.data.text ?? '', ...base };
  if (action.type === 'addAttachmentToCard' && action.data.attachment?.url) {
    return { kind: 'attach', url: action.data.attachment.url, ...base };
  }
  return undefined;
}
/**
 * A snapshot a content script read with the signed-in session, handed to the background to keep
 * for 30 s (other tabs and reloads reuse it): checked like any message payload.
 */
export const SessionSnapshotSchema = v.object({
  ...BoardFieldsSchema.entries,
  shortLink: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{8}$/)),
  events: v.array(
    v.object({
      kind: v.picklist(['move', 'create', 'comment', 'attach']),
      card: v.string(),
      list: v.optional(v.string()),
      at: v.number(),
      text: v.optional(v.string()),
      url: v.optional(v.string()),
      member: v.optional(v.string()),
    }),
  ),
  actionsCapped: v.optional(v.boolean()),
  fetchedAt: v.number(),
  source: v.literal('session'),
});

export type TrelloList = v.InferOutput<typeof ListSchema>;
export type TrelloCard = v.InferOutput<typeof CardSchema>;

export interface BoardSnapshot extends BoardResponse {
  /** Newest first, at most one page (1,000) of moves, creations and comments. */
  events: BoardEvent[];
  /** The actions stopped at Trello's limit of 1,000: older moves are not on record. */
  actionsCapped?: boolean;
  /** Epoch ms when the data was read. */
  fetchedAt: number;
  /** Which read path produced it. */
  source: 'session' | 'token';
}

/**
 * A session read handed to the background in parts of about `cardsPerPart` cards (the events
 * shared out alike), so no single message copies a big board across at once
 * (docs/architecture.md, "Data and caches"). Each part is a valid snapshot; `joinSnapshotParts`
 * puts them together again.
 */
export function splitSnapshot<S extends BoardSnapshot>(snapshot: S, cardsPerPart: number): S[] {
  const count = Math.max(1, Math.ceil(snapshot.cards.length / cardsPerPart));
  const slice = <T>(items: T[], index: number) => {
    const size = Math.ceil(items.length / count);
    return items.slice(index * size, (index + 1) * size);
  };
  return Array.from({ length: count }, (_, index) => ({
    ...snapshot,
    cards: slice(snapshot.cards, index),
    events: slice(snapshot.events, index),
  }));
}

/** The parts of one read, in order, as one snapshot. */
export function joinSnapshotParts(parts: readonly BoardSnapshot[]): BoardSnapshot | undefined {
  const [first] = parts;
  if (!first) return undefined;
  return {
    ...first,
    cards: parts.flatMap((part) => part.cards),
    events: parts.flatMap((part) => part.events),
  };
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

/**
 * The one nested request for a board: board fields, open lists, open cards, narrow fields.
 * Card attachments only for the pipeline board (its cards link the project boards).
 */
export function boardSnapshotPath(board: string, { attachments = false } = {}): string {
  const query = new URLSearchParams({
    fields: 'name,shortLink,url,closed',
    lists: 'open',
    list_fields: 'name,pos,closed',
    cards: 'open',
    card_fields: CARD_FIELDS.join(','),
    ...(attachments ? { card_attachments: 'true', card_attachment_fields: 'url' } : {}),
  });
  return `/1/boards/${encodeURIComponent(board)}?${query}`;
}

/**
 * The one actions request: list moves and creations (time in list), comments (blockers, reviews)
 * and attachments (cards that link pull requests), without expanding attachments board-wide.
 */
export function boardActionsPath(board: string): string {
  const query = new URLSearchParams({
    filter: 'updateCard:idList,createCard,commentCard,addAttachmentToCard',
    limit: String(ACTIONS_LIMIT),
    fields: 'type,date,data',
    memberCreator_fields: 'username',
  });
  return `/1/boards/${encodeURIComponent(board)}/actions?${query}`;
}

export interface SnapshotOptions {
  attachments?: boolean;
}

/** A GET on either read path (session or token), its answer checked against `schema`. */
export type GetJson = <S extends v.GenericSchema>(
  path: string,
  schema: S,
) => Promise<Result<v.InferOutput<S>>>;

/** The board snapshot: the nested board request and the actions request, side by side. */
export async function readSnapshot(
  get: GetJson,
  board: string,
  options: SnapshotOptions,
  source: BoardSnapshot['source'],
  now: () => number,
): Promise<Result<BoardSnapshot>> {
  const [response, events] = await Promise.all([
    get(boardSnapshotPath(board, options), BoardShapeSchema),
    get(boardActionsPath(board), CappedActionsSchema),
  ]);
  if (!response.ok) return response;
  if (!events.ok) return events;
  const cards = await checkCards(response.value.cards);
  if (!cards.ok) return cards;
  const { events: list, capped } = events.value;
  return ok({
    ...onOpenLists({ ...response.value, cards: cards.value }),
    events: list,
    ...(capped ? { actionsCapped: true } : {}),
    fetchedAt: now(),
    source,
  });
}
