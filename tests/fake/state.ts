// Stateful data behind the fake trello.com / github.com (server.ts).
// Plain JSON-able objects: tests read and mutate them directly between steps.
// Everything is deterministic: ids come from a counter kept in the state, never Math.random.

import { previousCall } from '../../utils/process/call-schedule.ts';
import { defaultSettings, PROCESS_LISTS } from '../../utils/process/settings.ts';
import { GITHUB_LIGHT, type GitHubTheme, TRELLO_LIGHT, type TrelloTheme } from './themes.ts';

// ---------------------------------------------------------------- Trello types

export interface TrelloMember {
  id: string;
  username: string;
  fullName: string;
}

export interface TrelloLabel {
  id: string;
  name: string;
  color: string | null;
}

export interface TrelloAttachment {
  id: string;
  url: string;
  name: string;
}

export interface TrelloList {
  id: string;
  name: string;
  pos: number;
  closed: boolean;
}

export interface TrelloCard {
  /** 24 hex; the first 8 hex digits are the creation time in Unix seconds (like Trello). */
  id: string;
  shortLink: string;
  idShort: number;
  name: string;
  idList: string;
  pos: number;
  desc: string;
  due: string | null;
  dueComplete: boolean;
  idMembers: string[];
  labels: TrelloLabel[];
  dateLastActivity: string | null;
  closed: boolean;
  attachments: TrelloAttachment[];
}

export interface TrelloAction {
  id: string;
  type: string;
  date: string;
  idMemberCreator: string;
  data: Record<string, unknown>;
}

export interface TrelloBoard {
  id: string;
  shortLink: string;
  name: string;
  url: string;
  closed: boolean;
  /** Only token access sees it; the trello.com session gets 401 (fake-only flag). */
  private?: boolean;
  /** false: the page omits `h1[data-testid="board-name-display"]` (fake-only flag). */
  renderHeader?: boolean;
  lists: TrelloList[];
  cards: TrelloCard[];
  /** Any order; the API returns them newest first. */
  actions: TrelloAction[];
}

export interface TrelloState {
  /** Signed in on trello.com (the same-origin `/1/` path works with the session cookie). */
  session: boolean;
  /** The member the trello.com session belongs to. */
  sessionMember: string;
  apiKey: string;
  /** token → member id. */
  tokens: Record<string, string>;
  members: TrelloMember[];
  boards: TrelloBoard[];
  /** The member's theme: light, dark or matching the system ("auto"). */
  theme: TrelloTheme;
}

// ---------------------------------------------------------------- GitHub types

export interface GhUserRef {
  login: string;
}

export interface GhUser {
  login: string;
  id: number;
  name: string;
}

export interface GhLabel {
  name: string;
  color: string;
}

export interface GhComment {
  id: number;
  user: GhUserRef;
  body: string;
  created_at: string;
  updated_at: string;
}

export type GhReviewState =
  | 'APPROVED'
  | 'CHANGES_REQUESTED'
  | 'COMMENTED'
  | 'DISMISSED'
  | 'PENDING';

export interface GhReview {
  id: number;
  user: GhUserRef;
  state: GhReviewState;
  body: string;
  submitted_at: string;
}

export interface GhBranchRef {
  ref: string;
  sha: string;
  repo: { full_name: string; fork: boolean; default_branch: string };
}

export interface GhPull {
  number: number;
  title: string;
  body: string;
  user: GhUserRef;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  labels: GhLabel[];
  comments: GhComment[];
  head: GhBranchRef;
  base: { ref: string; repo: { full_name: string } };
  reviews: GhReview[];
  created_at: string;
  updated_at: string;
  requested_reviewers?: string[];
}

export interface GhIssue {
  number: number;
  title: string;
  body: string;
  user: GhUserRef;
  state: 'open' | 'closed';
  labels: GhLabel[];
  comments: GhComment[];
  assignees: GhUserRef[];
  created_at: string;
  updated_at: string;
  state_reason?: string;
}

export interface GhRepo {
  id: number;
  owner: string;
  name: string;
  default_branch: string;
  fork: boolean;
  private: boolean;
  pulls: GhPull[];
  issues: GhIssue[];
  /** ISO time of the last push (forks: "did the developer push today?"). */
  pushed_at?: string;
  /** Files served by the contents API, by path. */
  files?: Record<string, string>;
  /** The repository's labels (an issue's labels need not be among them). */
  labels?: GhLabel[];
}

export interface GitHubState {
  /** Login shown in `meta[name="user-login"]` on github.com pages; null = signed out. */
  sessionLogin: string | null;
  users: GhUser[];
  /** token → login. */
  tokens: Record<string, string>;
  repos: GhRepo[];
  /** Unauthenticated primary rate limit (per run). Set `used = limit` to simulate exhaustion. */
  rate: { limit: number; used: number; resetEpochSeconds: number; authenticatedUsed: number };
  /**
   * Send a GitHub-like Content-Security-Policy with github.com pages, stricter than GitHub's own
   * on styles (no 'unsafe-inline'): see github-pages.ts `githubCsp`.
   */
  strictCsp: boolean;
  /** The signed-in user's theme, marked on <html> as GitHub marks it. */
  theme: GitHubTheme;
}

