/**
 * What pages read from Trello through the background: board snapshots (the token path, cached
 * 30 s), the ones content scripts read with the signed-in session, and the move dialog's boards
 * and lists.
 */
import type { MessageOf, ResponseMap } from '../messages';
import { listRoles, mappingsFor } from '../process/list-roles';
import { linkedBoards } from '../process/rules/pipeline-links';
import { fail, ok } from '../result';
import type { Services } from './services';
import { SNAPSHOT_TTL_MS } from './snapshot-cache';

export function boardSnapshot(
  services: Services,
  { board, attachments = false, fresh = false }: MessageOf<'board.snapshot'>,
): Promise<ResponseMap['board.snapshot']> {
  return services.readBoard(board, { attachments, fresh });
}

/** The signed-in session's read of the board, while it is fresh (null: none). */
export async function sessionBoard(
  services: Services,
  { board, attachments = false }: MessageOf<'board.cached'>,
): Promise<ResponseMap['board.cached']> {
  return ok((await services.snapshots.get(board, attachments, 'session')) ?? null);
}

/** Keeps a content script's session read for other tabs and reloads. */
export async function rememberSessionBoard(
  services: Services,
  { snapshot, attachments = false, part }: MessageOf<'board.remember'>,
): Promise<ResponseMap['board.remember']> {
  const age = services.now() - snapshot.fetchedAt;
  // Only a fresh read is worth keeping (and a clock in the future is not one).
  if (age < -5_000 || age >= SNAPSHOT_TTL_MS) return ok(null);
  if (part && part.count > 1) await services.snapshots.putPart(attachments, snapshot, part);
  else await services.snapshots.put(snapshot.shortLink, attachments, snapshot);
  return ok(null);
}

/** The boards the pipeline's cards link to, the pipeline itself left out. */
export async function pipelineBoards(
  services: Services,
): Promise<ResponseMap['trello.pipelineBoards']> {
  const { settings, client } = await services.trello();
  const pipeline = settings.trello.pipelineBoard;
  if (!pipeline) return fail('not-found', 'Choose the Project Pipeline board first.');
  const snapshot = await services.readBoard(pipeline, { attachments: true, client });
  if (!snapshot.ok) return snapshot;
  const linked = new Set(snapshot.value.cards.flatMap((card) => [...linkedBoards(card)]));
  return ok([...linked].filter((board) => board !== pipeline));
}

/** The token user's boards, for the move dialog's chooser. */
export async function myBoards(services: Services): Promise<ResponseMap['trello.boards']> {
  const boards = await (await services.trello()).client.myBoards();
  return boards.ok ? ok(boards.value.map(({ name, shortLink }) => ({ name, shortLink }))) : boards;
}

/** A board's open lists in board order, with the role each fills, for the move dialog's chooser. */
export async function openLists(
  services: Services,
  { board }: MessageOf<'trello.lists'>,
): Promise<ResponseMap['trello.lists']> {
  const { client, settings } = await services.trello();
  const lists = await client.openLists(board);
  if (!lists.ok) return lists;
  const roles = listRoles(lists.value, mappingsFor(settings, board));
  const roleOf = new Map(roles.fills.map((fill) => [fill.list.id, fill.role]));
  return ok(
    [...lists.value]
      .sort((a, b) => a.pos - b.pos)
      .map(({ id, name }) => {
        const role = roleOf.get(id);
        return role ? { id, name, role } : { id, name };
      }),
  );
}
