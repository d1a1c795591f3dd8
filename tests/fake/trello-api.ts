// The Trello REST API (`/1/…`), served on api.trello.com (key + token in the OAuth header)
// and on trello.com (the signed-in session cookie, read-only).

import { type Ctx, json, listParam, param, type Reply, Router, text } from './http.ts';
import {
  addAction,
  addAttachment,
  addCard,
  addList,
  boardRef,
  cardRef,
  cardUrl,
  type FakeState,
  findBoard,
  findCard,
  findList,
  findMember,
  iso,
  listRef,
  moveCard,
  type TrelloAction,
  type TrelloAttachment,
  type TrelloBoard,
  type TrelloCard,
  type TrelloList,
} from './state.ts';

export const SESSION_COOKIE = 'fake_trello_session';

const NOT_FOUND = 'The requested resource was not found.';
const UNAUTHORIZED = 'unauthorized permission requested';

// ---------------------------------------------------------------- authentication

/** The member the request acts as, or a refusal. Sets `ctx.auth` to what was presented. */
function authenticate(ctx: Ctx): { member: string } | Reply {
  const { trello } = ctx.state;
  if (ctx.host === 'trello.com') {
    if (ctx.cookies[SESSION_COOKIE]) ctx.auth = 'session';
    if (ctx.cookies[SESSION_COOKIE] !== '1' || !trello.session) return text(401, UNAUTHORIZED);
    // Same-origin writes need Trello's CSRF token; the extension must use the token path for writes.
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return text(403, 'invalid csrf token');
    return { member: trello.sessionMember };
  }
  // api.trello.com: credentials only in the Authorization header.
  const header = ctx.headers.authorization;
  if (header) ctx.auth = 'token';
  if ('key' in ctx.query || 'token' in ctx.query) {
    return text(400, 'fake trello: pass key and token in the Authorization header, not the URL');
  }
  const key = /oauth_consumer_key="([^"]*)"/.exec(header ?? '')?.[1];
  const token = /oauth_token="([^"]*)"/.exec(header ?? '')?.[1];
  if (!header?.startsWith('OAuth ')) return text(401, 'invalid token');
  if (key !== trello.apiKey) return text(401, 'invalid key');
  const member = token ? trello.tokens[token] : undefined;
  if (!member) return text(401, 'invalid token');
  return { member };
}

/** A session cannot see `private` boards; a token sees every board. */
function visibleBoard(ctx: Ctx, idOrShortLink: string): TrelloBoard | Reply {
  const board = findBoard(ctx.state, idOrShortLink);
  if (!board) return text(404, NOT_FOUND);
  if (board.private && ctx.auth === 'session') return text(401, UNAUTHORIZED);
  return board;
}

function isReply(x: unknown): x is Reply {
  return (
    typeof x === 'object' && x !== null && 'status' in x && typeof (x as Reply).status === 'number'
  );
}

// ---------------------------------------------------------------- JSON shapes

/** Keeps `id` plus the requested fields (`all` or absent: everything). */
function pick<T extends { id: string }>(
  full: T,
  fields: string[] | undefined,
): Partial<T> & { id: string } {
  if (!fields || fields.includes('all')) return full;
  const out: Record<string, unknown> = { id: full.id };
  for (const f of fields) if (f in full) out[f] = (full as Record<string, unknown>)[f];
  return out as Partial<T> & { id: string };
}

function boardJson(board: TrelloBoard) {
  return {
    id: board.id,
    name: board.name,
    desc: '',
    closed: board.closed,
    shortLink: board.shortLink,
    url: board.url,
    shortUrl: `https://trello.com/b/${board.shortLink}`,
    idOrganization: null,
    prefs: { background: 'blue', backgroundColor: '#0079BF' },
  };
}

function listJson(board: TrelloBoard, list: TrelloList) {
  return { id: list.id, name: list.name, closed: list.closed, pos: list.pos, idBoard: board.id };
}

function cardJson(board: TrelloBoard, card: TrelloCard) {
  return {
    id: card.id,
    name: card.name,
    desc: card.desc,
    closed: card.closed,
    idBoard: board.id,
    idList: card.idList,
    idShort: card.idShort,
    shortLink: card.shortLink,
    url: cardUrl(card),
    shortUrl: `https://trello.com/c/${card.shortLink}`,
    pos: card.pos,
    due: card.due,
    dueComplete: card.dueComplete,
    idMembers: card.idMembers,
    idLabels: card.labels.map((l) => l.id),
    labels: card.labels.map((l) => ({ ...l, idBoard: board.id })),
    dateLastActivity: card.dateLastActivity,
  };
}