export interface FakeState {
  /** Reference time (ms) used for generated dates. */
  now: number;
  /** Counter behind every generated id. */
  seq: number;
  trello: TrelloState;
  github: GitHubState;
}

// ---------------------------------------------------------------- ids and small helpers

export const DAY = 24 * 60 * 60 * 1000;
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 24-hex Trello id whose first 8 hex digits are `atMs` in Unix seconds. */
export function nextTrelloId(state: FakeState, atMs: number = state.now): string {
  state.seq += 1;
  const seconds = Math.floor(atMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + state.seq.toString(16).padStart(16, '0');
}

/** A deterministic, unique 8-character alphanumeric short link. */
export function nextShortLink(state: FakeState): string {
  state.seq += 1;
  // Multiplying by a number coprime to 62 permutes 0..62^8-1, so short links never repeat
  // and consecutive ones look unrelated.
  let n = (state.seq * 2654435761 + 98_765_432_101_234) % 62 ** 8;
  let out = '';
  for (let i = 0; i < 8; i++) {
    out += ALNUM[n % 62];
    n = Math.floor(n / 62);
  }
  return out;
}

export function nextNumericId(state: FakeState): number {
  state.seq += 1;
  return 1_000_000 + state.seq;
}

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'untitled'
  );
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function emptyState(now: number = Date.now()): FakeState {
  return {
    now,
    seq: 0,
    trello: {
      session: true,
      sessionMember: '',
      apiKey: 'demo-key',
      tokens: {},
      members: [],
      boards: [],
      theme: TRELLO_LIGHT,
    },
    github: {
      sessionLogin: null,
      users: [],
      tokens: {},
      repos: [],
      rate: {
        limit: 60,
        used: 0,
        resetEpochSeconds: Math.floor(now / 1000) + 3600,
        authenticatedUsed: 0,
      },
      strictCsp: false,
      theme: GITHUB_LIGHT,
    },
  };
}

// ---------------------------------------------------------------- Trello look-ups

export function findBoard(state: FakeState, idOrShortLink: string): TrelloBoard | undefined {
  return state.trello.boards.find((b) => b.id === idOrShortLink || b.shortLink === idOrShortLink);
}

export function findList(
  state: FakeState,
  idList: string,
): { board: TrelloBoard; list: TrelloList } | undefined {
  for (const board of state.trello.boards) {
    const list = board.lists.find((l) => l.id === idList);
    if (list) return { board, list };
  }
  return undefined;
}

export function findCard(
  state: FakeState,
  idOrShortLink: string,
): { board: TrelloBoard; card: TrelloCard } | undefined {
  for (const board of state.trello.boards) {
    const card = board.cards.find((c) => c.id === idOrShortLink || c.shortLink === idOrShortLink);
    if (card) return { board, card };
  }
  return undefined;
}

export function findMember(state: FakeState, idOrUsername: string): TrelloMember | undefined {
  return state.trello.members.find((m) => m.id === idOrUsername || m.username === idOrUsername);
}

export function cardUrl(card: TrelloCard): string {
  return `https://trello.com/c/${card.shortLink}/${card.idShort}-${slugify(card.name)}`;
}

export function boardUrl(board: Pick<TrelloBoard, 'shortLink' | 'name'>): string {
  return `https://trello.com/b/${board.shortLink}/${slugify(board.name)}`;
}

// ---------------------------------------------------------------- Trello builders

export function addMember(
  state: FakeState,
  spec: { username: string; fullName: string; token?: string },
): TrelloMember {
  const member = { id: nextTrelloId(state), username: spec.username, fullName: spec.fullName };
  state.trello.members.push(member);
  if (spec.token) state.trello.tokens[spec.token] = member.id;
  return member;
}

export interface CardSpec {
  name: string;
  /** List name (exact) or list id. */
  list: string;
  desc?: string;
  /** ms, ISO string or null. */
  due?: number | string | null;
  dueComplete?: boolean;
  /** Member ids or usernames. */
  members?: string[];
  labels?: { name: string; color?: string | null }[];
  attachments?: (string | { url: string; name?: string })[];
  /** Creation time in ms (encoded in the id); default: state.now - 30 days. */
  createdAt?: number;
  /** ms or null; default: the time it entered its list. */
  dateLastActivity?: number | null;
  /** When the card moved into its current list; adds an `updateCard:idList` action. */
  movedAt?: number;
  /** The list it moved from (name); default: the board's first other list. */
  movedFrom?: string;
  closed?: boolean;
}

export interface BoardSpec {
  name: string;
  shortLink?: string;
  lists: string[];
  cards?: CardSpec[];
  closed?: boolean;
  private?: boolean;
  renderHeader?: boolean;
  /** Creation time of the board and its lists (ms). */
  createdAt?: number;
}

