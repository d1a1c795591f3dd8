/**
 * The one-click fixes on Trello. Each re-reads what it depends on right before writing (never a
 * cached snapshot), so a double click, a second tab or a retry after a failure writes nothing twice.
 * Concurrent calls for the same board join the one already running.
 */
import type { MessageOf, ResponseMap } from '../messages';
import { formatDayIn } from '../process/call-schedule';
import {
  type ListRole,
  listRoles,
  mappingsFor,
  positionsForMissing,
  withListRole,
} from '../process/list-roles';
import {
  isReviewCard,
  REVIEW_CARD_DESC,
  REVIEW_CARD_NAME,
  reviewComment,
} from '../process/pipeline-review';
import { type Settings, validateSettings } from '../process/settings';
import { fail, ok, type Result } from '../result';
import { loadSettings, saveSettings } from '../storage';
import type { TrelloClient } from '../trello/client';
import type { Services } from './services';
import { recordUndo } from './undo';

const running = new Map<string, Promise<Result<unknown>>>();

/** Runs `work` once per key at a time; callers arriving meanwhile get the same answer. */
export function joined<T>(key: string, work: () => Promise<Result<T>>): Promise<Result<T>> {
  const current = running.get(key) as Promise<Result<T>> | undefined;
  if (current) return current;
  const started = work().finally(() => running.delete(key));
  running.set(key, started);
  return started;
}

/** The names of the lists added, and their ids (what Undo archives). */
export interface AddedLists {
  created: string[];
  ids: string[];
}

export function addMissingLists(client: TrelloClient, board: string, settings: Settings) {
  return joined(`lists:${board}`, async (): Promise<Result<AddedLists>> => {
    const lists = await client.openLists(board);
    if (!lists.ok) return lists;
    const missing = positionsForMissing(
      settings.process.lists,
      lists.value,
      mappingsFor(settings, board),
    );
    if (missing.length === 0) return ok({ created: [], ids: [] });
    const idBoard = await client.boardId(board);
    if (!idBoard.ok) return idBoard;
    const created: string[] = [];
    const ids: string[] = [];
    // One at a time, in process order: a failure leaves the ones before it, and a retry
    // (which re-reads the lists) creates only the rest.
    for (const { name, pos } of missing) {
      const result = await client.createList(idBoard.value, name, pos);
      if (!result.ok) return result;
      created.push(name);
      ids.push(result.value.id);
    }
    return ok({ created, ids });
  });
}

/**
 * "Rename" on the missing-lists hint: the list that fills a role under a synonym ("To Do") takes
 * the role's name. Decided on the lists as they are now: a list that already has it is left alone.
 */
export function renameListToRole(
  client: TrelloClient,
  board: string,
  list: string,
  settings: Settings,
) {
  return joined(
    `rename:${board}:${list}`,
    async (): Promise<Result<{ from: string; to: string; renamed: boolean }>> => {
      const lists = await client.openLists(board);
      if (!lists.ok) return lists;
      const target = lists.value.find((l) => l.id === list);
      if (!target) return fail('not-found', 'That list is no longer open on this board.');
      const fill = listRoles(lists.value, mappingsFor(settings, board)).fills.find(
        (f) => f.list.id === list,
      );
      if (fill?.by === 'name') return ok({ from: target.name, to: fill.role, renamed: false });
      if (fill?.by !== 'synonym')
        return fail(
          'not-found',
          `“${target.name}” no longer looks like a process list: nothing to rename.`,
        );
      const renamed = await client.renameList(list, fill.role);
      if (!renamed.ok) return renamed;
      return ok({ from: target.name, to: fill.role, renamed: true });
    },
  );
}