function attachmentJson(att: TrelloAttachment, fields: string[] | undefined) {
  const full = {
    id: att.id,
    url: att.url,
    name: att.name,
    isUpload: false,
    date: dateFromId(att.id),
  };
  return pick(full, fields);
}

function actionJson(state: FakeState, action: TrelloAction) {
  const m = findMember(state, action.idMemberCreator);
  return {
    ...action,
    memberCreator: m ? { id: m.id, username: m.username, fullName: m.fullName } : null,
  };
}

function dateFromId(id: string): string {
  return iso(Number.parseInt(id.slice(0, 8), 16) * 1000);
}

/** open (default for nested), closed, all, none, visible. */
function filterByState<T extends { closed: boolean }>(items: T[], filter: string): T[] {
  if (filter === 'all') return items;
  if (filter === 'closed') return items.filter((i) => i.closed);
  if (filter === 'none') return [];
  return items.filter((i) => !i.closed);
}

/** As Trello: `open` cards include those in archived lists; only `visible` leaves them out. */
function cardsByState(board: TrelloBoard, filter: string): TrelloCard[] {
  const cards = filterByState(board.cards, filter);
  if (filter !== 'visible') return cards;
  const openLists = new Set(board.lists.filter((l) => !l.closed).map((l) => l.id));
  return cards.filter((c) => openLists.has(c.idList));
}

function byPos<T extends { pos: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.pos - b.pos);
}

function cardsOut(
  ctx: Ctx,
  board: TrelloBoard,
  cards: TrelloCard[],
  fieldsName: string,
  attName: string,
) {
  const fields = listParam(ctx.query[fieldsName]);
  const withAttachments = ctx.query[attName] === 'true';
  const attFields = listParam(
    ctx.query[attName === 'attachments' ? 'attachment_fields' : 'card_attachment_fields'],
  );
  return byPos(cards).map((card) => {
    const out: Record<string, unknown> = pick(cardJson(board, card), fields);
    if (withAttachments)
      out.attachments = card.attachments.map((a) => attachmentJson(a, attFields));
    return out;
  });
}

// ---------------------------------------------------------------- handlers

function getBoard(ctx: Ctx): Reply {
  const board = visibleBoard(ctx, ctx.params.id ?? '');
  if (isReply(board)) return board;
  const out: Record<string, unknown> = pick(boardJson(board), listParam(ctx.query.fields));
  const lists = ctx.query.lists ?? 'none';
  if (lists !== 'none') {
    const fields = listParam(ctx.query.list_fields);
    out.lists = byPos(filterByState(board.lists, lists)).map((l) =>
      pick(listJson(board, l), fields),
    );
  }
  const cards = ctx.query.cards ?? 'none';
  if (cards !== 'none') {
    out.cards = cardsOut(ctx, board, cardsByState(board, cards), 'card_fields', 'card_attachments');
  }
  return json(200, out);
}

function getBoardLists(ctx: Ctx): Reply {
  const board = visibleBoard(ctx, ctx.params.id ?? '');
  if (isReply(board)) return board;
  const fields = listParam(ctx.query.fields);
  const lists = byPos(filterByState(board.lists, ctx.query.filter ?? 'open'));
  return json(
    200,
    lists.map((l) => pick(listJson(board, l), fields)),
  );
}

function getBoardCards(ctx: Ctx): Reply {
  const board = visibleBoard(ctx, ctx.params.id ?? '');
  if (isReply(board)) return board;
  return json(
    200,
    cardsOut(
      ctx,
      board,
      filterByState(board.cards, ctx.query.filter ?? 'open'),
      'fields',
      'attachments',
    ),
  );
}

/** `updateCard:idList` = updateCard actions that changed the list. */
function matchesFilter(action: TrelloAction, filters: string[]): boolean {
  if (filters.includes('all')) return true;
  return filters.some((f) => {
    const [type, field] = f.split(':');
    if (type !== action.type) return false;
    if (!field) return true;
    const old = action.data.old as Record<string, unknown> | undefined;
    return old !== undefined && field in old;
  });
}