export function addBoard(state: FakeState, spec: BoardSpec): TrelloBoard {
  const createdAt = spec.createdAt ?? state.now - 90 * DAY;
  const shortLink = spec.shortLink ?? nextShortLink(state);
  const board: TrelloBoard = {
    id: nextTrelloId(state, createdAt),
    shortLink,
    name: spec.name,
    url: boardUrl({ shortLink, name: spec.name }),
    closed: spec.closed ?? false,
    lists: [],
    cards: [],
    actions: [],
  };
  if (spec.private !== undefined) board.private = spec.private;
  if (spec.renderHeader !== undefined) board.renderHeader = spec.renderHeader;
  state.trello.boards.push(board);
  for (const name of spec.lists) addList(state, board, { name, createdAt });
  for (const card of spec.cards ?? []) addCard(state, board, card);
  return board;
}

export function addList(
  state: FakeState,
  board: TrelloBoard,
  spec: { name: string; pos?: number | 'top' | 'bottom'; closed?: boolean; createdAt?: number },
): TrelloList {
  const positions = board.lists.map((l) => l.pos);
  let pos: number;
  if (typeof spec.pos === 'number') pos = spec.pos;
  else if (spec.pos === 'top') pos = positions.length ? Math.min(...positions) / 2 : 16384;
  else pos = (positions.length ? Math.max(...positions) : 0) + 16384;
  const list: TrelloList = {
    id: nextTrelloId(state, spec.createdAt ?? state.now),
    name: spec.name,
    pos,
    closed: spec.closed ?? false,
  };
  board.lists.push(list);
  return list;
}

function resolveList(board: TrelloBoard, nameOrId: string): TrelloList {
  const list =
    board.lists.find((l) => l.id === nameOrId) ?? board.lists.find((l) => l.name === nameOrId);
  if (!list) throw new Error(`fake: board ${board.shortLink} has no list "${nameOrId}"`);
  return list;
}

function toIsoOrNull(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? iso(value) : value;
}

export function addCard(state: FakeState, board: TrelloBoard, spec: CardSpec): TrelloCard {
  const list = resolveList(board, spec.list);
  const createdAt = spec.createdAt ?? state.now - 30 * DAY;
  const enteredListAt = spec.movedAt ?? createdAt;
  const inList = board.cards.filter((c) => c.idList === list.id);
  const card: TrelloCard = {
    id: nextTrelloId(state, createdAt),
    shortLink: nextShortLink(state),
    idShort: board.cards.reduce((max, c) => Math.max(max, c.idShort), 0) + 1,
    name: spec.name,
    idList: list.id,
    pos: (inList.length + 1) * 16384,
    desc: spec.desc ?? '',
    due: toIsoOrNull(spec.due),
    dueComplete: spec.dueComplete ?? false,
    idMembers: (spec.members ?? []).map((m) => findMember(state, m)?.id ?? m),
    labels: (spec.labels ?? []).map((l) => ({
      id: nextTrelloId(state, createdAt),
      name: l.name,
      color: l.color ?? null,
    })),
    dateLastActivity:
      spec.dateLastActivity === null ? null : iso(spec.dateLastActivity ?? enteredListAt),
    closed: spec.closed ?? false,
    attachments: [],
  };
  board.cards.push(card);
  for (const a of spec.attachments ?? []) {
    const att = typeof a === 'string' ? { url: a } : a;
    addAttachment(state, card, { url: att.url, name: att.name ?? att.url, at: createdAt });
  }
  const creator = state.trello.members[0]?.id ?? '';
  const firstList = spec.movedAt !== undefined ? otherList(board, list, spec.movedFrom) : list;
  addAction(state, board, {
    type: 'createCard',
    at: createdAt,
    idMemberCreator: creator,
    data: { card: cardRef(card), list: listRef(firstList), board: boardRef(board) },
  });
  if (spec.movedAt !== undefined) {
    addMoveAction(state, board, card, firstList, list, spec.movedAt, creator);
  }
  return card;
}

function otherList(board: TrelloBoard, list: TrelloList, from: string | undefined): TrelloList {
  if (from) return resolveList(board, from);
  return board.lists.find((l) => l.id !== list.id) ?? list;
}

export function addAttachment(
  state: FakeState,
  card: TrelloCard,
  spec: { url: string; name?: string; at?: number },
): TrelloAttachment {
  const att = {
    id: nextTrelloId(state, spec.at ?? state.now),
    url: spec.url,
    name: spec.name ?? spec.url,
  };
  card.attachments.push(att);
  // Trello records the attachment as a board action too (Process Lens reads card links from them).
  const board = state.trello.boards.find((b) => b.cards.includes(card));
  if (board) {
    addAction(state, board, {
      type: 'addAttachmentToCard',
      at: spec.at ?? state.now,
      data: {
        card: cardRef(card),
        attachment: { id: att.id, url: att.url, name: att.name },
        board: boardRef(board),
      },
    });
  }
  return att;
}