export function markPipelineReviewed(
  client: TrelloClient,
  board: string,
  who: string,
  now: number,
  day: string,
) {
  return joined(
    `review:${board}`,
    async (): Promise<Result<{ reviewedAt: number; alreadyRecorded: boolean }>> => {
      const cards = await client.openCards(board);
      if (!cards.ok) return cards;
      let card = cards.value.find(isReviewCard);
      if (!card) {
        const lists = await client.openLists(board);
        if (!lists.ok) return lists;
        const first = [...lists.value].sort((a, b) => a.pos - b.pos)[0];
        if (!first)
          return fail(
            'not-found',
            'The pipeline board has no open list to put the review card in.',
          );
        const createdCard = await client.createCard(first.id, REVIEW_CARD_NAME, REVIEW_CARD_DESC);
        if (!createdCard.ok) return createdCard;
        card = createdCard.value;
      }
      const text = reviewComment(day, who);
      const comments = await client.recentComments(card.id);
      if (!comments.ok) return comments;
      const existing = comments.value.find((comment) => comment.data.text === text);
      if (existing) return ok({ reviewedAt: Date.parse(existing.date), alreadyRecorded: true });
      const posted = await client.addComment(card.id, text);
      if (!posted.ok) return posted;
      return ok({ reviewedAt: now, alreadyRecorded: false });
    },
  );
}

/** "Add the missing lists" on a board; its cached reads are stale afterwards. */
export async function fixMissingLists(
  services: Services,
  { board }: MessageOf<'board.addMissingLists'>,
): Promise<ResponseMap['board.addMissingLists']> {
  const { client, settings } = await services.trello();
  const result = await addMissingLists(client, board, settings);
  await services.snapshots.forget(board);
  if (!result.ok) return result;
  const { created, ids } = result.value;
  if (ids.length === 0) return ok({ created });
  const lists = ids.map((id, i) => ({ id, name: created[i] ?? '' }));
  const undo = await recordUndo(services, { board, lists });
  return ok({ created, undo });
}

/** "Rename" on the missing-lists hint; the board's cached reads are stale afterwards. */
export async function renameList(
  services: Services,
  { board, list }: MessageOf<'board.renameList'>,
): Promise<ResponseMap['board.renameList']> {
  const { client, settings } = await services.trello();
  const result = await renameListToRole(client, board, list, settings);
  await services.snapshots.forget(board);
  return result;
}

/** Settings writes one after the other: each reads what the one before saved. */
let settingsWrites: Promise<unknown> = Promise.resolve();

/**
 * "Keep the name" and "Which list is your …?": the team's mapping of this list to this role,
 * saved in the settings (`trello.listRoles`), where the options page shows it and can remove it.
 * The list is checked against the board as it is now; saving the same mapping twice changes nothing.
 */
export function saveListRole(
  services: Services,
  { board, list, role }: MessageOf<'board.mapList'>,
): Promise<ResponseMap['board.mapList']> {
  const write = settingsWrites.then(async () => {
    const { client } = await services.trello();
    const lists = await client.openLists(board);
    if (!lists.ok) return lists;
    const target = lists.value.find((l) => l.id === list);
    if (!target) return fail('not-found', 'That list is no longer open on this board.');
    return recordListRole(board, target, role);
  });
  settingsWrites = write.catch(() => {});
  return write;
}

async function recordListRole(
  board: string,
  list: { id: string; name: string },
  role: ListRole,
): Promise<ResponseMap['board.mapList']> {
  const { settings } = await loadSettings();
  const listRoles = withListRole(settings, board, list, role);
  if (!listRoles) return ok({ name: list.name, role, changed: false });
  const checked = validateSettings({ ...settings, trello: { ...settings.trello, listRoles } });
  if (!checked.ok)
    return fail('internal', `The mapping cannot be saved: ${checked.issues[0]?.message ?? ''}`);
  await saveSettings(checked.settings);
  return ok({ name: list.name, role, changed: true });
}

/** "Mark reviewed" on the pipeline: today's review comment, by the token's user. */
export async function recordPipelineReview(
  services: Services,
  { board }: MessageOf<'pipeline.markReviewed'>,
): Promise<ResponseMap['pipeline.markReviewed']> {
  const { client, settings } = await services.trello();
  const me = await client.me();
  if (!me.ok) return me;
  const now = services.now();
  const day = formatDayIn(now, settings.process.techCall.timeZone);
  const result = await markPipelineReviewed(client, board, me.value.username, now, day);
  await services.snapshots.forget(board);
  return result;
}