/** `before` / `since` take an action id or a date. */
function actionBound(value: string | undefined): ((a: TrelloAction) => number) | undefined {
  if (!value) return undefined;
  if (/^[0-9a-f]{24}$/i.test(value)) return (a) => a.id.localeCompare(value.toLowerCase());
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  return (a) => Date.parse(a.date) - t;
}

function listActions(ctx: Ctx, actions: TrelloAction[], defaultFilter: string): Reply {
  const limit = Number(ctx.query.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 0 || limit > 1000)
    return text(400, 'invalid value for limit');
  const filters = listParam(ctx.query.filter ?? defaultFilter) ?? ['all'];
  const before = actionBound(ctx.query.before);
  const since = actionBound(ctx.query.since);
  const selected = actions
    .filter((a) => matchesFilter(a, filters))
    .filter((a) => !before || before(a) < 0)
    .filter((a) => !since || since(a) > 0)
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || b.id.localeCompare(a.id))
    .slice(0, limit);
  return json(
    200,
    selected.map((a) => actionJson(ctx.state, a)),
  );
}

function getBoardActions(ctx: Ctx): Reply {
  const board = visibleBoard(ctx, ctx.params.id ?? '');
  if (isReply(board)) return board;
  return listActions(ctx, board.actions, 'all');
}

function cardFor(ctx: Ctx): { board: TrelloBoard; card: TrelloCard } | Reply {
  const found = findCard(ctx.state, ctx.params.id ?? '');
  if (!found) return text(404, NOT_FOUND);
  if (found.board.private && ctx.auth === 'session') return text(401, UNAUTHORIZED);
  return found;
}

function getCard(ctx: Ctx): Reply {
  const found = cardFor(ctx);
  if (isReply(found)) return found;
  const [out] = cardsOut(ctx, found.board, [found.card], 'fields', 'attachments');
  return json(200, out);
}

/** `GET /1/cards/{id}/board`: the card's board (used when a page opens directly on a card). */
function getCardBoard(ctx: Ctx): Reply {
  const found = cardFor(ctx);
  if (isReply(found)) return found;
  return json(200, pick(boardJson(found.board), listParam(ctx.query.fields)));
}

/** The board's labels: those its cards carry (the fake keeps no separate label list). */
function boardLabels(board: TrelloBoard) {
  const byName = new Map<string, TrelloCard['labels'][number]>();
  for (const card of board.cards)
    for (const label of card.labels) if (!byName.has(label.name)) byName.set(label.name, label);
  return [...byName.values()];
}

function getBoardLabels(ctx: Ctx): Reply {
  const board = visibleBoard(ctx, ctx.params.id ?? '');
  if (isReply(board)) return board;
  return json(
    200,
    boardLabels(board).map((l) => ({ id: l.id, name: l.name, color: l.color })),
  );
}

function getMyBoards(ctx: Ctx): Reply {
  return json(
    200,
    ctx.state.trello.boards
      .filter((b) => !b.closed && !b.private)
      .map((b) => ({ id: b.id, name: b.name, shortLink: b.shortLink })),
  );
}

function getCardActions(ctx: Ctx): Reply {
  const found = cardFor(ctx);
  if (isReply(found)) return found;
  const id = found.card.id;
  const mine = found.board.actions.filter(
    (a) => (a.data.card as { id?: string } | undefined)?.id === id,
  );
  return listActions(ctx, mine, 'commentCard,updateCard:idList');
}

function getCardAttachments(ctx: Ctx): Reply {
  const found = cardFor(ctx);
  if (isReply(found)) return found;
  const fields = listParam(ctx.query.fields);
  return json(
    200,
    found.card.attachments.map((a) => attachmentJson(a, fields)),
  );
}

function getListCards(ctx: Ctx): Reply {
  const found = findList(ctx.state, ctx.params.id ?? '');
  if (!found) return text(404, NOT_FOUND);
  if (found.board.private && ctx.auth === 'session') return text(401, UNAUTHORIZED);
  const cards = found.board.cards.filter((c) => c.idList === found.list.id);
  return json(
    200,
    cardsOut(
      ctx,
      found.board,
      filterByState(cards, ctx.query.filter ?? 'open'),
      'fields',
      'attachments',
    ),
  );
}