export function cardRef(card: TrelloCard) {
  return {
    id: card.id,
    name: card.name,
    idShort: card.idShort,
    shortLink: card.shortLink,
    idList: card.idList,
  };
}

export function listRef(list: TrelloList) {
  return { id: list.id, name: list.name };
}

export function boardRef(board: TrelloBoard) {
  return { id: board.id, name: board.name, shortLink: board.shortLink };
}

export function addAction(
  state: FakeState,
  board: TrelloBoard,
  spec: { type: string; at?: number; idMemberCreator?: string; data: Record<string, unknown> },
): TrelloAction {
  const at = spec.at ?? state.now;
  const action: TrelloAction = {
    id: nextTrelloId(state, at),
    type: spec.type,
    date: iso(at),
    idMemberCreator: spec.idMemberCreator ?? state.trello.members[0]?.id ?? '',
    data: spec.data,
  };
  board.actions.push(action);
  return action;
}

/** Records an `updateCard` move (Trello's `updateCard:idList` filter) from one list to another. */
export function addMoveAction(
  state: FakeState,
  board: TrelloBoard,
  card: TrelloCard,
  from: TrelloList,
  to: TrelloList,
  at: number,
  idMemberCreator?: string,
): TrelloAction {
  return addAction(state, board, {
    type: 'updateCard',
    at,
    ...(idMemberCreator ? { idMemberCreator } : {}),
    data: {
      card: { ...cardRef(card), idList: to.id },
      old: { idList: from.id },
      listBefore: listRef(from),
      listAfter: listRef(to),
      board: boardRef(board),
    },
  });
}

/** Moves a card to another list now (or at `at`), recording the action and the activity date. */
export function moveCard(
  state: FakeState,
  board: TrelloBoard,
  card: TrelloCard,
  toList: string,
  at = state.now,
) {
  const from = resolveList(board, card.idList);
  const to = resolveList(board, toList);
  card.idList = to.id;
  card.dateLastActivity = iso(at);
  return addMoveAction(state, board, card, from, to, at);
}

/** A board with `n` open cards spread over the six process lists (for size tests). */
export function makeBigBoard(
  state: FakeState,
  n: number,
  opts: { name?: string; shortLink?: string; lists?: string[] } = {},
): TrelloBoard {
  const lists = opts.lists ?? [...PROCESS_LISTS];
  const board = addBoard(state, {
    name: opts.name ?? `Big board (${n} cards)`,
    ...(opts.shortLink ? { shortLink: opts.shortLink } : {}),
    lists,
  });
  for (let i = 0; i < n; i++) {
    const list = lists[i % lists.length] as string;
    const createdAt = state.now - ((i % 90) + 1) * DAY;
    addCard(state, board, {
      name: `Card ${i + 1}`,
      list,
      createdAt,
      dateLastActivity: createdAt + DAY,
    });
  }
  return board;
}

/** What `makeWideBoard` builds: how many cards, lists, and findings-to-be. */
export interface WideBoardSpec {
  name?: string;
  /** All open cards (default 5,000). */
  cards?: number;
  /** Lists: the six process lists first, then "Area 1", "Area 2"… (default 40). */
  lists?: number;
  /** Cards in "In progress" for 8 to 40 days: one card.stale-in-progress hint each (default 125). */
  staleInProgress?: number;
  /** Cards in "In progress" moved in this week: no hint (default 25). */
  freshInProgress?: number;
  /** Cards in "Stuck": one card.stuck hint each, every third says what blocks it (default 100). */
  stuck?: number;
  /** Cards in "Done" (default a fifth of all); the rest spread evenly over the other lists. */
  done?: number;
}

/**
 * A big, wide board as large teams have them: many lists beyond the process lists, most cards
 * old and quiet, a few hundred findings (stale "In progress" and "Stuck" cards).
 */
export function makeWideBoard(state: FakeState, spec: WideBoardSpec = {}): TrelloBoard {
  const {
    cards = 5_000,
    lists = 40,
    staleInProgress = 125,
    freshInProgress = 25,
    stuck = 100,
    done = Math.round(cards / 5),
  } = spec;
  const others = Array.from({ length: lists - PROCESS_LISTS.length }, (_, i) => `Area ${i + 1}`);
  const quiet = ['Unsorted', 'Would be nice', 'Need to do', ...others];
  const board = addBoard(state, {
    name: spec.name ?? `Wide board (${cards} cards, ${lists} lists)`,
    lists: [...PROCESS_LISTS, ...others],
    createdAt: state.now - 400 * DAY,
  });
  const listOf = (i: number): string => {
    if (i < staleInProgress + freshInProgress) return 'In progress';
    i -= staleInProgress + freshInProgress;
    if (i < stuck) return 'Stuck';
    i -= stuck;
    if (i < done) return 'Done';
    return quiet[(i - done) % quiet.length] as string;
  };
  for (let i = 0; i < cards; i++) {
    const list = listOf(i);
    const createdAt = state.now - (60 + (i % 300)) * DAY;
    const card: CardSpec = { name: `Card ${i + 1}`, list, createdAt };
    if (list === 'In progress') {
      const days = i < staleInProgress ? 8 + (i % 33) : i % 6;
      card.movedAt = state.now - days * DAY - 3600 * 1000;
      card.movedFrom = 'Need to do';
    } else if (list === 'Stuck') {
      card.movedAt = state.now - (1 + (i % 20)) * DAY;
      card.movedFrom = 'In progress';
      if (i % 3 === 0) card.desc = 'Blocked by: the design review.';
    } else card.dateLastActivity = createdAt + DAY;
    addCard(state, board, card);
  }
  return board;
}

