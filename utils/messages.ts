/**
 * The one typed message protocol between content scripts, extension pages and the background.
 * Content scripts send IDs only; the background maps each type to fixed API calls
 * (docs/architecture.md, "Messages"). Every payload is schema-checked on arrival.
 */
import * as v from 'valibot';
import type { MoveStart } from './background/moves';
import type { StatusSummary } from './background/summary';
import type { IssueSnapshot, PullSnapshot, PullStatus } from './github/snapshot';
import type { MoveJob } from './jobs/move-job';
import type { ListRole } from './process/list-roles';
import { PROCESS_LISTS, type Settings } from './process/settings';
import type { AppError, Result } from './result';
import type { BoardViewData } from './trello/board-view';
import { type BoardSnapshot, SessionSnapshotSchema } from './trello/snapshot';

const shortLink = v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{8}$/));
const owner = v.pipe(v.string(), v.regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/));
const repo = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9._-]{1,100}$/),
  v.check((name) => name !== '.' && name !== '..'),
);
const number = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1e9));
const trelloId = v.pipe(v.string(), v.regex(/^[0-9a-f]{24}$/));
/** An Undo token: the id of the write's journal entry (a random UUID). */
const undoId = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
);
const login = v.pipe(v.string(), v.regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/));

/** Messages a trello.com / github.com top-frame content script may send. */
export const ContentMessageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('settings.get') }),
  // The page on screen can have hints: the background adds the site's hints script to the tab.
  v.strictObject({ type: v.literal('page.hints') }),
  // The background could not read the board on screen: it adds the page's own board read (trello.com).
  v.strictObject({ type: v.literal('page.boardRead') }),
  // A board's page is loading: the background starts reading the board (held until `board.view`).
  v.strictObject({ type: v.literal('board.prefetch'), board: shortLink }),
  // The board's hints, made in the background off the page's thread: its own session read (or the
  // token path) and the rules. `mayRetry`: after a 429 it may read again by itself.
  v.strictObject({
    type: v.literal('board.view'),
    board: shortLink,
    fresh: v.optional(v.boolean()),
    mayRetry: v.optional(v.boolean()),
  }),
  v.strictObject({
    type: v.literal('board.snapshot'),
    board: shortLink,
    attachments: v.optional(v.boolean()),
    fresh: v.optional(v.boolean()),
  }),
  // The signed-in session's reads, kept by the background for 30 s: reloads and other tabs reuse them.
  v.strictObject({
    type: v.literal('board.cached'),
    board: shortLink,
    attachments: v.optional(v.boolean()),
  }),
  v.strictObject({
    type: v.literal('board.remember'),
    snapshot: SessionSnapshotSchema,
    attachments: v.optional(v.boolean()),
    // A big board comes in parts (`splitSnapshot`), each a snapshot with some of the cards.
    part: v.optional(
      v.pipe(
        v.strictObject({
          index: v.pipe(v.number(), v.integer(), v.minValue(0)),
          count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000)),
        }),
        v.check(({ index, count }) => index < count),
      ),
    ),
  }),
  // One-click fixes: the background re-reads the board and decides what to write.
  v.strictObject({ type: v.literal('board.addMissingLists'), board: shortLink }),
  v.strictObject({ type: v.literal('pipeline.markReviewed'), board: shortLink }),
  // Lists by role (docs/architecture.md, "List roles"): give a list its process name, or save
  // which process role a list fills (keeping its name, or for a board in another language).
  v.strictObject({ type: v.literal('board.renameList'), board: shortLink, list: trelloId }),
  v.strictObject({
    type: v.literal('board.mapList'),
    board: shortLink,
    list: trelloId,
    role: v.picklist(PROCESS_LISTS),
  }),
  // Opens the options page; with a board, prefilled as the pipeline for the user to save.
  v.strictObject({ type: v.literal('options.open'), pipelineBoard: v.optional(shortLink) }),
  v.strictObject({ type: v.literal('github.pull'), owner, repo, number }),
  v.strictObject({ type: v.literal('github.issue'), owner, repo, number }),
  // Review status of several pull requests (a PR list, a board's cards): at most 50 at once.
  v.strictObject({
    type: v.literal('github.pullStatuses'),
    pulls: v.pipe(v.array(v.strictObject({ owner, repo, number })), v.maxLength(50)),
  }),
  // A write: the page's signed-in user must be the token's user.
  v.strictObject({
    type: v.literal('github.createCardForPull'),
    owner,
    repo,
    number,
    pageUser: v.optional(login),
  }),
  // Moving an issue to a card: the chooser's data, then the durable job.
  v.strictObject({ type: v.literal('trello.boards') }),
  v.strictObject({ type: v.literal('trello.lists'), board: shortLink }),
  v.strictObject({
    type: v.literal('move.start'),
    owner,
    repo,
    number,
    board: shortLink,
    list: trelloId,
    close: v.boolean(),
    linkCard: v.optional(shortLink),
    pageUser: v.optional(login),
  }),
  // The board the move dialog proposes: the repo's board from settings, else the pipeline's.
  v.strictObject({ type: v.literal('move.defaultBoard'), owner, repo }),
  v.strictObject({ type: v.literal('move.status'), owner, repo, number }),
  v.strictObject({ type: v.literal('move.retry'), owner, repo, number }),
  // Takes back the write that just finished (its answer's `undo` token): the background re-checks.
  v.strictObject({ type: v.literal('undo.take'), id: undoId }),
]);