function getMe(ctx: Ctx, member: string): Reply {
  const m = findMember(ctx.state, member);
  if (!m) return text(404, NOT_FOUND);
  const idBoards = ctx.state.trello.boards.map((b) => b.id);
  return json(
    200,
    pick(
      { id: m.id, username: m.username, fullName: m.fullName, idBoards },
      listParam(ctx.query.fields),
    ),
  );
}

function parsePos(value: string | undefined): number | 'top' | 'bottom' | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'top' || value === 'bottom') return value;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function createList(ctx: Ctx, idBoard: string | undefined, member: string): Reply {
  const name = param(ctx, 'name');
  if (!name?.trim()) return text(400, 'invalid value for name');
  const board = idBoard ? findBoard(ctx.state, idBoard) : undefined;
  if (!board) return text(400, 'invalid value for idBoard');
  const pos = parsePos(param(ctx, 'pos'));
  const list = addList(ctx.state, board, { name, ...(pos !== undefined ? { pos } : {}) });
  addAction(ctx.state, board, {
    type: 'createList',
    idMemberCreator: member,
    data: { list: listRef(list), board: boardRef(board) },
  });
  return json(200, listJson(board, list));
}

function updateList(ctx: Ctx, member: string): Reply {
  const found = findList(ctx.state, ctx.params.id ?? '');
  if (!found) return text(404, NOT_FOUND);
  const { list, board } = found;
  const name = param(ctx, 'name');
  if (name !== undefined && !name.trim()) return text(400, 'invalid value for name');
  if (name !== undefined && name !== list.name) {
    // Trello records a rename as an updateList action with the old name.
    addAction(ctx.state, board, {
      type: 'updateList',
      idMemberCreator: member,
      data: { list: { ...listRef(list), name }, old: { name: list.name }, board: boardRef(board) },
    });
    list.name = name;
  }
  const closed = param(ctx, 'closed');
  if (closed !== undefined) list.closed = closed === 'true';
  const pos = parsePos(param(ctx, 'pos'));
  if (typeof pos === 'number') list.pos = pos;
  return json(200, listJson(board, list));
}