// ---------------------------------------------------------------- GitHub look-ups and builders

export function findRepo(state: FakeState, owner: string, name: string): GhRepo | undefined {
  const o = owner.toLowerCase();
  const n = name.toLowerCase();
  return state.github.repos.find((r) => r.owner.toLowerCase() === o && r.name.toLowerCase() === n);
}

export function findGhUser(state: FakeState, login: string): GhUser | undefined {
  return state.github.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
}

export function addGhUser(
  state: FakeState,
  spec: { login: string; name?: string; token?: string },
): GhUser {
  const user = { login: spec.login, id: nextNumericId(state), name: spec.name ?? spec.login };
  state.github.users.push(user);
  if (spec.token) state.github.tokens[spec.token] = user.login;
  return user;
}

export function addRepo(
  state: FakeState,
  spec: {
    owner: string;
    name: string;
    default_branch?: string;
    fork?: boolean;
    private?: boolean;
    pushedAt?: number;
  },
): GhRepo {
  const repo: GhRepo = {
    id: nextNumericId(state),
    owner: spec.owner,
    name: spec.name,
    default_branch: spec.default_branch ?? 'master',
    fork: spec.fork ?? false,
    private: spec.private ?? false,
    pulls: [],
    issues: [],
    ...(spec.pushedAt !== undefined ? { pushed_at: iso(spec.pushedAt) } : {}),
  };
  state.github.repos.push(repo);
  return repo;
}

function nextNumber(repo: GhRepo): number {
  const all = [...repo.pulls.map((p) => p.number), ...repo.issues.map((i) => i.number)];
  return all.length ? Math.max(...all) + 1 : 1;
}

export function makeComments(
  state: FakeState,
  specs: { user: string; body: string; at?: number }[],
): GhComment[] {
  return specs.map((c) => {
    const at = iso(c.at ?? state.now);
    return {
      id: nextNumericId(state),
      user: { login: c.user },
      body: c.body,
      created_at: at,
      updated_at: at,
    };
  });
}

export interface PullSpec {
  number?: number;
  title: string;
  body?: string;
  user: string;
  /** Head repository "owner/name"; default: the base repo (a branch of the org repo). */
  headRepo?: string;
  headRef: string;
  /** Whether the head repo is a fork; default: headRepo differs from the base repo. */
  headFork?: boolean;
  headDefaultBranch?: string;
  baseRef?: string;
  state?: 'open' | 'closed';
  draft?: boolean;
  merged?: boolean;
  labels?: string[];
  comments?: { user: string; body: string; at?: number }[];
  reviews?: { user: string; state: GhReviewState; body?: string; at?: number }[];
  createdAt?: number;
}

export function addPull(state: FakeState, repo: GhRepo, spec: PullSpec): GhPull {
  const full = `${repo.owner}/${repo.name}`;
  const headRepo = spec.headRepo ?? full;
  const created = iso(spec.createdAt ?? state.now - 2 * DAY);
  state.seq += 1;
  const pull: GhPull = {
    number: spec.number ?? nextNumber(repo),
    title: spec.title,
    body: spec.body ?? '',
    user: { login: spec.user },
    state: spec.state ?? 'open',
    draft: spec.draft ?? false,
    merged: spec.merged ?? false,
    labels: (spec.labels ?? []).map((name) => ({ name, color: 'ededed' })),
    comments: makeComments(state, spec.comments ?? []),
    head: {
      ref: spec.headRef,
      sha: state.seq.toString(16).padStart(40, '0'),
      repo: {
        full_name: headRepo,
        fork: spec.headFork ?? headRepo.toLowerCase() !== full.toLowerCase(),
        default_branch: spec.headDefaultBranch ?? repo.default_branch,
      },
    },
    base: { ref: spec.baseRef ?? repo.default_branch, repo: { full_name: full } },
    reviews: (spec.reviews ?? []).map((r) => ({
      id: nextNumericId(state),
      user: { login: r.user },
      state: r.state,
      body: r.body ?? '',
      submitted_at: iso(r.at ?? state.now - DAY),
    })),
    created_at: created,
    updated_at: created,
  };
  repo.pulls.push(pull);
  return pull;
}