/** Messages only extension pages (options, popup) may send. */
export const PageMessageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('status.summary') }),
  v.strictObject({ type: v.literal('trello.pipelineBoards') }),
  v.strictObject({ type: v.literal('github.teamSettings'), owner, repo }),
  v.strictObject({
    type: v.literal('connection.test'),
    service: v.picklist(['trello', 'github']),
  }),
]);

export type ContentMessage = v.InferOutput<typeof ContentMessageSchema>;
export type PageMessage = v.InferOutput<typeof PageMessageSchema>;
export type Message = ContentMessage | PageMessage;
/** The message of one type, e.g. `MessageOf<'move.start'>`. */
export type MessageOf<K extends Message['type']> = Extract<Message, { type: K }>;

export interface ConnectionIdentity {
  service: 'trello' | 'github';
  /** "Demo Developer (@demo)". */
  who: string;
}

export interface ResponseMap {
  'settings.get': Result<Settings>;
  'page.hints': Result<null>;
  'page.boardRead': Result<null>;
  'board.prefetch': Result<null>;
  'board.view': Result<BoardViewData>;
  'board.snapshot': Result<BoardSnapshot>;
  'board.cached': Result<BoardSnapshot | null>;
  'board.remember': Result<null>;
  /** `undo`: the token for `undo.take`, when lists were added. */
  'board.addMissingLists': Result<{ created: string[]; undo?: string }>;
  'pipeline.markReviewed': Result<{ reviewedAt: number; alreadyRecorded: boolean }>;
  /** `renamed: false`: the list already had its process name (a second click). */
  'board.renameList': Result<{ from: string; to: string; renamed: boolean }>;
  /** `changed: false`: the settings already said so. */
  'board.mapList': Result<{ name: string; role: ListRole; changed: boolean }>;
  'options.open': Result<null>;
  'connection.test': Result<ConnectionIdentity>;
  'github.pull': Result<PullSnapshot>;
  'github.issue': Result<IssueSnapshot>;
  /** One answer per pull request asked, in the same order. */
  'github.pullStatuses': Result<Result<PullStatus>[]>;
  /** `undo`: the token for `undo.take`, when this click made the card or its comment. */
  'github.createCardForPull': Result<{ shortLink: string; undo?: string }>;
  /** `taken: false`: nothing was written (taken back already, or too late), `message` says which. */
  'undo.take': Result<{ taken: boolean; message: string }>;
  'trello.boards': Result<{ name: string; shortLink: string }[]>;
  /** With the process role each list fills (docs/architecture.md, "List roles"). */
  'trello.lists': Result<{ id: string; name: string; role?: ListRole }[]>;
  /** The job, or the card the issue is already on. */
  'move.start': Result<MoveStart>;
  /** Where the proposed board comes from; null: none known, the user chooses. */
  'move.defaultBoard': Result<{ board: string; from: 'settings' | 'pipeline' } | null>;
  'move.status': Result<MoveJob | null>;
  'move.retry': Result<MoveJob | null>;
  'status.summary': Result<StatusSummary>;
  /** The boards the pipeline's cards link to (to watch them all). */
  'trello.pipelineBoards': Result<string[]>;
  /** A team's shared settings file, parsed but not yet validated (the options page does that). */
  'github.teamSettings': Result<{ path: string; settings: unknown }>;
}

export type ResponseFor<M extends Message> = ResponseMap[M['type']];

/** The answer to anything that fails validation: a Result error, same shape as every answer. */
export function errorResponse(error: AppError): Result<never> {
  return { ok: false, error };
}