function validUrl(value: string | undefined): value is string {
  try {
    const u = new URL(value ?? '');
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function createCard(ctx: Ctx, member: string): Reply {
  const found = findList(ctx.state, param(ctx, 'idList') ?? '');
  if (!found) return text(400, 'invalid value for idList');
  const desc = param(ctx, 'desc') ?? '';
  if (desc.length > 16384) return text(400, 'invalid value for desc');
  const due = param(ctx, 'due');
  const urlSource = param(ctx, 'urlSource');
  if (urlSource !== undefined && !validUrl(urlSource))
    return text(400, 'invalid value for urlSource');
  const card = addCard(ctx.state, found.board, {
    name: param(ctx, 'name') ?? '',
    list: found.list.id,
    desc,
    due: due ? due : null,
    members: listParam(param(ctx, 'idMembers')) ?? [],
    createdAt: ctx.state.now,
    attachments: urlSource ? [urlSource] : [],
  });
  // addCard records the creation by the first member; the API call acts as the caller.
  const created = found.board.actions.find(
    (a) => a.type === 'createCard' && (a.data.card as { id?: string } | undefined)?.id === card.id,
  );
  if (created) created.idMemberCreator = member;
  const wanted = new Set(listParam(param(ctx, 'idLabels')) ?? []);
  card.labels = boardLabels(found.board).filter((l) => wanted.has(l.id));
  return json(200, {
    ...cardJson(found.board, card),
    attachments: card.attachments.map((a) => attachmentJson(a, undefined)),
  });
}

function updateCard(ctx: Ctx): Reply {
  const found = cardFor(ctx);
  if (isReply(found)) return found;
  const { board, card } = found;
  const idList = param(ctx, 'idList');
  if (idList !== undefined && idList !== card.idList) {
    if (!board.lists.some((l) => l.id === idList)) return text(400, 'invalid value for idList');
    moveCard(ctx.state, board, card, idList);
  }
  const name = param(ctx, 'name');
  if (name !== undefined) card.name = name;
  const desc = param(ctx, 'desc');
  if (desc !== undefined) card.desc = desc;
  const due = param(ctx, 'due');
  if (due !== undefined) card.due = due === '' || due === 'null' ? null : due;
  const dueComplete = param(ctx, 'dueComplete');
  if (dueComplete !== undefined) card.dueComplete = dueComplete === 'true';
  const closed = param(ctx, 'closed');
  if (closed !== undefined) card.closed = closed === 'true';
  card.dateLastActivity = iso(ctx.state.now);
  return json(200, cardJson(board, card));
}

function addComment(ctx: Ctx, member: string): Reply {
  const found = cardFor(ctx);
  if (isReply(found)) return found;
  const body = param(ctx, 'text');
  if (!body?.trim()) return text(400, 'invalid value for text');
  const { board, card } = found;
  const list = board.lists.find((l) => l.id === card.idList);
  const action = addAction(ctx.state, board, {
    type: 'commentCard',
    idMemberCreator: member,
    data: {
      text: body,
      card: cardRef(card),
      board: boardRef(board),
      ...(list ? { list: listRef(list) } : {}),
    },
  });
  card.dateLastActivity = action.date;
  return json(200, actionJson(ctx.state, action));
}

function postAttachment(ctx: Ctx): Reply {
  const found = cardFor(ctx);
  if (isReply(found)) return found;
  const url = param(ctx, 'url');
  if (!validUrl(url)) return text(400, 'invalid value for url');
  const name = param(ctx, 'name') ?? url;
  if (name.length > 256) return text(400, 'invalid value for name');
  const att = addAttachment(ctx.state, found.card, { url, name });
  found.card.dateLastActivity = iso(ctx.state.now);
  return json(200, attachmentJson(att, undefined));
}

// ---------------------------------------------------------------- routing

type Authed = (ctx: Ctx, member: string) => Reply;

const routes: [method: string, pattern: string, handler: Authed][] = [
  ['GET', '/1/members/me', getMe],
  ['GET', '/1/members/me/boards', getMyBoards],
  ['GET', '/1/boards/:id/labels', getBoardLabels],
  ['GET', '/1/boards/:id', getBoard],
  ['GET', '/1/boards/:id/lists', getBoardLists],
  ['GET', '/1/boards/:id/cards', getBoardCards],
  ['GET', '/1/boards/:id/actions', getBoardActions],
  ['POST', '/1/boards/:id/lists', (ctx, m) => createList(ctx, ctx.params.id, m)],
  ['POST', '/1/lists', (ctx, m) => createList(ctx, param(ctx, 'idBoard'), m)],
  ['PUT', '/1/lists/:id', updateList],
  ['GET', '/1/lists/:id/cards', getListCards],
  ['POST', '/1/cards', createCard],
  ['GET', '/1/cards/:id', getCard],
  ['PUT', '/1/cards/:id', updateCard],
  ['GET', '/1/cards/:id/board', getCardBoard],
  ['GET', '/1/cards/:id/actions', getCardActions],
  ['POST', '/1/cards/:id/actions/comments', addComment],
  ['GET', '/1/cards/:id/attachments', getCardAttachments],
  ['POST', '/1/cards/:id/attachments', postAttachment],
];

/** Extend the API from tests or later work: `trelloApiRoutes.push(['GET', '/1/…', handler])`. */
export const trelloApiRoutes = routes;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, Content-Type',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
};

/** Handles `/1/…` on trello.com (session) or api.trello.com (OAuth header). */
export async function handleTrelloApi(ctx: Ctx): Promise<Reply> {
  const cors = ctx.host === 'api.trello.com' ? CORS : {};
  if (ctx.method === 'OPTIONS') return { status: 204, headers: cors, body: '' };
  const router = new Router();
  let member = '';
  for (const [method, pattern, handler] of routes)
    router.add(method, pattern, (c) => handler(c, member));
  if (router.match(ctx.method, ctx.path) === undefined)
    return withHeaders(text(404, NOT_FOUND), cors);
  const who = authenticate(ctx);
  if (isReply(who)) return withHeaders(who, cors);
  member = who.member;
  const reply = await router.handle(ctx, (_c, methodMismatch) =>
    methodMismatch ? text(404, `Cannot ${ctx.method} ${ctx.path}`) : text(404, NOT_FOUND),
  );
  return withHeaders(reply, cors);
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}