export interface IssueSpec {
  number?: number;
  title: string;
  body?: string;
  user: string;
  state?: 'open' | 'closed';
  labels?: string[];
  comments?: { user: string; body: string; at?: number }[];
  assignees?: string[];
  createdAt?: number;
}

export function addIssue(state: FakeState, repo: GhRepo, spec: IssueSpec): GhIssue {
  const created = iso(spec.createdAt ?? state.now - 5 * DAY);
  const issue: GhIssue = {
    number: spec.number ?? nextNumber(repo),
    title: spec.title,
    body: spec.body ?? '',
    user: { login: spec.user },
    state: spec.state ?? 'open',
    labels: (spec.labels ?? []).map((name) => ({ name, color: 'c5def5' })),
    comments: makeComments(state, spec.comments ?? []),
    assignees: (spec.assignees ?? []).map((login) => ({ login })),
    created_at: created,
    updated_at: created,
  };
  repo.issues.push(issue);
  return issue;
}

/**
 * Open pull requests on `repo` until it has `total` (a long PR list page): mixed review states,
 * from branches and forks, numbered after everything the repository has.
 */
export function addOpenPulls(state: FakeState, repo: GhRepo, total: number): GhPull[] {
  const authors = ['alice', 'bob', 'carol'];
  const added: GhPull[] = [];
  for (let i = repo.pulls.filter((p) => p.state === 'open').length; i < total; i++) {
    const user = authors[i % 3] as string;
    const reviewer = authors[(i + 1) % 3] as string;
    const reviews: PullSpec['reviews'] =
      i % 4 === 0
        ? []
        : [
            {
              user: reviewer,
              state: i % 4 === 1 ? 'APPROVED' : i % 4 === 2 ? 'CHANGES_REQUESTED' : 'COMMENTED',
            },
          ];
    added.push(
      addPull(state, repo, {
        title: `Change ${i + 1}: ${['fix', 'add', 'tidy', 'speed up'][i % 4]} ${['sign-up', 'search', 'badges', 'mail'][i % 4]}`,
        body: `Part ${i + 1} of the plan.`,
        user,
        ...(i % 2 ? { headRepo: `${user}/${repo.name}` } : {}),
        headRef: `change-${i + 1}`,
        reviews,
        createdAt: state.now - ((i % 20) + 1) * DAY,
      }),
    );
  }
  return added;
}

// ---------------------------------------------------------------- the offline demo workspace

export const DEMO = {
  trelloToken: 'demo-trello-token',
  trelloKey: 'demo-key',
  githubToken: 'demo-github-token',
  githubLogin: 'demo-dev',
  pipeline: 'PiPeLiNe',
  lernanta: 'LeRnAnTa',
  mooc: 'MeChMoOc',
  untidy: 'UnTiDyLs',
  /** Lists under their own English names ("To Do", "Doing", "Blocked"): filled by synonyms. */
  synonyms: 'ToDoDoin',
  /** A Spanish board: no list is known until the team maps them. */
  spanish: 'TaReAsEs',
  repo: 'p2pu/lernanta',
} as const;

/**
 * The extension configuration the demo starts with: both services connected, the pipeline, every
 * demo board watched, the repository mapped to Lernanta (see docs/architecture.md, "Contracts").
 */
export function demoStorage(): Record<string, unknown> {
  return {
    settings: {
      version: 1,
      trello: {
        apiKey: DEMO.trelloKey,
        pipelineBoard: DEMO.pipeline,
        boards: [DEMO.lernanta, DEMO.mooc, DEMO.untidy],
      },
      github: { repos: [DEMO.repo], boardForRepo: { [DEMO.repo]: DEMO.lernanta } },
      process: { devListAddress: 'dev@lists.p2pu.org' },
    },
    secrets: { trelloToken: DEMO.trelloToken, githubToken: DEMO.githubToken },
  };
}

/**
 * A sample process history for the demo (not the tests): the counts going into the last 8 weekly
 * calls, so the popup's chart has weeks to show. Sample data, stored as the extension stores it.
 */
export function demoHistory(now: number): Record<string, unknown> {
  const problems = [11, 12, 9, 10, 8, 8, 6, 7];
  // The last 8 calls, each found as the call before the one after it (on the call's clock).
  const calls = [previousCall(now, defaultSettings().process.techCall)];
  while (calls.length < problems.length)
    calls.unshift(previousCall((calls[0] as number) - 1, defaultSettings().process.techCall));
  return {
    processHistory: problems.map((n, i) => ({
      callAt: calls[i] as number,
      counts: {
        'pr.reviews': Math.ceil(n / 3),
        'card.stuck': Math.floor(n / 3),
        'pr.no-card': n - Math.ceil(n / 3) - Math.floor(n / 3),
      },
      problems: n,
    })),
  };
}

/** The demo workspace. Ids are deterministic; dates are relative to `now`. */
export function createDemoState(opts: { now?: number } = {}): FakeState {
  const now = opts.now ?? Date.now();
  const state = emptyState(now);
  const demo = addMember(state, {
    username: 'demo',
    fullName: 'Demo Developer',
    token: DEMO.trelloToken,
  });
  state.trello.sessionMember = demo.id;
  state.trello.apiKey = DEMO.trelloKey;
  addMember(state, { username: 'alice', fullName: 'Alice Example' });
  addMember(state, { username: 'bob', fullName: 'Bob Example' });

  addPipelineBoard(state, now);
  addLernantaBoard(state, now);
  addMoocBoard(state, now);
  addBoard(state, {
    name: 'Badges (untidy list names)',
    shortLink: DEMO.untidy,
    lists: ['  unsorted', 'Would Be Nice ', 'need to do', 'STUCK', '  in progress ', 'DONE'],
    cards: [
      { name: 'Badge for first course', list: '  in progress ', movedAt: now - 2 * DAY },
      { name: 'Badge images', list: 'DONE' },
    ],
  });

  addListRolesBoards(state, now);
  addGitHubDemo(state, now);
  return state;
}

/** Boards whose lists fill the process roles under other names (docs/architecture.md, "List roles"). */
function addListRolesBoards(state: FakeState, now: number): void {
  addBoard(state, {
    name: 'Website (our own list names)',
    shortLink: DEMO.synonyms,
    lists: ['Unsorted', 'Would be nice', 'To Do', 'Blocked', 'Doing', 'Done'],
    cards: [
      { name: 'New footer', list: 'To Do' },
      { name: 'Waiting for the logo', list: 'Blocked', movedAt: now - 2 * DAY },
      { name: 'Blog migration', list: 'Doing', movedAt: now - 12 * DAY },
      { name: 'Contact form', list: 'Doing', movedAt: now - DAY },
    ],
  });
  addBoard(state, {
    name: 'Tareas',
    shortLink: DEMO.spanish,
    lists: ['COSAS POR HACER', 'HACIENDO', 'BLOQUEO', 'Finalizado'],
    cards: [
      { name: 'Traducir la guía', list: 'COSAS POR HACER' },
      { name: 'Migrar el servidor', list: 'HACIENDO', movedAt: now - 10 * DAY },
      { name: 'Esperando al proveedor', list: 'BLOQUEO', movedAt: now - 3 * DAY },
      { name: 'Portada nueva', list: 'Finalizado' },
    ],
  });
}

function addPipelineBoard(state: FakeState, now: number): void {
  addBoard(state, {
    name: 'Project Pipeline',
    shortLink: DEMO.pipeline,
    lists: ['Ideas', 'Upcoming', 'In progress', 'Done'],
    cards: [
      {
        name: 'Lernanta',
        list: 'In progress',
        desc: 'Rewrite of the learning platform.\n\nBoard: https://trello.com/b/LeRnAnTa/lernanta',
        due: now + 21 * DAY,
        members: ['demo'],
        dateLastActivity: now - 3 * DAY,
      },
      {
        name: 'Mechanical MOOC',
        list: 'In progress',
        desc: 'Self-organising email course.',
        attachments: [
          { url: 'https://trello.com/b/MeChMoOc/mechanical-mooc', name: 'Mechanical MOOC' },
        ],
        due: now - 4 * DAY,
        dateLastActivity: now - 10 * DAY,
      },
      {
        name: 'Badges',
        list: 'Upcoming',
        desc: 'Open badges for course completion.',
        dateLastActivity: now - 5 * DAY,
      },
      {
        name: 'Course search rewrite',
        list: 'Ideas',
        desc: 'Replace the search backend.',
        due: now + 20 * 7 * DAY,
        dateLastActivity: now - 60 * DAY,
      },
      {
        name: 'Website relaunch',
        list: 'Done',
        due: now - 40 * DAY,
        dueComplete: true,
        dateLastActivity: now - 39 * DAY,
      },
    ],
  });
}

function addLernantaBoard(state: FakeState, now: number): void {
  addBoard(state, {
    name: 'Lernanta',
    shortLink: DEMO.lernanta,
    // "Would be nice" and "Stuck" are missing on purpose (board.missing-lists).
    lists: ['Unsorted', 'Need to do', 'In progress', 'Done'],
    cards: [
      { name: 'Spam accounts in sign-up', list: 'Unsorted', createdAt: now - 3 * DAY },
      {
        name: 'Profile badges',
        list: 'In progress',
        movedAt: now - 2 * DAY,
        members: ['alice'],
        attachments: ['https://github.com/p2pu/lernanta/pull/41'],
      },
      {
        name: 'Migrate to Django 1.4',
        list: 'In progress',
        movedAt: now - 12 * DAY,
        dateLastActivity: now - 1 * DAY,
        members: ['demo'],
      },
      {
        name: 'Course page is slow',
        list: 'Need to do',
        labels: [{ name: 'performance', color: 'orange' }],
      },
      { name: 'Translate the dashboard', list: 'Need to do' },
      { name: 'Test <img src=0 onerror=alert(1)> Test', list: 'Need to do' },
      { name: 'Email notifications', list: 'Done', dateLastActivity: now - 20 * DAY },
      { name: 'Login with OpenID', list: 'Done', dateLastActivity: now - 45 * DAY },
    ],
  });
}

function addMoocBoard(state: FakeState, now: number): void {
  addBoard(state, {
    name: 'Mechanical MOOC',
    shortLink: DEMO.mooc,
    lists: [...PROCESS_LISTS],
    cards: [
      { name: 'Mailing list digest', list: 'Would be nice' },
      { name: 'Signup form', list: 'Need to do' },
      { name: 'Mail server blocked', list: 'Stuck', movedAt: now - 4 * DAY },
      {
        name: 'Weekly schedule',
        list: 'Stuck',
        movedAt: now - 6 * DAY,
        desc: 'Blocked by: waiting for the course team to confirm dates.',
      },
      {
        name: 'Group matching',
        list: 'In progress',
        movedAt: now - 9 * DAY,
        dateLastActivity: now - 9 * DAY,
      },
      { name: 'Landing page', list: 'Done' },
    ],
  });
}

function addGitHubDemo(state: FakeState, now: number): void {
  addGhUser(state, { login: DEMO.githubLogin, name: 'Demo Developer', token: DEMO.githubToken });
  addGhUser(state, { login: 'alice', name: 'Alice Example' });
  addGhUser(state, { login: 'bob', name: 'Bob Example' });
  addGhUser(state, { login: 'carol', name: 'Carol Example' });
  state.github.sessionLogin = DEMO.githubLogin;
  const repo = addRepo(state, { owner: 'p2pu', name: 'lernanta', default_branch: 'master' });
  const badgesCard = findBoard(state, DEMO.lernanta)?.cards.find(
    (c) => c.name === 'Profile badges',
  );
  // The team's shared Process Lens settings, in the org's .github repository.
  addRepo(state, { owner: 'p2pu', name: '.github' }).files = {
    'process-lens.json': JSON.stringify(
      {
        version: 1,
        trello: { pipelineBoard: DEMO.pipeline, boards: [DEMO.lernanta, DEMO.mooc] },
        process: { staleInProgressDays: 7 },
      },
      null,
      2,
    ),
  };
  // The demo developer's fork, last pushed 30 hours ago (push.overdue after 24 h).
  addRepo(state, {
    owner: DEMO.githubLogin,
    name: 'lernanta',
    fork: true,
    pushedAt: now - 30 * 3600 * 1000,
  });
  const badgesPull = addPull(state, repo, {
    number: 41,
    title: 'Add badges to the profile page',
    body: `Shows earned badges on the profile.\n\nTrello: ${badgesCard ? cardUrl(badgesCard) : ''}`,
    user: 'alice',
    headRepo: 'alice/lernanta',
    headRef: 'feature/profile-badges',
    reviews: [{ user: 'bob', state: 'APPROVED', at: now - DAY }],
    createdAt: now - 3 * DAY,
  });
  badgesPull.requested_reviewers = [DEMO.githubLogin];
  addPull(state, repo, {
    number: 42,
    title: 'Fix typo in the sign-up form',
    body: 'Small fix.',
    user: DEMO.githubLogin,
    headRef: 'fix-signup-typo',
    reviews: [{ user: 'carol', state: 'COMMENTED', body: 'Looks fine, but please use a fork.' }],
    createdAt: now - DAY,
  });
  addIssue(state, repo, {
    number: 43,
    title: 'Typo on the about page',
    body: '"Lerning" should be "Learning".',
    user: 'bob',
    createdAt: now - 2 * DAY,
  });
  addIssue(state, repo, {
    number: 44,
    title: 'Redesign the course creation flow',
    body: longIssueBody(),
    user: 'carol',
    labels: ['discussion', 'ux'],
    comments: Array.from({ length: 12 }, (_, i) => ({
      user: ['alice', 'bob', 'carol', DEMO.githubLogin][i % 4] as string,
      body: `Thoughts on step ${i + 1}: we should keep the wizard short and explain each field.`,
      at: now - (12 - i) * 3600 * 1000,
    })),
    createdAt: now - 6 * DAY,
  });
}

function longIssueBody(): string {
  const para =
    'Creating a course takes too many steps today. Organisers get lost between the overview, ' +
    'the signup settings and the task pages, and several of them asked for a guided flow.';
  return [
    para,
    para,
    '## Proposal',
    '- [ ] Merge the overview and signup steps',
    '- [ ] Add a preview before publishing',
    '- [ ] Move the advanced settings to a separate page',
    '- [ ] Write help texts for every field',
    para,
  ].join('\n\n');
}
